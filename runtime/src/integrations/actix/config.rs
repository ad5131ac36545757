//! Extractor configs whose error handlers answer in the envelope, and [`configure`].

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::web::{JsonConfig, PathConfig, QueryConfig, ServiceConfig};
use actix_web::{HttpRequest, web};

use super::{handlers, rejection};

/// Installs every helper of this module on an app or scope: [`json_config`],
/// [`path_config`], [`query_config`], and [`not_found`](handlers::not_found) as the
/// default service.
///
/// Register your own `JsonConfig` (say, with another limit) after it to replace this one;
/// start from [`json_config`] to keep the envelope.
///
/// ```no_run
/// use actix_web::{App, HttpServer};
///
/// # async fn run() -> std::io::Result<()> {
/// HttpServer::new(|| {
///     App::new()
///         .configure(error_contract::actix::configure)
///         .app_data(error_contract::actix::json_config().limit(64 * 1024))
/// })
/// .bind("127.0.0.1:8080")?
/// .run()
/// .await
/// # }
/// ```
pub fn configure(config: &mut ServiceConfig) {
    config
        .app_data(json_config())
        .app_data(path_config())
        .app_data(query_config())
        .default_service(web::to(handlers::not_found));
}

/// actix-web's default `JsonConfig` (2 MB limit, `application/json` or `+json` required)
/// with [`json_error_handler`].
///
/// ```
/// use actix_web::{App, web};
///
/// let app = App::new().app_data(error_contract::actix::json_config().limit(4096));
/// ```
pub fn json_config() -> JsonConfig {
    JsonConfig::default().error_handler(json_error_handler)
}

/// actix-web's default `PathConfig` with [`path_error_handler`].
///
/// ```
/// use actix_web::App;
///
/// let app = App::new().app_data(error_contract::actix::path_config());
/// ```
pub fn path_config() -> PathConfig {
    PathConfig::default().error_handler(path_error_handler)
}

/// actix-web's default `QueryConfig` with [`query_error_handler`].
///
/// ```
/// use actix_web::App;
///
/// let app = App::new().app_data(error_contract::actix::query_config());
/// ```
pub fn query_config() -> QueryConfig {
    QueryConfig::default().error_handler(query_error_handler)
}

/// The error handler of [`json_config`], for a `JsonConfig` of your own.
///
/// It answers with a [`Rejection`](crate::Rejection), logged once with its cause:
///
/// | rejection | status | `error_code` |
/// |---|---|---|
/// | not JSON, or cut short | 400 | `malformed_json` |
/// | `Content-Type` missing or not JSON | 415 | `unsupported_media_type` |
/// | over the config's limit | 413 | `payload_too_large` |
/// | valid JSON that does not deserialise | 400 | `validation_error` |
///
/// The words are those of [`Json`](super::Json) (Django REST Framework's: "This field is
/// required.", "A valid integer is required."), but `web::Json` keeps the body to itself, so
/// nothing says where in it a value failed beyond the field serde's message names: a missing,
/// unknown or repeated field is keyed by its name, without its parents (a missing `postcode`
/// inside `address` is keyed `postcode`); any other failure goes under `non_field_errors`.
/// Use [`Json`](super::Json) for `details` keyed by the whole path, as axum's.
///
/// ```
/// use actix_web::web::JsonConfig;
///
/// let config = JsonConfig::default()
///     .content_type_required(false)
///     .error_handler(error_contract::actix::json_error_handler);
/// ```
#[allow(
    clippy::needless_pass_by_value,
    reason = "the signature JsonConfig::error_handler takes"
)]
pub fn json_error_handler(error: JsonPayloadError, request: &HttpRequest) -> actix_web::Error {
    rejection::json(&error, request).into()
}

/// The error handler of [`path_config`]: a path segment that does not parse as the
/// handler's `web::Path` type answers 404 `not_found`, since that URL names no resource. The
/// log gets the kind of failure, never the segment (actix-web's own text quotes it).
///
/// ```
/// use actix_web::web::PathConfig;
///
/// let config = PathConfig::default().error_handler(error_contract::actix::path_error_handler);
/// ```
#[allow(
    clippy::needless_pass_by_value,
    reason = "the signature PathConfig::error_handler takes"
)]
pub fn path_error_handler(error: PathError, _request: &HttpRequest) -> actix_web::Error {
    rejection::path(&error).into()
}

/// The error handler of [`query_config`]: a query string that does not deserialise answers
/// 400 `validation_error`, keyed as [`json_error_handler`] keys a body: by the field serde's
/// message names (`{"page": ["This field is required."]}`), else under `non_field_errors`
/// (`{"non_field_errors": ["A valid integer is required."]}`). Use [`Query`](super::Query)
/// for the parameter's name on every failure, as axum's.
///
/// ```
/// use actix_web::web::QueryConfig;
///
/// let config = QueryConfig::default().error_handler(error_contract::actix::query_error_handler);
/// ```
#[allow(
    clippy::needless_pass_by_value,
    reason = "the signature QueryConfig::error_handler takes"
)]
pub fn query_error_handler(error: QueryPayloadError, _request: &HttpRequest) -> actix_web::Error {
    rejection::query(&error).into()
}
