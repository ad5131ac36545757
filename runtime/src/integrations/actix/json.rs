//! [`Json`]: a JSON body extractor for actix-web whose rejections are axum's, byte for byte.

use std::future::{Future, ready};
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use crate::Rejection;
use crate::server::rejection::{json, media_type};

/// A JSON body, as `web::Json`, read and deserialised by this crate, so a rejection answers
/// exactly as `error_contract::axum::Json`'s does for the same request:
///
/// | request | answer |
/// |---|---|
/// | no `Content-Type`, or not `application/json` nor `application/*+json` | 415 `unsupported_media_type` |
/// | a body over `web::PayloadConfig`'s limit (256 KiB unless set) | 413 `payload_too_large` |
/// | not JSON: a syntax error, a truncated or empty body, trailing characters | 400 `malformed_json` |
/// | JSON of the wrong shape: a wrong type, a missing or unknown field, a bad value | 400 `validation_error` |
///
/// A `validation_error` keys the failing field by its whole path, in Django REST Framework's
/// words: a string at `items[1].amount` gives
/// `{"items":{"1":{"amount":["A valid number is required."]}}}`. The log gets one event with
/// where and how it failed, never the value.
///
/// Answer with `web::Json`; this type only extracts.
///
/// ```
/// use actix_web::{App, HttpResponse, web};
/// use error_contract::actix::Json;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Payment {
///     amount: f64,
///     currency: String,
/// }
///
/// async fn pay(Json(payment): Json<Payment>) -> HttpResponse {
///     HttpResponse::Ok().body(format!("{} {}", payment.amount, payment.currency))
/// }
///
/// let app = App::new()
///     .app_data(web::PayloadConfig::new(64 * 1024))
///     .route("/payments", web::post().to(pay));
///
/// // Outside a handler, from bytes:
/// let rejection = Json::<Payment>::from_bytes(br#"{"amount": "ten"}"#).unwrap_err();
/// assert_eq!(
///     rejection.error().to_string(),
///     "Validation errors in request data",
/// );
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Json<T>(pub T);

crate::integrations::newtype!(Json);

impl<T: DeserializeOwned> Json<T> {
    /// Deserialises a whole body.
    ///
    /// # Errors
    ///
    /// 400 `malformed_json` for what is not JSON, 400 `validation_error` for JSON that does
    /// not fit `T`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Rejection> {
        json::deserialize(bytes).map(Self)
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = Rejection;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Rejection>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type = request.headers().get(CONTENT_TYPE);
        if let Err(rejection) = media_type::require_json(content_type.map(HeaderValue::as_bytes)) {
            return Box::pin(ready(Err(rejection)));
        }
        let body = Bytes::from_request(request, payload);
        Box::pin(async move {
            let body = body.await.map_err(|refused| {
                if refused.as_response_error().status_code() == StatusCode::PAYLOAD_TOO_LARGE {
                    Rejection::payload_too_large()
                } else {
                    Rejection::unreadable_body(&refused)
                }
            })?;
            Self::from_bytes(&body)
        })
    }
}
