//! [`Json`]: axum's JSON extractor and response, with rejections in the envelope.

use ::axum::extract::{FromRequest, OptionalFromRequest, Request};
use ::axum::response::{IntoResponse, Response};
use http::HeaderValue;
use http::header::CONTENT_TYPE;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::CommonError;
use crate::Rejection;
use crate::server::rejection;

/// JSON extractor and response, as [`axum::Json`](::axum::Json), whose rejections answer in
/// the envelope:
///
/// | request | answer |
/// |---|---|
/// | no `Content-Type`, or not `application/json` nor `application/*+json` | 415 `unsupported_media_type` |
/// | a body over the limit ([`DefaultBodyLimit`](::axum::extract::DefaultBodyLimit), 2 MB unless set) | 413 `payload_too_large` |
/// | not JSON: a syntax error, a truncated or empty body, trailing characters | 400 `malformed_json` |
/// | JSON of the wrong shape: a wrong type, a missing or unknown field, a bad value | 400 `validation_error` |
///
/// A `validation_error` names the failing field in `details` as Django REST Framework does,
/// in DRF's words: its path as nested keys with list items keyed by index, so a string at
/// `items[1].amount` gives `{"items":{"1":{"amount":["A valid number is required."]}}}`. A
/// missing field says "This field is required." under its own name, `null` "This field may
/// not be null.", an unknown field (with `#[serde(deny_unknown_fields)]`) "This field is not
/// recognized.", and a body of the wrong kind altogether (an array for a struct) goes under
/// `non_field_errors`. Every value that does not fit is named at once (up to 256 of them, in
/// a body of up to 256 KiB), as DRF names every field (serde stops at the first: a body that
/// failed is read once more to find the rest;
/// what that reading cannot follow, such as a type's own `Deserialize` refusing a value,
/// leaves serde's first error alone). The log gets where and how it failed, never the value.
/// actix-web's
/// `error_contract::actix::Json` answers the same bytes for the same body.
///
/// As a response, `Json(value)` answers 200 with `Content-Type: application/json`; a value
/// that fails to serialise answers 500 `internal_error`, the serde error going to the log only.
///
/// ```
/// use axum::Router;
/// use axum::routing::post;
/// use error_contract::ApiError;
/// use error_contract::axum::Json;
///
/// #[derive(Debug, serde::Deserialize, serde::Serialize)]
/// struct Payment {
///     amount: f64,
///     currency: String,
/// }
///
/// async fn pay(Json(payment): Json<Payment>) -> Json<Payment> {
///     Json(payment)
/// }
///
/// let app: Router = Router::new().route("/payments", post(pay));
/// # let _ = app;
///
/// // Outside a handler, from bytes:
/// let payment = Json::<Payment>::from_bytes(br#"{"amount": 12.5, "currency": "GBP"}"#).unwrap();
/// assert_eq!(payment.currency, "GBP");
/// let rejection = Json::<Payment>::from_bytes(br#"{"amount": 12.5}"#).unwrap_err();
/// assert_eq!(
///     rejection.error().details().get("currency"),
///     Some(&["This field is required.".to_owned()][..]),
/// );
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[must_use]
pub struct Json<T>(pub T);

crate::integrations::newtype!(Json);

impl<T: DeserializeOwned> Json<T> {
    /// Deserialises a whole body.
    ///
    /// # Errors
    ///
    /// The extractor's rejections about the body itself: 400 `malformed_json` for what is
    /// not JSON, 400 `validation_error` for JSON that does not fit `T`. (Those about
    /// `Content-Type` and the body's size need the request.)
    ///
    /// ```
    /// use error_contract::ApiError;
    /// use error_contract::axum::Json;
    ///
    /// let Json(numbers) = Json::<Vec<u8>>::from_bytes(b"[1, 2]").unwrap();
    /// assert_eq!(numbers, [1, 2]);
    /// let rejection = Json::<Vec<u8>>::from_bytes(b"[1, 2").unwrap_err();
    /// assert_eq!(rejection.error_code(), "malformed_json");
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Rejection> {
        rejection::json::deserialize(bytes).map(Self)
    }
}

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Rejection> {
        Self::from_bytes(&read_json_body(request, state).await?)
    }
}

/// The body of a JSON request: 415 without a JSON `Content-Type`, 413 past the limit.
pub(super) async fn read_json_body<S: Send + Sync>(
    request: Request,
    state: &S,
) -> Result<::axum::body::Bytes, Rejection> {
    let content_type = request.headers().get(CONTENT_TYPE);
    rejection::media_type::require_json(content_type.map(HeaderValue::as_bytes))?;
    super::body_bytes(request, state).await
}

/// `Option<Json<T>>`: `None` when the request has no `Content-Type`; otherwise the rejections
/// of `Json<T>`.
impl<T, S> OptionalFromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Option<Self>, Rejection> {
        if request.headers().contains_key(CONTENT_TYPE) {
            <Self as FromRequest<S>>::from_request(request, state)
                .await
                .map(Some)
        } else {
            Ok(None)
        }
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(body) => (
                [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
                body,
            )
                .into_response(),
            Err(error) => super::respond(
                &CommonError::InternalError,
                &format_args!("failed to serialise a JSON response: {error}"),
            ),
        }
    }
}
