//! [`RequestFacts`]: what the policy needs to know about the request that failed.

use http::{HeaderMap, HeaderName, Method};

/// The `Idempotency-Key` header, which makes any request safe to repeat: the server
/// deduplicates by its value.
pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// The facts about a failed request that decide whether repeating it is safe.
///
/// ```
/// use error_contract::RequestFacts;
/// use error_contract::http::Method;
///
/// let create = RequestFacts::new(Method::POST).with_idempotency_key();
/// assert!(create.idempotency_key);
/// ```
///
/// Non-exhaustive: later versions may add facts; build it with [`new`](Self::new) or
/// [`from_headers`](Self::from_headers) and the `with_*` methods.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RequestFacts {
    /// The request's method.
    pub method: Method,
    /// Whether the request carries an `Idempotency-Key` header.
    pub idempotency_key: bool,
}

impl RequestFacts {
    /// A request with this method and no `Idempotency-Key`.
    pub fn new(method: Method) -> Self {
        Self {
            method,
            idempotency_key: false,
        }
    }

    /// The facts of a request with this method and these headers: `idempotency_key` is set
    /// when an `Idempotency-Key` header is present, whatever its value.
    ///
    /// ```
    /// use error_contract::RequestFacts;
    /// use error_contract::http::{HeaderMap, HeaderValue, Method};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("Idempotency-Key", HeaderValue::from_static("inv-2024-0042"));
    /// assert_eq!(
    ///     RequestFacts::from_headers(Method::POST, &headers),
    ///     RequestFacts::new(Method::POST).with_idempotency_key(),
    /// );
    /// ```
    pub fn from_headers(method: Method, headers: &HeaderMap) -> Self {
        Self {
            method,
            idempotency_key: headers.contains_key(IDEMPOTENCY_KEY),
        }
    }

    /// The same request, carrying an `Idempotency-Key`.
    #[must_use]
    pub fn with_idempotency_key(self) -> Self {
        Self {
            idempotency_key: true,
            ..self
        }
    }
}
