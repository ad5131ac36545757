//! [`error_format`]: an app's errors in the envelope, as problem documents, or by `Accept`.

use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::rc::Rc;

use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::header::ACCEPT;

use crate::ErrorFormat;
use crate::server::format::chosen::{self, Chosen};

/// Middleware answering the errors of what it wraps in the form `format` names for each
/// request, for [`App::wrap`](actix_web::App::wrap): every response this crate builds
/// inside it (derived errors, the extractors' and handlers' rejections, the catch-all's
/// replacements) is the envelope or the RFC 9457 problem document.
///
/// Wrap it last, so it is outermost and covers [`catch_all`](super::catch_all) too. An
/// error response built elsewhere is not rewritten.
///
/// ```
/// use actix_web::{App, web};
/// use error_contract::{CommonError, ErrorFormat};
///
/// let app = App::new()
///     .wrap(error_contract::actix::catch_all())
///     .wrap(error_contract::actix::error_format(ErrorFormat::ByAccept))
///     .route("/gone", web::get().to(|| async { Err::<String, _>(CommonError::NotFound) }));
/// # let _ = app;
/// ```
pub fn error_format(format: ErrorFormat) -> ErrorFormatMiddleware {
    ErrorFormatMiddleware { format }
}

/// The middleware [`error_format`] makes.
#[derive(Debug, Clone, Copy)]
pub struct ErrorFormatMiddleware {
    format: ErrorFormat,
}

impl<S, B> Transform<S, ServiceRequest> for ErrorFormatMiddleware
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Transform = ErrorFormatService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ErrorFormatService {
            service: Rc::new(service),
            format: self.format,
        }))
    }
}

/// The service [`ErrorFormatMiddleware`] wraps around the app's.
#[derive(Debug)]
pub struct ErrorFormatService<S> {
    service: Rc<S>,
    format: ErrorFormat,
}

impl<S, B> Service<ServiceRequest> for ErrorFormatService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<ServiceResponse<B>, actix_web::Error>>>>;

    forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        // actix-web's `http` 0.2 header value, read as the `http` 1 one `Chosen` reads.
        let accept = request
            .headers()
            .get(ACCEPT)
            .and_then(|value| http::HeaderValue::from_bytes(value.as_bytes()).ok());
        let chosen = Chosen::for_request(self.format, accept.as_ref());
        let service = Rc::clone(&self.service);
        Box::pin(chosen::within(chosen, async move {
            service.call(request).await
        }))
    }
}
