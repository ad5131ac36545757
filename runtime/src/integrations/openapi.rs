//! utoipa 6 integration (feature `utoipa`): OpenAPI 3.1 schemas for the envelope and the
//! responses of derived errors.
//!
//! - [`ErrorEnvelope`] and [`Details`] implement `utoipa::ToSchema` (components
//!   `ErrorEnvelope` and `Details`);
//! - every `#[derive(ApiError)]` type implements `utoipa::IntoResponses` through
//!   [`responses_of`], so `#[utoipa::path(…, responses(MyError))]` documents one response per
//!   status, with its codes, headers and an example envelope;
//! - [`ErrorSchemas`] registers both schemas, which those responses reference.
//!
//! Each status's response narrows `error_code` to an `enum` of exactly the codes it carries,
//! and lists the keys of their `meta` objects with the JSON types the derive could read from
//! the fields' Rust types: `type: string` for a `String` field, `type: [string, "null"]` for
//! an `Option<String>` one, whose `None` is sent as `null`.
//!
//! ```
//! use error_contract::ApiError;
//! use error_contract::openapi::ErrorSchemas;
//! use utoipa::OpenApi;
//!
//! #[derive(Debug, ApiError)]
//! pub enum InvoiceError {
//!     #[api(status = 404, message = "Invoice {0} not found.")]
//!     InvoiceNotFound(String),
//!     #[api(status = 503, message = "Down for maintenance.", retry_after = 30)]
//!     Maintenance,
//! }
//!
//! /// Get an invoice.
//! #[utoipa::path(get, path = "/invoices/{id}", responses(
//!     (status = 200, description = "The invoice"),
//!     InvoiceError,
//! ))]
//! async fn get_invoice() {}
//!
//! #[derive(OpenApi)]
//! #[openapi(paths(get_invoice), modifiers(&ErrorSchemas))]
//! struct Api;
//!
//! let doc = serde_json::to_value(Api::openapi()).unwrap();
//! let not_found = &doc["paths"]["/invoices/{id}"]["get"]["responses"]["404"];
//! assert_eq!(not_found["description"], "Not Found: `invoice_not_found`");
//! assert_eq!(
//!     not_found["content"]["application/json"]["example"],
//!     serde_json::json!({
//!         "error": "Invoice <0> not found.",
//!         "error_code": "invoice_not_found",
//!         "details": {},
//!     }),
//! );
//! let unavailable = &doc["paths"]["/invoices/{id}"]["get"]["responses"]["503"];
//! assert_eq!(
//!     unavailable["headers"]["Retry-After"]["description"],
//!     "Seconds to wait before retrying: 30 for `maintenance`.",
//! );
//! assert!(doc["components"]["schemas"]["ErrorEnvelope"].is_object());
//! assert!(doc["components"]["schemas"]["Details"].is_object());
//! ```
//!
//! ## Per operation
//!
//! An operation's document should list the errors that operation can answer, not every
//! error of the API. Two ways: an error enum per handler, composed of the
//! shared errors with `#[api(transparent)]` (the handler's signature then says the same as its
//! document), or [`responses_only`] for a subset of a larger enum's codes.
//!
//! An error enum per handler, composed with `transparent`:
//!
//! ```
//! use error_contract::ApiError;
//! use error_contract::openapi::ErrorSchemas;
//! use utoipa::OpenApi;
//!
//! /// Invoice ID doesn't exist for this business.
//! #[derive(Debug, ApiError)]
//! #[api(status = 404, message = "Invoice {0} not found.")]
//! pub struct InvoiceNotFound(pub String);
//!
//! /// Token is valid but lacks permission for this resource.
//! #[derive(Debug, ApiError)]
//! #[api(status = 403, code = "permission_denied", message = "You do not have permission to perform this action.")]
//! pub struct PermissionDenied;
//!
//! /// What `GET /invoices/{id}` answers when it fails, and nothing else.
//! #[derive(Debug, ApiError)]
//! pub enum GetInvoiceError {
//!     #[api(transparent)]
//!     NotFound(InvoiceNotFound),
//!     #[api(transparent)]
//!     Forbidden(PermissionDenied),
//! }
//!
//! /// Get an invoice.
//! #[utoipa::path(get, path = "/invoices/{id}", responses((status = 200, description = "The invoice"), GetInvoiceError))]
//! async fn get_invoice() -> Result<String, GetInvoiceError> {
//!     Err(GetInvoiceError::NotFound(InvoiceNotFound("inv_9".into())))
//! }
//!
//! #[derive(OpenApi)]
//! #[openapi(paths(get_invoice), modifiers(&ErrorSchemas))]
//! struct Api;
//!
//! let doc = serde_json::to_value(Api::openapi()).unwrap();
//! let responses = doc["paths"]["/invoices/{id}"]["get"]["responses"].as_object().unwrap();
//! let statuses: Vec<&str> = responses.keys().map(String::as_str).collect();
//! assert_eq!(statuses, ["200", "403", "404"]);
//! let codes = &responses["404"]["content"]["application/json"]["schema"]["allOf"][1]["properties"]["error_code"]["enum"];
//! assert_eq!(codes, &serde_json::json!(["invoice_not_found"]));
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;

use http::StatusCode;
use serde_json::{Map, Value, json};
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::schema::{
    AdditionalProperties, AllOfBuilder, ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema,
    SchemaType, Type,
};
use utoipa::openapi::{ComponentsBuilder, ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, PartialSchema, ToSchema};

use crate::{ApiError, Details, ErrorCatalog, ErrorCode, ErrorEnvelope, ErrorSpec};

/// The component name of the [`ErrorEnvelope`] schema.
const ENVELOPE: &str = "ErrorEnvelope";
/// The component name of the [`Details`] schema.
const DETAILS: &str = "Details";

/// `{"error", "error_code", "details"}`, all three required, and an optional `meta` object;
/// `details` refers to the `Details` component. The keys of `meta` are each code's own, so
/// the responses of each status list them ([`responses_for`]), not this schema.
///
/// ```
/// use error_contract::ErrorEnvelope;
/// use utoipa::PartialSchema;
///
/// let schema = serde_json::to_value(ErrorEnvelope::schema()).unwrap();
/// assert_eq!(schema["required"], serde_json::json!(["error", "error_code", "details"]));
/// assert_eq!(schema["properties"]["details"]["$ref"], "#/components/schemas/Details");
/// assert_eq!(schema["properties"]["meta"]["type"], "object");
/// ```
impl PartialSchema for ErrorEnvelope {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some("The standard error body of every error response."))
            .property(
                "error",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some("Human-readable message, safe to show a user.")),
            )
            .required("error")
            .property(
                "error_code",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some("Stable snake_case code a client matches on."))
                    .pattern(Some("^[a-z][a-z0-9_]*$"))
                    .min_length(Some(1))
                    .max_length(Some(64)),
            )
            .required("error_code")
            .property("details", Ref::from_schema_name(DETAILS))
            .required("details")
            .property(
                "meta",
                ObjectBuilder::new()
                    .schema_type(Type::Object)
                    .description(Some(
                        "Values the error makes public for programs, by name: the fields its \
                         code marks `#[api(meta)]`. Sent only by codes that have such fields.",
                    )),
            )
            .examples([json!({
                "error": "Validation errors in request data",
                "error_code": "validation_error",
                "details": {
                    "email": ["Enter a valid email address."],
                    "currency": ["Invalid currency code. Must be one of: GBP, EUR, USD"],
                },
            })])
            .into()
    }
}

/// The component `ErrorEnvelope`; registering it also registers `Details`.
impl ToSchema for ErrorEnvelope {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed(ENVELOPE)
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((DETAILS.to_owned(), Details::schema()));
    }
}

/// A recursive map: each value is either an array of messages or a nested `Details`
/// (`additionalProperties: {oneOf: [array of string, $ref Details]}`), valid JSON Schema
/// 2020-12 as OpenAPI 3.1 uses it.
///
/// ```
/// use error_contract::Details;
/// use utoipa::PartialSchema;
///
/// let schema = serde_json::to_value(Details::schema()).unwrap();
/// let values = &schema["additionalProperties"]["oneOf"];
/// assert_eq!(values[0]["items"]["type"], "string");
/// assert_eq!(values[1]["$ref"], "#/components/schemas/Details");
/// ```
impl PartialSchema for Details {
    fn schema() -> RefOr<Schema> {
        let messages = ArrayBuilder::new()
            .items(ObjectBuilder::new().schema_type(Type::String))
            .description(Some("Messages about this field."));
        let value = OneOfBuilder::new()
            .item(messages)
            .item(Ref::from_schema_name(DETAILS));
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "Field errors, as Django REST Framework writes them: field → messages, or \
                 field → the errors of a nested object (a list's failing items keyed by \
                 their decimal index). `non_field_errors` holds errors of a whole object. \
                 Keys keep their order; `{}` when there are none.",
            ))
            .additional_properties(Some(AdditionalProperties::RefOr(RefOr::T(value.into()))))
            .examples([json!({
                "email": ["Enter a valid email address."],
                "items": {"1": {"amount": ["Ensure this value is greater than or equal to 0."]}},
            })])
            .into()
    }
}

/// The component `Details`; it refers only to itself.
impl ToSchema for Details {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed(DETAILS)
    }
}

/// Registers the `ErrorEnvelope` and `Details` schemas that error responses refer to.
///
/// Use it as a modifier, or list the types instead:
/// `#[openapi(components(schemas(ErrorEnvelope, Details)))]`.
///
/// ```
/// use error_contract::openapi::ErrorSchemas;
/// use utoipa::OpenApi;
///
/// #[derive(OpenApi)]
/// #[openapi(modifiers(&ErrorSchemas))]
/// struct Api;
///
/// let components = Api::openapi().components.unwrap();
/// assert!(components.schemas.contains_key("ErrorEnvelope"));
/// assert!(components.schemas.contains_key("Details"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ErrorSchemas;

impl Modify for ErrorSchemas {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi
            .components
            .get_or_insert_with(|| ComponentsBuilder::new().build());
        let mut schemas = vec![(ENVELOPE.to_owned(), ErrorEnvelope::schema())];
        ErrorEnvelope::schemas(&mut schemas);
        components.schemas.extend(schemas);
    }
}

/// The OpenAPI responses of `T`: what `#[derive(ApiError)]` types return from
/// `utoipa::IntoResponses::responses`.
///
/// See [`responses_for`].
pub fn responses_of<T: ErrorCatalog + ?Sized>() -> BTreeMap<String, RefOr<Response>> {
    responses_for(&T::error_specs())
}

/// The OpenAPI responses of some of `T`'s codes only: for an operation that can answer a
/// few of an enum's errors, so its document lists those and no others.
///
/// ```
/// use std::collections::BTreeMap;
///
/// use error_contract::openapi::responses_only;
/// use error_contract::{CommonError, CommonErrorCode};
/// use utoipa::openapi::{RefOr, Response};
///
/// /// What `GET /invoices` answers besides its invoices.
/// struct ListInvoicesErrors;
///
/// impl utoipa::IntoResponses for ListInvoicesErrors {
///     fn responses() -> BTreeMap<String, RefOr<Response>> {
///         responses_only::<CommonError>(&[
///             CommonErrorCode::AuthenticationRequired,
///             CommonErrorCode::RateLimited,
///         ])
///     }
/// }
///
/// let statuses: Vec<String> = <ListInvoicesErrors as utoipa::IntoResponses>::responses()
///     .into_keys()
///     .collect();
/// assert_eq!(statuses, ["401", "429"]);
/// ```
pub fn responses_only<T: ErrorCatalog + ApiError + ?Sized>(
    codes: &[T::Code],
) -> BTreeMap<String, RefOr<Response>> {
    let specs: Vec<ErrorSpec> = T::error_specs()
        .into_iter()
        .filter(|spec| codes.iter().any(|code| code.as_str() == spec.code))
        .collect();
    responses_for(&specs)
}

/// The OpenAPI responses of any list of codes, for instance the catalogues of several types
/// put together.
///
/// One response per status, keyed by the status number:
/// - description: the status's reason and its codes, "Not Found: `business_not_found`,
///   `invoice_not_found`";
/// - content `application/json`: the `ErrorEnvelope` schema (by `$ref`, so register it with
///   [`ErrorSchemas`]) with `error_code` narrowed to an `enum` of exactly the status's codes
///   (`allOf`) and, when some of them have `meta`, the keys of `meta` (every key of those
///   codes, each described with the codes that send it, typed with its JSON type when the
///   codes agree on a known one, as `[type, "null"]` when one of them may send `null` for
///   it, an `Option` field); and an example envelope of the status's first code: its
///   message, a template's `{field}` shown as `<field>`, or the status's reason when the
///   message is the error's `Display`; `details` `{}`; its `meta` keys, if any, with a
///   placeholder of their type (`"…"`, `0`, `0.0`, `false`, `[]`, `{}`, or `null` when the
///   type is not known);
/// - headers: `WWW-Authenticate` on a 401, `Retry-After` when a code of that status sets
///   `retry_after`.
///
/// ```
/// use error_contract::{Catalog, CommonError};
/// use error_contract::openapi::responses_for;
///
/// let responses = serde_json::to_value(responses_for(Catalog::of::<CommonError>().specs())).unwrap();
/// assert_eq!(
///     responses["401"]["description"],
///     "Unauthorized: `authentication_required`, `invalid_token`",
/// );
/// assert_eq!(responses["401"]["headers"]["WWW-Authenticate"]["schema"]["type"], "string");
/// let schema = &responses["401"]["content"]["application/json"]["schema"];
/// assert_eq!(schema["allOf"][0]["$ref"], "#/components/schemas/ErrorEnvelope");
/// assert_eq!(
///     schema["allOf"][1]["properties"]["error_code"]["enum"],
///     serde_json::json!(["authentication_required", "invalid_token"]),
/// );
/// ```
pub fn responses_for(specs: &[ErrorSpec]) -> BTreeMap<String, RefOr<Response>> {
    let mut by_status: BTreeMap<u16, Vec<&ErrorSpec>> = BTreeMap::new();
    for spec in specs {
        by_status.entry(spec.status).or_default().push(spec);
    }
    by_status
        .into_iter()
        .map(|(status, specs)| (status.to_string(), RefOr::T(response(status, &specs))))
        .collect()
}

/// The response of one status, `specs` being its codes in declaration order (never empty).
fn response(status: u16, specs: &[&ErrorSpec]) -> Response {
    let reason = reason(status);
    let codes: Vec<String> = specs
        .iter()
        .map(|spec| format!("`{}`", spec.code))
        .collect();
    let mut content = ContentBuilder::new().schema(Some(envelope_of(specs)));
    if let Some(first) = specs.first() {
        content = content.example(Some(example(first, reason.as_deref())));
    }
    let mut response = ResponseBuilder::new()
        .description(format!(
            "{}: {}",
            reason.as_deref().unwrap_or("Error"),
            codes.join(", ")
        ))
        .content("application/json", content.build());
    if status == StatusCode::UNAUTHORIZED.as_u16() {
        let description = challenge_description(specs);
        response = response.header(
            "WWW-Authenticate",
            HeaderBuilder::new()
                .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                .description(Some(description))
                .build(),
        );
    }
    let delays: Vec<String> = specs
        .iter()
        .filter_map(|spec| Some(format!("{} for `{}`", spec.retry_after?, spec.code)))
        .collect();
    if !delays.is_empty() {
        response = response.header(
            "Retry-After",
            HeaderBuilder::new()
                .schema(Some(
                    ObjectBuilder::new()
                        .schema_type(Type::Integer)
                        .minimum(Some(0)),
                ))
                .description(Some(format!(
                    "Seconds to wait before retrying: {}.",
                    delays.join(", ")
                )))
                .build(),
        );
    }
    response.build()
}

/// The `ErrorEnvelope` schema narrowed to the codes of one status: `allOf` the component and
/// an `error_code` that is one of exactly those codes, so a client generator knows which
/// codes each status carries, and the keys of their `meta`.
fn envelope_of(specs: &[&ErrorSpec]) -> RefOr<Schema> {
    let codes = ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(specs.iter().map(|spec| &*spec.code)));
    let mut narrowed = ObjectBuilder::new()
        .schema_type(Type::Object)
        .property("error_code", codes);
    if let Some(meta) = meta_of(specs) {
        narrowed = narrowed.property("meta", meta);
    }
    AllOfBuilder::new()
        .item(Ref::from_schema_name(ENVELOPE))
        .item(narrowed)
        .into()
}

/// One key of `meta` over the codes of a status.
struct MetaKey<'a> {
    name: &'a str,
    /// The JSON type every code sending the key agrees on; `None` when one does not know it
    /// or two disagree.
    json_type: Option<&'static str>,
    /// Some code sending the key may send `null` for it.
    nullable: bool,
    /// The codes that send it, in declaration order.
    codes: Vec<&'a str>,
}

/// The `meta` object of a status's codes: every key any of them sends, in the order first
/// met; `None` when none of them has `meta`. No key is required: each is sent by its codes
/// only, and a value that cannot be written as JSON is left out.
fn meta_of(specs: &[&ErrorSpec]) -> Option<ObjectBuilder> {
    let mut keys: Vec<MetaKey<'_>> = Vec::new();
    for spec in specs {
        for field in spec.meta.iter() {
            match keys.iter_mut().find(|key| key.name == field.name) {
                Some(key) => {
                    if key.json_type != field.json_type {
                        key.json_type = None;
                    }
                    key.nullable |= field.nullable;
                    key.codes.push(&spec.code);
                }
                None => keys.push(MetaKey {
                    name: &field.name,
                    json_type: field.json_type,
                    nullable: field.nullable,
                    codes: vec![&spec.code],
                }),
            }
        }
    }
    if keys.is_empty() {
        return None;
    }
    let object = keys.into_iter().fold(
        ObjectBuilder::new().schema_type(Type::Object),
        |object, key| {
            let codes: Vec<String> = key.codes.iter().map(|code| format!("`{code}`")).collect();
            let value = ObjectBuilder::new()
                .schema_type(schema_type(key.json_type, key.nullable))
                .description(Some(format!("Sent by {}.", codes.join(", "))));
            object.property(key.name, value)
        },
    );
    Some(object)
}

/// The schema type of a [`MetaSpec::json_type`](crate::MetaSpec::json_type), with `"null"`
/// besides (`type: [string, "null"]`, JSON Schema's way in OpenAPI 3.1) when the value is
/// [`nullable`](crate::MetaSpec::nullable); any value, `null` included, when it is not known.
fn schema_type(json_type: Option<&str>, nullable: bool) -> SchemaType {
    let json_type = match json_type {
        Some("string") => Type::String,
        Some("integer") => Type::Integer,
        Some("number") => Type::Number,
        Some("boolean") => Type::Boolean,
        Some("array") => Type::Array,
        Some("object") => Type::Object,
        _ => return SchemaType::AnyValue,
    };
    if nullable {
        SchemaType::from_iter([json_type, Type::Null])
    } else {
        json_type.into()
    }
}

/// A value of the JSON type `json_type` for an example: `"…"`, `0`, `0.0`, `false`, `[]`,
/// `{}`, or `null` when the type is not known (a nullable key of a known type shows a value
/// of that type, which says more than `null`).
fn placeholder(json_type: Option<&str>) -> Value {
    match json_type {
        Some("string") => json!("…"),
        Some("integer") => json!(0),
        Some("number") => json!(0.0),
        Some("boolean") => json!(false),
        Some("array") => json!([]),
        Some("object") => json!({}),
        _ => Value::Null,
    }
}

/// The status's reason phrase ("Not Found"), if it has one.
fn reason(status: u16) -> Option<String> {
    StatusCode::from_u16(status)
        .ok()?
        .canonical_reason()
        .map(str::to_owned)
}

/// The `WWW-Authenticate` header of a 401: the default `Bearer` challenge (RFC 9110, with
/// RFC 6750's `error="invalid_token"` for that code), and each challenge a code sets with
/// `#[api(www_authenticate = "…")]`, so the document says what the server sends.
fn challenge_description(specs: &[&ErrorSpec]) -> String {
    let custom: Vec<String> = specs
        .iter()
        .filter_map(|spec| {
            let challenge = spec.www_authenticate.as_deref()?;
            Some(format!("`{challenge}` for `{}`", spec.code))
        })
        .collect();
    let defaults: Vec<&&ErrorSpec> = specs
        .iter()
        .filter(|spec| spec.www_authenticate.is_none())
        .collect();
    let mut parts = Vec::new();
    if !defaults.is_empty() {
        parts.push(String::from("`Bearer` challenge (RFC 9110)"));
        if defaults.iter().any(|spec| spec.code == "invalid_token") {
            parts.push(String::from(
                r#"`Bearer error="invalid_token"` for `invalid_token` (RFC 6750)"#,
            ));
        }
    }
    parts.extend(custom);
    format!("{}.", parts.join("; "))
}

/// An envelope as `spec` answers it, with placeholders for what only a value can tell.
fn example(spec: &ErrorSpec, reason: Option<&str>) -> Value {
    let error = match &spec.message {
        Some(template) => placeholders(template),
        None => reason.unwrap_or("Error").to_owned(),
    };
    let mut example = json!({ "error": error, "error_code": spec.code, "details": {} });
    if !spec.meta.is_empty() {
        let meta: Map<String, Value> = spec
            .meta
            .iter()
            .map(|field| (field.name.to_string(), placeholder(field.json_type)))
            .collect();
        example["meta"] = Value::Object(meta);
    }
    example
}

/// A thiserror-style template with each `{field}` (or `{field:?}`) shown as `<field>`, and
/// `{{`/`}}` as braces.
fn placeholders(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut argument = String::new();
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    argument.push(c);
                }
                let name = argument.split(':').next().unwrap_or_default().trim();
                out.push('<');
                out.push_str(name);
                out.push('>');
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_name_each_argument() {
        assert_eq!(
            placeholders("Invoice {0} not found."),
            "Invoice <0> not found."
        );
        assert_eq!(
            placeholders("{external_id:?} is taken by {owner}"),
            "<external_id> is taken by <owner>"
        );
        assert_eq!(
            placeholders("literal {{braces}} stay"),
            "literal {braces} stay"
        );
        assert_eq!(placeholders("no arguments"), "no arguments");
    }
}
