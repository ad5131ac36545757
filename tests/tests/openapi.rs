//! The utoipa integration: the OpenAPI document of an error enum like the guide's, reviewed as a
//! snapshot and checked to be valid OpenAPI 3.1 against the official OpenAPI 3.1 JSON
//! Schema (`tests/openapi/`, `$id` `https://spec.openapis.org/oas/3.1/schema/2022-10-07`).
//!
//! That schema checks the document's structure; it accepts any object as a Schema Object, so
//! each Schema Object is also checked against the JSON Schema 2020-12 meta-schema, and every
//! `$ref` must point into the document. Real envelopes are then validated against the
//! documented `ErrorEnvelope` schema.

use error_contract::openapi::ErrorSchemas;
use error_contract::{ApiError, Details, ErrorEnvelope};
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
    DuplicateExternalId { external_id: String },

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

/// A validator of the schema of the response to `status`.
fn response_validator(doc: &Value, status: &str) -> jsonschema::Validator {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/paths/~1v1~1invoices/post/responses/{status}/content/application~1json/schema"),
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
    assert_eq!(
        example("409"),
        envelope(
            "An invoice with external_id <external_id> already exists.",
            "duplicate_external_id"
        )
    );
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
