//! Shared by the `reqwest_*` tests (each includes it as `mod support`): a real axum server on
//! 127.0.0.1 with scripted answers, which counts requests, so every assertion is about what
//! crossed the wire.

#![allow(dead_code, reason = "each test file uses a part of it")]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use axum::routing::any;
use error_contract::reqwest::{Client, ClientError, TokenError, TokenSource};
use error_contract::{ApiError, CommonError, CommonErrorCode, ErrorCode, RetryPolicy, Stop};

#[derive(Debug, thiserror::Error, ApiError)]
pub enum ShopError {
    /// A resource with this external_id already exists.
    #[error("duplicate {0}")]
    #[api(
        status = 409,
        retry = "already_exists",
        message = "Invoice {0} already exists."
    )]
    DuplicateExternalId(String),
    #[error(transparent)]
    #[api(transparent)]
    #[allow(dead_code)] // decoded into, never built: the codes come from the server
    Common(CommonError),
}

/// A scripted answer: status, headers and body.
pub type Canned = http::Response<Vec<u8>>;

/// A server that answers each request with the next scripted response (the last one
/// repeats) and records what it received.
#[derive(Clone, Default)]
pub struct Script {
    answers: Arc<Mutex<Vec<Canned>>>,
    requests: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<HeaderMap>>>,
    pub delay: Duration,
}

impl Script {
    pub fn new(answers: Vec<Canned>) -> Self {
        Self {
            answers: Arc::new(Mutex::new(answers.into_iter().rev().collect())),
            ..Self::default()
        }
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    pub fn header(&self, name: &str) -> Vec<Option<String>> {
        let seen = self.seen.lock().unwrap();
        seen.iter()
            .map(|headers| {
                headers
                    .get(name)
                    .map(|value| value.to_str().unwrap().to_owned())
            })
            .collect()
    }
}

async fn answer(State(script): State<Script>, headers: HeaderMap) -> Response {
    script.requests.fetch_add(1, Ordering::SeqCst);
    script.seen.lock().unwrap().push(headers);
    if !script.delay.is_zero() {
        tokio::time::sleep(script.delay).await;
    }
    let mut answers = script.answers.lock().unwrap();
    let canned = if answers.len() > 1 {
        answers.pop().unwrap()
    } else {
        answers[0].clone()
    };
    canned.map(axum::body::Body::from)
}

pub async fn serve(script: Script) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new()
        .route("/{*path}", any(answer))
        .with_state(script);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

pub fn canned(status: StatusCode, content_type: &str, body: &str) -> Canned {
    http::Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.as_bytes().to_vec())
        .unwrap()
}

pub fn ok() -> Canned {
    canned(StatusCode::OK, "application/json", "{}")
}

pub fn created() -> Canned {
    canned(StatusCode::CREATED, "application/json", "{}")
}

pub fn envelope(error: impl ApiError) -> Canned {
    error.to_response()
}

/// Checks that `error`'s count of requests sent is the policy's, when the policy gave up
/// because the retries ran out.
pub fn assert_counted<C: ErrorCode>(error: &ClientError<C>) {
    if let Some(Stop::Exhausted { attempts }) = error.stop() {
        assert_eq!(
            error.attempts(),
            attempts,
            "the client's count of requests sent and the policy's"
        );
    }
}

/// `GET http://{addr}{path}` through `client`, errors decoded with `CommonError`'s codes
/// (and checked by [`assert_counted`]).
pub async fn get(
    client: &Client,
    addr: SocketAddr,
    path: &str,
) -> Result<reqwest::Response, ClientError<CommonErrorCode>> {
    let result = client
        .send(client.http().get(format!("http://{addr}{path}")))
        .await;
    if let Err(error) = &result {
        assert_counted(error);
    }
    result
}

/// `POST http://{addr}{path}` with the body `{}`, as [`get`] does.
pub async fn post(
    client: &Client,
    addr: SocketAddr,
    path: &str,
) -> Result<reqwest::Response, ClientError<CommonErrorCode>> {
    post_as(client, addr, path).await
}

/// [`post`], decoding errors into the contract `C`.
pub async fn post_as<C: ErrorCode>(
    client: &Client,
    addr: SocketAddr,
    path: &str,
) -> Result<reqwest::Response, ClientError<C>> {
    let result = client
        .send(
            client
                .http()
                .post(format!("http://{addr}{path}"))
                .body("{}"),
        )
        .await;
    if let Err(error) = &result {
        assert_counted(error);
    }
    result
}

/// The `std::io::Error` in `error`'s chain, as the OS words it ("Connection refused (os error
/// 111)" on Linux).
pub fn io_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = Some(error);
    while let Some(next) = current {
        if let Some(io) = next.downcast_ref::<std::io::Error>() {
            return io.to_string();
        }
        current = next.source();
    }
    panic!("no io::Error in the chain of {error:?}")
}

/// The guide's policy with millisecond delays, so the tests take no time.
pub fn fast_policy() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
}

pub fn client() -> Client {
    Client::new(reqwest::Client::new(), fast_policy())
}

/// Hands out `tok_old`, and fails when asked for a fresh one.
pub struct Failing;

impl TokenSource for Failing {
    async fn token(&self, force_refresh: bool) -> Result<String, TokenError> {
        if force_refresh {
            Err("the token endpoint is down".into())
        } else {
            Ok("tok_old".to_owned())
        }
    }
}

/// Always fails.
pub struct Unavailable;

impl TokenSource for Unavailable {
    async fn token(&self, _force_refresh: bool) -> Result<String, TokenError> {
        Err("vault sealed".into())
    }
}

/// A port with nothing listening: bound a moment ago, then released.
pub fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// How a hostile server of [`hostile`] treats each request once it has read its head.
#[derive(Clone, Copy, Debug)]
pub enum Hostile {
    /// Never answers; holds the connection open.
    Silent,
    /// Sends a 503 head announcing a 1000-byte body, then one byte every 300 ms (at most 40).
    Drip,
    /// Sends a 500 head announcing a 100-byte body, then nothing.
    Stall,
}

/// A raw TCP server on 127.0.0.1 that misbehaves as `how`, for at most 16 connections, and
/// counts the request heads it has read.
pub async fn hostile(how: Hostile) -> (SocketAddr, Arc<AtomicUsize>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let heads = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&heads);
    tokio::spawn(async move {
        for _ in 0..16 {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let counter = Arc::clone(&counter);
            tokio::spawn(async move {
                // Read up to the end of the head, 64 KiB at most.
                let mut head = Vec::new();
                let mut buf = [0_u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65536 {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                counter.fetch_add(1, Ordering::SeqCst);
                match how {
                    Hostile::Silent => {}
                    Hostile::Drip => {
                        let head = "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n";
                        if socket.write_all(head.as_bytes()).await.is_err() {
                            return;
                        }
                        for _ in 0..40 {
                            tokio::time::sleep(Duration::from_millis(300)).await;
                            if socket.write_all(b" ").await.is_err() {
                                return;
                            }
                        }
                    }
                    Hostile::Stall => {
                        let head = "HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n";
                        if socket.write_all(head.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                }
                // Hold the connection until the client gives up on it (bounded: 20 s).
                let _ = tokio::time::timeout(Duration::from_secs(20), socket.read(&mut buf)).await;
            });
        }
    });
    (addr, heads)
}
