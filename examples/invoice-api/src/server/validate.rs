//! The invoice body's checks, reported all at once and in the body's field order, in the
//! guide's words.

use error_contract::Details;
use serde::Deserialize;
use serde_json::Value;

/// A `POST …/invoices/` body. Every field is optional here so that a missing or mistyped
/// field is reported next to the others instead of rejecting the whole body.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct InvoiceDraft {
    external_id: Option<Value>,
    customer_id: Option<Value>,
    email: Option<Value>,
    currency: Option<Value>,
    amount: Option<Value>,
}

/// A draft that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ValidInvoice {
    pub(super) external_id: String,
    pub(super) customer_id: String,
    pub(super) email: String,
    pub(super) currency: String,
    pub(super) amount: String,
}

const REQUIRED: &str = "This field is required.";
const CURRENCIES: [&str; 3] = ["GBP", "EUR", "USD"];

impl InvoiceDraft {
    /// The valid invoice, or every field's errors.
    pub(super) fn validate(&self) -> Result<ValidInvoice, Details> {
        let mut details = Details::new();
        let external_id = text(&mut details, "external_id", self.external_id.as_ref());
        let customer_id = text(&mut details, "customer_id", self.customer_id.as_ref());
        let email = text(&mut details, "email", self.email.as_ref()).filter(|email| {
            check(
                &mut details,
                "email",
                is_email(email),
                "Enter a valid email address.",
            )
        });
        let currency = text(&mut details, "currency", self.currency.as_ref()).filter(|currency| {
            let known = CURRENCIES.contains(&currency.as_str());
            check(
                &mut details,
                "currency",
                known,
                "Invalid currency code. Must be one of: GBP, EUR, USD",
            )
        });
        let amount = text(&mut details, "amount", self.amount.as_ref()).filter(|amount| {
            check(
                &mut details,
                "amount",
                is_positive_amount(amount),
                "Enter a positive amount with at most 2 decimal places, such as \"120.50\".",
            )
        });
        match (external_id, customer_id, email, currency, amount) {
            (Some(external_id), Some(customer_id), Some(email), Some(currency), Some(amount))
                if details.is_empty() =>
            {
                Ok(ValidInvoice {
                    external_id,
                    customer_id,
                    email,
                    currency,
                    amount,
                })
            }
            _ => Err(details),
        }
    }
}

/// A present, non-blank string; otherwise the error goes under `field`.
fn text(details: &mut Details, field: &str, value: Option<&Value>) -> Option<String> {
    match value {
        None | Some(Value::Null) => details.push(field, REQUIRED),
        Some(Value::String(text)) if text.trim().is_empty() => {
            details.push(field, "This field may not be blank.")
        }
        Some(Value::String(text)) => return Some(text.clone()),
        Some(_) => details.push(field, "Not a valid string."),
    };
    None
}

/// `ok`, or `message` under `field`.
fn check(details: &mut Details, field: &str, ok: bool, message: &str) -> bool {
    if !ok {
        details.push(field, message);
    }
    ok
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
    use super::*;

    fn draft(json: &str) -> InvoiceDraft {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_guides_validation_example() {
        let details = draft(
            r#"{"external_id":"ext-1","customer_id":"cus_1","email":"not-an-email","currency":"JPY","amount":"10.00"}"#,
        )
        .validate()
        .unwrap_err();
        assert_eq!(
            serde_json::to_string(&details).unwrap(),
            r#"{"email":["Enter a valid email address."],"currency":["Invalid currency code. Must be one of: GBP, EUR, USD"]}"#
        );
    }

    #[test]
    fn missing_blank_and_mistyped_fields_are_reported_together() {
        let details = draft(r#"{"external_id":"  ","customer_id":7,"currency":null}"#)
            .validate()
            .unwrap_err();
        assert_eq!(
            serde_json::to_string(&details).unwrap(),
            r#"{"external_id":["This field may not be blank."],"customer_id":["Not a valid string."],"email":["This field is required."],"currency":["This field is required."],"amount":["This field is required."]}"#
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
    fn a_valid_draft() {
        let valid = draft(
            r#"{"external_id":"ext-1","customer_id":"cus_1","email":"ap@acme.example","currency":"GBP","amount":"120.50"}"#,
        )
        .validate()
        .unwrap();
        assert_eq!(valid.amount, "120.50");
    }
}
