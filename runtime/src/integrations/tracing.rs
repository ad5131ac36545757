//! Logging of error responses with `tracing` (feature `tracing`).
//!
//! Every response the integrations build for an error is reported once, under the target
//! [`TARGET`]: a 5xx at `ERROR` with its private cause (the `Display` and `source()` chain the
//! client never sees), a 4xx at `DEBUG`. Each event has the fields `status_code`,
//! `error_code`, `error` (the public message) and `cause`. Request headers are never logged,
//! so neither is `Authorization`; a request body only when the caller logs one, through
//! [`redact_json`].
//!
//! The cause of a derived error is its `Error` source chain, else its `Display`, else its
//! `Debug`, whichever the type has. For a generic type this is decided from the bounds the
//! type declares: `enum E<S> { Db(#[source] S) }` logs `(no Display)`, while
//! `enum E<S: std::error::Error + 'static>` logs the chain. Put the bound on the type to get
//! the cause.
//!
//! ```
//! use error_contract::tracing::{PrivateCause, report_response};
//! use error_contract::CommonError;
//!
//! // What the axum and actix-web integrations do for every error response:
//! let cause = std::io::Error::other("connection pool exhausted");
//! report_response(&CommonError::InternalError, PrivateCause::Error(&cause));
//! ```

use std::error::Error;
use std::fmt::{self, Debug, Display, Write as _};

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::ApiError;

/// The target of the events of this module, for filters such as
/// `RUST_LOG=error_contract=debug`.
pub const TARGET: &str = "error_contract";

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
/// use error_contract::tracing::PrivateCause;
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

/// Logs that a response is being built for `error`, under [`TARGET`]: at `ERROR` for a 5xx,
/// at `DEBUG` for anything else; fields `status_code`, `error_code`, `error` (the public
/// message) and `cause` (private: the log's, never the client's).
///
/// The derived `IntoResponse` (axum) and `ResponseError` (actix-web) call it; call it
/// yourself before answering with a hand-built response.
///
/// ```
/// use error_contract::tracing::{PrivateCause, report_response};
/// use error_contract::CommonError;
///
/// report_response(&CommonError::NotFound, PrivateCause::Display(&"no invoice 42 for business 7"));
/// ```
pub fn report_response<E: ApiError + ?Sized>(error: &E, cause: PrivateCause<'_>) {
    let status = error.status();
    if status.is_server_error() {
        tracing::error!(
            target: TARGET,
            status_code = status.as_u16(),
            error_code = error.error_code(),
            error = %error.message(),
            cause = %cause,
            "error response",
        );
    } else {
        tracing::debug!(
            target: TARGET,
            status_code = status.as_u16(),
            error_code = error.error_code(),
            error = %error.message(),
            cause = %cause,
            "error response",
        );
    }
}

/// Whether a JSON key names a secret: after lower-casing and dropping `_`, `-`, `.` and
/// spaces, it contains `password`, `passwd`, `secret`, `token`, `authorization`, `apikey`,
/// `privatekey`, `credential` or `cookie`. So `access_token`, `refresh_token`, `client_secret`,
/// `API-Key` and `X-Authorization` are; a false positive (`tokenizer`) only hides a value
/// from the log.
///
/// ```
/// use error_contract::tracing::is_sensitive_key;
///
/// assert!(is_sensitive_key("Refresh_Token"));
/// assert!(is_sensitive_key("api-key"));
/// assert!(!is_sensitive_key("amount"));
/// ```
pub fn is_sensitive_key(key: &str) -> bool {
    const SECRETS: [&str; 9] = [
        "password",
        "passwd",
        "secret",
        "token",
        "authorization",
        "apikey",
        "privatekey",
        "credential",
        "cookie",
    ];
    let folded: String = key
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | '.' | ' '))
        .flat_map(char::to_lowercase)
        .collect();
    SECRETS.iter().any(|secret| folded.contains(secret))
}

/// What [`redact_json`] writes for the value of a sensitive key.
pub const REDACTED: &str = "[REDACTED]";

/// A JSON request body made fit for a log: the value of every key that
/// [`is_sensitive_key`] (at any depth, inside objects and arrays) becomes `"[REDACTED]"`,
/// whatever it was (a string, a number, a whole object). Keys keep their order and
/// duplicates; the output is compact JSON, numbers re-printed (`1.50` → `1.5`).
///
/// A body that is not JSON cannot be searched for secrets, so none of it is returned:
/// `[unparsable JSON body, N bytes]`.
///
/// ```
/// use error_contract::tracing::redact_json;
///
/// let body = br#"{"user": "ada", "password": "hunter2", "items": [{"api_key": 42}]}"#;
/// assert_eq!(
///     redact_json(body),
///     r#"{"user":"ada","password":"[REDACTED]","items":[{"api_key":"[REDACTED]"}]}"#,
/// );
/// assert_eq!(redact_json(b"password=hunter2"), "[unparsable JSON body, 16 bytes]");
/// ```
pub fn redact_json(body: &[u8]) -> String {
    let mut out = String::with_capacity(body.len());
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let redacted = Redact {
        out: &mut out,
        prefix: "",
    }
    .deserialize(&mut deserializer)
    .and_then(|()| deserializer.end());
    match redacted {
        Ok(()) => out,
        Err(_) => format!("[unparsable JSON body, {} bytes]", body.len()),
    }
}

/// Copies one JSON value to `out` as compact JSON, after `prefix`, redacting as it goes.
/// Streaming keeps the input's key order without an order-preserving map.
struct Redact<'o> {
    out: &'o mut String,
    prefix: &'static str,
}

impl Redact<'_> {
    fn write_str(&mut self, text: &str) {
        // A `&str` always serialises.
        if let Ok(quoted) = serde_json::to_string(text) {
            self.out.push_str(&quoted);
        }
    }
}

impl<'de> DeserializeSeed<'de> for Redact<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.out.push_str(self.prefix);
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Redact<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.out.push_str("null");
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        self.out.push_str(if value { "true" } else { "false" });
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        write!(self.out, "{value}").map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        write!(self.out, "{value}").map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        // serde_json only parses finite numbers, which always serialise.
        let text = serde_json::to_string(&value).map_err(E::custom)?;
        self.out.push_str(&text);
        Ok(())
    }

    fn visit_str<E: de::Error>(mut self, value: &str) -> Result<(), E> {
        self.write_str(value);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.out.push('[');
        let mut prefix = "";
        while seq
            .next_element_seed(Redact {
                out: &mut *self.out,
                prefix,
            })?
            .is_some()
        {
            prefix = ",";
        }
        self.out.push(']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.out.push('{');
        let mut first = true;
        while let Some(key) = map.next_key::<String>()? {
            if !first {
                self.out.push(',');
            }
            first = false;
            self.write_str(&key);
            self.out.push(':');
            if is_sensitive_key(&key) {
                map.next_value::<IgnoredAny>()?;
                self.write_str(REDACTED);
            } else {
                map.next_value_seed(Redact {
                    out: &mut *self.out,
                    prefix: "",
                })?;
            }
        }
        self.out.push('}');
        Ok(())
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
