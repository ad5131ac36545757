//! Shared by the `axum*` tests (each includes it as `mod support`): an axum server on an
//! ephemeral port of 127.0.0.1, a client for it, and the envelopes the extractors answer.

#![allow(dead_code, reason = "each test file uses a part of it")]

use std::net::SocketAddr;

use axum::Router;
use http::StatusCode;
use http::header::CONTENT_TYPE;

/// Serves `app` on an ephemeral port of 127.0.0.1 until the test's runtime ends.
pub async fn serve(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    address
}

/// What came back: status, headers and the body as text.
pub struct Answer {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: http::header::HeaderName) -> Option<&str> {
        self.headers.get(name).map(|value| value.to_str().unwrap())
    }
}

pub async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.text().await.unwrap();
    Answer {
        status,
        headers,
        body,
    }
}

pub async fn get_path(address: SocketAddr, path: &str) -> Answer {
    send(reqwest::Client::new().get(format!("http://{address}{path}"))).await
}

pub async fn post_body(
    address: SocketAddr,
    path: &str,
    content_type: Option<&str>,
    body: &str,
) -> Answer {
    let mut request = reqwest::Client::new()
        .post(format!("http://{address}{path}"))
        .body(body.to_owned());
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    send(request).await
}

/// Asserts an envelope answer: status, `Content-Type` and the exact body.
pub fn assert_envelope(answer: &Answer, status: u16, body: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.header(CONTENT_TYPE), Some("application/json"));
    assert_eq!(answer.body, body);
}

pub const MALFORMED: &str =
    r#"{"error":"Malformed JSON in request body.","error_code":"malformed_json","details":{}}"#;
pub const UNSUPPORTED: &str = r#"{"error":"Unsupported media type in request.","error_code":"unsupported_media_type","details":{}}"#;

pub fn validation(details: &str) -> String {
    format!(
        r#"{{"error":"Validation errors in request data","error_code":"validation_error","details":{details}}}"#
    )
}
