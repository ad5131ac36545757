//! What a server may say about an error in its own log, never to the client: the private
//! cause ([`PrivateCause`]), picked by the richest view a type offers (`cause`, used by the
//! derive's hooks).

use std::error::Error;
use std::fmt::{self, Debug, Display};

/// At most this many `source()`s are written, in case a chain loops.
const MAX_SOURCES: usize = 32;

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

/// The cause as one line: `Display`, then each source after `": "`. A source whose text
/// already ends the line is skipped, so thiserror's `#[error("database: {0}")]` over a
/// `#[source]` does not repeat it.
///
/// ```
/// use error_contract::PrivateCause;
///
/// #[derive(Debug, thiserror::Error)]
/// #[error("saving invoice {id}")]
/// struct Save {
///     id: u32,
///     source: std::io::Error,
/// }
///
/// let error = Save { id: 7, source: std::io::Error::other("disk full") };
/// assert_eq!(PrivateCause::Error(&error).to_string(), "saving invoice 7: disk full");
/// ```
impl Display for PrivateCause<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PrivateCause::Error(error) => {
                let mut line = error.to_string();
                let mut source = error.source();
                for _ in 0..MAX_SOURCES {
                    let Some(next) = source else { break };
                    let text = next.to_string();
                    if !line.ends_with(&text) {
                        line.push_str(": ");
                        line.push_str(&text);
                    }
                    source = next.source();
                }
                f.write_str(&line)
            }
            PrivateCause::Display(display) => Display::fmt(display, f),
            PrivateCause::Debug(debug) => Debug::fmt(debug, f),
            PrivateCause::Unknown => f.write_str("(no Display)"),
        }
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
