//! The partner API's handlers.

use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::response::{AppendHeaders, IntoResponse, Response};
use error_contract::axum::{Json, Path, Query, Valid};
use error_contract::{CommonError, Rejection};
use serde::Deserialize;
use serde_json::{Value, json};

use super::auth::Partner;
use super::store::{Business, Invoice, Store};
use super::validate::NewInvoice;
use crate::contract::PartnerError;

/// The server's shared state.
pub(super) type Shared = Arc<Mutex<Store>>;

fn lock(state: &Shared) -> MutexGuard<'_, Store> {
    // A handler that panicked while holding the lock left consistent data behind: every
    // change is a single push or insert.
    state
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The business, if the caller may see it: 404 if it does not exist, 403 if it is another
/// partner's.
fn business_of<'s>(
    store: &'s Store,
    partner: Partner,
    business_id: &str,
) -> Result<&'s Business, PartnerError> {
    let business = store
        .business(business_id)
        .ok_or_else(|| PartnerError::BusinessNotFound(business_id.to_owned()))?;
    if business.id == partner.business_id {
        Ok(business)
    } else {
        Err(CommonError::PermissionDenied.into())
    }
}

/// `GET /v1/platform/businesses/`: the caller's businesses.
#[utoipa::path(get, path = "/v1/platform/businesses/", responses((status = 200, description = "The partner's businesses"), super::openapi::ListBusinessesErrors))]
pub(super) async fn list_businesses(State(state): State<Shared>, partner: Partner) -> Json<Value> {
    let store = lock(&state);
    let businesses: Vec<&Business> = store.business(partner.business_id).into_iter().collect();
    Json(json!({ "results": businesses }))
}

/// `GET /v1/platform/businesses/{business_id}/`.
#[utoipa::path(get, path = "/v1/platform/businesses/{business_id}/", params(("business_id" = String, Path)), responses((status = 200, description = "The business"), super::openapi::GetBusinessErrors))]
pub(super) async fn get_business(
    State(state): State<Shared>,
    partner: Partner,
    Path(business_id): Path<String>,
) -> Result<Json<Business>, PartnerError> {
    let store = lock(&state);
    business_of(&store, partner, &business_id)
        .cloned()
        .map(Json)
}

/// `POST /v1/platform/businesses/{business_id}/invoices/`.
#[utoipa::path(post, path = "/v1/platform/businesses/{business_id}/invoices/", params(("business_id" = String, Path)), responses((status = 201, description = "The invoice created"), super::openapi::CreateInvoiceErrors))]
pub(super) async fn create_invoice(
    State(state): State<Shared>,
    partner: Partner,
    Path(business_id): Path<String>,
    body: Result<Valid<Json<NewInvoice>>, Rejection>,
) -> Result<(StatusCode, Json<Invoice>), PartnerError> {
    let mut store = lock(&state);
    // Permission first, as DRF checks it before it validates: another partner's business is
    // a 403 whatever the body says.
    business_of(&store, partner, &business_id)?;
    let Valid(Json(valid)) =
        body.map_err(|rejection| PartnerError::Common(rejection.into_error()))?;
    if let Some(existing) = store
        .invoices(&business_id)
        .find(|invoice| invoice.external_id == valid.external_id)
    {
        return Err(PartnerError::DuplicateExternalId {
            external_id: valid.external_id,
            invoice_id: existing.id.clone(),
        });
    }
    let invoice = store.add_invoice(Invoice {
        id: String::new(),
        business_id,
        external_id: valid.external_id,
        customer_id: valid.customer_id,
        email: valid.email,
        currency: valid.currency,
        amount: valid.amount,
    });
    Ok((StatusCode::CREATED, Json(invoice)))
}

/// `?external_id=…` on the invoice list.
#[derive(Debug, Deserialize)]
pub(super) struct InvoiceFilter {
    external_id: Option<String>,
}

/// `GET /v1/platform/businesses/{business_id}/invoices/[?external_id=X]`.
#[utoipa::path(get, path = "/v1/platform/businesses/{business_id}/invoices/", params(("business_id" = String, Path), ("external_id" = Option<String>, Query)), responses((status = 200, description = "The business's invoices"), super::openapi::ListInvoicesErrors))]
pub(super) async fn list_invoices(
    State(state): State<Shared>,
    partner: Partner,
    Path(business_id): Path<String>,
    Query(filter): Query<InvoiceFilter>,
) -> Result<Json<Value>, PartnerError> {
    let store = lock(&state);
    business_of(&store, partner, &business_id)?;
    let invoices: Vec<&Invoice> = store
        .invoices(&business_id)
        .filter(|invoice| {
            filter
                .external_id
                .as_ref()
                .is_none_or(|wanted| &invoice.external_id == wanted)
        })
        .collect();
    Ok(Json(json!({ "results": invoices })))
}

/// `GET /v1/platform/businesses/{business_id}/invoices/{invoice_id}/`.
#[utoipa::path(get, path = "/v1/platform/businesses/{business_id}/invoices/{invoice_id}/", params(("business_id" = String, Path), ("invoice_id" = String, Path)), responses((status = 200, description = "The invoice"), super::openapi::GetInvoiceErrors))]
pub(super) async fn get_invoice(
    State(state): State<Shared>,
    partner: Partner,
    Path((business_id, invoice_id)): Path<(String, String)>,
) -> Result<Json<Invoice>, PartnerError> {
    let store = lock(&state);
    business_of(&store, partner, &business_id)?;
    store
        .invoices(&business_id)
        .find(|invoice| invoice.id == invoice_id)
        .cloned()
        .map(Json)
        .ok_or(PartnerError::InvoiceNotFound(invoice_id))
}

/// `?fail=N&key=K&status=S&retry_after=T` of the flaky endpoint.
#[derive(Debug, Deserialize)]
pub(super) struct Flaky {
    #[serde(default)]
    fail: u32,
    #[serde(default = "default_key")]
    key: String,
    #[serde(default = "default_status")]
    status: u16,
    /// Seconds for a `Retry-After` header on the failures, as a planned outage sends it.
    retry_after: Option<u32>,
}

fn default_key() -> String {
    "default".to_owned()
}

fn default_status() -> u16 {
    503
}

/// `/v1/platform/flaky/?fail=N&key=K[&status=500|502|503|504][&retry_after=T]`, any method:
/// the first N requests for key K fail with that status (and `Retry-After: T` when asked),
/// later ones succeed.
pub(super) async fn flaky(
    State(state): State<Shared>,
    Query(flaky): Query<Flaky>,
) -> Result<Json<Value>, Response> {
    let failure = match flaky.status {
        500 => PartnerError::Storage(format!("flaky key {} failing on purpose", flaky.key)),
        502 => PartnerError::UpstreamFailed(format!("flaky key {}", flaky.key)),
        503 => CommonError::ServiceUnavailable.into(),
        504 => PartnerError::UpstreamTimeout(30_000),
        _ => {
            let details = error_contract::Details::new()
                .with("status", "Must be one of: 500, 502, 503, 504.");
            return Err(PartnerError::from(CommonError::ValidationError(details)).into_response());
        }
    };
    let attempt = lock(&state).count_flaky(&flaky.key);
    if attempt <= flaky.fail {
        let retry_after = flaky
            .retry_after
            .map(|seconds| [(RETRY_AFTER, seconds.to_string())]);
        return Err((AppendHeaders(retry_after.into_iter().flatten()), failure).into_response());
    }
    Ok(Json(json!({ "key": flaky.key, "attempt": attempt })))
}

/// `GET /v1/platform/boom/`: always 500; the cause goes to the server's log only.
pub(super) async fn boom() -> Result<Json<Value>, PartnerError> {
    Err(PartnerError::Storage(
        "write to /var/lib/invoices/ledger.db failed: read-only file system (os error 30)"
            .to_owned(),
    ))
}
