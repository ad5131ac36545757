//! [`LogLevel`]: how loudly an error is logged, on either side, with or without `tracing`.

use http::StatusCode;

/// A level of the `tracing` crate, or `Off`.
///
/// On the server it is the level of an error response's log event
/// ([`ApiError::log_level`](crate::ApiError::log_level), set per variant with the derive's
/// `log` key); on the client, what [`LogLevels`](crate::reqwest::LogLevels) is made of. It
/// exists without the `tracing` feature too, so configuration compiles either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LogLevel {
    /// Not logged.
    Off,
    /// `tracing::Level::ERROR`: someone should look now.
    Error,
    /// `tracing::Level::WARN`.
    Warn,
    /// `tracing::Level::INFO`.
    Info,
    /// `tracing::Level::DEBUG`.
    Debug,
    /// `tracing::Level::TRACE`.
    Trace,
}

impl LogLevel {
    /// The level of a server's error response by its status alone: `Error` for a 5xx (the
    /// server failed), `Debug` for anything else (the client did).
    ///
    /// ```
    /// use error_contract::LogLevel;
    /// use error_contract::http::StatusCode;
    ///
    /// assert_eq!(LogLevel::for_status(StatusCode::BAD_GATEWAY), LogLevel::Error);
    /// assert_eq!(LogLevel::for_status(StatusCode::NOT_FOUND), LogLevel::Debug);
    /// ```
    pub fn for_status(status: StatusCode) -> Self {
        if status.is_server_error() {
            Self::Error
        } else {
            Self::Debug
        }
    }
}
