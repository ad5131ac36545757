//! A JSON body, deserialised; on failure, the rejection: 400 `malformed_json` for what is
//! not JSON, 400 `validation_error` naming the field for JSON that does not fit the type.

use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::error::Category;

use serde_path_to_error::Segment;

use super::Rejection;
use super::mismatch::{Input, Mismatch};
use super::problem::Problem;
use crate::CommonError;

/// Deserialises a whole body as `T`, tracking the path to a failure with
/// `serde_path_to_error` (as axum's own `Json` does).
///
/// A body that does not fit is read once more, to report every value that does not fit at
/// once ([`collect`](super::collect)); when that reading cannot account for the failure,
/// serde's first error is reported alone.
pub(crate) fn deserialize<T: DeserializeOwned>(body: &[u8]) -> Result<T, Rejection> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let first = rejection_at(Some(body), keys(error.path()), error.inner());
        if !matches!(first.error(), CommonError::ValidationError(_)) {
            return first;
        }
        match super::collect::read::<T>(body) {
            Some(reading) if reading.mismatches.len() > 1 => {
                Mismatch::into_rejection_all(&reading.mismatches, None)
            }
            _ => first,
        }
    })?;
    deserializer
        .end()
        .map_err(|error| rejection_at(Some(body), Vec::new(), &error))?;
    Ok(value)
}

/// For a JSON body that deserialised or not, with the `validator` rules `T` breaks: every
/// value that did not fit and every rule broken elsewhere, in declaration order (see
/// [`Reading::rejection`](super::collect::Reading::rejection)); `None` when all fit and no
/// rule is broken, or when the body cannot be read so.
#[cfg(all(feature = "axum", feature = "validator"))]
pub(crate) fn rejection_with_rules<T: DeserializeOwned>(
    body: &[u8],
    broken: impl FnOnce(&T) -> Option<crate::Details>,
) -> Option<Rejection> {
    super::collect::read::<T>(body)?.rejection(broken)
}

/// The path's segments as `details` keys: object keys as they are, list items by index.
fn keys(path: &serde_path_to_error::Path) -> Vec<String> {
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect()
}

/// The rejection for `error`, met deserialising `body`.
///
/// Without the body (actix-web's `web::Json` keeps it to itself) nothing says where the
/// failure is, beyond the field serde's message names: a missing `postcode` inside
/// `address` is keyed `postcode`, a wrong type goes under `non_field_errors`.
#[cfg(feature = "actix-web")]
pub(crate) fn rejection(body: Option<&[u8]>, error: &serde_json::Error) -> Rejection {
    rejection_at(body, Vec::new(), error)
}

/// The rejection for `error`, met at `path` deserialising `body`.
fn rejection_at(body: Option<&[u8]>, path: Vec<String>, error: &serde_json::Error) -> Rejection {
    // Django REST Framework parses before it validates, so a body that is not JSON is
    // malformed whatever else is wrong with it; serde_json stops at the first error of
    // either kind, so the body is read once more, as JSON of any shape, to tell which.
    let well_formed = match body {
        Some(body) => serde_json::from_slice::<IgnoredAny>(body).is_ok(),
        None => error.classify() == Category::Data,
    };
    if !well_formed {
        return Rejection::new(CommonError::MalformedJson, format!("JSON body: {error}"));
    }
    let message = without_position(error);
    let Some(body) = body else {
        return Mismatch::from_message(Input::JsonBody, path, &message).into_rejection();
    };
    let problem = if error.classify() == Category::Data {
        Problem::from_message(&message)
    } else {
        // A syntax error in a well-formed document: serde_json's enums take only strings
        // and objects, and it reports anything else at the byte it peeked at.
        let read = offset(body, error.line(), error.column());
        let first_byte = body.get(read.saturating_sub(1)).copied();
        Problem::from_enum_syntax_error(&message, first_byte)
    };
    Mismatch::new(Input::JsonBody, path, problem).into_rejection()
}

/// A JSON body a framework refused for a reason this crate has no account of (a variant it
/// added later): the error its status calls for. Only the status is logged, since nothing
/// says the framework's text leaves the body out. (Only actix-web's error is open-ended.)
#[cfg(feature = "actix-web")]
pub(crate) fn refused_with_status(status: u16) -> Rejection {
    let error = match status {
        413 => CommonError::PayloadTooLarge,
        415 => CommonError::UnsupportedMediaType,
        500..=599 => CommonError::InternalError,
        _ => CommonError::MalformedJson,
    };
    Rejection::new(error, format!("JSON body refused with status {status}"))
}

/// The byte offset of serde_json's `line` (from 1) and `column` (the bytes read on that
/// line), clamped to the document.
fn offset(document: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        document
            .iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'\n')
            .nth(line - 2)
            .map_or(document.len(), |(at, _)| at + 1)
    };
    line_start.saturating_add(column).min(document.len())
}

/// serde's message without the ` at line L column C` serde_json appends.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    if error.line() == 0 {
        return text;
    }
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&suffix) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::deserialize;
    use crate::ApiError;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only deserialised")]
    struct Order {
        customer: Customer,
        items: Option<Vec<Line>>,
        tags: Option<Vec<String>>,
        scores: Option<BTreeMap<String, u8>>,
        currency: Option<Currency>,
        pair: Option<(u32, u32)>,
        paid: Option<bool>,
        note: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code, reason = "only deserialised")]
    struct Customer {
        email: String,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code, reason = "only deserialised")]
    struct Line {
        amount: f64,
        quantity: u32,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "UPPERCASE")]
    #[allow(dead_code, reason = "only deserialised")]
    enum Currency {
        Gbp,
        Eur,
    }

    /// The body's `details` and cause.
    fn rejected(body: &str) -> (String, String) {
        let rejection = deserialize::<Order>(body.as_bytes()).unwrap_err();
        let details = serde_json::to_string(&rejection.details()).unwrap();
        (details, rejection.cause().to_owned())
    }

    fn details(body: &str) -> String {
        rejected(body).0
    }

    const CUSTOMER: &str = r#""customer": {"email": "a@b.c"}"#;

    #[test]
    fn each_kind_of_failure_has_drfs_words_at_its_path() {
        for (fields, expected) in [
            (r#""note": 5"#, r#"{"note":["Not a valid string."]}"#),
            (r#""note": null"#, "{}"),
            (
                r#""paid": "yes""#,
                r#"{"paid":["Must be a valid boolean."]}"#,
            ),
            (
                r#""items": [{"amount": 1, "quantity": 1.5}]"#,
                r#"{"items":{"0":{"quantity":["A valid integer is required."]}}}"#,
            ),
            (
                r#""items": [{"amount": 1, "quantity": 1}, {"amount": "x", "quantity": 1}]"#,
                r#"{"items":{"1":{"amount":["A valid number is required."]}}}"#,
            ),
            (
                r#""items": [{"amount": 1}]"#,
                r#"{"items":{"0":{"quantity":["This field is required."]}}}"#,
            ),
            (
                r#""items": [{"amount": 1, "quantity": -1}]"#,
                r#"{"items":{"0":{"quantity":["Ensure this value is greater than or equal to 0."]}}}"#,
            ),
            (
                r#""scores": {"maths": 300}"#,
                r#"{"scores":{"maths":["Ensure this value is less than or equal to 255."]}}"#,
            ),
            (
                r#""tags": "urgent""#,
                r#"{"tags":["Expected a list of items but got type \"str\"."]}"#,
            ),
            (
                r#""tags": ["a", 1]"#,
                r#"{"tags":{"1":["Not a valid string."]}}"#,
            ),
            (
                r#""scores": [1]"#,
                r#"{"scores":["Expected a dictionary of items but got type \"list\"."]}"#,
            ),
            (
                r#""currency": "XYZ""#,
                r#"{"currency":["\"XYZ\" is not a valid choice. Must be one of: GBP, EUR"]}"#,
            ),
            (
                r#""currency": 5"#,
                r#"{"currency":["Not a valid choice."]}"#,
            ),
            (
                r#""currency": null"#,
                "{}", // an Option: null is None
            ),
            (
                r#""pair": [1]"#,
                r#"{"pair":["Ensure this field has at least 2 elements."]}"#,
            ),
            (
                r#""nmae": 1"#,
                r#"{"nmae":["This field is not recognized."]}"#,
            ),
        ] {
            let body = format!("{{{CUSTOMER}, {fields}}}");
            match deserialize::<Order>(body.as_bytes()) {
                Ok(_) => assert_eq!(expected, "{}", "{body} was accepted"),
                Err(rejection) => assert_eq!(
                    serde_json::to_string(&rejection.details()).unwrap(),
                    expected,
                    "{body}"
                ),
            }
        }
    }

    #[test]
    fn an_objects_own_errors_go_under_its_non_field_errors() {
        assert_eq!(
            details(r#"{"customer": "acme"}"#),
            r#"{"customer":{"non_field_errors":["Invalid data. Expected a dictionary, but got str."]}}"#
        );
        assert_eq!(
            details(r#"{"customer": []}"#),
            r#"{"customer":{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}}"#
        );
        assert_eq!(
            details(r#"{"customer": null}"#),
            r#"{"customer":["This field may not be null."]}"#
        );
        assert_eq!(
            details(r#""acme""#),
            r#"{"non_field_errors":["Invalid data. Expected a dictionary, but got str."]}"#
        );
        assert_eq!(
            details(r#"{"customer": {}}"#),
            r#"{"customer":{"email":["This field is required."]}}"#
        );
        assert_eq!(details("{}"), r#"{"customer":["This field is required."]}"#);
    }

    #[test]
    fn a_repeated_or_unknown_key_is_named_once_even_when_escaped() {
        assert_eq!(
            details(r#"{"customer": {"email": "a"}, "customer": {"email": "b"}}"#),
            r#"{"customer":["This field is given more than once."]}"#
        );
        assert_eq!(
            details(&format!("{{{CUSTOMER},\n  \"n\\\"o.te[0]\" : 1}}")),
            r#"{"n\"o.te[0]":["This field is not recognized."]}"#
        );
    }

    #[test]
    fn causes_name_the_place_and_the_kind_never_the_value() {
        let (_, cause) = rejected(&format!(
            r#"{{{CUSTOMER}, "items": [{{"amount": "sk_live_1", "quantity": 1}}]}}"#
        ));
        assert_eq!(
            cause,
            "JSON body at items.0.amount: expected f64, got a string"
        );
        let (_, cause) = rejected(&format!(r#"{{{CUSTOMER}, "currency": "sk_live_2"}}"#));
        assert_eq!(
            cause,
            "JSON body at currency: not one of the enum's variants"
        );
        let (_, cause) = rejected(r#"{"customer": {}}"#);
        assert_eq!(cause, "JSON body at customer.email: required field missing");
        let (_, cause) = rejected(r#""sk_live_3""#);
        assert_eq!(cause, "JSON body: expected struct Order, got a string");
    }

    #[test]
    fn every_value_that_does_not_fit_is_reported_at_once() {
        let body = r#"{"customer": {"email": 5}, "items": [{"amount": "x", "quantity": -1}, {"amount": 2.5, "quantity": 2}, {"quantity": "two"}], "currency": "XYZ", "paid": "yes", "pair": [1, "b"], "scores": {"a": 300}}"#;
        let (details, cause) = rejected(body);
        assert_eq!(
            details,
            concat!(
                r#"{"customer":{"email":["Not a valid string."]},"#,
                r#""items":{"0":{"amount":["A valid number is required."],"quantity":["Ensure this value is greater than or equal to 0."]},"#,
                r#""2":{"quantity":["A valid integer is required."],"amount":["This field is required."]}},"#,
                r#""currency":["\"XYZ\" is not a valid choice. Must be one of: GBP, EUR"],"#,
                r#""paid":["Must be a valid boolean."],"#,
                r#""pair":{"1":["A valid integer is required."]},"#,
                r#""scores":{"a":["Ensure this value is less than or equal to 255."]}}"#,
            ),
        );
        // The log gets each place and kind of failure, never a value.
        assert!(
            cause.contains("items.0.amount") && cause.contains("scores.a"),
            "{cause}"
        );
        assert!(!cause.contains("XYZ") && !cause.contains("yes"), "{cause}");
    }

    #[test]
    fn a_body_of_many_wrong_values_costs_a_bounded_answer() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code, reason = "only deserialised")]
        struct Numbers {
            values: Vec<u32>,
        }
        let body = format!(r#"{{"values": [{}]}}"#, vec![r#""x""#; 5_000].join(","));
        let rejection = deserialize::<Numbers>(body.as_bytes()).unwrap_err();
        let details = rejection.details();
        let values = details.nested("values").unwrap();
        assert_eq!(values.len(), 256, "the first 256 wrong values");
        assert_eq!(values.get("0").unwrap(), ["A valid integer is required."]);
    }

    #[test]
    fn missing_fields_and_wrong_containers_are_reported_with_the_rest() {
        // A required field missing twice over, and a struct given a string, beside a type error.
        let (details, _) = rejected(r#"{"customer": "ada", "paid": 1, "items": [{}]}"#);
        assert_eq!(
            details,
            concat!(
                r#"{"customer":{"non_field_errors":["Invalid data. Expected a dictionary, but got str."]},"#,
                r#""paid":["Must be a valid boolean."],"#,
                r#""items":{"0":{"amount":["This field is required."],"quantity":["This field is required."]}}}"#,
            ),
        );
        // One failure alone reads exactly as before.
        let (details, _) = rejected(r#"{"customer": {"email": 5}}"#);
        assert_eq!(details, r#"{"customer":{"email":["Not a valid string."]}}"#);
    }

    #[test]
    fn what_is_not_json_is_malformed_whatever_else_is_wrong() {
        for body in [
            r#"{"customer": {"email": 5}"#,
            r#"{"customer": 1,}"#,
            "",
            r#"{"customer": {"email": "a"}} trailing"#,
        ] {
            let rejection = deserialize::<Order>(body.as_bytes()).unwrap_err();
            assert_eq!(rejection.error_code(), "malformed_json", "{body}");
            assert!(rejection.cause().starts_with("JSON body: "), "{body}");
        }
    }

    #[test]
    fn without_the_body_only_the_named_field_is_placed() {
        let rejection_of = |body: &str| {
            let error = serde_json::from_str::<Order>(body).unwrap_err();
            let rejection = super::rejection(None, &error);
            serde_json::to_string(&rejection.details()).unwrap()
        };
        assert_eq!(
            rejection_of(r#"{"customer": {}}"#),
            r#"{"email":["This field is required."]}"#
        );
        assert_eq!(
            rejection_of(r#"{"customer": {"email": 5}}"#),
            r#"{"non_field_errors":["Not a valid string."]}"#
        );
    }

    /// A rejected choice is quoted back as Django REST Framework does, except under a
    /// secret-looking key or when it is too long to be a mistyped choice.
    #[test]
    fn a_rejected_choice_is_quoted_back_only_when_harmless() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code, reason = "only deserialised")]
        struct Login {
            currency: Option<Currency>,
            api_token: Option<Currency>,
        }
        let details = |body: &str| {
            let rejection = deserialize::<Login>(body.as_bytes()).unwrap_err();
            serde_json::to_string(&rejection.details()).unwrap()
        };
        assert_eq!(
            details(r#"{"api_token": "tok_live_secret"}"#),
            r#"{"api_token":["Not a valid choice. Must be one of: GBP, EUR"]}"#
        );
        let long = "x".repeat(65);
        assert_eq!(
            details(&format!(r#"{{"currency": "{long}"}}"#)),
            r#"{"currency":["Not a valid choice. Must be one of: GBP, EUR"]}"#
        );
        assert_eq!(
            details(r#"{"currency": "XYZ"}"#),
            r#"{"currency":["\"XYZ\" is not a valid choice. Must be one of: GBP, EUR"]}"#
        );
    }
}
