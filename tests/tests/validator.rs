//! `ToDetails for validator::ValidationErrors`: the tree a Django REST Framework serializer
//! writes for the same failures (`shared/fixtures/drf/`), compared as exact JSON.

use std::borrow::Cow;

use error_contract::{ApiError, Details, ToDetails};
use serde_json::json;
use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

/// The compact JSON of the details of `value`'s validation errors.
fn details_json(value: &impl Validate) -> String {
    let errors = value.validate().expect_err("the value is invalid");
    serde_json::to_string(&errors.to_details()).unwrap()
}

fn invalid_currency(currency: &str) -> Result<(), ValidationError> {
    if ["GBP", "EUR", "USD"].contains(&currency) {
        Ok(())
    } else {
        Err(ValidationError::new("invalid_currency"))
    }
}

#[test]
fn flat_fields_sorted_by_name_with_drf_messages() {
    #[derive(Validate)]
    struct Payment {
        #[validate(email)]
        email: String,
        #[validate(custom(
            function = "invalid_currency",
            message = "Invalid currency code. Must be one of: GBP, EUR, USD"
        ))]
        currency: String,
        #[validate(length(max = 10))]
        reference: String,
        #[validate(length(min = 3))]
        nickname: String,
        #[validate(length(equal = 3))]
        country: String,
        #[validate(url)]
        website: String,
        #[validate(range(min = 0))]
        amount: i64,
        #[validate(range(max = 100))]
        discount: u32,
        #[validate(required)]
        customer_id: Option<String>,
    }

    let payment = Payment {
        email: "not-an-email".into(),
        currency: "XXX".into(),
        reference: "INV-2024-000123".into(),
        nickname: "ab".into(),
        country: "GBRX".into(),
        website: "not a url".into(),
        amount: -5,
        discount: 150,
        customer_id: None,
    };
    assert_eq!(
        details_json(&payment),
        concat!(
            r#"{"amount":["Ensure this value is greater than or equal to 0."],"#,
            r#""country":["Ensure this field has 3 characters."],"#,
            r#""currency":["Invalid currency code. Must be one of: GBP, EUR, USD"],"#,
            r#""customer_id":["This field is required."],"#,
            r#""discount":["Ensure this value is less than or equal to 100."],"#,
            r#""email":["Enter a valid email address."],"#,
            r#""nickname":["Ensure this field has at least 3 characters."],"#,
            r#""reference":["Ensure this field has no more than 10 characters."],"#,
            r#""website":["Enter a valid URL."]}"#,
        ),
    );
}

#[test]
fn a_valid_field_is_absent_and_several_rules_keep_their_order() {
    #[derive(Validate)]
    struct Signup {
        #[validate(email)]
        email: String,
        #[validate(
            length(min = 8, message = "Use at least 8 characters."),
            contains(pattern = "!", message = "Use a punctuation mark.")
        )]
        password: String,
    }

    let signup = Signup {
        email: "ada@example.com".into(),
        password: "short".into(),
    };
    assert_eq!(
        details_json(&signup),
        r#"{"password":["Use at least 8 characters.","Use a punctuation mark."]}"#,
    );
}

#[test]
fn nested_struct_is_a_nested_tree() {
    #[derive(Validate)]
    struct Address {
        #[validate(length(max = 10))]
        line1: String,
        #[validate(length(min = 1, message = "This field may not be blank."))]
        postcode: String,
    }

    #[derive(Validate)]
    struct Customer {
        #[validate(nested)]
        address: Address,
    }

    let customer = Customer {
        address: Address {
            line1: "1 Very Long Street Name".into(),
            postcode: String::new(),
        },
    };
    // DRF 3.18, fixture 3 ("nested serializer"), byte for byte.
    assert_eq!(
        details_json(&customer),
        r#"{"address":{"line1":["Ensure this field has no more than 10 characters."],"postcode":["This field may not be blank."]}}"#,
    );
}

#[derive(Validate)]
struct Item {
    #[validate(required)]
    sku: Option<String>,
    #[validate(range(min = 0))]
    amount: i64,
}

impl Item {
    fn valid() -> Self {
        Item {
            sku: Some("SKU-1".into()),
            amount: 10,
        }
    }
}

#[derive(Validate)]
struct Order {
    #[validate(nested)]
    items: Vec<Item>,
}

#[test]
fn list_items_are_keyed_by_index_and_only_failing_items_appear() {
    let mut items: Vec<Item> = (0..5).map(|_| Item::valid()).collect();
    items[1].amount = -1;
    items[3].sku = None;
    items[3].amount = -7;
    // DRF 3.18, fixture 4, except that fields come by name (amount before sku): validator
    // does not keep their declaration order.
    assert_eq!(
        details_json(&Order { items }),
        concat!(
            r#"{"items":{"1":{"amount":["Ensure this value is greater than or equal to 0."]},"#,
            r#""3":{"amount":["Ensure this value is greater than or equal to 0."],"sku":["This field is required."]}}}"#,
        ),
    );
}

#[test]
fn list_indices_come_in_numeric_order() {
    let mut items: Vec<Item> = (0..11).map(|_| Item::valid()).collect();
    items[2].amount = -1;
    items[10].sku = None;
    let details = Order { items }.validate().unwrap_err().to_details();
    let items = details.nested("items").expect("items is a nested tree");
    let keys: Vec<&str> = items.iter().map(|(key, _)| key).collect();
    assert_eq!(keys, ["2", "10"]);
    assert_eq!(
        serde_json::to_string(&details).unwrap(),
        r#"{"items":{"2":{"amount":["Ensure this value is greater than or equal to 0."]},"10":{"sku":["This field is required."]}}}"#,
    );
    assert_eq!(
        details.at("items.10.sku"),
        Some(&["This field is required.".to_owned()][..])
    );
}

fn end_after_start(period: &Period) -> Result<(), ValidationError> {
    if period.end > period.start {
        Ok(())
    } else {
        Err(ValidationError::new("period").with_message(Cow::Borrowed("end must be after start")))
    }
}

#[derive(Validate)]
#[validate(schema(function = "end_after_start"))]
struct Period {
    start: u32,
    end: u32,
}

#[test]
fn schema_level_errors_are_non_field_errors() {
    // DRF 3.18, fixture 2 ("validate() raising a plain string"), byte for byte.
    assert_eq!(
        details_json(&Period { start: 5, end: 1 }),
        r#"{"non_field_errors":["end must be after start"]}"#,
    );
}

#[test]
fn schema_level_errors_of_a_nested_struct_stay_nested_and_come_first() {
    fn served(address: &Address) -> Result<(), ValidationError> {
        if address.postcode.starts_with("ZZ") {
            Err(ValidationError::new("area").with_message("Postcode area is not served.".into()))
        } else {
            Ok(())
        }
    }

    #[derive(Validate)]
    #[validate(schema(function = "served", skip_on_field_errors = false))]
    struct Address {
        #[validate(length(min = 1))]
        line1: String,
        postcode: String,
    }

    #[derive(Validate)]
    struct Customer {
        #[validate(nested)]
        address: Address,
    }

    let only_schema = Customer {
        address: Address {
            line1: "1 Main St".into(),
            postcode: "ZZ1 1AA".into(),
        },
    };
    // DRF 3.18, fixture 3b, byte for byte.
    assert_eq!(
        details_json(&only_schema),
        r#"{"address":{"non_field_errors":["Postcode area is not served."]}}"#,
    );

    let both = Customer {
        address: Address {
            line1: String::new(),
            postcode: "ZZ1 1AA".into(),
        },
    };
    assert_eq!(
        details_json(&both),
        r#"{"address":{"non_field_errors":["Postcode area is not served."],"line1":["Ensure this field has at least 1 character."]}}"#,
    );
}

#[test]
fn custom_messages_are_used_as_written() {
    #[derive(Validate)]
    struct Invoice {
        #[validate(email(message = "We need an email we can send the invoice to."))]
        email: String,
        #[validate(range(min = 1, max = 12, message = "Months run from 1 to 12."))]
        month: u8,
        #[validate(custom(function = "invalid_currency"))]
        currency: String,
    }

    let invoice = Invoice {
        email: "nope".into(),
        month: 13,
        currency: "XXX".into(),
    };
    // Without a message, a custom code gets the generic text, never the code itself.
    let json = details_json(&invoice);
    assert_eq!(
        json,
        concat!(
            r#"{"currency":["Enter a valid value."],"#,
            r#""email":["We need an email we can send the invoice to."],"#,
            r#""month":["Months run from 1 to 12."]}"#,
        ),
    );
    assert!(!json.contains("invalid_currency"));
}

#[test]
fn rejected_values_never_appear_in_messages() {
    #[derive(Validate)]
    struct Account {
        #[validate(email)]
        email: String,
        #[validate(length(min = 3, max = 8))]
        username: String,
        #[validate(range(min = 18, max = 130))]
        age: u32,
        #[validate(url)]
        homepage: String,
        password: String,
        #[validate(must_match(other = "password"))]
        password_confirmation: String,
        #[validate(does_not_contain(pattern = "admin"))]
        display_name: String,
    }

    let account = Account {
        email: "secret@@x".into(),
        username: "secret-username-much-too-long".into(),
        age: 4_242_424,
        homepage: "secret homepage".into(),
        password: "hunter2-secret".into(),
        password_confirmation: "hunter3-secret".into(),
        display_name: "secret admin".into(),
    };
    let json = details_json(&account);
    assert_eq!(
        json,
        concat!(
            r#"{"age":["Ensure this value is less than or equal to 130."],"#,
            r#""display_name":["This field must not contain “admin”."],"#,
            r#""email":["Enter a valid email address."],"#,
            r#""homepage":["Enter a valid URL."],"#,
            r#""password_confirmation":["This field must match the other field."],"#,
            r#""username":["Ensure this field has no more than 8 characters."]}"#,
        ),
    );
    for secret in ["secret", "hunter", "4242424", "@@"] {
        assert!(!json.contains(secret), "{secret} leaked into {json}");
    }
}

/// One hand-built error, as a custom validator or another derive could produce it.
fn error(code: &'static str, params: serde_json::Value) -> ValidationError {
    let mut error = ValidationError::new(code);
    for (name, value) in params.as_object().unwrap() {
        error.add_param(Cow::Owned(name.clone()), value);
    }
    error
}

#[test]
fn default_messages_name_the_broken_bound() {
    let cases = [
        (error("required", json!({})), "This field is required."),
        (
            error("length", json!({"min": 3, "max": 10, "value": "ab"})),
            "Ensure this field has at least 3 characters.",
        ),
        (
            error(
                "length",
                json!({"min": 3, "max": 10, "value": "abcdefghijk"}),
            ),
            "Ensure this field has no more than 10 characters.",
        ),
        (
            error("length", json!({"min": 3, "max": 10})),
            "Ensure this field has between 3 and 10 characters.",
        ),
        (
            error("length", json!({"min": 1, "value": ""})),
            "Ensure this field has at least 1 character.",
        ),
        (
            error("length", json!({"max": 2, "value": ["a", "b", "c"]})),
            "Ensure this field has no more than 2 elements.",
        ),
        (
            error("length", json!({"equal": 3, "min": 1, "value": "ab"})),
            "Ensure this field has 3 characters.",
        ),
        (
            error("range", json!({"min": 0, "max": 100, "value": -1})),
            "Ensure this value is greater than or equal to 0.",
        ),
        (
            error("range", json!({"min": 0, "max": 100, "value": 101})),
            "Ensure this value is less than or equal to 100.",
        ),
        (
            error("range", json!({"exclusive_min": 0, "value": 0})),
            "Ensure this value is greater than 0.",
        ),
        (
            error("range", json!({"exclusive_max": 1.5, "value": 2.5})),
            "Ensure this value is less than 1.5.",
        ),
        (
            error("range", json!({"min": 0, "max": 100})),
            "Ensure this value is greater than or equal to 0 and less than or equal to 100.",
        ),
        (
            error("contains", json!({"needle": "@", "value": "x"})),
            "This field must contain “@”.",
        ),
        (
            error("ip", json!({})),
            "Enter a valid IPv4 or IPv6 address.",
        ),
        (
            error("credit_card", json!({})),
            "Enter a valid credit card number.",
        ),
        (
            error("non_control_character", json!({})),
            "This field may not contain control characters.",
        ),
        (
            error("regex", json!({"value": "x"})),
            "Enter a valid value.",
        ),
        (error("not_a_known_code", json!({})), "Enter a valid value."),
    ];
    let mut errors = ValidationErrors::new();
    let mut expected = Details::new();
    for (index, (error, message)) in cases.into_iter().enumerate() {
        // Zero-padded, so that name order is case order.
        let field = format!("case_{index:02}");
        expected.push(field.clone(), message);
        errors
            .errors_mut()
            .insert(Cow::Owned(field), ValidationErrorsKind::Field(vec![error]));
    }
    assert_eq!(errors.to_details(), expected);
}

#[test]
fn a_derived_error_answers_with_the_validation_tree() {
    #[derive(Debug, ApiError)]
    enum FormError {
        #[api(status = 400, message = "Validation errors in request data")]
        ValidationError(#[api(details)] ValidationErrors),
    }

    #[derive(Validate)]
    struct Payment {
        #[validate(email)]
        email: String,
        #[validate(custom(
            function = "invalid_currency",
            message = "Invalid currency code. Must be one of: GBP, EUR, USD"
        ))]
        currency: String,
    }

    let payment = Payment {
        email: "nope".into(),
        currency: "XXX".into(),
    };
    let error = FormError::ValidationError(payment.validate().unwrap_err());
    assert_eq!(error.status(), 400);
    assert_eq!(
        String::from_utf8(error.to_json()).unwrap(),
        concat!(
            r#"{"error":"Validation errors in request data","error_code":"validation_error","#,
            r#""details":{"currency":["Invalid currency code. Must be one of: GBP, EUR, USD"],"#,
            r#""email":["Enter a valid email address."]}}"#,
        ),
    );
}

#[test]
fn no_errors_is_an_empty_tree() {
    assert!(ValidationErrors::new().to_details().is_empty());
    assert_eq!(
        serde_json::to_string(&ValidationErrors::new().to_details()).unwrap(),
        "{}"
    );
}
