//! `invoice-api serve`: the partner API over in-memory data.

mod auth;
pub mod gateway;
pub mod openapi;
mod routes;
mod store;
mod validate;

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::{any, get};
use error_contract::axum::ApiRouterExt;
use error_contract::{CatchAll, ErrorFormat};

use routes::Shared;
use store::Store;

/// The whole API, answering every error (unknown routes, wrong methods, bad JSON, panics
/// included) in the envelope, or as an RFC 9457 problem document to a client whose `Accept`
/// prefers `application/problem+json`.
pub fn router() -> Router {
    let state: Shared = Arc::new(Mutex::new(Store::default()));
    Router::new()
        .route("/v1/platform/businesses/", get(routes::list_businesses))
        .route(
            "/v1/platform/businesses/{business_id}/",
            get(routes::get_business),
        )
        .route(
            "/v1/platform/businesses/{business_id}/invoices/",
            get(routes::list_invoices).post(routes::create_invoice),
        )
        .route(
            "/v1/platform/businesses/{business_id}/invoices/{invoice_id}/",
            get(routes::get_invoice),
        )
        .route("/v1/platform/flaky/", any(routes::flaky))
        .route("/v1/platform/boom/", get(routes::boom))
        .route("/v1/platform/gateway/{*path}", get(gateway::forward))
        .route("/openapi.json", get(openapi::serve_document))
        .with_state(state)
        .with_error_contract_using(CatchAll::new().error_format(ErrorFormat::ByAccept))
}

/// Serves the API on `listener` until the process is stopped.
///
/// # Errors
///
/// When accepting connections fails.
pub async fn serve(listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, router()).await
}
