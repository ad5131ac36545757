//! [`RequestFacts`]: what the policy needs to know about the request that failed.

use http::{HeaderMap, HeaderName, Method};

/// The `Idempotency-Key` header, which makes any request safe to repeat: the server
/// deduplicates by its value.
pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// The facts about a failed request that decide whether repeating it is safe, and whether
/// its credentials can be refreshed.
///
/// A client tells the policy everything it knows here, then obeys
/// [`RetryPolicy::decide`](super::RetryPolicy::decide) as it answers: a body that cannot be
/// sent again and a client with no credential source are facts, not reasons to edit the
/// answer.
///
/// ```
/// use error_contract::RequestFacts;
/// use error_contract::http::Method;
///
/// let create = RequestFacts::new(Method::POST).with_idempotency_key();
/// assert!(create.idempotency_key);
/// assert!(create.replayable && create.can_refresh);
///
/// // A streamed upload from a client that has no token source.
/// let upload = RequestFacts::new(Method::PUT).not_replayable().without_refresh();
/// assert!(!upload.replayable && !upload.can_refresh);
/// ```
///
/// Non-exhaustive: later versions may add facts; build it with [`new`](Self::new) or
/// [`from_headers`](Self::from_headers) and the `with_*`, `not_*` and `without_*` methods.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RequestFacts {
    /// The request's method.
    pub method: Method,
    /// Whether the request carries an `Idempotency-Key` header.
    pub idempotency_key: bool,
    /// Whether the body can be sent again (true by default). `false` for a body that was
    /// consumed by sending it, such as a stream: the policy then answers every failure that
    /// would be followed by a resend with [`Stop::NotSafeToRetry`](super::Stop::NotSafeToRetry),
    /// a `NotSent` one included.
    pub replayable: bool,
    /// Whether the client has a source of fresh credentials (true by default). `false`: a
    /// `Reauthenticate` failure (a 401) stops with
    /// [`Stop::CannotRefresh`](super::Stop::CannotRefresh) instead of asking for a refresh.
    pub can_refresh: bool,
}

impl RequestFacts {
    /// A request with this method and no `Idempotency-Key`, whose body can be sent again and
    /// whose credentials can be refreshed.
    pub fn new(method: Method) -> Self {
        Self {
            method,
            idempotency_key: false,
            replayable: true,
            can_refresh: true,
        }
    }

    /// The facts of a request with this method and these headers: `idempotency_key` is set
    /// when an `Idempotency-Key` header is present, whatever its value. The other facts are
    /// [`new`](Self::new)'s.
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
            idempotency_key: headers.contains_key(IDEMPOTENCY_KEY),
            ..Self::new(method)
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

    /// The same request, whose body cannot be sent again (a stream, consumed by the attempt):
    /// the policy never asks to send it again, whatever its method, key or failure.
    #[must_use]
    pub fn not_replayable(self) -> Self {
        Self {
            replayable: false,
            ..self
        }
    }

    /// The same request, from a client that has no way to get fresh credentials: a 401
    /// stops with [`Stop::CannotRefresh`](super::Stop::CannotRefresh).
    #[must_use]
    pub fn without_refresh(self) -> Self {
        Self {
            can_refresh: false,
            ..self
        }
    }
}
