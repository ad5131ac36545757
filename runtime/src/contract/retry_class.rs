//! [`RetryClass`] and [`Retryable`]: the client's reading of a failure.

use std::fmt;
use std::time::Duration;

use http::StatusCode;

/// What a failed request calls for, from the client's side.
///
/// | class | from | the default policy |
/// |---|---|---|
/// | `NotSent` | connect refused, DNS failure, connect timeout | retry, any method |
/// | `Transient` | 500, 502, 504, 408, read timeout after sending | retry if safe to repeat |
/// | `Throttled` | 429, 503 | retry if safe; wait `max(Retry-After, backoff)` |
/// | `Reauthenticate` | 401 | refresh credentials, retry once |
/// | `AlreadyExists` | a 409 code marked `already_exists` | use the existing resource |
/// | `Permanent` | other 4xx, 501, 505, other 5xx | stop |
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RetryClass {
    /// The request never reached the server; repeating it is always safe.
    NotSent,
    /// The server failed in a way that may pass.
    Transient,
    /// The server asked the client to slow down.
    Throttled,
    /// The credentials were rejected; refresh them and try once more.
    Reauthenticate,
    /// The resource already exists; use it instead of creating it again.
    AlreadyExists,
    /// Repeating the same request cannot succeed.
    Permanent,
}

impl RetryClass {
    /// The class of a status, by the table on [`RetryClass`]. Statuses below 400 are not
    /// failures and read as `Permanent` (there is nothing to retry).
    pub const fn for_status(status: u16) -> Self {
        match status {
            408 | 500 | 502 | 504 => Self::Transient,
            429 | 503 => Self::Throttled,
            401 => Self::Reauthenticate,
            _ => Self::Permanent,
        }
    }

    /// The `snake_case` name used in `#[api(retry = "…")]` and in the catalogue.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::NotSent => "not_sent",
            Self::Transient => "transient",
            Self::Throttled => "throttled",
            Self::Reauthenticate => "reauthenticate",
            Self::AlreadyExists => "already_exists",
            Self::Permanent => "permanent",
        }
    }

    /// What the default policy does about this class, in a few words for people.
    pub const fn advice(self) -> &'static str {
        match self {
            Self::NotSent => "Retry with backoff, any method",
            Self::Transient => "Retry with backoff if the request is safe to repeat",
            Self::Throttled => {
                "Retry after max(Retry-After, backoff) if the request is safe to repeat"
            }
            Self::Reauthenticate => "Refresh credentials and retry once; a second rejection stops",
            Self::AlreadyExists => "Do not retry; use the existing resource",
            Self::Permanent => "Do not retry; fix the request",
        }
    }
}

impl fmt::Display for RetryClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for RetryClass {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A failure a client can classify: an API error, a decoded response, a transport error.
pub trait Retryable {
    /// How to react to this failure.
    fn retry_class(&self) -> RetryClass;

    /// How long the server asked the client to wait, if it said.
    fn retry_after(&self) -> Option<Duration> {
        None
    }
}

/// A class is its own classification: pass `&RetryClass::NotSent` for a transport failure.
impl Retryable for RetryClass {
    fn retry_class(&self) -> RetryClass {
        *self
    }
}

/// The status table on [`RetryClass`].
impl Retryable for StatusCode {
    fn retry_class(&self) -> RetryClass {
        RetryClass::for_status(self.as_u16())
    }
}

impl<T: Retryable + ?Sized> Retryable for &T {
    fn retry_class(&self) -> RetryClass {
        (**self).retry_class()
    }

    fn retry_after(&self) -> Option<Duration> {
        (**self).retry_after()
    }
}

impl<T: Retryable + ?Sized> Retryable for Box<T> {
    fn retry_class(&self) -> RetryClass {
        (**self).retry_class()
    }

    fn retry_after(&self) -> Option<Duration> {
        (**self).retry_after()
    }
}
