//! The guide's logging practice for a client, at levels an on-call rota can live with: one
//! event per failed attempt that the client retries, and one final event whose level says how
//! bad the outcome is ([`LogLevels`]). Each has `url`, `status_code`, `error_code`, `error`,
//! `retry_class`, `attempt` and `decision`, and the same under OpenTelemetry's semantic
//! conventions for HTTP clients: `url.full`, `server.address`, `http.response.status_code`,
//! `error.type` (the `error_code`, else the status, else the kind of transport failure) and
//! `http.request.resend_count` (the attempts before this one). Headers are never logged, so
//! neither is `Authorization`; the url loses its query and credentials, and a transport
//! error's text is reqwest's without its url, followed by its causes.

use http::StatusCode;
use reqwest::Url;

use super::attempt::Failure;
use super::error::{ClientError, ClientErrorKind};
#[cfg(feature = "tracing")]
use crate::ErrorResponse;
#[cfg(feature = "tracing")]
use crate::integrations::tracing::event_at;
use crate::{Decision, ErrorCode, LogLevel};

/// The levels at which [`Client`](super::Client) logs (feature `tracing`, target
/// `error_contract`), set with
/// [`Client::with_log_levels`](super::Client::with_log_levels):
///
/// | event | default | builder |
/// |---|---|---|
/// | a failed attempt the client retries (after a backoff or a token refresh) | `Warn` | [`retried`](Self::retried) |
/// | final: a 5xx the client gave up on | `Error` | [`server_error`](Self::server_error) |
/// | final: a transport failure (refused, DNS, timeout, reset, body), or an attempt cut by the policy's timeout or deadline | `Error` | [`transport`](Self::transport) |
/// | final: the token source failed | `Error` | [`token`](Self::token) |
/// | final: the request could not be built | `Error` | [`build`](Self::build) |
/// | final: any other 4xx (a 404, a 422, a 429 whose retries ran out, a second 401) | `Warn` | [`client_error`](Self::client_error) |
/// | final: a 409 marked `already_exists` (use the existing resource) | `Debug` | [`use_existing`](Self::use_existing) |
/// | final: an error response with this status | its category's | [`status`](Self::status) |
/// | a response below 400 | not logged | |
///
/// The final attempt is logged once, by the final event. A level set for a status wins over
/// `server_error` and `client_error`; a use-existing outcome is always at `use_existing`.
///
/// ```
/// use error_contract::reqwest::{Client, LogLevel, LogLevels};
/// use error_contract::RetryPolicy;
/// use error_contract::http::StatusCode;
///
/// // This service looks invoices up and handles a 404 itself.
/// let client = Client::new(reqwest::Client::new(), RetryPolicy::default()).with_log_levels(
///     LogLevels::default()
///         .status(StatusCode::NOT_FOUND, LogLevel::Debug)
///         .retried(LogLevel::Info),
/// );
/// # let _ = client;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLevels {
    retried: LogLevel,
    server_error: LogLevel,
    client_error: LogLevel,
    use_existing: LogLevel,
    transport: LogLevel,
    token: LogLevel,
    build: LogLevel,
    statuses: Vec<(StatusCode, LogLevel)>,
}

/// The table on [`LogLevels`]: `Error` for what someone should look at, `Warn` for a 4xx
/// and for retries, `Debug` for use-existing.
impl Default for LogLevels {
    fn default() -> Self {
        Self {
            retried: LogLevel::Warn,
            server_error: LogLevel::Error,
            client_error: LogLevel::Warn,
            use_existing: LogLevel::Debug,
            transport: LogLevel::Error,
            token: LogLevel::Error,
            build: LogLevel::Error,
            statuses: Vec::new(),
        }
    }
}

impl LogLevels {
    /// The defaults (see [`Default`](#impl-Default-for-LogLevels)).
    pub fn new() -> Self {
        Self::default()
    }

    /// A failed attempt followed by a retry or a token refresh.
    #[must_use]
    pub fn retried(mut self, level: LogLevel) -> Self {
        self.retried = level;
        self
    }

    /// The final event of a 5xx the client gave up on.
    #[must_use]
    pub fn server_error(mut self, level: LogLevel) -> Self {
        self.server_error = level;
        self
    }

    /// The final event of a 4xx the client gave up on.
    #[must_use]
    pub fn client_error(mut self, level: LogLevel) -> Self {
        self.client_error = level;
        self
    }

    /// The final event of a 409 marked `already_exists`: the caller uses the existing resource.
    #[must_use]
    pub fn use_existing(mut self, level: LogLevel) -> Self {
        self.use_existing = level;
        self
    }

    /// The final event of a transport failure.
    #[must_use]
    pub fn transport(mut self, level: LogLevel) -> Self {
        self.transport = level;
        self
    }

    /// The final event of a failed token source.
    #[must_use]
    pub fn token(mut self, level: LogLevel) -> Self {
        self.token = level;
        self
    }

    /// The final event of a request that could not be built.
    #[must_use]
    pub fn build(mut self, level: LogLevel) -> Self {
        self.build = level;
        self
    }

    /// The final event of an error response with `status`, whichever its category (a use-existing
    /// outcome excepted); set again, the last level wins.
    #[must_use]
    pub fn status(mut self, status: StatusCode, level: LogLevel) -> Self {
        self.statuses.retain(|(known, _)| *known != status);
        self.statuses.push((status, level));
        self
    }

    /// The level of a failed attempt that the client retries.
    pub fn retried_level(&self) -> LogLevel {
        self.retried
    }

    /// The level of the final event for `error`, by the table above.
    pub fn final_level<C: ErrorCode>(&self, error: &ClientError<C>) -> LogLevel {
        match error.kind() {
            ClientErrorKind::Api(_) if error.is_use_existing() => self.use_existing,
            ClientErrorKind::Api(response) => {
                let status = response.status();
                match self.statuses.iter().find(|(known, _)| *known == status) {
                    Some(&(_, level)) => level,
                    None if status.is_server_error() => self.server_error,
                    None => self.client_error,
                }
            }
            ClientErrorKind::Transport(_) | ClientErrorKind::TimedOut(_) => self.transport,
            ClientErrorKind::Token(_) => self.token,
            ClientErrorKind::Build(_) => self.build,
        }
    }
}

/// A failed attempt that the client follows with a retry or a token refresh (`decision`).
#[cfg(feature = "tracing")]
pub(super) fn retried<C: ErrorCode>(
    levels: &LogLevels,
    url: &Url,
    failure: &Failure<C>,
    attempt: u32,
    decision: &Decision,
) {
    use crate::Retryable as _;

    let url = loggable(url);
    let retry_class = failure.retry_class();
    match failure {
        Failure::Api(response) => event_at!(
            levels.retried,
            url = %url,
            url.full = %url,
            server.address = url.host_str(),
            http.request.resend_count = attempt.saturating_sub(1),
            http.response.status_code = response.status().as_u16(),
            error.type = %error_type(response.error_code(), Some(response.status()), "http"),
            status_code = response.status().as_u16(),
            error_code = response.error_code(),
            error = response.message(),
            retry_class = %retry_class,
            attempt,
            decision = %decision,
            "API request failed",
        ),
        Failure::Transport(error) => event_at!(
            levels.retried,
            url = %url,
            url.full = %url,
            server.address = url.host_str(),
            http.request.resend_count = attempt.saturating_sub(1),
            error.type = %error_type(None, None, transport_kind(error)),
            error = %chain(error),
            retry_class = %retry_class,
            attempt,
            decision = %decision,
            "API request failed in transit",
        ),
        Failure::TimedOut(timeout) => event_at!(
            levels.retried,
            url = %url,
            url.full = %url,
            server.address = url.host_str(),
            http.request.resend_count = attempt.saturating_sub(1),
            http.response.status_code = timeout.status.map(|status| status.as_u16()),
            error.type = "timeout",
            status_code = timeout.status.map(|status| status.as_u16()),
            error = %timeout,
            retry_class = %retry_class,
            attempt,
            decision = %decision,
            "API request timed out",
        ),
    }
}

/// The end of a request that did not succeed, at [`LogLevels::final_level`]; `url` is `None`
/// when the request could not be built.
#[cfg(feature = "tracing")]
pub(super) fn finished<C: ErrorCode>(
    levels: &LogLevels,
    url: Option<&Url>,
    error: &ClientError<C>,
) {
    let response = error.response();
    let text = match response {
        Some(response) => response.message().to_owned(),
        None => chain(error.failure()),
    };
    let message = if error.is_use_existing() {
        "API request found an existing resource"
    } else {
        "API request gave up"
    };
    let shown = url.map(loggable);
    let kind = match error.kind() {
        ClientErrorKind::Transport(transport) => transport_kind(transport),
        ClientErrorKind::TimedOut(_) => "timeout",
        ClientErrorKind::Token(_) => "token",
        ClientErrorKind::Build(_) => "build",
        _ => "http",
    };
    event_at!(
        levels.final_level(error),
        url = shown.as_ref().map(tracing::field::display),
        url.full = shown.as_ref().map(tracing::field::display),
        server.address = shown.as_ref().and_then(Url::host_str),
        http.request.resend_count = error.attempts().saturating_sub(1),
        http.response.status_code = response.map(|response| response.status().as_u16()),
        error.type = %error_type(
            response.and_then(|response| response.error_code()),
            response.map(ErrorResponse::status),
            kind,
        ),
        status_code = response.map(|response| response.status().as_u16()),
        error_code = response.and_then(|response| response.error_code()),
        error = %text,
        retry_class = %error.last_class(),
        attempt = error.attempts(),
        decision = %error.outcome(),
        "{message}",
    );
}

/// OpenTelemetry's `error.type`: the contract's code when the server sent one, else the
/// status (`"503"`), else what failed (`"timeout"`, `"connect"`, …).
#[cfg(feature = "tracing")]
fn error_type(code: Option<&str>, status: Option<StatusCode>, kind: &'static str) -> String {
    match (code, status) {
        (Some(code), _) => code.to_owned(),
        (None, Some(status)) => status.as_u16().to_string(),
        (None, None) => kind.to_owned(),
    }
}

/// The kind of a transport failure, for `error.type`.
#[cfg(feature = "tracing")]
fn transport_kind(error: &reqwest::Error) -> &'static str {
    if error.is_timeout() {
        "timeout"
    } else if error.is_connect() {
        "connect"
    } else if error.is_body() || error.is_decode() {
        "body"
    } else {
        "transport"
    }
}

/// An error and its causes, each once, joined by `": "`: `error sending request: client error
/// (Connect): tcp connect error: Connection refused (os error 111)`.
#[cfg(feature = "tracing")]
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    crate::PrivateCause::Error(error).to_string()
}

/// `url` without its query string and credentials, which may hold secrets.
#[cfg(feature = "tracing")]
fn loggable(url: &Url) -> Url {
    let mut url = url.clone();
    url.set_query(None);
    url.set_fragment(None);
    // Both fail only for URLs that cannot have credentials, which then have none to remove.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url
}

#[cfg(not(feature = "tracing"))]
pub(super) fn retried<C: ErrorCode>(_: &LogLevels, _: &Url, _: &Failure<C>, _: u32, _: &Decision) {}

#[cfg(not(feature = "tracing"))]
pub(super) fn finished<C: ErrorCode>(_: &LogLevels, _: Option<&Url>, _: &ClientError<C>) {}
