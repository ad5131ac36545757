//! `GET /openapi.json`: the API's OpenAPI 3.1 document, each operation listing the errors it
//! can answer and no others (its error codes narrowed per status).

use std::collections::BTreeMap;

use error_contract::CommonErrorCode;
use error_contract::axum::Json;
use error_contract::openapi::{ErrorSchemas, responses_only};
use utoipa::openapi::{RefOr, Response};
use utoipa::{IntoResponses, OpenApi};

use crate::contract::{PartnerError, PartnerErrorCode};

/// The codes an operation can answer, as its OpenAPI responses.
fn responses(codes: &[PartnerErrorCode]) -> BTreeMap<String, RefOr<Response>> {
    responses_only::<PartnerError>(codes)
}

/// What every authenticated operation can answer.
const AUTHENTICATION: [PartnerErrorCode; 2] = [
    PartnerErrorCode::Common(CommonErrorCode::AuthenticationRequired),
    PartnerErrorCode::Common(CommonErrorCode::InvalidToken),
];

/// What an operation on one business can answer besides authentication.
const BUSINESS: [PartnerErrorCode; 2] = [
    PartnerErrorCode::Common(CommonErrorCode::PermissionDenied),
    PartnerErrorCode::BusinessNotFound,
];

/// `GET /v1/platform/businesses/`.
pub(super) struct ListBusinessesErrors;

impl IntoResponses for ListBusinessesErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&AUTHENTICATION)
    }
}

/// `GET /v1/platform/businesses/{business_id}/`.
pub(super) struct GetBusinessErrors;

impl IntoResponses for GetBusinessErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&[AUTHENTICATION.as_slice(), &BUSINESS].concat())
    }
}

/// `GET /v1/platform/businesses/{business_id}/invoices/`.
pub(super) struct ListInvoicesErrors;

impl IntoResponses for ListInvoicesErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let query = [PartnerErrorCode::Common(CommonErrorCode::ValidationError)];
        responses(&[AUTHENTICATION.as_slice(), &BUSINESS, &query].concat())
    }
}

/// `POST /v1/platform/businesses/{business_id}/invoices/`.
pub(super) struct CreateInvoiceErrors;

impl IntoResponses for CreateInvoiceErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let body = [
            PartnerErrorCode::Common(CommonErrorCode::ValidationError),
            PartnerErrorCode::Common(CommonErrorCode::MalformedJson),
            PartnerErrorCode::Common(CommonErrorCode::UnsupportedMediaType),
            PartnerErrorCode::Common(CommonErrorCode::PayloadTooLarge),
            PartnerErrorCode::DuplicateExternalId,
        ];
        responses(&[AUTHENTICATION.as_slice(), &BUSINESS, &body].concat())
    }
}

/// `GET /v1/platform/businesses/{business_id}/invoices/{invoice_id}/`.
pub(super) struct GetInvoiceErrors;

impl IntoResponses for GetInvoiceErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let invoice = [PartnerErrorCode::InvoiceNotFound];
        responses(&[AUTHENTICATION.as_slice(), &BUSINESS, &invoice].concat())
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Partner API (invoice-api demo)"),
    paths(
        super::routes::list_businesses,
        super::routes::get_business,
        super::routes::list_invoices,
        super::routes::create_invoice,
        super::routes::get_invoice,
    ),
    modifiers(&ErrorSchemas)
)]
struct Api;

/// The document.
pub fn document() -> utoipa::openapi::OpenApi {
    Api::openapi()
}

/// `GET /openapi.json`.
#[allow(clippy::unused_async, reason = "an axum handler is an async fn")]
pub(super) async fn serve_document() -> Json<utoipa::openapi::OpenApi> {
    Json(document())
}
