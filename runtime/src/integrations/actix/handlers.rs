//! Handlers for the requests no route answers: unknown paths and wrong methods.

use actix_web::http::Method;
use actix_web::http::header::{ALLOW, HeaderValue};
use actix_web::{HttpResponse, Route, web};

use crate::CommonError;

/// The app's default service: 404 `not_found` in the envelope for a path no resource
/// matches. [`configure`](super::configure) installs it.
///
/// The response carries the [`CommonError`] as its error, so middleware sees it with
/// `response.error()`.
///
/// ```
/// use actix_web::{App, web};
/// use error_contract::CommonError;
///
/// let app = App::new().default_service(web::to(error_contract::actix::not_found));
///
/// let response = actix_web::rt::System::new().block_on(error_contract::actix::not_found());
/// assert_eq!(response.status(), actix_web::http::StatusCode::NOT_FOUND);
/// let error = response.error().and_then(|error| error.as_error::<CommonError>());
/// assert_eq!(error, Some(&CommonError::NotFound));
/// ```
pub async fn not_found() -> HttpResponse {
    HttpResponse::from_error(CommonError::NotFound)
}

/// A resource's default service: 405 `method_not_allowed` in the envelope for a method the
/// resource has no route for.
///
/// A resource's own default answers 405 with an empty body; set this one on each resource
/// with `default_service`. It does not know the resource's methods, so it sends no `Allow`
/// header (RFC 9110 asks for one): [`method_not_allowed_allowing`] does.
///
/// ```
/// use actix_web::{HttpResponse, web};
///
/// let invoices = web::resource("/invoices")
///     .route(web::get().to(HttpResponse::Ok))
///     .default_service(web::to(error_contract::actix::method_not_allowed));
/// ```
pub async fn method_not_allowed() -> HttpResponse {
    HttpResponse::from_error(CommonError::MethodNotAllowed)
}

/// A resource's default service as [`method_not_allowed`], with an `Allow` header listing
/// `methods`, the methods the resource does answer.
///
/// ```
/// use actix_web::http::Method;
/// use actix_web::{HttpResponse, web};
///
/// let invoices = web::resource("/invoices")
///     .route(web::get().to(HttpResponse::Ok))
///     .route(web::post().to(HttpResponse::Created))
///     .default_service(error_contract::actix::method_not_allowed_allowing([
///         Method::GET,
///         Method::POST,
///     ]));
/// ```
pub fn method_not_allowed_allowing<I>(methods: I) -> Route
where
    I: IntoIterator<Item = Method>,
{
    let allow = methods
        .into_iter()
        .map(|method| method.as_str().to_owned())
        .collect::<Vec<_>>()
        .join(", ");
    // A method is an HTTP token, always a valid header value.
    let allow = HeaderValue::from_str(&allow).ok();
    web::to(move || {
        let allow = allow.clone();
        async move {
            let mut response = HttpResponse::from_error(CommonError::MethodNotAllowed);
            if let Some(allow) = allow {
                response.headers_mut().insert(ALLOW, allow);
            }
            response
        }
    })
}
