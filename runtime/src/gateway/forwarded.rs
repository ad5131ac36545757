//! [`Forwarded`]: an upstream's error, answered again by a gateway.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use http::StatusCode;

use super::code::ForwardedCode;
use super::interned;
use crate::server::meta::MetaWriter;
use crate::{
    ApiError, Catalog, CommonError, CommonErrorCode, Details, ErrorCatalog, ErrorCode,
    ErrorEnvelope, ErrorResponse, ErrorSpec, Meta, RetryClass, Retryable,
};

/// An upstream service's error response, answered again by this service (a gateway) as it
/// came: the upstream's status, `error_code` (one the upstream contract `E` does not know
/// too), message, details and `Retry-After`.
///
/// Built from the [`ErrorResponse`] the client decoded ([`from_response`](Self::from_response)),
/// or with the `reqwest` feature from the client's whole error
/// ([`from_client_error`](Self::from_client_error), which also covers an upstream that is
/// down), and used as a transparent variant of the gateway's own error enum:
///
/// ```
/// use error_contract::http::{HeaderMap, StatusCode};
/// use error_contract::{ApiError, CommonError, ErrorResponse, Forwarded};
///
/// /// The upstream's contract (in a real gateway, a crate shared with the upstream).
/// #[derive(Debug, thiserror::Error, ApiError)]
/// pub enum LedgerError {
///     /// The account is frozen.
///     #[error("account frozen")]
///     #[api(status = 423, message = "Account {0} is frozen.")]
///     AccountFrozen(String),
/// }
///
/// /// The gateway's own errors, the upstream's forwarded.
/// #[derive(Debug, thiserror::Error, ApiError)]
/// pub enum GatewayError {
///     #[error(transparent)]
///     #[api(transparent)]
///     Common(CommonError),
///
///     #[error(transparent)]
///     #[api(transparent)]
///     Ledger(Forwarded<LedgerError>),
/// }
///
/// let body = br#"{"error":"Account acc_1 is frozen.","error_code":"account_frozen","details":{}}"#;
/// let upstream = ErrorResponse::from_parts(StatusCode::LOCKED, &HeaderMap::new(), body);
/// let error = GatewayError::Ledger(Forwarded::from_response(&upstream));
/// assert_eq!(error.status(), StatusCode::LOCKED);
/// assert_eq!(error.to_json(), body);
///
/// // The upstream's 401 is the gateway's problem, not its caller's.
/// let body = br#"{"error":"Invalid token.","error_code":"invalid_token","details":{}}"#;
/// let upstream = ErrorResponse::from_parts(StatusCode::UNAUTHORIZED, &HeaderMap::new(), body);
/// let error: Forwarded<LedgerError> = Forwarded::from_response(&upstream);
/// assert_eq!((error.status(), error.error_code()), (StatusCode::BAD_GATEWAY, "bad_gateway"));
/// ```
///
/// What is answered:
///
/// | upstream | answer |
/// |---|---|
/// | an envelope with a code (of `E` or not) | its status, code, message, details and `Retry-After` |
/// | a 401 or a 403 | 502 `bad_gateway`: the caller cannot fix the gateway's credentials ([`keeping_auth_failures`](Self::keeping_auth_failures) forwards them) |
/// | a body without a code, 5xx | 502 `bad_gateway`, except 503 `service_unavailable` and 504 `gateway_timeout`, `Retry-After` kept |
/// | a body without a code, 4xx | the [`CommonError`] for the status ([`CommonError::for_status`]), `Retry-After` kept |
/// | down, refused, reset (`from_client_error`) | 502 `bad_gateway`; timed out, 504 `gateway_timeout` |
///
/// A code `E` does not know is answered as sent when it has the envelope's shape
/// (`snake_case`, at most 64 bytes): [`ApiError::error_code`] is `'static`, so such a code
/// is kept once per process, at most 1,024 of them; past that, or of another shape, it is
/// answered as `upstream_error`. Its [`code`](ApiError::code) is
/// [`ForwardedCode::Unknown`]. The catalogue of `Forwarded<E>` is `E`'s, without the codes
/// of [`CommonError`], which the gateway's own enum declares.
pub struct Forwarded<E: ApiError> {
    status: StatusCode,
    code: ForwardedCode<E::Code>,
    error_code: &'static str,
    message: String,
    details: Details,
    /// The upstream's public values, forwarded as they came.
    meta: Meta,
    retry_after: Option<Duration>,
    /// The upstream's own status, for [`keeping_auth_failures`](Self::keeping_auth_failures)
    /// and the log.
    upstream_status: StatusCode,
    /// The upstream's answer as it came, kept while an auth failure is replaced.
    kept: Option<Box<Kept<E::Code>>>,
    _contract: PhantomData<fn() -> E>,
}

/// What an upstream auth failure said, for [`Forwarded::keeping_auth_failures`].
struct Kept<C: ErrorCode> {
    code: ForwardedCode<C>,
    error_code: &'static str,
    message: String,
    details: Details,
    meta: Meta,
}

impl<E: ApiError> Forwarded<E> {
    /// The upstream's failed response, as the table above answers it.
    pub fn from_response(response: &ErrorResponse<E::Code>) -> Self {
        let upstream_status = response.status();
        let retry_after = response.retry_after();
        let forwarded = match (response.code(), response.error_code()) {
            (Some(code), Some(_)) => Some((ForwardedCode::Upstream(code), code.as_str())),
            (None, Some(text)) => Some(match CommonErrorCode::from_code(text) {
                Some(common) => (ForwardedCode::Gateway(common), common.as_str()),
                None => (ForwardedCode::Unknown, interned::intern(text)),
            }),
            (_, None) => None,
        };
        let Some((code, error_code)) = forwarded else {
            return Self::gateway(&codeless(upstream_status), upstream_status, retry_after);
        };
        let answered = Self {
            status: upstream_status,
            code,
            error_code,
            message: response.message().to_owned(),
            details: response.details().clone(),
            meta: response.meta().clone(),
            retry_after,
            upstream_status,
            kept: None,
            _contract: PhantomData,
        };
        if !matches!(
            upstream_status,
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
        ) {
            return answered;
        }
        let mut replaced = Self::gateway(&CommonError::BadGateway, upstream_status, None);
        replaced.kept = Some(Box::new(Kept {
            code: answered.code,
            error_code: answered.error_code,
            message: answered.message,
            details: answered.details,
            meta: answered.meta,
        }));
        replaced
    }

    /// Forwards an upstream 401 or 403 as it came instead of answering 502 `bad_gateway`:
    /// for a gateway whose callers' own credentials are passed upstream.
    #[must_use]
    pub fn keeping_auth_failures(mut self) -> Self {
        if let Some(kept) = self.kept.take() {
            self.status = self.upstream_status;
            self.code = kept.code;
            self.error_code = kept.error_code;
            self.message = kept.message;
            self.details = kept.details;
            self.meta = kept.meta;
        }
        self
    }

    /// The status the upstream answered with (the one [`status`](ApiError::status) answers
    /// may differ: a 401 becomes 502).
    pub fn upstream_status(&self) -> StatusCode {
        self.upstream_status
    }

    /// The gateway's own answer, `error` from `CommonError`.
    fn gateway(
        error: &CommonError,
        upstream_status: StatusCode,
        retry_after: Option<Duration>,
    ) -> Self {
        Self {
            status: error.status(),
            code: ForwardedCode::Gateway(error.code()),
            error_code: error.code().as_str(),
            message: error.message().into_owned(),
            details: Details::new(),
            meta: Meta::new(),
            retry_after,
            upstream_status,
            kept: None,
            _contract: PhantomData,
        }
    }
}

#[cfg(feature = "reqwest")]
impl<E: ApiError> Forwarded<E> {
    /// The client's whole failure: an upstream error response as
    /// [`from_response`](Self::from_response) answers it; an upstream that did not answer
    /// in time 504 `gateway_timeout`; one that is down, refused or reset the connection, or
    /// any other failure to reach it, 502 `bad_gateway`.
    pub fn from_client_error(error: &crate::reqwest::ClientError<E::Code>) -> Self {
        use crate::reqwest::ClientErrorKind;

        match error.kind() {
            ClientErrorKind::Api(response) => Self::from_response(response),
            ClientErrorKind::TimedOut(_) => Self::gateway(
                &CommonError::GatewayTimeout,
                StatusCode::GATEWAY_TIMEOUT,
                None,
            ),
            _ => Self::gateway(&CommonError::BadGateway, StatusCode::BAD_GATEWAY, None),
        }
    }
}

#[cfg(feature = "reqwest")]
impl<E: ApiError> From<crate::reqwest::ClientError<E::Code>> for Forwarded<E> {
    fn from(error: crate::reqwest::ClientError<E::Code>) -> Self {
        Self::from_client_error(&error)
    }
}

impl<E: ApiError> From<&ErrorResponse<E::Code>> for Forwarded<E> {
    fn from(response: &ErrorResponse<E::Code>) -> Self {
        Self::from_response(response)
    }
}

/// The gateway's answer for an upstream body without a code.
fn codeless(status: StatusCode) -> CommonError {
    match status {
        StatusCode::SERVICE_UNAVAILABLE => CommonError::ServiceUnavailable,
        StatusCode::GATEWAY_TIMEOUT => CommonError::GatewayTimeout,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => CommonError::BadGateway,
        status if status.is_client_error() => {
            CommonError::for_status(status).unwrap_or(CommonError::BadGateway)
        }
        _ => CommonError::BadGateway,
    }
}

impl<E: ApiError> ApiError for Forwarded<E> {
    type Code = ForwardedCode<E::Code>;

    fn code(&self) -> Self::Code {
        self.code
    }

    fn status(&self) -> StatusCode {
        self.status
    }

    fn error_code(&self) -> &'static str {
        self.error_code
    }

    fn message(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.message)
    }

    fn details(&self) -> Details {
        self.details.clone()
    }

    fn details_ref(&self) -> Cow<'_, Details> {
        Cow::Borrowed(&self.details)
    }

    fn envelope(&self) -> ErrorEnvelope {
        ErrorEnvelope::new(self.message.clone(), self.error_code)
            .with_details(self.details.clone())
            .with_meta(self.meta.clone())
    }

    fn meta(&self) -> Meta {
        self.meta.clone()
    }

    fn write_meta(&self, meta: &mut MetaWriter<'_>) {
        self.meta.write_to(meta);
    }
}

impl<E: ApiError> Retryable for Forwarded<E> {
    fn retry_class(&self) -> RetryClass {
        match self.code {
            ForwardedCode::Unknown => RetryClass::for_status(self.status.as_u16()),
            code => code.retry_class(),
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
}

/// `E`'s codes, without those of [`CommonError`] (the gateway's own enum declares them).
impl<E: ApiError + ErrorCatalog> ErrorCatalog for Forwarded<E> {
    fn error_specs() -> Vec<ErrorSpec> {
        let common = Catalog::of::<CommonError>();
        E::error_specs()
            .into_iter()
            .filter(|spec| !common.specs().iter().any(|own| own.code == spec.code))
            .collect()
    }
}

/// The private account for the gateway's log: what the upstream answered.
impl<E: ApiError> fmt::Display for Forwarded<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "upstream answered {}: {} ({})",
            self.upstream_status.as_u16(),
            self.kept
                .as_ref()
                .map_or(&*self.message, |kept| &kept.message),
            self.kept
                .as_ref()
                .map_or(self.error_code, |kept| kept.error_code),
        )
    }
}

impl<E: ApiError> fmt::Debug for Forwarded<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Forwarded")
            .field("status", &self.status)
            .field("error_code", &self.error_code)
            .field("message", &self.message)
            .field("details", &self.details)
            .field("meta", &self.meta)
            .field("retry_after", &self.retry_after)
            .field("upstream_status", &self.upstream_status)
            .finish_non_exhaustive()
    }
}

impl<E: ApiError> Clone for Forwarded<E> {
    fn clone(&self) -> Self {
        Self {
            status: self.status,
            code: self.code,
            error_code: self.error_code,
            message: self.message.clone(),
            details: self.details.clone(),
            meta: self.meta.clone(),
            retry_after: self.retry_after,
            upstream_status: self.upstream_status,
            kept: self.kept.as_ref().map(|kept| {
                Box::new(Kept {
                    code: kept.code,
                    error_code: kept.error_code,
                    message: kept.message.clone(),
                    details: kept.details.clone(),
                    meta: kept.meta.clone(),
                })
            }),
            _contract: PhantomData,
        }
    }
}

impl<E: ApiError> std::error::Error for Forwarded<E> {}
