//! A partner API's crate as a user writes it: one error enum, served by axum and actix-web,
//! documented by utoipa, validated by validator, and called through reqwest. Each function
//! hands a library's own type to error-contract, so a major the runtime does not support is a
//! compile error in this crate.

use std::time::Duration;

use error_contract::axum::{ApiRouterExt, Json};
use error_contract::openapi::ErrorSchemas;
use error_contract::{ApiError, CommonError, Details, RetryPolicy, ToDetails};
use serde::Deserialize;
use validator::Validate;

/// The contract.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum UserError {
    /// Request data failed validation rules.
    #[error("validation failed")]
    #[api(status = 400, message = "Validation errors in request data")]
    ValidationError(#[api(details)] Details),

    /// Invoice ID doesn't exist for this business.
    #[error("invoice {0} not found")]
    #[api(status = 404, message = "Invoice {0} not found.")]
    InvoiceNotFound(String),

    /// Everything the integrations answer on their own.
    #[error(transparent)]
    #[api(transparent)]
    Common(#[from] CommonError),
}

/// An invoice to create, checked by validator.
#[derive(Debug, Deserialize, Validate)]
pub struct NewInvoice {
    /// The customer's email.
    #[validate(email)]
    pub email: String,
    /// A positive amount in minor units.
    #[validate(range(min = 1))]
    pub amount: u64,
}

/// `POST /invoices`: validator's errors as the envelope's details.
///
/// # Errors
///
/// A 400 `validation_error` for an invalid body.
pub async fn create_invoice(Json(invoice): Json<NewInvoice>) -> Result<&'static str, UserError> {
    invoice
        .validate()
        .map_err(|errors| UserError::ValidationError(errors.to_details()))?;
    Ok("created")
}

/// `GET /invoices/{id}`: always a 404.
///
/// # Errors
///
/// Always `invoice_not_found`.
pub async fn get_invoice(
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<&'static str, UserError> {
    Err(UserError::InvoiceNotFound(id))
}

/// The axum 0.8 router, with a tower-http 0.7 layer and the contract's fallbacks.
pub fn axum_router() -> axum::Router {
    axum::Router::new()
        .route("/invoices", axum::routing::post(create_invoice))
        .route("/invoices/{id}", axum::routing::get(get_invoice))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::GATEWAY_TIMEOUT,
            Duration::from_secs(10),
        ))
        .with_error_contract()
}

/// `GET /invoices/{id}` for actix-web 4: a derived error is an actix `ResponseError`.
///
/// # Errors
///
/// Always `invoice_not_found`.
pub async fn actix_get_invoice(
    id: actix_web::web::Path<String>,
) -> Result<&'static str, UserError> {
    Err(UserError::InvoiceNotFound(id.into_inner()))
}

/// The actix-web app's configuration: the contract's JSON, path and query handlers.
pub fn actix_config(config: &mut actix_web::web::ServiceConfig) {
    error_contract::actix::configure(config);
    config.route(
        "/invoices/{id}",
        actix_web::web::get().to(actix_get_invoice),
    );
}

/// A reqwest 0.13 client, as a user builds it, inside the contract's client.
///
/// # Panics
///
/// If reqwest cannot build a client (no TLS is compiled in, so it can).
pub fn contract_client() -> error_contract::reqwest::Client {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a plain HTTP client builds");
    error_contract::reqwest::Client::new(http, RetryPolicy::default().max_retries(0))
}

/// tower 0.5's retry layer deciding by the contract's table, for a service of `http` requests
/// whose errors are `std::io::Error`s.
pub fn retry_layer()
-> tower::retry::RetryLayer<error_contract::tower::ContractRetry<std::io::Error>> {
    let policy = RetryPolicy::default()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(2));
    tower::retry::RetryLayer::new(error_contract::tower::ContractRetry::new(policy))
}

/// A utoipa 6 path whose error responses come from the contract.
#[utoipa::path(get, path = "/invoices/{id}", responses((status = 200, description = "The invoice"), UserError))]
#[allow(dead_code, clippy::unused_async)] // only its OpenAPI description is used
async fn documented_get_invoice() {}

/// The utoipa 6 document, with the envelope's schemas.
#[derive(utoipa::OpenApi)]
#[openapi(paths(documented_get_invoice), modifiers(&ErrorSchemas))]
pub struct UserApi;
