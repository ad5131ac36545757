//! The scripted server: axum on `127.0.0.1`, an ephemeral port, one [`Script`].
//!
//! Each request is answered in this order:
//!
//! 1. It is noted whether it arrived before a `Retry-After` the server gave allowed: one given
//!    to the same logical request (its `x-request-id`), which is a violation, or one given to
//!    any request of the client, which the table shows apart.
//! 2. The token bucket: empty, it is a 429 (`CommonError::RateLimited`) with
//!    `Retry-After: 1`, `RateLimit: "default";r=0;t=1`, `X-RateLimit-Remaining: 0` and
//!    `X-RateLimit-Reset: 1`. A request that gets a token is admitted and numbered.
//! 3. By its number: a 503 (`CommonError::ServiceUnavailable`, `Retry-After: 1`) in the burst,
//!    a 500 (`CommonError::InternalError`), a 200 after a delay, or a 200 at once. Every
//!    admitted answer carries the bucket's remaining tokens in the same rate-limit headers.
//! 4. After the scripted arrival, the server stops: axum's graceful shutdown drops the
//!    listener at once and closes every connection once its request is answered, so a new
//!    connection is refused (nothing listens on the port) and a pooled one is closed. After
//!    the window it listens on the same port again (`SO_REUSEADDR`).

use std::collections::HashMap;
use std::future::IntoFuture as _;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use error_contract::{ApiError, CommonError};
use tokio::net::{TcpListener, TcpSocket};
use tokio::runtime::Handle;
use tokio::sync::Notify;
use tokio::time::Instant;

use super::{REQUEST_ID, Script};

/// The counts the server keeps of one run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServerCounts {
    /// Requests that reached a handler.
    pub arrivals: u64,
    /// Requests the token bucket let through.
    pub admitted: u64,
    /// 429s answered.
    pub throttled: u64,
    /// 503s answered.
    pub unavailable: u64,
    /// 500s answered.
    pub internal: u64,
    /// 200s answered (slow ones included).
    pub ok: u64,
    /// Requests that arrived before the `Retry-After` given to an earlier attempt of the
    /// same logical request allowed.
    pub violations: u64,
    /// The earliest of those, by how much it was early.
    pub worst_violation: Duration,
    /// Requests that arrived while any `Retry-After` the server gave (to any request) had
    /// not yet run out: what a client that reads `Retry-After` as meant for all its
    /// requests would not send.
    pub inside_any_retry_after: u64,
}

/// A running server.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    script: Script,
    state: Mutex<ServerState>,
    /// Notified once, by the handler of the scripted arrival.
    down: Notify,
    /// Notified at the end of the run.
    stop: Notify,
}

#[derive(Debug)]
struct ServerState {
    tokens: f64,
    refilled: Instant,
    /// The earliest time each logical request may come back, by the `Retry-After` it got.
    not_before: HashMap<String, Instant>,
    /// The latest of those over every request.
    any_not_before: Option<Instant>,
    counts: ServerCounts,
}

/// What the script says of one request.
enum Answer {
    Throttled,
    Unavailable,
    Internal,
    Slow,
    Ok,
}

impl Server {
    /// Starts a server following `script` on an ephemeral port of `127.0.0.1`, with a full
    /// bucket, on `runtime`.
    ///
    /// # Errors
    ///
    /// The port could not be bound.
    pub fn start(script: Script, runtime: &Handle) -> std::io::Result<Self> {
        let _entered = runtime.enter();
        let listener = bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            script,
            state: Mutex::new(ServerState {
                tokens: script.burst,
                refilled: Instant::now(),
                not_before: HashMap::new(),
                any_not_before: None,
                counts: ServerCounts::default(),
            }),
            down: Notify::new(),
            stop: Notify::new(),
        });
        let router = Router::new()
            .fallback(answer)
            .with_state(Arc::clone(&shared));
        runtime.spawn(supervise(listener, router, Arc::clone(&shared)));
        Ok(Self { addr, shared })
    }

    /// The base URL, `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The counts so far.
    pub fn counts(&self) -> ServerCounts {
        self.shared.lock().counts
    }

    /// Stops listening and closes the connections once their requests are answered.
    pub fn stop(&self) {
        self.shared.stop.notify_one();
    }
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, ServerState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A listener on `addr` that may take the port of one closed a moment ago.
fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(1024)
}

/// Serves until the scripted arrival, stays down for the script's window, then serves on the
/// same port until the end of the run.
async fn supervise(listener: TcpListener, router: Router, shared: Arc<Shared>) {
    let addr = match listener.local_addr() {
        Ok(addr) => addr,
        Err(error) => panic!("the listener has no address: {error}"),
    };
    let (tx, rx) = tokio::sync::oneshot::channel::<bool>();
    let signal = {
        let shared = Arc::clone(&shared);
        async move {
            let down = tokio::select! {
                () = shared.down.notified() => true,
                () = shared.stop.notified() => false,
            };
            let _ = tx.send(down);
        }
    };
    let serve = axum::serve(listener, router.clone()).with_graceful_shutdown(signal);
    tokio::spawn(serve.into_future());
    let went_down = rx.await.unwrap_or(false);
    if !went_down {
        return;
    }
    tokio::time::sleep(shared.script.down_for).await;
    // The old listener is dropped as soon as the shutdown begins; retry briefly in case the
    // kernel has not let go of the port yet.
    let listener = loop {
        match bind(addr) {
            Ok(listener) => break listener,
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            Err(error) => panic!("could not listen on {addr} again: {error}"),
        }
    };
    let stopped = Arc::clone(&shared);
    let _ = axum::serve(listener, router)
        .with_graceful_shutdown(async move { stopped.stop.notified().await })
        .await;
}

/// The handler of every path and method.
async fn answer(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let now = Instant::now();
    let script = shared.script;
    let id = headers
        .get(REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let (answer, remaining, arrival) = {
        let mut state = shared.lock();
        state.counts.arrivals += 1;
        let arrival = state.counts.arrivals;
        if let Some(&not_before) = state.not_before.get(&id)
            && now < not_before
        {
            state.counts.violations += 1;
            let early = not_before - now;
            state.counts.worst_violation = state.counts.worst_violation.max(early);
        }
        if state.any_not_before.is_some_and(|until| now < until) {
            state.counts.inside_any_retry_after += 1;
        }
        let elapsed = now.saturating_duration_since(state.refilled).as_secs_f64();
        state.tokens = script.burst.min(state.tokens + elapsed * script.rate);
        state.refilled = now;
        let answer = if state.tokens < 1.0 {
            Answer::Throttled
        } else {
            state.tokens -= 1.0;
            state.counts.admitted += 1;
            let number = state.counts.admitted;
            if (script.unavailable.0..=script.unavailable.1).contains(&number) {
                Answer::Unavailable
            } else if number % script.internal_every == 0 {
                Answer::Internal
            } else if number % script.slow_every == script.slow_offset {
                Answer::Slow
            } else {
                Answer::Ok
            }
        };
        match answer {
            Answer::Throttled => state.counts.throttled += 1,
            Answer::Unavailable => state.counts.unavailable += 1,
            Answer::Internal => state.counts.internal += 1,
            Answer::Slow | Answer::Ok => state.counts.ok += 1,
        }
        if matches!(answer, Answer::Throttled | Answer::Unavailable) {
            let until = Instant::now() + Duration::from_secs(script.retry_after_secs);
            state.not_before.insert(id.clone(), until);
            state.any_not_before = Some(state.any_not_before.map_or(until, |u| u.max(until)));
        }
        // Whole tokens left, and the seconds until the bucket is full again, rounded up.
        let remaining = state.tokens.floor();
        let reset = ((script.burst - state.tokens) / script.rate).ceil();
        (answer, (remaining, reset), arrival)
    };
    let response = match answer {
        Answer::Throttled => {
            let reset = script.retry_after_secs.to_string();
            let mut response = envelope(&CommonError::RateLimited);
            rate_limit_headers(response.headers_mut(), "0", &reset);
            response.headers_mut().insert("retry-after", header(&reset));
            response
        }
        Answer::Unavailable => {
            let mut response = envelope(&CommonError::ServiceUnavailable);
            response
                .headers_mut()
                .insert("retry-after", header(&script.retry_after_secs.to_string()));
            with_remaining(response, remaining)
        }
        Answer::Internal => with_remaining(envelope(&CommonError::InternalError), remaining),
        Answer::Slow => {
            tokio::time::sleep(script.slow_by).await;
            with_remaining(ok(&id), remaining)
        }
        Answer::Ok => with_remaining(ok(&id), remaining),
    };
    if arrival == script.down_after_arrival {
        shared.down.notify_one();
    }
    response
}

/// The contract's envelope for `error`, as its `to_response` writes it.
fn envelope(error: &CommonError) -> Response {
    error.to_response().map(Body::from)
}

/// A 200 with a small JSON body naming the request.
fn ok(id: &str) -> Response {
    let mut response = Response::new(Body::from(format!(r#"{{"id":"{id}"}}"#)));
    response
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    *response.status_mut() = StatusCode::OK;
    response
}

/// `response` with the bucket's whole tokens left and the seconds until it is full.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "both are small non-negative whole numbers"
)]
fn with_remaining(mut response: Response, (remaining, reset): (f64, f64)) -> Response {
    let remaining = (remaining as u64).to_string();
    let reset = (reset as u64).to_string();
    rate_limit_headers(response.headers_mut(), &remaining, &reset);
    response
}

/// The IETF draft's `RateLimit` field and the older `X-RateLimit-*` pair, with the same
/// figures.
fn rate_limit_headers(headers: &mut HeaderMap, remaining: &str, reset: &str) {
    headers.insert(
        HeaderName::from_static("ratelimit"),
        header(&format!(r#""default";r={remaining};t={reset}"#)),
    );
    headers.insert(
        HeaderName::from_static("x-ratelimit-remaining"),
        header(remaining),
    );
    headers.insert(HeaderName::from_static("x-ratelimit-reset"), header(reset));
}

fn header(value: &str) -> HeaderValue {
    match HeaderValue::try_from(value) {
        Ok(value) => value,
        Err(error) => panic!("{value:?} is not a header value: {error}"),
    }
}
