//! The utoipa integration: the OpenAPI document of an error enum like the guide's, reviewed as a
//! snapshot and checked to be valid OpenAPI 3.1 against the official OpenAPI 3.1 JSON
//! Schema (`tests/openapi/`, `$id` `https://spec.openapis.org/oas/3.1/schema/2022-10-07`).
//!
//! That schema checks the document's structure; it accepts any object as a Schema Object, so
//! each Schema Object is also checked against the JSON Schema 2020-12 meta-schema, and every
//! `$ref` must point into the document. Real envelopes are then validated against the
//! documented `ErrorEnvelope` schema, and against the schema of their status's response,
//! `meta` included.

use std::collections::BTreeMap;

use error_contract::openapi::ErrorSchemas;
use error_contract::{ApiError, Catalog, Details, ErrorEnvelope, MetaSpec};
use serde_json::{Value, json};
use utoipa::OpenApi;
use utoipa::openapi::{InfoBuilder, OpenApi as OpenApiDoc};

/// The official OpenAPI 3.1 schema, as openapi-spec-validator 0.9.0 (PyPI) ships it.
const OAS_3_1_SCHEMA: &str = include_str!("../openapi/oas-3.1-schema-2022-10-07.json");

/// The guide's codes, plus a 503 that sets `Retry-After`.
#[derive(Debug, thiserror::Error, ApiError)]
enum PartnerLikeError {
    /// No authentication credentials provided.
    #[error("no credentials")]
    #[api(
        status = 401,
        message = "Authentication credentials were not provided.",
        solution = "Include valid Bearer token in Authorization header"
    )]
    AuthenticationRequired,

    /// Token is invalid, malformed, or expired.
    #[error("bad token")]
    #[api(status = 401, message = "Invalid token.")]
    InvalidToken,

    /// Token is valid but lacks permission for this resource.
    #[error("business {business_id} is not yours")]
    #[api(status = 403)]
    PermissionDenied { business_id: String },

    /// Request data failed validation rules.
    #[error("validation failed")]
    #[api(status = 400, message = "Validation errors in request data")]
    ValidationError(#[api(details)] Details),

    /// Business ID doesn't exist or doesn't belong to your partner.
    #[error("business {0} not found")]
    #[api(status = 404, message = "Business {0} not found.")]
    BusinessNotFound(String),

    /// Invoice ID doesn't exist for this business.
    #[error("invoice {0} not found")]
    #[api(status = 404, message = "Invoice {0} not found.")]
    InvoiceNotFound(String),

    /// A resource with this external_id already exists.
    #[error("duplicate external id {external_id}")]
    #[api(
        status = 409,
        retry = "already_exists",
        message = "An invoice with external_id {external_id} already exists."
    )]
    DuplicateExternalId {
        #[api(meta)]
        external_id: String,
        #[api(meta)]
        invoice_id: String,
    },

    /// The server failed; the cause stays in its log.
    #[error("database: {0}")]
    #[api(status = 500)]
    Internal(String),

    /// Down for maintenance.
    #[error("maintenance")]
    #[api(status = 503, retry_after = 30)]
    Maintenance,
}

/// Create an invoice.
#[utoipa::path(
    post,
    path = "/v1/invoices",
    responses(
        (status = 201, description = "Invoice created"),
        PartnerLikeError,
    )
)]
#[allow(dead_code, clippy::unused_async)] // only its OpenAPI description is used
async fn create_invoice() {}

/// What `GET /v1/invoices/{id}` can answer: a subset of the enum's codes.
struct GetInvoiceErrors;

impl utoipa::IntoResponses for GetInvoiceErrors {
    fn responses()
    -> std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::Response>> {
        error_contract::openapi::responses_only::<PartnerLikeError>(&[
            PartnerLikeErrorCode::AuthenticationRequired,
            PartnerLikeErrorCode::InvalidToken,
            PartnerLikeErrorCode::InvoiceNotFound,
        ])
    }
}

/// Get an invoice.
#[utoipa::path(
    get,
    path = "/v1/invoices/{id}",
    responses((status = 200, description = "The invoice"), GetInvoiceErrors)
)]
#[allow(dead_code, clippy::unused_async)] // only its OpenAPI description is used
async fn get_invoice() {}

#[derive(OpenApi)]
#[openapi(paths(create_invoice, get_invoice), modifiers(&ErrorSchemas))]
struct PartnerApi;

/// The document, with a fixed `info` (utoipa fills it from this crate's Cargo.toml).
fn document() -> Value {
    let mut doc: OpenApiDoc = PartnerApi::openapi();
    doc.info = InfoBuilder::new()
        .title("Partner API")
        .version("1.0.0")
        .build();
    serde_json::to_value(doc).unwrap()
}

fn every_error() -> Vec<PartnerLikeError> {
    vec![
        PartnerLikeError::AuthenticationRequired,
        PartnerLikeError::InvalidToken,
        PartnerLikeError::PermissionDenied {
            business_id: "b_1".into(),
        },
        PartnerLikeError::ValidationError(
            Details::new()
                .with("email", "Enter a valid email address.")
                .with_nested(
                    "items",
                    Details::new().with_nested(
                        "1",
                        Details::new()
                            .with("amount", "Ensure this value is greater than or equal to 0."),
                    ),
                )
                .with("non_field_errors", "end must be after start"),
        ),
        PartnerLikeError::BusinessNotFound("b_1".into()),
        PartnerLikeError::InvoiceNotFound("inv_1".into()),
        PartnerLikeError::DuplicateExternalId {
            external_id: "ext-1".into(),
            invoice_id: "inv_0001".into(),
        },
        PartnerLikeError::Internal("connection refused".into()),
        PartnerLikeError::Maintenance,
    ]
}

/// `value` with every object's keys in byte order, so the snapshot does not depend on whether
/// some crate in the build turns on serde_json's `preserve_order`.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|(a, _), (b, _)| a.cmp(b));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(key, value)| (key, sorted(value)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

#[test]
fn openapi_document_snapshot() {
    let pretty = serde_json::to_string_pretty(&sorted(document())).unwrap();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("openapi_partner_like", pretty));
}

#[test]
fn one_response_per_status_listing_its_codes() {
    let doc = document();
    let responses = &doc["paths"]["/v1/invoices"]["post"]["responses"];
    let described: Vec<(&str, &str)> = responses
        .as_object()
        .unwrap()
        .iter()
        .map(|(status, response)| (status.as_str(), response["description"].as_str().unwrap()))
        .collect();
    assert_eq!(
        described,
        [
            ("201", "Invoice created"),
            ("400", "Bad Request: `validation_error`"),
            (
                "401",
                "Unauthorized: `authentication_required`, `invalid_token`"
            ),
            ("403", "Forbidden: `permission_denied`"),
            (
                "404",
                "Not Found: `business_not_found`, `invoice_not_found`"
            ),
            ("409", "Conflict: `duplicate_external_id`"),
            ("500", "Internal Server Error: `internal`"),
            ("503", "Service Unavailable: `maintenance`"),
        ]
    );
    // Each status's schema is the envelope with `error_code` one of exactly its codes.
    let codes = |status: &str| {
        let schema = &responses[status]["content"]["application/json"]["schema"];
        assert_eq!(
            schema["allOf"][0]["$ref"], "#/components/schemas/ErrorEnvelope",
            "{status}"
        );
        schema["allOf"][1]["properties"]["error_code"]["enum"].clone()
    };
    assert_eq!(codes("400"), json!(["validation_error"]));
    assert_eq!(
        codes("401"),
        json!(["authentication_required", "invalid_token"])
    );
    assert_eq!(
        codes("404"),
        json!(["business_not_found", "invoice_not_found"])
    );
    assert_eq!(codes("503"), json!(["maintenance"]));
}

/// A validator of the schema of the response to `status` of `POST /v1/invoices`.
fn response_validator(doc: &Value, status: &str) -> jsonschema::Validator {
    operation_response_validator(doc, "~1v1~1invoices", status)
}

/// A validator of the schema of the response to `status` of `POST` at `path` (escaped as a
/// JSON pointer: `~1v1~1quota`).
fn operation_response_validator(doc: &Value, path: &str, status: &str) -> jsonschema::Validator {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/paths/{path}/post/responses/{status}/content/application~1json/schema"),
        "paths": doc["paths"],
        "components": doc["components"],
    });
    jsonschema::draft202012::options()
        .build(&schema)
        .expect("the response schema compiles")
}

#[test]
fn an_operation_lists_only_the_codes_it_answers() {
    let doc = document();
    let responses = doc["paths"]["/v1/invoices/{id}"]["get"]["responses"]
        .as_object()
        .unwrap();
    let statuses: Vec<&str> = responses.keys().map(String::as_str).collect();
    assert_eq!(statuses, ["200", "401", "404"]);
    let codes = &responses["404"]["content"]["application/json"]["schema"]["allOf"][1]["properties"]
        ["error_code"]["enum"];
    assert_eq!(
        codes,
        &json!(["invoice_not_found"]),
        "not business_not_found"
    );
}

#[test]
fn each_status_accepts_its_own_codes_only() {
    let doc = document();
    for error in every_error() {
        let status = error.status().as_u16().to_string();
        let body: Value = serde_json::from_slice(&error.to_json()).unwrap();
        let own = response_validator(&doc, &status);
        assert!(own.is_valid(&body), "{status}: {body}");
        let example = doc.pointer(&format!(
            "/paths/~1v1~1invoices/post/responses/{status}/content/application~1json/example"
        ));
        assert!(own.is_valid(example.unwrap()), "{status}");
        // The same body under another status's schema names a code that status never sends.
        let other = if status == "404" { "409" } else { "404" };
        assert!(
            !response_validator(&doc, other).is_valid(&body),
            "{status} as {other}"
        );
    }
}

#[test]
fn examples_show_the_first_code_of_each_status() {
    let doc = document();
    let example = |status: &str| {
        doc["paths"]["/v1/invoices"]["post"]["responses"][status]["content"]["application/json"]
            ["example"]
            .clone()
    };
    let envelope =
        |error: &str, code: &str| json!({"error": error, "error_code": code, "details": {}});
    assert_eq!(
        example("401"),
        envelope(
            "Authentication credentials were not provided.",
            "authentication_required"
        )
    );
    // A template's fields become placeholders; a Display message shows the status's reason.
    assert_eq!(
        example("404"),
        envelope("Business <0> not found.", "business_not_found")
    );
    // `meta` shows each key with a placeholder of its type.
    let mut duplicate = envelope(
        "An invoice with external_id <external_id> already exists.",
        "duplicate_external_id",
    );
    duplicate["meta"] = json!({"external_id": "…", "invoice_id": "…"});
    assert_eq!(example("409"), duplicate);
    assert_eq!(example("403"), envelope("Forbidden", "permission_denied"));
    assert_eq!(
        example("500"),
        envelope("Internal server error", "internal")
    );
}

#[test]
fn headers_are_documented_where_they_are_sent() {
    let doc = document();
    let responses = &doc["paths"]["/v1/invoices"]["post"]["responses"];
    for (status, response) in responses.as_object().unwrap() {
        let headers: Vec<&str> = response
            .get("headers")
            .and_then(Value::as_object)
            .map(|headers| headers.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let expected: &[&str] = match status.as_str() {
            "401" => &["WWW-Authenticate"],
            "503" => &["Retry-After"],
            _ => &[],
        };
        assert_eq!(headers, expected, "headers of {status}");
    }
    assert_eq!(
        responses["401"]["headers"]["WWW-Authenticate"]["description"],
        r#"`Bearer` challenge (RFC 9110); `Bearer error="invalid_token"` for `invalid_token` (RFC 6750)."#
    );
    let retry_after = &responses["503"]["headers"]["Retry-After"];
    assert_eq!(
        retry_after["description"],
        "Seconds to wait before retrying: 30 for `maintenance`."
    );
    assert_eq!(
        retry_after["schema"],
        json!({"type": "integer", "minimum": 0})
    );

    // What is documented is what is sent.
    let response = PartnerLikeError::Maintenance.to_response();
    assert_eq!(response.headers()["retry-after"], "30");
    let response = PartnerLikeError::InvalidToken.to_response();
    assert_eq!(
        response.headers()["www-authenticate"],
        r#"Bearer error="invalid_token""#
    );
}

#[test]
fn schemas_registered_by_modifier_or_by_components_are_the_same() {
    #[derive(OpenApi)]
    #[openapi(components(schemas(ErrorEnvelope, Details)))]
    struct ListedApi;

    #[derive(OpenApi)]
    #[openapi(components(schemas(ErrorEnvelope)))]
    struct EnvelopeOnlyApi;

    let by_modifier = document()["components"].clone();
    let listed = serde_json::to_value(ListedApi::openapi()).unwrap()["components"].clone();
    let envelope_only =
        serde_json::to_value(EnvelopeOnlyApi::openapi()).unwrap()["components"].clone();
    let names = |components: &Value| -> Vec<String> {
        components["schemas"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(names(&by_modifier), ["Details", "ErrorEnvelope"]);
    assert_eq!(listed, by_modifier);
    // `Details` comes along with the envelope that refers to it.
    assert_eq!(envelope_only, by_modifier);
}

// ---- Validity ----

/// A validator for OpenAPI 3.1 documents, with `format` asserted.
fn oas_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(OAS_3_1_SCHEMA).unwrap();
    assert_eq!(
        schema["$id"],
        "https://spec.openapis.org/oas/3.1/schema/2022-10-07"
    );
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the OpenAPI 3.1 schema compiles")
}

/// Every error the OpenAPI 3.1 schema finds in `doc`, one line each.
fn oas_errors(doc: &Value) -> Vec<String> {
    oas_validator()
        .iter_errors(doc)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

/// Every Schema Object of the document: the components, and the schemas of media types,
/// parameters and headers.
fn schema_objects(value: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_path = format!("{path}/{key}");
                let is_schema =
                    key == "schema" || (path.ends_with("/components/schemas") && child.is_object());
                if is_schema {
                    out.push((child_path.clone(), child.clone()));
                }
                if key != "example" && key != "examples" {
                    schema_objects(child, &child_path, out);
                }
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                schema_objects(child, &format!("{path}/{index}"), out);
            }
        }
        _ => {}
    }
}

/// Schema Objects that are not valid JSON Schema 2020-12.
fn invalid_schema_objects(doc: &Value) -> Vec<String> {
    let mut schemas = Vec::new();
    schema_objects(doc, "", &mut schemas);
    schemas
        .iter()
        .filter_map(|(path, schema)| {
            jsonschema::draft202012::meta::validate(schema)
                .err()
                .map(|error| format!("{path}: {error}"))
        })
        .collect()
}

/// `$ref`s that do not point at a part of the document.
fn dangling_refs(doc: &Value) -> Vec<String> {
    fn walk(doc: &Value, value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    let found = target
                        .strip_prefix('#')
                        .and_then(|pointer| doc.pointer(pointer));
                    if found.is_none() {
                        out.push(target.clone());
                    }
                }
                for child in map.values() {
                    walk(doc, child, out);
                }
            }
            Value::Array(items) => {
                for child in items {
                    walk(doc, child, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(doc, doc, &mut out);
    out
}

/// A validator for instances of the document's `ErrorEnvelope` schema.
fn envelope_validator(doc: &Value) -> jsonschema::Validator {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": "#/components/schemas/ErrorEnvelope",
        "components": doc["components"],
    });
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the envelope schema compiles")
}

#[test]
fn the_document_is_valid_openapi_3_1() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(oas_errors(&doc), Vec::<String>::new());
    assert_eq!(invalid_schema_objects(&doc), Vec::<String>::new());
    assert_eq!(dangling_refs(&doc), Vec::<String>::new());
}

#[test]
fn the_checks_reject_invalid_documents() {
    let doc = document();
    let responses = "/paths/~1v1~1invoices/post/responses";

    let mut no_description = doc.clone();
    no_description
        .pointer_mut(&format!("{responses}/404"))
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove("description");
    assert!(!oas_errors(&no_description).is_empty());

    let mut bad_header = doc.clone();
    *bad_header
        .pointer_mut(&format!("{responses}/503/headers/Retry-After"))
        .unwrap() = json!({"description": "a header needs a schema or content"});
    assert!(!oas_errors(&bad_header).is_empty());

    let mut wrong_version = doc.clone();
    wrong_version["openapi"] = json!("3.0.3");
    assert!(!oas_errors(&wrong_version).is_empty());

    let mut bad_schema = doc.clone();
    bad_schema["components"]["schemas"]["Details"]["type"] = json!("map");
    assert!(
        oas_errors(&bad_schema).is_empty(),
        "the OAS schema alone accepts it"
    );
    assert_eq!(invalid_schema_objects(&bad_schema).len(), 1);

    let mut dangling = doc;
    dangling["components"]["schemas"]
        .as_object_mut()
        .unwrap()
        .remove("Details");
    // The envelope's reference is left dangling (Details's reference to itself went too).
    assert_eq!(dangling_refs(&dangling), ["#/components/schemas/Details"]);
}

#[test]
fn every_envelope_and_example_matches_the_documented_schema() {
    let doc = document();
    let validator = envelope_validator(&doc);
    for error in every_error() {
        let body: Value = serde_json::from_slice(&error.to_json()).unwrap();
        let problems: Vec<String> = validator
            .iter_errors(&body)
            .map(|e| e.to_string())
            .collect();
        assert_eq!(problems, Vec::<String>::new(), "{body}");
    }
    let mut examples = 0;
    for response in doc["paths"]["/v1/invoices"]["post"]["responses"]
        .as_object()
        .unwrap()
        .values()
    {
        if let Some(example) = response.pointer("/content/application~1json/example") {
            assert!(validator.is_valid(example), "{example}");
            examples += 1;
        }
    }
    assert_eq!(examples, 7);
    let schema_example = &doc["components"]["schemas"]["ErrorEnvelope"]["examples"][0];
    assert!(validator.is_valid(schema_example));
}

#[test]
fn the_envelope_schema_rejects_other_shapes() {
    let validator = envelope_validator(&document());
    let valid = json!({"error": "x", "error_code": "validation_error", "details": {}});
    assert!(validator.is_valid(&valid));
    let invalid = [
        json!({"error": "x", "error_code": "validation_error"}),
        json!({"error": "x", "error_code": "Not-Snake", "details": {}}),
        json!({"error": "x", "error_code": "a".repeat(65), "details": {}}),
        json!({"error": 1, "error_code": "validation_error", "details": {}}),
        json!({"error": "x", "error_code": "validation_error", "details": {"email": "bare"}}),
        json!({"error": "x", "error_code": "validation_error", "details": {"email": [1]}}),
        json!({"error": "x", "error_code": "validation_error",
               "details": {"items": {"1": {"amount": [null]}}}}),
        json!({"error": "x", "error_code": "validation_error", "details": []}),
    ];
    for body in invalid {
        assert!(!validator.is_valid(&body), "{body}");
    }
}

// ---- meta ----

/// A type whose JSON type the derive cannot tell from its name.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Owner {
    id: String,
}

/// Codes with `meta` of every JSON type: two 429s sharing keys (`limit` of two types,
/// `hard` of one), a 429 without any, a 503 exposing a tuple field, and two 409s with
/// `Option` fields (`plan` shared, nullable in one of them only).
#[derive(Debug, thiserror::Error, ApiError)]
enum QuotaError {
    /// The plan's quota is used up.
    #[error("quota of {limit} used up")]
    #[api(status = 429, message = "Quota of {limit} requests used up.")]
    QuotaExceeded {
        #[api(meta)]
        limit: u32,
        #[api(meta)]
        used: f64,
        #[api(meta)]
        hard: bool,
        #[api(meta)]
        plans: Vec<String>,
        #[api(meta)]
        counters: BTreeMap<String, u64>,
        #[api(meta)]
        owner: Owner,
        #[api(meta = "reset_at")]
        reset: std::borrow::Cow<'static, str>,
    },

    /// Too many requests at once.
    #[error("too many at once")]
    #[api(status = 429, message = "Too many requests at once.")]
    TooManyAtOnce {
        #[api(meta)]
        limit: String,
        #[api(meta)]
        hard: bool,
    },

    /// Requests come too fast.
    #[error("slow down")]
    #[api(status = 429, message = "Slow down.")]
    SlowDown,

    /// The queue is full.
    #[error("busy")]
    #[api(status = 503, message = "Busy.", retry_after = 5)]
    Busy(#[api(meta = "queue")] usize),

    /// The plan is locked by its owner.
    #[error("plan {plan} is locked")]
    #[api(status = 409, message = "Plan {plan} is locked.")]
    PlanLocked {
        #[api(meta)]
        plan: String,
        #[api(meta)]
        locked_by: Option<Owner>,
    },

    /// A change of plan is already pending.
    #[error("plan change pending")]
    #[api(status = 409, message = "A change of plan is pending.")]
    PlanChangePending {
        #[api(meta)]
        plan: Option<String>,
        #[api(meta)]
        effective_at: Option<String>,
    },
}

/// Use some quota.
#[utoipa::path(
    post,
    path = "/v1/quota",
    responses((status = 204, description = "Quota used"), QuotaError)
)]
#[allow(dead_code, clippy::unused_async)] // only its OpenAPI description is used
async fn use_quota() {}

#[derive(OpenApi)]
#[openapi(paths(use_quota), modifiers(&ErrorSchemas))]
struct QuotaApi;

fn quota_document() -> Value {
    serde_json::to_value(QuotaApi::openapi()).unwrap()
}

fn every_quota_error() -> Vec<QuotaError> {
    vec![
        QuotaError::QuotaExceeded {
            limit: 1000,
            used: 1000.5,
            hard: true,
            plans: vec!["pro".into(), "enterprise".into()],
            counters: BTreeMap::from([("invoices".into(), 990), ("exports".into(), 10)]),
            owner: Owner { id: "biz_1".into() },
            reset: "2025-07-01T00:00:00Z".into(),
        },
        QuotaError::TooManyAtOnce {
            limit: "10 at once".into(),
            hard: false,
        },
        QuotaError::SlowDown,
        QuotaError::Busy(42),
        QuotaError::PlanLocked {
            plan: "pro".into(),
            locked_by: None,
        },
        QuotaError::PlanChangePending {
            plan: None,
            effective_at: Some("2025-07-01T00:00:00Z".into()),
        },
    ]
}

/// The `meta` property the response to `status` of `POST` at `path` narrows, if any.
fn meta_schema(doc: &Value, path: &str, status: &str) -> Value {
    doc["paths"][path]["post"]["responses"][status]["content"]["application/json"]["schema"]
        ["allOf"][1]["properties"]["meta"]
        .clone()
}

#[test]
fn the_catalogue_lists_meta_keys_with_their_json_types() {
    let catalog = Catalog::of::<QuotaError>();
    let meta = |code: &str| catalog.get(code).unwrap().meta.to_vec();
    assert_eq!(
        meta("quota_exceeded"),
        [
            MetaSpec::new("limit").with_json_type("integer"),
            MetaSpec::new("used").with_json_type("number"),
            MetaSpec::new("hard").with_json_type("boolean"),
            MetaSpec::new("plans").with_json_type("array"),
            MetaSpec::new("counters").with_json_type("object"),
            MetaSpec::new("owner"),
            MetaSpec::new("reset_at").with_json_type("string"),
        ]
    );
    assert_eq!(
        meta("too_many_at_once"),
        [
            MetaSpec::new("limit").with_json_type("string"),
            MetaSpec::new("hard").with_json_type("boolean"),
        ]
    );
    assert_eq!(meta("slow_down"), []);
    assert_eq!(
        meta("busy"),
        [MetaSpec::new("queue").with_json_type("integer")]
    );
    // An `Option` field may be `null`, whether its type is known or not.
    assert_eq!(
        meta("plan_locked"),
        [
            MetaSpec::new("plan").with_json_type("string"),
            MetaSpec::new("locked_by").with_nullable(),
        ]
    );
    assert_eq!(
        meta("plan_change_pending"),
        [
            MetaSpec::new("plan")
                .with_json_type("string")
                .with_nullable(),
            MetaSpec::new("effective_at")
                .with_json_type("string")
                .with_nullable(),
        ]
    );
    assert!(meta("quota_exceeded").iter().all(|key| !key.nullable));
    let partner = Catalog::of::<PartnerLikeError>();
    assert_eq!(
        *partner.get("duplicate_external_id").unwrap().meta,
        [
            MetaSpec::new("external_id").with_json_type("string"),
            MetaSpec::new("invoice_id").with_json_type("string"),
        ]
    );
}

#[test]
fn the_envelope_schema_has_an_optional_meta_object() {
    let doc = document();
    let envelope = &doc["components"]["schemas"]["ErrorEnvelope"];
    assert_eq!(envelope["properties"]["meta"]["type"], "object");
    assert!(
        envelope["properties"]["meta"]["description"]
            .as_str()
            .unwrap()
            .starts_with("Values the error makes public for programs")
    );
    assert_eq!(
        envelope["required"],
        json!(["error", "error_code", "details"])
    );
}

#[test]
fn each_status_lists_the_meta_keys_of_its_codes() {
    let doc = quota_document();
    let both = "Sent by `quota_exceeded`, `too_many_at_once`.";
    let quota = "Sent by `quota_exceeded`.";
    assert_eq!(
        meta_schema(&doc, "/v1/quota", "429"),
        json!({
            "type": "object",
            "properties": {
                // Its codes disagree on the type, so it has none.
                "limit": {"description": both},
                "used": {"type": "number", "description": quota},
                "hard": {"type": "boolean", "description": both},
                "plans": {"type": "array", "description": quota},
                "counters": {"type": "object", "description": quota},
                // A type the derive cannot read: any value.
                "owner": {"description": quota},
                "reset_at": {"type": "string", "description": quota},
            },
        })
    );
    assert_eq!(
        meta_schema(&doc, "/v1/quota", "503"),
        json!({
            "type": "object",
            "properties": {"queue": {"type": "integer", "description": "Sent by `busy`."}},
        })
    );

    let partner = document();
    assert_eq!(
        meta_schema(&partner, "/v1/invoices", "409"),
        json!({
            "type": "object",
            "properties": {
                "external_id": {"type": "string", "description": "Sent by `duplicate_external_id`."},
                "invoice_id": {"type": "string", "description": "Sent by `duplicate_external_id`."},
            },
        })
    );
    // A status none of whose codes has meta says nothing of it.
    assert_eq!(meta_schema(&partner, "/v1/invoices", "404"), Value::Null);
}

#[test]
fn examples_show_meta_with_a_placeholder_of_each_type() {
    let doc = quota_document();
    let example = |status: &str| {
        doc["paths"]["/v1/quota"]["post"]["responses"][status]["content"]["application/json"]
            ["example"]
            .clone()
    };
    assert_eq!(
        example("429"),
        json!({
            "error": "Quota of <limit> requests used up.",
            "error_code": "quota_exceeded",
            "details": {},
            "meta": {
                "limit": 0,
                "used": 0.0,
                "hard": false,
                "plans": [],
                "counters": {},
                "owner": null,
                "reset_at": "…",
            },
        })
    );
    assert_eq!(
        example("503"),
        json!({"error": "Busy.", "error_code": "busy", "details": {}, "meta": {"queue": 0}})
    );
}

#[test]
fn real_bodies_with_meta_match_their_status_schema() {
    let doc = quota_document();
    assert_eq!(oas_errors(&doc), Vec::<String>::new());
    assert_eq!(invalid_schema_objects(&doc), Vec::<String>::new());
    assert_eq!(dangling_refs(&doc), Vec::<String>::new());

    let envelope = envelope_validator(&doc);
    for error in every_quota_error() {
        let status = error.status().as_u16().to_string();
        let body: Value = serde_json::from_slice(&error.to_json()).unwrap();
        assert_eq!(
            body.get("meta").is_some(),
            !matches!(error, QuotaError::SlowDown),
            "{body}"
        );
        assert!(envelope.is_valid(&body), "{body}");
        let own = operation_response_validator(&doc, "~1v1~1quota", &status);
        let problems: Vec<String> = own.iter_errors(&body).map(|e| e.to_string()).collect();
        assert_eq!(problems, Vec::<String>::new(), "{body}");
        let example = doc
            .pointer(&format!(
                "/paths/~1v1~1quota/post/responses/{status}/content/application~1json/example"
            ))
            .unwrap();
        assert!(own.is_valid(example), "{status}: {example}");
        assert!(envelope.is_valid(example), "{status}: {example}");
    }

    // A value of another type than its field's is not what the document describes.
    let too_many = operation_response_validator(&doc, "~1v1~1quota", "429");
    let mut body: Value = serde_json::from_slice(&every_quota_error()[0].to_json()).unwrap();
    body["meta"]["used"] = json!("most of it");
    assert!(!too_many.is_valid(&body));
    // An untyped key takes any value.
    body["meta"]["used"] = json!(1.5);
    body["meta"]["owner"] = json!(["anything"]);
    body["meta"]["limit"] = json!(7);
    assert!(too_many.is_valid(&body));
    // Meta of the envelope is an object.
    body["meta"] = json!([]);
    assert!(!envelope.is_valid(&body));
}

#[test]
fn option_fields_are_nullable_in_the_catalogue_and_the_schema() {
    // The catalogue: `"nullable": true` only where it is so, and "or null" in its Markdown.
    let catalog = Catalog::of::<QuotaError>();
    let specs: Value = serde_json::from_str(&catalog.to_json()).unwrap();
    let spec = |code: &str| {
        specs["codes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|spec| spec["code"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(
        spec("plan_change_pending")["meta"],
        json!([
            {"name": "plan", "json_type": "string", "nullable": true},
            {"name": "effective_at", "json_type": "string", "nullable": true},
        ])
    );
    assert_eq!(
        spec("plan_locked")["meta"],
        json!([
            {"name": "plan", "json_type": "string"},
            {"name": "locked_by", "json_type": null, "nullable": true},
        ])
    );
    let markdown = catalog.markdown();
    assert!(
        markdown.contains("\n- Meta: `plan` (string or null), `effective_at` (string or null)\n"),
        "{markdown}"
    );
    // A type not known says nothing of `null`: its value may be anything already.
    assert!(
        markdown.contains("\n- Meta: `plan` (string), `locked_by`\n"),
        "{markdown}"
    );

    // The schema: `null` besides the type; the codes disagreeing on `plan`, it is nullable.
    let doc = quota_document();
    assert_eq!(
        meta_schema(&doc, "/v1/quota", "409"),
        json!({
            "type": "object",
            "properties": {
                "plan": {
                    "type": ["string", "null"],
                    "description": "Sent by `plan_locked`, `plan_change_pending`.",
                },
                // Any value, `null` among them: no `type` at all.
                "locked_by": {"description": "Sent by `plan_locked`."},
                "effective_at": {
                    "type": ["string", "null"],
                    "description": "Sent by `plan_change_pending`.",
                },
            },
        })
    );
    assert_eq!(oas_errors(&doc), Vec::<String>::new());
    assert_eq!(invalid_schema_objects(&doc), Vec::<String>::new());

    // A real body with `null` for a `None` matches its status's schema.
    let conflict = operation_response_validator(&doc, "~1v1~1quota", "409");
    let envelope = envelope_validator(&doc);
    let pending = QuotaError::PlanChangePending {
        plan: None,
        effective_at: None,
    };
    let body: Value = serde_json::from_slice(&pending.to_json()).unwrap();
    assert_eq!(body["meta"], json!({"plan": null, "effective_at": null}));
    let problems: Vec<String> = conflict.iter_errors(&body).map(|e| e.to_string()).collect();
    assert_eq!(problems, Vec::<String>::new(), "{body}");
    assert!(envelope.is_valid(&body), "{body}");
    let pending = QuotaError::PlanChangePending {
        plan: Some("enterprise".into()),
        effective_at: Some("2025-07-01T00:00:00Z".into()),
    };
    let mut body: Value = serde_json::from_slice(&pending.to_json()).unwrap();
    assert!(conflict.is_valid(&body), "{body}");
    // Still typed: neither a value of another type nor, for a field that is no `Option`,
    // `null`.
    body["meta"]["plan"] = json!(3);
    assert!(!conflict.is_valid(&body), "{body}");
    let mut quota: Value = serde_json::from_slice(&every_quota_error()[0].to_json()).unwrap();
    quota["meta"]["reset_at"] = Value::Null;
    assert!(
        !operation_response_validator(&doc, "~1v1~1quota", "429").is_valid(&quota),
        "{quota}"
    );
}
