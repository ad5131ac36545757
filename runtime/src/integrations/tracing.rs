//! Logging of error responses with `tracing` (feature `tracing`).
//!
//! Every response the integrations build for a derived error is reported once: a 5xx at
//! `ERROR` with its private cause (the `Display` and `source()` chain the client never sees),
//! a 4xx at `DEBUG`. Request headers are never logged, so neither is `Authorization`.

use std::error::Error;
use std::fmt::{self, Debug, Display};

use crate::ApiError;

/// What an error can tell the log beyond its public message.
#[derive(Clone, Copy)]
pub enum PrivateCause<'a> {
    /// A `std::error::Error`: its `Display` and its `source()` chain.
    Error(&'a (dyn Error + 'a)),
    /// Only `Display`.
    Display(&'a (dyn Display + 'a)),
    /// Only `Debug`.
    Debug(&'a (dyn Debug + 'a)),
    /// Nothing beyond the public envelope.
    Unknown,
}

impl Debug for PrivateCause<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateCause({self})")
    }
}

/// The cause as one line: `Display`, then each source after `": "`.
impl Display for PrivateCause<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PrivateCause::Error(error) => {
                Display::fmt(error, f)?;
                let mut source = error.source();
                while let Some(next) = source {
                    write!(f, ": {next}")?;
                    source = next.source();
                }
                Ok(())
            }
            PrivateCause::Display(display) => Display::fmt(display, f),
            PrivateCause::Debug(debug) => Debug::fmt(debug, f),
            PrivateCause::Unknown => f.write_str("(no Display)"),
        }
    }
}

/// Logs that a response is being built for `error`: at `ERROR` for a 5xx, with
/// `status_code`, `error_code`, the public `error` and the private `cause`; at `DEBUG` for
/// anything else.
pub fn report_response<E: ApiError + ?Sized>(error: &E, cause: PrivateCause<'_>) {
    let status = error.status();
    if status.is_server_error() {
        tracing::error!(
            status_code = status.as_u16(),
            error_code = error.error_code(),
            error = %error.message(),
            cause = %cause,
            "error response",
        );
    } else {
        tracing::debug!(
            status_code = status.as_u16(),
            error_code = error.error_code(),
            error = %error.message(),
            "error response",
        );
    }
}

/// Autoref specialisation: `(&&&&Cause(error)).private_cause()` picks the richest view the
/// concrete type offers. Used by the hidden `__report_response!`.
#[doc(hidden)]
pub mod cause {
    use std::error::Error;
    use std::fmt::{Debug, Display};

    use super::PrivateCause;

    /// The error being described.
    pub struct Cause<'a, T>(pub &'a T);

    /// First choice: an `Error`, with its source chain.
    pub trait ViaError {
        /// The cause.
        fn private_cause(&self) -> PrivateCause<'_>;
    }

    impl<T: Error> ViaError for &&&Cause<'_, T> {
        fn private_cause(&self) -> PrivateCause<'_> {
            PrivateCause::Error(self.0)
        }
    }

    /// Second choice: `Display`.
    pub trait ViaDisplay {
        /// The cause.
        fn private_cause(&self) -> PrivateCause<'_>;
    }

    impl<T: Display> ViaDisplay for &&Cause<'_, T> {
        fn private_cause(&self) -> PrivateCause<'_> {
            PrivateCause::Display(self.0)
        }
    }

    /// Third choice: `Debug`.
    pub trait ViaDebug {
        /// The cause.
        fn private_cause(&self) -> PrivateCause<'_>;
    }

    impl<T: Debug> ViaDebug for &Cause<'_, T> {
        fn private_cause(&self) -> PrivateCause<'_> {
            PrivateCause::Debug(self.0)
        }
    }

    /// Last: nothing to add.
    pub trait ViaNothing {
        /// The cause.
        fn private_cause(&self) -> PrivateCause<'_>;
    }

    impl<T> ViaNothing for Cause<'_, T> {
        fn private_cause(&self) -> PrivateCause<'_> {
            PrivateCause::Unknown
        }
    }
}
