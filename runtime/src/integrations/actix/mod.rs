//! actix-web 4 integration (feature `actix-web`): derived errors are `ResponseError`, and
//! the framework's own rejections answer in the envelope too.
//!
//! - Every derived type with `Debug` and `Display` implements `actix_web::ResponseError`, so
//!   a handler returns `Result<_, YourError>` and answers with [`ApiError::to_response`]'s
//!   status, headers and body (through [`error_response`]).
//! - [`Json`] and [`Query`] extract a body and a query string as `web::Json` and `web::Query`
//!   do, but deserialise them through the same translation as the axum integration, so a
//!   request that does not fit gets the same status and bytes from either framework, with
//!   `details` keyed by the failing field's whole path.
//! - [`configure`] installs the rest on an app or scope: [`json_config`], [`path_config`] and
//!   [`query_config`] (whose error handlers answer with a [`Rejection`](crate::Rejection)), and [`not_found`]
//!   as the default service.
//! - A resource answers a method it has no route for with an empty 405; give it
//!   [`method_not_allowed`] (or [`method_not_allowed_allowing`]) as its default service.
//!
//! | rejection | status | `error_code` |
//! |---|---|---|
//! | no resource matches the path | 404 | `not_found` |
//! | the resource has no route for the method | 405 | `method_not_allowed` |
//! | [`Json`] or `web::Json`: not JSON, or cut short | 400 | `malformed_json` |
//! | [`Json`] or `web::Json`: `Content-Type` missing or not JSON | 415 | `unsupported_media_type` |
//! | [`Json`] or `web::Json`: over the limit | 413 | `payload_too_large` |
//! | [`Json`] or `web::Json`: valid JSON that does not deserialise | 400 | `validation_error` |
//! | `web::Path`: a segment that does not parse | 404 | `not_found` |
//! | [`Query`] or `web::Query`: a query string that does not deserialise | 400 | `validation_error` |
//!
//! `web::Json` and `web::Query` keep the input to themselves, so their `details` name only
//! the field serde's message names (see [`json_error_handler`]); [`Json`] and [`Query`] name
//! the whole path. Each rejection is logged once (with the `tracing` feature), its cause
//! saying where and how the input failed, never the value. The error of each rejection is a
//! [`Rejection`](crate::Rejection), so middleware can read what the client is told with
//! `response.error().and_then(|error| error.as_error::<Rejection>()).map(Rejection::error)`.
//!
//! [`catch_all`], wrapped around the app, answers everything else in the envelope: the
//! rejections of `web::Form`, of `web::Bytes` and `String` bodies over `PayloadConfig`'s
//! limit, of `web::Header`, a `web::Data` that was never registered, a bare status.
//!
//! ```no_run
//! use actix_web::{App, HttpResponse, HttpServer, web};
//! use error_contract::ApiError;
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! enum InvoiceError {
//!     #[error("invoice {0} not found")]
//!     #[api(status = 404, message = "Invoice {0} not found.")]
//!     InvoiceNotFound(u32),
//! }
//!
//! async fn invoice(id: web::Path<u32>) -> Result<HttpResponse, InvoiceError> {
//!     Err(InvoiceError::InvoiceNotFound(id.into_inner()))
//! }
//!
//! # async fn run() -> std::io::Result<()> {
//! HttpServer::new(|| {
//!     App::new()
//!         .wrap(error_contract::actix::catch_all())
//!         .configure(error_contract::actix::configure)
//!         .service(
//!             web::resource("/invoices/{id}")
//!                 .route(web::get().to(invoice))
//!                 .default_service(web::to(error_contract::actix::method_not_allowed)),
//!         )
//! })
//! .bind("127.0.0.1:8080")?
//! .run()
//! .await
//! # }
//! ```
//!
//! [`ApiError::to_response`]: crate::ApiError::to_response
//! [`CommonError`]: crate::CommonError

mod catch_all;
mod config;
mod format;
mod handlers;
mod json;
mod query;
mod rejection;
mod response;

pub use catch_all::{catch_all, catch_all_using};
pub use config::{
    configure, json_config, json_error_handler, path_config, path_error_handler, query_config,
    query_error_handler,
};
pub use format::{ErrorFormatMiddleware, ErrorFormatService, error_format};
pub use handlers::{method_not_allowed, method_not_allowed_allowing, not_found};
pub use json::Json;
pub use query::Query;
pub use response::{error_response, status_code};
