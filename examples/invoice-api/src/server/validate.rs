//! The invoice body: its fields in the guide's order, and their rules in the guide's words,
//! checked by `validator` through `error_contract::axum::Valid`, which answers every field's
//! errors at once (a missing or mistyped field beside a broken rule) in this order.

use std::borrow::Cow;

use serde::Deserialize;
use validator::{Validate, ValidationError};

/// A `POST …/invoices/` body.
#[derive(Debug, Deserialize, Validate)]
pub(super) struct NewInvoice {
    #[validate(custom(function = "not_blank"))]
    pub(super) external_id: String,
    #[validate(custom(function = "not_blank"))]
    pub(super) customer_id: String,
    #[validate(custom(function = "email"))]
    pub(super) email: String,
    #[validate(custom(function = "currency"))]
    pub(super) currency: String,
    #[validate(custom(function = "amount"))]
    pub(super) amount: String,
}

const CURRENCIES: [&str; 3] = ["GBP", "EUR", "USD"];

/// A broken rule, in the guide's words.
fn broken(message: &'static str) -> ValidationError {
    ValidationError::new("invalid").with_message(Cow::Borrowed(message))
}

fn not_blank(text: &str) -> Result<(), ValidationError> {
    if text.trim().is_empty() {
        return Err(broken("This field may not be blank."));
    }
    Ok(())
}

fn email(text: &str) -> Result<(), ValidationError> {
    not_blank(text)?;
    if is_email(text) {
        Ok(())
    } else {
        Err(broken("Enter a valid email address."))
    }
}

fn currency(text: &str) -> Result<(), ValidationError> {
    not_blank(text)?;
    if CURRENCIES.contains(&text) {
        Ok(())
    } else {
        Err(broken(
            "Invalid currency code. Must be one of: GBP, EUR, USD",
        ))
    }
}

fn amount(text: &str) -> Result<(), ValidationError> {
    not_blank(text)?;
    if is_positive_amount(text) {
        Ok(())
    } else {
        Err(broken(
            "Enter a positive amount with at most 2 decimal places, such as \"120.50\".",
        ))
    }
}

/// Something, `@`, a domain with a dot; no spaces. The check DRF's `EmailField` makes, less
/// its full regular expression.
fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !email.contains(char::is_whitespace)
        && !domain.contains('@')
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
}

/// Digits, then optionally `.` and one or two digits; above zero.
fn is_positive_amount(amount: &str) -> bool {
    let (whole, cents) = amount.split_once('.').unwrap_or((amount, ""));
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    let well_formed = !whole.is_empty()
        && digits(whole)
        && digits(cents)
        && (cents.len() <= 2)
        && (!amount.contains('.') || !cents.is_empty());
    well_formed && amount.bytes().any(|byte| (b'1'..=b'9').contains(&byte))
}

#[cfg(test)]
mod tests {
    use error_contract::ApiError;
    use error_contract::axum::{Json, Valid};

    use super::*;

    /// The `details` a body is answered with, through the same `Valid<Json<_>>` the route uses.
    fn details(json: &str) -> String {
        let rejection = Valid::<Json<NewInvoice>>::from_bytes(json.as_bytes()).unwrap_err();
        serde_json::to_string(&rejection.error().details()).unwrap()
    }

    #[test]
    fn the_guides_validation_example() {
        assert_eq!(
            details(
                r#"{"external_id":"ext-1","customer_id":"cus_1","email":"not-an-email","currency":"JPY","amount":"10.00"}"#
            ),
            r#"{"email":["Enter a valid email address."],"currency":["Invalid currency code. Must be one of: GBP, EUR, USD"]}"#
        );
    }

    #[test]
    fn missing_blank_null_and_mistyped_fields_are_reported_together() {
        assert_eq!(
            details(r#"{"external_id":"  ","customer_id":7,"currency":null}"#),
            r#"{"external_id":["This field may not be blank."],"customer_id":["Not a valid string."],"email":["This field is required."],"currency":["This field may not be null."],"amount":["This field is required."]}"#
        );
    }

    #[test]
    fn amounts_are_positive_decimals_with_two_places_at_most() {
        for good in ["1", "120.50", "0.01", "10.5"] {
            assert!(is_positive_amount(good), "{good}");
        }
        for bad in [
            "0", "0.00", "-5", "1.234", "1.", ".5", "1e3", "", "12,50", "abc",
        ] {
            assert!(!is_positive_amount(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        for good in ["ap@acme.example", "a.b+c@mail.acme.co.uk"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "plain",
            "@acme.com",
            "a@b",
            "a@b..com",
            "a b@c.com",
            "a@@b.com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn a_valid_invoice() {
        let Valid(Json(invoice)) = Valid::<Json<NewInvoice>>::from_bytes(
            br#"{"external_id":"ext-1","customer_id":"cus_1","email":"ap@acme.example","currency":"GBP","amount":"120.50"}"#,
        )
        .unwrap();
        assert_eq!(invoice.amount, "120.50");
    }
}
