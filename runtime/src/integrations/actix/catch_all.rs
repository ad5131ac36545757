//! [`catch_all`]: every error response of an app in the envelope, whoever wrote it.

use actix_web::body::{BodySize, EitherBody, MessageBody, to_bytes_limited};
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{HttpResponse, ResponseError};

use crate::CatchAll;
use crate::server::catch_all::{self, KEPT_HEADERS, Verdict};

/// Middleware replacing every response with status ≥ 400 that is not already in the
/// envelope by the [`CommonError`](crate::CommonError) for its status
/// ([`CommonError::for_status`](crate::CommonError::for_status)): actix-web's
/// [`ErrorHandlers`] with a default handler, for [`App::wrap`](actix_web::App::wrap).
///
/// It catches what [`configure`](super::configure) does not: `web::Form`, `web::Bytes` and
/// `String` bodies over their limit, `web::Header`, an unregistered `web::Data`, a handler
/// answering a bare status. The status is kept, and so are the `Allow`, `Retry-After` and
/// `WWW-Authenticate` headers; the replaced body goes to the log (with the `tracing`
/// feature: at `DEBUG` for a 4xx, `ERROR` for a 5xx), with whatever it quotes withheld, and
/// never to the client.
///
/// Kept as they are: responses below 400 (untouched and unread, so a streamed success is
/// never buffered), `application/problem+json`, and JSON whose body is already an envelope
/// (an object with a string `error` and `error_code`). Deciding the last reads the body, all
/// of it when its size is known and 64 KiB of a stream. The axum integration's
/// `catch_all` answers the same.
///
/// ```
/// use actix_web::{App, HttpResponse, web};
///
/// let app = App::new()
///     .wrap(error_contract::actix::catch_all())
///     .route("/legacy", web::get().to(|| async { HttpResponse::Conflict().finish() }));
/// # let _ = app;
/// ```
pub fn catch_all<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    catch_all_using(CatchAll::new())
}

/// [`catch_all`] with settings other than the defaults, such as validation failures at 422.
///
/// ```
/// use actix_web::App;
/// use error_contract::CatchAll;
/// use error_contract::http::StatusCode;
///
/// let settings = CatchAll::new().validation_status(StatusCode::UNPROCESSABLE_ENTITY);
/// let app = App::new().wrap(error_contract::actix::catch_all_using(settings));
/// # let _ = app;
/// ```
pub fn catch_all_using<B: MessageBody + 'static>(settings: CatchAll) -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(move |response| {
        Ok(ErrorHandlerResponse::Future(Box::pin(replace(
            settings, response,
        ))))
    })
}

async fn replace<B: MessageBody + 'static>(
    settings: CatchAll,
    response: ServiceResponse<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    // actix-web 4 speaks `http` 0.2: the same number in the `http` 1 type.
    let Ok(status) = http::StatusCode::from_u16(response.status().as_u16()) else {
        return Ok(response.map_into_left_body());
    };
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(HeaderValue::as_bytes);
    if catch_all::kept_unread(status, content_type) {
        return Ok(response.map_into_left_body());
    }
    let (request, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let exact = match body.size() {
        BodySize::None => Some(0),
        BodySize::Sized(size) => Some(size),
        BodySize::Stream => None,
    };
    let bytes = to_bytes_limited(body, catch_all::read_limit(exact))
        .await
        .ok()
        .and_then(Result::ok);
    let content_type = head.headers().get(CONTENT_TYPE).map(HeaderValue::as_bytes);
    let rejection = match settings.verdict(status, content_type, bytes.as_deref()) {
        Verdict::Replace(rejection) => rejection,
        verdict => {
            // Kept: a JSON envelope, read whole.
            let mut kept = head
                .set_body(bytes.unwrap_or_default())
                .map_into_boxed_body();
            if let Verdict::Restatus(status) = verdict
                && let Ok(status) = actix_web::http::StatusCode::from_u16(status.as_u16())
            {
                *kept.status_mut() = status;
            }
            return Ok(ServiceResponse::new(request, kept).map_into_right_body());
        }
    };
    let mut replaced: HttpResponse = rejection.error_response();
    *replaced.status_mut() = head.status();
    for name in KEPT_HEADERS {
        let Ok(name) = HeaderName::from_bytes(name.as_str().as_bytes()) else {
            continue;
        };
        if head.headers().contains_key(&name) {
            replaced.headers_mut().remove(&name);
            for value in head.headers().get_all(&name) {
                replaced.headers_mut().append(name.clone(), value.clone());
            }
        }
    }
    Ok(ServiceResponse::new(request, replaced).map_into_right_body())
}
