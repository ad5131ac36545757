//! validator integration (feature `validator`): `ToDetails` for `ValidationErrors`.
//!
//! The tree mirrors what a Django REST Framework 3.18 serializer writes for the same
//! failures, so a client sees one shape whichever server answered.

use serde_json::Value;
use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

use crate::server::wording::{self, INVALID};
use crate::{Details, NON_FIELD_ERRORS, ToDetails};

/// The key `#[validate(schema(function = …))]` files its errors under.
const SCHEMA_ERRORS: &str = "__all__";

/// The errors of a `#[derive(Validate)]` struct, shaped as Django REST Framework writes them.
///
/// - a field's errors are its messages: `{"email": ["Enter a valid email address."]}`;
/// - a `#[validate(nested)]` struct is a nested tree: `{"address": {"postcode": […]}}`;
/// - a `#[validate(nested)]` list is a tree keyed by the decimal index of each failing item,
///   in numeric order ("2" before "10"), valid items absent: `{"items": {"1": {…}, "3": {…}}}`;
/// - schema-level errors (`__all__`, from `#[validate(schema(function = …))]`) go under
///   [`NON_FIELD_ERRORS`], at the level of the struct they belong to, before its fields.
///
/// **Order.** `ValidationErrors` keeps fields in a `HashMap`, so their declaration order is
/// lost before this impl sees them; fields are therefore sorted by name (byte order), which
/// makes the output deterministic. Messages of one field keep the order validator produced.
///
/// **Messages.** A validator `message` is used as written. Otherwise the message is English
/// text in DRF's wording, derived from the code and its bounds, never the bare code:
///
/// | code | message |
/// |---|---|
/// | `required` | This field is required. |
/// | `email` | Enter a valid email address. |
/// | `url` | Enter a valid URL. |
/// | `length` | Ensure this field has no more than 10 characters. / at least 3 characters. / 3 characters. (`elements` for a list) |
/// | `range` | Ensure this value is greater than or equal to 0. / less than or equal to 100. / greater than 0. / less than 100. |
/// | `must_match` | This field must match the other field. |
/// | `contains` / `does_not_contain` | This field must contain “x”. / must not contain “x”. |
/// | `ip` | Enter a valid IPv4 or IPv6 address. |
/// | `credit_card` | Enter a valid credit card number. |
/// | `non_control_character` | This field may not contain control characters. |
/// | `regex`, and any other code | Enter a valid value. |
///
/// When a `length` or `range` has both bounds, the rejected value is compared with them to
/// name the one it broke, as DRF does. The rejected value itself (`params["value"]`) never
/// appears in a message. Nor does `must_match`'s `other` param, which validator fills with
/// the other field's *value* (a password, say) rather than its name; give the rule a
/// `message` to name the field.
///
/// ```
/// use error_contract::ToDetails;
/// use validator::{ValidationError, ValidationErrors};
///
/// let mut address = ValidationErrors::new();
/// address.add("postcode", ValidationError::new("required"));
///
/// let mut errors = ValidationErrors::new();
/// errors.add("email", ValidationError::new("email"));
/// errors.add("currency", ValidationError::new("invalid_currency")
///     .with_message("Invalid currency code. Must be one of: GBP, EUR, USD".into()));
/// let errors = ValidationErrors::merge(Err(errors), "address", Err(address));
///
/// let details = errors.unwrap_err().to_details();
/// assert_eq!(
///     serde_json::to_string(&details).unwrap(),
///     r#"{"address":{"postcode":["This field is required."]},"currency":["Invalid currency code. Must be one of: GBP, EUR, USD"],"email":["Enter a valid email address."]}"#,
/// );
/// ```
impl ToDetails for ValidationErrors {
    fn to_details(&self) -> Details {
        struct_details(self)
    }
}

/// The tree of one struct: its schema-level errors first, then its fields by name.
fn struct_details(errors: &ValidationErrors) -> Details {
    let mut entries: Vec<(&str, &ValidationErrorsKind)> = errors
        .errors()
        .iter()
        .map(|(field, kind)| (field.as_ref(), kind))
        .collect();
    entries.sort_unstable_by(|(a, _), (b, _)| {
        (*a != SCHEMA_ERRORS, *a).cmp(&(*b != SCHEMA_ERRORS, *b))
    });
    let mut details = Details::new();
    for (field, kind) in entries {
        let key = if field == SCHEMA_ERRORS {
            NON_FIELD_ERRORS
        } else {
            field
        };
        add_kind(&mut details, key, kind);
    }
    details
}

/// Adds what `kind` holds under `key`; nothing when it holds no error at all.
fn add_kind(details: &mut Details, key: &str, kind: &ValidationErrorsKind) {
    match kind {
        ValidationErrorsKind::Field(errors) => {
            for error in errors {
                details.push(key, message(error));
            }
        }
        ValidationErrorsKind::Struct(errors) => {
            let nested = struct_details(errors);
            if !nested.is_empty() {
                details.nest(key, nested);
            }
        }
        ValidationErrorsKind::List(items) => {
            // A BTreeMap<usize, _>: already in numeric order.
            let mut list = Details::new();
            for (index, item) in items {
                let nested = struct_details(item);
                if !nested.is_empty() {
                    list.nest(index.to_string(), nested);
                }
            }
            if !list.is_empty() {
                details.nest(key, list);
            }
        }
    }
}

/// The validator's own message, else DRF-style text for the code.
fn message(error: &ValidationError) -> String {
    match &error.message {
        Some(message) => message.clone().into_owned(),
        None => default_message(error),
    }
}

fn default_message(error: &ValidationError) -> String {
    let param = |name: &str| error.params.get(name);
    match error.code.as_ref() {
        "required" => wording::REQUIRED.to_owned(),
        "email" => wording::NOT_AN_EMAIL.to_owned(),
        "url" => wording::NOT_A_URL.to_owned(),
        "length" => length_message(param("min"), param("max"), param("equal"), param("value")),
        "range" => range_message(error),
        "must_match" => wording::MUST_MATCH.to_owned(),
        "contains" => match param("needle").and_then(Value::as_str) {
            Some(needle) => wording::must_contain(needle),
            None => INVALID.to_owned(),
        },
        "does_not_contain" => match param("needle").and_then(Value::as_str) {
            Some(needle) => wording::must_not_contain(needle),
            None => INVALID.to_owned(),
        },
        "ip" => wording::NOT_AN_IP.to_owned(),
        "credit_card" => wording::NOT_A_CARD.to_owned(),
        "non_control_character" => wording::CONTROL_CHARACTERS.to_owned(),
        _ => INVALID.to_owned(),
    }
}

fn length_message(
    min: Option<&Value>,
    max: Option<&Value>,
    equal: Option<&Value>,
    value: Option<&Value>,
) -> String {
    let (min, max, equal) = (
        min.and_then(Value::as_u64),
        max.and_then(Value::as_u64),
        equal.and_then(Value::as_u64),
    );
    // validator counts a string's chars and a collection's items.
    let (actual, unit) = match value {
        Some(Value::String(text)) => (Some(text.chars().count() as u64), "character"),
        Some(Value::Array(items)) => (Some(items.len() as u64), "element"),
        Some(Value::Object(entries)) => (Some(entries.len() as u64), "element"),
        _ => (None, "character"),
    };
    let count = |n: u64| wording::count(n, unit);
    let at_least = |n| wording::field_has_at_least(&count(n));
    let at_most = |n| wording::field_has_no_more_than(&count(n));
    match (equal, min, max) {
        (Some(equal), _, _) => wording::field_has_exactly(&count(equal)),
        (None, Some(min), Some(max)) => match actual {
            Some(actual) if actual < min => at_least(min),
            Some(actual) if actual > max => at_most(max),
            _ => wording::field_has_between(min, &count(max)),
        },
        (None, Some(min), None) => at_least(min),
        (None, None, Some(max)) => at_most(max),
        (None, None, None) => INVALID.to_owned(),
    }
}

/// One bound of a `range` rule: its param, how DRF words it, and when a value breaks it.
struct Bound {
    param: &'static str,
    relation: &'static str,
    broken_by: fn(value: f64, limit: f64) -> bool,
}

const RANGE_BOUNDS: [Bound; 4] = [
    Bound {
        param: "min",
        relation: wording::AT_LEAST,
        broken_by: |value, limit| value < limit,
    },
    Bound {
        param: "exclusive_min",
        relation: "greater than",
        broken_by: |value, limit| value <= limit,
    },
    Bound {
        param: "max",
        relation: wording::AT_MOST,
        broken_by: |value, limit| value > limit,
    },
    Bound {
        param: "exclusive_max",
        relation: "less than",
        broken_by: |value, limit| value >= limit,
    },
];

fn range_message(error: &ValidationError) -> String {
    let bounds: Vec<(&Bound, f64, String)> = RANGE_BOUNDS
        .iter()
        .filter_map(|bound| {
            let limit = error.params.get(bound.param)?;
            Some((bound, limit.as_f64()?, limit.to_string()))
        })
        .collect();
    // The bounds the value broke, when it is a number; else every bound of the rule.
    let actual = error.params.get("value").and_then(Value::as_f64);
    let broken: Vec<&(&Bound, f64, String)> = bounds
        .iter()
        .filter(|(bound, limit, _)| actual.is_some_and(|value| (bound.broken_by)(value, *limit)))
        .collect();
    let shown = if broken.is_empty() {
        bounds.iter().collect()
    } else {
        broken
    };
    if shown.is_empty() {
        return INVALID.to_owned();
    }
    let conditions: Vec<String> = shown
        .iter()
        .map(|(bound, _, text)| format!("{} {text}", bound.relation))
        .collect();
    wording::value_is(&conditions.join(" and "))
}

/// The rejection of a value that deserialised but failed its `validator` rules: 400
/// `validation_error` with every failing field in `details`; the log gets their paths only
/// (validator keeps the rejected value among its params).
#[cfg(feature = "axum")]
pub(crate) fn rejection(errors: &ValidationErrors) -> crate::Rejection {
    let details = errors.to_details();
    let fields: Vec<String> = details
        .flatten()
        .map(|(path, _)| path.to_string())
        .collect();
    let cause = format!("validation failed at {}", fields.join(", "));
    crate::Rejection::new(crate::CommonError::ValidationError(details), cause)
}
