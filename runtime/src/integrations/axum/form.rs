//! [`Form`]: axum's form extractor, with rejections in the envelope.

use ::axum::extract::{FromRequest, Request};
use http::header::CONTENT_TYPE;
use http::{HeaderValue, Method};
use serde::de::DeserializeOwned;

use crate::Rejection;
use crate::server::rejection;

/// A form (`application/x-www-form-urlencoded`), as [`axum::Form`](https://docs.rs/axum/0.8/axum/struct.Form.html) reads it:
/// the body of a `POST`, `PUT` or `PATCH`, the query string of a `GET` or `HEAD`. Its
/// rejections answer in the envelope, in the words of [`Json`](super::Json) and
/// [`Query`](super::Query):
///
/// | request | answer |
/// |---|---|
/// | a body without `Content-Type: application/x-www-form-urlencoded` | 415 `unsupported_media_type` |
/// | a body over the limit ([`DefaultBodyLimit`](::axum::extract::DefaultBodyLimit)) | 413 `payload_too_large` |
/// | fields that do not fit `T`: a wrong type, a missing or unknown field, a bad choice | 400 `validation_error` |
///
/// `amount=two` for an `amount: u32` gives `{"amount":["A valid integer is required."]}`; the
/// log gets the field's name, never its value.
///
/// ```
/// use axum::Router;
/// use axum::routing::post;
/// use error_contract::ApiError;
/// use error_contract::axum::Form;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Signup {
///     email: String,
///     seats: u32,
/// }
///
/// async fn signup(Form(signup): Form<Signup>) -> String {
///     format!("{} for {} seats", signup.email, signup.seats)
/// }
///
/// let app: Router = Router::new().route("/signup", post(signup));
/// # let _ = app;
///
/// let rejection = Form::<Signup>::from_bytes(b"email=ada%40example.com&seats=many").unwrap_err();
/// assert_eq!(
///     rejection.error().details().get("seats"),
///     Some(&["A valid integer is required.".to_owned()][..]),
/// );
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Form<T>(pub T);

crate::integrations::newtype!(Form);

impl<T: DeserializeOwned> Form<T> {
    /// Deserialises a whole form body (or a query string: the format is the same).
    ///
    /// # Errors
    ///
    /// 400 `validation_error` naming every field that does not fit `T`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Rejection> {
        rejection::query::deserialize_form(bytes).map(Self)
    }
}

impl<T, S> FromRequest<S> for Form<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Rejection> {
        Self::from_bytes(&form_bytes(request, state).await?)
    }
}

/// The encoded form of a request: the query string of a `GET` or `HEAD`, else the body, with
/// 415 without the form content type and 413 past the limit.
pub(super) async fn form_bytes<S: Send + Sync>(
    request: Request,
    state: &S,
) -> Result<::axum::body::Bytes, Rejection> {
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        let query = request.uri().query().unwrap_or_default();
        return Ok(::axum::body::Bytes::copy_from_slice(query.as_bytes()));
    }
    let content_type = request.headers().get(CONTENT_TYPE);
    rejection::media_type::require_form(content_type.map(HeaderValue::as_bytes))?;
    super::body_bytes(request, state).await
}
