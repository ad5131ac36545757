//! Secrets kept out of logs: [`is_sensitive_key`] and [`redact_json`]. Pure functions, with
//! or without the `tracing` feature, so every rejection's loggable cause is the same whatever
//! features are on.

use std::fmt::{self, Write as _};

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Whether a JSON key names a secret: after lower-casing and dropping `_`, `-`, `.` and
/// spaces, it contains `password`, `passwd`, `secret`, `token`, `authorization`, `apikey`,
/// `privatekey`, `credential` or `cookie`. So `access_token`, `refresh_token`, `client_secret`,
/// `API-Key` and `X-Authorization` are; a false positive (`tokenizer`) only hides a value
/// from the log.
///
/// ```
/// use error_contract::is_sensitive_key;
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
/// use error_contract::redact_json;
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
