//! The words a client reads in `details`: Django REST Framework 3.18's where it has them, so
//! a client sees one vocabulary whichever framework answered and whatever failed (a body that
//! does not deserialise, a validator rule).
//!
//! Nothing here quotes a value except [`invalid_choice`], which tells the client what it sent,
//! as DRF does; the log never gets these texts.

/// A required field is absent (DRF's `required`).
pub(crate) const REQUIRED: &str = "This field is required.";

/// `null` for a field that may not be null (DRF's `null`).
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) const NULL: &str = "This field may not be null.";

/// Not a string, for a string field (DRF's `CharField`).
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) const NOT_A_STRING: &str = "Not a valid string.";

/// Not an integer, for an integer field (DRF's `IntegerField`).
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) const NOT_AN_INTEGER: &str = "A valid integer is required.";

/// Not a number, for a floating-point field (DRF's `FloatField`).
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) const NOT_A_NUMBER: &str = "A valid number is required.";

/// Not `true` or `false` (DRF's `BooleanField`).
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) const NOT_A_BOOLEAN: &str = "Must be a valid boolean.";

/// Not a string naming a choice, for an enum field. DRF would quote the value; a number or a
/// list is not worth quoting back.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) const NOT_A_CHOICE: &str = "Not a valid choice.";

/// A field the type does not have. DRF ignores unknown fields, so it has no wording of its
/// own; this reads like its other "This field …" messages.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) const UNKNOWN_FIELD: &str = "This field is not recognized.";

/// A field given twice in one object (DRF keeps the last; a strict type refuses).
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) const REPEATED_FIELD: &str = "This field is given more than once.";

/// A value that fails a rule nobody can describe better (Django's `RegexValidator`).
pub(crate) const INVALID: &str = "Enter a valid value.";

/// The bound of a "greater than or equal to" rule (DRF's `min_value`).
pub(crate) const AT_LEAST: &str = "greater than or equal to";

/// The bound of a "less than or equal to" rule (DRF's `max_value`).
pub(crate) const AT_MOST: &str = "less than or equal to";

/// A list field given something else: `got` is the Python name of what came (`str`, `dict`).
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn not_a_list(got: &str) -> String {
    format!("Expected a list of items but got type \"{got}\".")
}

/// A map field (DRF's `DictField`) given something else.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn not_a_dict(got: &str) -> String {
    format!("Expected a dictionary of items but got type \"{got}\".")
}

/// A nested object (DRF's serializer) given something else; DRF files it under the object's
/// `non_field_errors`.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn not_an_object(got: &str) -> String {
    format!("Invalid data. Expected a dictionary, but got {got}.")
}

/// A string that names no choice (DRF's `ChoiceField`): the client's own value, quoted back.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn invalid_choice(value: &str) -> String {
    format!("\"{value}\" is not a valid choice.")
}

/// `sentence`, then the choices the value could have been, as the Standard Error Response
/// guide lists them ("Must be one of: GBP, EUR, USD"); `sentence` alone without choices.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn with_choices(sentence: String, choices: &[String]) -> String {
    if choices.is_empty() {
        return sentence;
    }
    format!("{sentence} Must be one of: {}", choices.join(", "))
}

/// "Ensure this value is {conditions}.", conditions such as `greater than or equal to 0`.
pub(crate) fn value_is(conditions: &str) -> String {
    format!("Ensure this value is {conditions}.")
}

/// `n` of `unit`, pluralised: "1 character", "3 elements".
pub(crate) fn count(n: u64, unit: &str) -> String {
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// "Ensure this field has at least {count}." (DRF's `min_length`).
pub(crate) fn field_has_at_least(count: &str) -> String {
    format!("Ensure this field has at least {count}.")
}

/// "Ensure this field has no more than {count}." (DRF's `max_length`).
#[cfg(feature = "validator")]
pub(crate) fn field_has_no_more_than(count: &str) -> String {
    format!("Ensure this field has no more than {count}.")
}

/// Not an email address (DRF's `EmailField`).
#[cfg(feature = "validator")]
pub(crate) const NOT_AN_EMAIL: &str = "Enter a valid email address.";

/// Not a URL (DRF's `URLField`).
#[cfg(feature = "validator")]
pub(crate) const NOT_A_URL: &str = "Enter a valid URL.";

/// Not an IP address (DRF's `IPAddressField`).
#[cfg(feature = "validator")]
pub(crate) const NOT_AN_IP: &str = "Enter a valid IPv4 or IPv6 address.";

/// Not a card number.
#[cfg(feature = "validator")]
pub(crate) const NOT_A_CARD: &str = "Enter a valid credit card number.";

/// Different from the field it must match; validator keeps the other field's value, not its
/// name, so the sentence cannot name it.
#[cfg(feature = "validator")]
pub(crate) const MUST_MATCH: &str = "This field must match the other field.";

/// A control character where none may be.
#[cfg(feature = "validator")]
pub(crate) const CONTROL_CHARACTERS: &str = "This field may not contain control characters.";

/// Missing a required substring, the rule's own (not the client's value).
#[cfg(feature = "validator")]
pub(crate) fn must_contain(needle: &str) -> String {
    format!("This field must contain “{needle}”.")
}

/// Holding a forbidden substring, the rule's own (not the client's value).
#[cfg(feature = "validator")]
pub(crate) fn must_not_contain(needle: &str) -> String {
    format!("This field must not contain “{needle}”.")
}

/// "Ensure this field has exactly {count}.": a length that must be exact.
#[cfg(feature = "validator")]
pub(crate) fn field_has_exactly(count: &str) -> String {
    format!("Ensure this field has {count}.")
}

/// "Ensure this field has between {min} and {count}.": a length between two bounds.
#[cfg(feature = "validator")]
pub(crate) fn field_has_between(min: u64, count: &str) -> String {
    format!("Ensure this field has between {min} and {count}.")
}
