//! Shared by the `actix*` tests and `rejections.rs` (each includes it as `mod support`): an
//! actix-web server on an ephemeral port of 127.0.0.1, a client for it, and what a response
//! says as far as the contract goes.

#![allow(dead_code, reason = "each test file uses a part of it")]

use std::net::SocketAddr;

use actix_web::dev::ServerHandle;
use actix_web::web::ServiceConfig;
use actix_web::{App, HttpServer};
use error_contract::ApiError;

/// An actix-web server on an ephemeral port of 127.0.0.1, and a client for it.
pub struct Server {
    pub address: SocketAddr,
    pub client: reqwest::Client,
    pub handle: ServerHandle,
}

/// Serves `App::new().configure(routes)` with one worker.
///
/// If a test panics before [`Server::stop`], dropping the runtime drops the server, which
/// stops its acceptor and worker.
pub fn serve(routes: fn(&mut ServiceConfig)) -> Server {
    let server = HttpServer::new(move || App::new().configure(routes))
        .workers(1)
        .disable_signals()
        .shutdown_timeout(1)
        .bind(("127.0.0.1", 0))
        .expect("bind an ephemeral port on 127.0.0.1");
    let address = server.addrs()[0];
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    Server {
        address,
        client: reqwest::Client::new(),
        handle,
    }
}

impl Server {
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("http://{}{path}", self.address))
    }

    pub async fn get(&self, path: &str) -> Answer {
        Answer::of(self.request(reqwest::Method::GET, path)).await
    }

    /// POSTs `body` with `Content-Type: application/json`.
    pub async fn post_json(&self, path: &str, body: &str) -> Answer {
        Answer::of(
            self.request(reqwest::Method::POST, path)
                .header("content-type", "application/json")
                .body(body.to_owned()),
        )
        .await
    }

    /// `chunk` POSTed as one chunk of a chunked JSON body, in raw HTTP/1.1 (reqwest sends no
    /// chunked body without its `stream` feature): the response's head and body.
    pub async fn post_chunked(&self, path: &'static str, chunk: String) -> (String, String) {
        use std::io::{Read, Write};

        let address = self.address;
        let response = actix_web::rt::task::spawn_blocking(move || {
            let mut stream = std::net::TcpStream::connect(address).expect("connect");
            write!(
                stream,
                "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
                 Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
                chunk.len()
            )
            .expect("send");
            let mut response = String::new();
            stream.read_to_string(&mut response).expect("read");
            response
        })
        .await
        .expect("the client thread");
        let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
        (head.to_owned(), body.to_owned())
    }

    pub async fn stop(self) {
        // Pooled keep-alive connections would hold up a graceful stop.
        drop(self.client);
        self.handle.stop(true).await;
    }
}

/// What a response says, as far as the contract goes.
#[derive(Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub content_type: Option<String>,
    pub www_authenticate: Option<String>,
    pub retry_after: Option<String>,
    pub allow: Option<String>,
    pub body: String,
}

impl Answer {
    pub async fn of(request: reqwest::RequestBuilder) -> Self {
        let response = request.send().await.expect("the server answers");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|value| value.to_str().expect("ASCII header").to_owned())
        };
        let (content_type, www_authenticate, retry_after, allow) = (
            header("content-type"),
            header("www-authenticate"),
            header("retry-after"),
            header("allow"),
        );
        let status = response.status().as_u16();
        let body = response.text().await.expect("a body");
        Self {
            status,
            content_type,
            www_authenticate,
            retry_after,
            allow,
            body,
        }
    }

    /// What `ApiError::to_response` says for `error`.
    pub fn expected(error: &impl ApiError) -> Self {
        let response = error.to_response();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|value| value.to_str().expect("ASCII header").to_owned())
        };
        Self {
            status: response.status().as_u16(),
            content_type: header("content-type"),
            www_authenticate: header("www-authenticate"),
            retry_after: header("retry-after"),
            allow: None,
            body: String::from_utf8(error.to_json()).expect("UTF-8 JSON"),
        }
    }

    /// An envelope answer with no optional headers.
    pub fn envelope(status: u16, body: &str) -> Self {
        Self {
            status,
            content_type: Some("application/json".to_owned()),
            www_authenticate: None,
            retry_after: None,
            allow: None,
            body: body.to_owned(),
        }
    }
}
