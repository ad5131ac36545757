//! A panic in a handler answers 500 `internal_error`; its message goes to the log only.

use std::any::Any;

use ::axum::body::Body;
use http::Response;
use tower_http::catch_panic::{CatchPanicLayer, ResponseForPanic};

use crate::CommonError;

/// The [`ResponseForPanic`] of [`catch_panic_layer`]: answers a panic with 500
/// `internal_error` and, with the `tracing` feature, logs the panic message at `ERROR`
/// (the message is never sent to the client).
///
/// ```
/// use tower_http::catch_panic::ResponseForPanic;
///
/// let response = error_contract::axum::PanicHandler
///     .response_for_panic(Box::new("index out of bounds"));
/// assert_eq!(response.status(), 500);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PanicHandler;

impl ResponseForPanic for PanicHandler {
    type ResponseBody = Body;

    fn response_for_panic(&mut self, panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
        let message = if let Some(text) = panic.downcast_ref::<&'static str>() {
            text
        } else if let Some(text) = panic.downcast_ref::<String>() {
            text.as_str()
        } else {
            "(a panic payload that is not a string)"
        };
        super::respond(
            &CommonError::InternalError,
            &format_args!("handler panicked: {message}"),
        )
    }
}

/// tower-http's [`CatchPanicLayer`] with [`PanicHandler`]: a panic in a handler (or a
/// layer inside it) answers 500 `internal_error` instead of dropping the connection.
///
/// [`ApiRouterExt::with_error_contract`](super::ApiRouterExt::with_error_contract) installs
/// it; add it yourself with [`Router::layer`](::axum::Router::layer) otherwise, after the
/// routes it should cover.
///
/// ```
/// use axum::Router;
/// use axum::routing::get;
///
/// fn explode() -> &'static str {
///     panic!("the cause, for the log only")
/// }
///
/// let app: Router = Router::new()
///     .route("/boom", get(|| async { explode() }))
///     .layer(error_contract::axum::catch_panic_layer());
/// # let _ = app;
/// ```
pub fn catch_panic_layer() -> CatchPanicLayer<PanicHandler> {
    CatchPanicLayer::custom(PanicHandler)
}
