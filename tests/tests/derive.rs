//! Behaviour of `#[derive(ApiError)]`: every key and every generated item of DESIGN.md.

#![allow(dead_code)] // variants exist to be derived, not all are constructed

use std::time::Duration;

use error_contract::{ApiError, Catalog, Details, ErrorCode, RetryClass, Retryable};
use http::StatusCode;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum BillingError {
    /// The card was declined by the issuer.
    #[error("card declined")]
    #[api(
        status = 402,
        message = "Payment required.",
        solution = "Use another card"
    )]
    CardDeclined,

    /// The payment provider is down.
    #[error("provider down: {0}")]
    #[api(status = 502)]
    ProviderDown(String),
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum PlatformError {
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
    #[api(status = UNAUTHORIZED, message = "Invalid token.")]
    InvalidToken,

    #[error("business {business_id} is not yours")]
    #[api(status = 403, code = "permission_denied")]
    Forbidden { business_id: String },

    #[error("validation failed")]
    #[api(status = 400, message = "Validation errors in request data")]
    ValidationError(#[api(details)] Details),

    #[error("invoice {0} not found")]
    #[api(status = 404, message = "Invoice {0} not found")]
    InvoiceNotFound(String),

    #[error("duplicate external id {external_id}")]
    #[api(status = 409, retry = "already_exists")]
    DuplicateExternalId { external_id: String },

    #[error("database: {0}")]
    #[api(status = 500)]
    Database(#[source] std::io::Error),

    #[error("maintenance")]
    #[api(status = 503, retry_after = 30)]
    Maintenance,

    #[error(transparent)]
    #[api(transparent)]
    Billing(BillingError),
}

#[test]
fn status_accepts_numbers_and_constant_names() {
    assert_eq!(
        PlatformError::AuthenticationRequired.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        PlatformError::InvalidToken.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        PlatformError::Maintenance.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
}

#[test]
fn code_defaults_to_snake_case_of_the_variant() {
    assert_eq!(
        PlatformError::AuthenticationRequired.error_code(),
        "authentication_required"
    );
    assert_eq!(
        PlatformError::Forbidden {
            business_id: "biz_globex".into()
        }
        .error_code(),
        "permission_denied"
    );
    assert_eq!(
        PlatformError::InvoiceNotFound("inv_1".into()).error_code(),
        "invoice_not_found"
    );

    #[derive(Debug, ApiError)]
    #[api(status = 502)]
    enum Acronyms {
        HTTPError,
        InvalidJSONBody,
        Error2FA,
    }
    assert_eq!(Acronyms::HTTPError.error_code(), "http_error");
    assert_eq!(Acronyms::InvalidJSONBody.error_code(), "invalid_json_body");
    assert_eq!(Acronyms::Error2FA.error_code(), "error2_fa");
}

#[test]
fn message_rules_4xx_display_5xx_generic_templates_and_static() {
    let forbidden = PlatformError::Forbidden {
        business_id: "biz_globex".into(),
    };
    assert_eq!(forbidden.message(), "business biz_globex is not yours");
    assert_eq!(
        PlatformError::InvoiceNotFound("inv_9".into()).message(),
        "Invoice inv_9 not found"
    );
    assert_eq!(PlatformError::InvalidToken.message(), "Invalid token.");
    let database = PlatformError::Database(std::io::Error::other(
        "connection string postgres://admin:pw@db",
    ));
    assert_eq!(database.message(), "Internal server error");
    assert_eq!(PlatformError::Maintenance.message(), "Service unavailable");
    assert_eq!(
        PlatformError::DuplicateExternalId {
            external_id: "ext-1".into()
        }
        .message(),
        "duplicate external id ext-1"
    );
}

#[test]
fn server_error_default_messages_follow_the_reason_phrase() {
    #[derive(Debug, ApiError)]
    enum Server {
        #[api(status = 500)]
        A,
        #[api(status = 501)]
        B,
        #[api(status = 502)]
        C,
        #[api(status = 503)]
        D,
        #[api(status = 504)]
        E,
        #[api(status = 505)]
        F,
        #[api(status = 599)]
        G,
    }
    let messages: Vec<String> = [
        Server::A,
        Server::B,
        Server::C,
        Server::D,
        Server::E,
        Server::F,
        Server::G,
    ]
    .iter()
    .map(|error| error.message().into_owned())
    .collect();
    assert_eq!(
        messages,
        [
            "Internal server error",
            "Not implemented",
            "Bad gateway",
            "Service unavailable",
            "Gateway timeout",
            "HTTP version not supported",
            "Server error",
        ]
    );
    assert_eq!(Server::G.status().as_u16(), 599);
}

#[test]
fn expose_uses_display_for_a_5xx() {
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Upstream {
        #[error("upstream {0} timed out")]
        #[api(status = 504, expose)]
        Timeout(&'static str),
    }
    assert_eq!(
        Upstream::Timeout("ledger").message(),
        "upstream ledger timed out"
    );
}

#[test]
fn templates_format_named_positional_and_debug_fields_and_unescape_braces() {
    #[derive(Debug, ApiError)]
    enum Formats {
        #[api(status = 400, message = "{name:?} at {name}")]
        Named { name: String },
        #[api(status = 400, message = "{1} then {0} then {1}")]
        Tuple(u32, &'static str),
        #[api(status = 400, message = "literal {{braces}} stay")]
        Braces,
        #[api(status = 400, message = "width [{0:>5}]")]
        Width(u8),
        // Plain placeholders are written from the template's text at run time: escaped
        // braces right beside them.
        #[api(status = 400, message = "{{{0}}} and }}{1}{{")]
        Escaped(u8, &'static str),
        // The character that joins a template's texts in the table: formatted as before.
        #[api(status = 400, message = "unit\u{1f}separator {0}")]
        Separator(u8),
    }
    assert_eq!(Formats::Named { name: "n".into() }.message(), "\"n\" at n");
    assert_eq!(Formats::Tuple(7, "x").message(), "x then 7 then x");
    assert_eq!(Formats::Braces.message(), "literal {braces} stay");
    assert!(matches!(
        Formats::Braces.message(),
        std::borrow::Cow::Borrowed(_)
    ));
    assert_eq!(Formats::Width(42).message(), "width [   42]");
    assert_eq!(Formats::Escaped(7, "x").message(), "{7} and }x{");
    assert_eq!(Formats::Separator(3).message(), "unit\u{1f}separator 3");
}

#[test]
fn details_come_from_the_marked_field() {
    let details = Details::new().with("email", "Enter a valid email address.");
    let error = PlatformError::ValidationError(details.clone());
    assert_eq!(error.details(), details);
    assert_eq!(PlatformError::InvalidToken.details(), Details::new());
    assert_eq!(error.envelope().details, details);
}

#[test]
fn retry_classes_default_from_status_or_the_retry_key() {
    assert_eq!(
        PlatformError::InvalidToken.retry_class(),
        RetryClass::Reauthenticate
    );
    assert_eq!(
        PlatformError::DuplicateExternalId {
            external_id: "e".into()
        }
        .retry_class(),
        RetryClass::AlreadyExists
    );
    assert_eq!(
        PlatformError::Maintenance.retry_class(),
        RetryClass::Throttled
    );
    assert_eq!(
        PlatformError::Database(std::io::Error::other("x")).retry_class(),
        RetryClass::Transient
    );
    assert_eq!(
        PlatformError::InvoiceNotFound("i".into()).retry_class(),
        RetryClass::Permanent
    );
    assert_eq!(
        PlatformError::Maintenance.retry_after(),
        Some(Duration::from_secs(30))
    );
    assert_eq!(PlatformError::InvalidToken.retry_after(), None);
}

#[test]
fn transparent_forwards_everything() {
    let declined = PlatformError::Billing(BillingError::CardDeclined);
    assert_eq!(declined.status(), StatusCode::PAYMENT_REQUIRED);
    assert_eq!(declined.error_code(), "card_declined");
    assert_eq!(declined.message(), "Payment required.");
    assert_eq!(
        declined.code(),
        PlatformErrorCode::Billing(BillingErrorCode::CardDeclined)
    );
    assert_eq!(declined.envelope(), BillingError::CardDeclined.envelope());

    let down = PlatformError::Billing(BillingError::ProviderDown("secret-host:443".into()));
    assert_eq!(down.message(), "Bad gateway");
    assert_eq!(down.retry_class(), RetryClass::Transient);
}

#[test]
fn code_enum_round_trips_through_strings_and_serde() {
    let all = [
        PlatformErrorCode::AuthenticationRequired,
        PlatformErrorCode::InvalidToken,
        PlatformErrorCode::Forbidden,
        PlatformErrorCode::ValidationError,
        PlatformErrorCode::InvoiceNotFound,
        PlatformErrorCode::DuplicateExternalId,
        PlatformErrorCode::Database,
        PlatformErrorCode::Maintenance,
        PlatformErrorCode::Billing(BillingErrorCode::CardDeclined),
        PlatformErrorCode::Billing(BillingErrorCode::ProviderDown),
    ];
    for code in all {
        assert_eq!(PlatformErrorCode::from_code(code.as_str()), Some(code));
        assert_eq!(code.as_str().parse::<PlatformErrorCode>(), Ok(code));
        assert_eq!(code.to_string(), code.as_str());
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{}\"", code.as_str()));
        assert_eq!(
            serde_json::from_str::<PlatformErrorCode>(&json).unwrap(),
            code
        );
    }
    assert_eq!(PlatformErrorCode::Forbidden.as_str(), "permission_denied");
    assert_eq!(PlatformErrorCode::from_code("no_such_code"), None);
    let unknown = "no_such_code".parse::<PlatformErrorCode>().unwrap_err();
    assert_eq!(unknown.code(), "no_such_code");
    assert!(serde_json::from_str::<PlatformErrorCode>("\"no_such_code\"").is_err());
    assert_eq!(
        PlatformErrorCode::Maintenance.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        PlatformErrorCode::DuplicateExternalId.retry_class(),
        RetryClass::AlreadyExists
    );
    assert_eq!(
        PlatformErrorCode::Billing(BillingErrorCode::ProviderDown).status(),
        StatusCode::BAD_GATEWAY
    );
}

#[test]
fn code_enum_debug_is_what_derive_debug_prints() {
    // The code enum's `Debug` is written from the table of codes; it prints what
    // `#[derive(Debug)]` would: the variant's name (a raw identifier without `r#`), and a
    // wrapped code as a tuple, `{:#?}` included.
    #[derive(Debug, ApiError)]
    #[allow(non_camel_case_types)]
    enum Raw {
        #[api(status = 400, message = "Bad type.")]
        r#type,
        #[api(status = 404, message = "Gone.")]
        Gone,
        #[api(transparent)]
        r#Billing(BillingError),
    }

    #[derive(Debug)]
    #[allow(non_camel_case_types, dead_code)]
    enum Derived {
        r#type,
        Gone,
        r#Billing(BillingErrorCode),
    }

    let pairs = [
        (RawCode::r#type, Derived::r#type),
        (RawCode::Gone, Derived::Gone),
        (
            RawCode::r#Billing(BillingErrorCode::ProviderDown),
            Derived::r#Billing(BillingErrorCode::ProviderDown),
        ),
    ];
    for (code, derived) in pairs {
        assert_eq!(format!("{code:?}"), format!("{derived:?}"));
        assert_eq!(format!("{code:#?}"), format!("{derived:#?}"));
    }
    assert_eq!(
        format!("{:?}", PlatformErrorCode::Maintenance),
        "Maintenance"
    );
    assert_eq!(
        format!(
            "{:?}",
            PlatformErrorCode::Billing(BillingErrorCode::CardDeclined)
        ),
        "Billing(CardDeclined)"
    );
}

#[test]
fn from_code_prefers_own_codes_then_transparent_variants_in_order() {
    #[derive(Debug, ApiError)]
    enum First {
        #[api(status = 404, message = "first")]
        Shared,
    }
    #[derive(Debug, ApiError)]
    enum Second {
        #[api(status = 410, message = "second")]
        Shared,
        #[api(status = 400, message = "only")]
        OnlySecond,
    }
    #[derive(Debug, ApiError)]
    enum Outer {
        #[api(transparent)]
        A(First),
        #[api(transparent)]
        B(Second),
        #[api(status = 409, code = "only_second", message = "own")]
        Own,
    }
    assert_eq!(
        OuterCode::from_code("shared"),
        Some(OuterCode::A(FirstCode::Shared))
    );
    assert_eq!(OuterCode::from_code("only_second"), Some(OuterCode::Own));
    let catalog = Catalog::of::<Outer>();
    let error = catalog.check().unwrap_err();
    let found: Vec<_> = error
        .duplicates
        .iter()
        .map(|duplicate| (&*duplicate.code, &*duplicate.first, &*duplicate.second))
        .collect();
    assert_eq!(
        found,
        [
            ("shared", "First", "Second"),
            ("only_second", "Second", "Outer")
        ]
    );
    assert!(
        error
            .to_string()
            .contains("`shared` is declared by `First` and again by `Second`")
    );
}

#[test]
fn code_enum_can_be_renamed_and_a_container_status_is_the_default() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api(status = 422, code_enum = FormCodes)]
    enum FormError {
        #[error("name is missing")]
        MissingName,
        #[error("bad date")]
        #[api(status = 400)]
        BadDate,
    }
    assert_eq!(FormError::MissingName.status().as_u16(), 422);
    assert_eq!(FormError::BadDate.status().as_u16(), 400);
    assert_eq!(FormError::MissingName.code(), FormCodes::MissingName);
}

#[test]
fn structs_derive_with_one_code() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[error("rate limited for {seconds}s")]
    #[api(
        status = 429,
        code = "rate_limited",
        retry_after = 5,
        message = "Slow down for {seconds} s"
    )]
    struct RateLimited {
        seconds: u64,
    }
    let error = RateLimited { seconds: 5 };
    assert_eq!(error.code(), RateLimitedCode::RateLimited);
    assert_eq!(error.message(), "Slow down for 5 s");
    assert_eq!(error.retry_class(), RetryClass::Throttled);
    assert_eq!(
        RateLimitedCode::from_code("rate_limited"),
        Some(RateLimitedCode::RateLimited)
    );

    #[derive(Debug, ApiError)]
    #[api(transparent)]
    struct Wrapper(BillingError);
    let wrapped = Wrapper(BillingError::CardDeclined);
    assert_eq!(wrapped.error_code(), "card_declined");
    assert_eq!(
        wrapped.code(),
        WrapperCode::Wrapper(BillingErrorCode::CardDeclined)
    );
}

#[test]
fn generic_enums_keep_their_generics_and_get_the_bounds_they_need() {
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Outer<E, D>
    where
        D: Clone,
    {
        #[error("inner")]
        #[api(transparent)]
        Inner(E),
        #[error("invalid")]
        #[api(status = 400)]
        Invalid(#[api(details)] D),
        #[error("bad {0}")]
        #[api(status = 400, message = "bad value {0}")]
        Bad(D),
    }
    #[derive(Debug, Clone, PartialEq)]
    struct Form;
    impl error_contract::ToDetails for Form {
        fn to_details(&self) -> Details {
            Details::new().with("form", "broken")
        }
    }
    impl std::fmt::Display for Form {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("form")
        }
    }
    let inner: Outer<BillingError, Form> = Outer::Inner(BillingError::CardDeclined);
    let code: OuterCode<BillingErrorCode> = inner.code();
    assert_eq!(code, OuterCode::Inner(BillingErrorCode::CardDeclined));
    assert_eq!(
        OuterCode::<BillingErrorCode>::from_code("card_declined"),
        Some(code)
    );
    assert_eq!(
        OuterCode::<BillingErrorCode>::from_code("invalid"),
        Some(OuterCode::Invalid)
    );
    let invalid: Outer<BillingError, Form> = Outer::Invalid(Form);
    assert_eq!(invalid.details(), Details::new().with("form", "broken"));
    let bad: Outer<BillingError, Form> = Outer::Bad(Form);
    assert_eq!(bad.message(), "bad value form");
    let specs = Catalog::of::<Outer<BillingError, Form>>();
    let codes: Vec<_> = specs.specs().iter().map(|spec| &*spec.code).collect();
    assert_eq!(codes, ["card_declined", "provider_down", "invalid", "bad"]);
}

#[test]
fn catalog_records_every_key() {
    let catalog = Catalog::of::<PlatformError>();
    let spec = catalog.get("authentication_required").unwrap();
    assert_eq!(spec.status, 401);
    assert_eq!(spec.description, "No authentication credentials provided.");
    assert_eq!(
        spec.solution.as_deref(),
        Some("Include valid Bearer token in Authorization header")
    );
    assert_eq!(
        spec.message.as_deref(),
        Some("Authentication credentials were not provided.")
    );
    assert_eq!(spec.type_name, "PlatformError");
    assert_eq!(spec.retry, RetryClass::Reauthenticate);

    let maintenance = catalog.get("maintenance").unwrap();
    assert_eq!(maintenance.retry_after, Some(30));
    assert_eq!(maintenance.message.as_deref(), Some("Service unavailable"));
    assert_eq!(
        catalog.get("invoice_not_found").unwrap().message.as_deref(),
        Some("Invoice {0} not found")
    );
    assert_eq!(catalog.get("permission_denied").unwrap().message, None);
    let card = catalog.get("card_declined").unwrap();
    assert_eq!(card.type_name, "BillingError");
    assert_eq!(card.description, "The card was declined by the issuer.");
    assert_eq!(catalog.specs().len(), 10);
    assert!(catalog.check().is_ok());
    let json: serde_json::Value = serde_json::from_str(&catalog.to_json()).unwrap();
    assert_eq!(json["codes"][0]["code"], "authentication_required");
    assert_eq!(json["codes"][0]["retry"], "reauthenticate");
}

#[test]
fn crate_key_reaches_the_runtime_through_a_reexport() {
    mod facade {
        pub use error_contract as contract;
    }
    #[derive(Debug, ApiError)]
    #[api(crate = facade::contract)]
    enum Reexported {
        #[api(status = 404, message = "Missing.")]
        Missing,
    }
    #[derive(Debug, ApiError)]
    #[api(crate = "facade::contract")]
    enum AsString {
        #[api(status = 410, message = "Gone.")]
        Gone,
    }
    assert_eq!(Reexported::Missing.error_code(), "missing");
    assert_eq!(AsString::Gone.status().as_u16(), 410);
}

#[test]
fn an_empty_enum_derives() {
    #[derive(Debug, ApiError)]
    enum Never {}
    assert!(Catalog::of::<Never>().specs().is_empty());
    assert_eq!(NeverCode::from_code("anything"), None);
}

/// A hand-written inner error whose `status()` is not its code's: transparent forwards the
/// value's own answers, not its code's.
#[test]
fn transparent_forwards_the_inner_values_status_and_code() {
    #[derive(Debug)]
    struct Upstream;

    impl error_contract::Retryable for Upstream {
        fn retry_class(&self) -> RetryClass {
            RetryClass::Transient
        }
    }

    impl ApiError for Upstream {
        type Code = BillingErrorCode;

        fn code(&self) -> BillingErrorCode {
            BillingErrorCode::ProviderDown // whose status is 502
        }

        fn status(&self) -> StatusCode {
            StatusCode::GATEWAY_TIMEOUT
        }

        fn error_code(&self) -> &'static str {
            "upstream_timeout"
        }

        fn message(&self) -> std::borrow::Cow<'_, str> {
            "Upstream timed out.".into()
        }
    }

    impl error_contract::ErrorCatalog for Upstream {
        fn error_specs() -> Vec<error_contract::ErrorSpec> {
            Vec::new()
        }
    }

    #[derive(Debug, ApiError)]
    enum Outer {
        #[api(transparent)]
        Upstream(Upstream),
    }

    let outer = Outer::Upstream(Upstream);
    assert_eq!(outer.status(), StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(outer.error_code(), "upstream_timeout");
    assert_eq!(outer.to_response().status(), StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(
        outer.code(),
        OuterCode::Upstream(BillingErrorCode::ProviderDown)
    );
}

#[test]
fn a_transparent_field_may_borrow() {
    #[derive(Debug, ApiError)]
    enum Inner<'a> {
        #[api(status = 404, message = "No {0}.")]
        Missing(&'a str),
    }

    #[derive(Debug, ApiError)]
    enum Outer<'a> {
        #[api(transparent)]
        Inner(Inner<'a>),
        #[api(status = 400, message = "Bad {0}.")]
        Bad(&'a str),
    }

    let name = String::from("invoice");
    let outer = Outer::Inner(Inner::Missing(&name));
    assert_eq!(outer.message(), "No invoice.");
    assert_eq!(outer.code(), OuterCode::Inner(InnerCode::Missing));
    assert_eq!(Outer::Bad(&name).error_code(), "bad");
}

/// From another crate, an `exhaustive` contract's codes are matched without a wildcard arm
/// (this compiles only because `FixedErrorCode` is not `#[non_exhaustive]`), while a default
/// one needs the wildcard (`ui-tests/fail/code-enum-needs-wildcard.rs`).
#[test]
fn an_exhaustive_contract_is_matched_without_a_wildcard() {
    use error_contract_tests::FixedErrorCode;

    let name = |code: FixedErrorCode| match code {
        FixedErrorCode::First => "first",
        FixedErrorCode::Second => "second",
    };
    assert_eq!(name(FixedErrorCode::Second), "second");
}

#[test]
fn every_fact_of_every_code_is_read_back_in_place() {
    // Non-ASCII texts of several lengths, empty ones between them, and a 5xx among them:
    // each code's facts are read at their own place in the derive's table.
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Multilingual {
        /// Facture supprimée — réessayez.
        #[error("deleted")]
        #[api(
            status = 410,
            message = "Facture supprimée ✓",
            solution = "請求書を再作成"
        )]
        Deleted,
        #[error("plain")]
        #[api(status = 400)]
        Plain,
        #[error("template")]
        #[api(status = 422, message = "Montant {0} € refusé", retry_after = 7)]
        Montant(u32),
        #[error("internal")]
        #[api(status = 503, retry_after = 70_000)]
        Down,
    }

    assert_eq!(Multilingual::Deleted.message(), "Facture supprimée ✓");
    assert_eq!(Multilingual::Montant(12).message(), "Montant 12 € refusé");
    assert_eq!(Multilingual::Plain.message(), "plain");
    assert_eq!(
        String::from_utf8(Multilingual::Deleted.to_json()).unwrap(),
        r#"{"error":"Facture supprimée ✓","error_code":"deleted","details":{}}"#
    );
    let codes = [
        (MultilingualCode::Deleted, "deleted", 410),
        (MultilingualCode::Plain, "plain", 400),
        (MultilingualCode::Montant, "montant", 422),
        (MultilingualCode::Down, "down", 503),
    ];
    for (code, text, status) in codes {
        assert_eq!(code.as_str(), text);
        assert_eq!(code.status().as_u16(), status);
        assert_eq!(MultilingualCode::from_code(text), Some(code));
    }
    assert_eq!(MultilingualCode::from_code("delete"), None);
    assert_eq!(MultilingualCode::from_code(""), None);
    assert_eq!(
        Multilingual::Montant(1).retry_after(),
        Some(Duration::from_secs(7))
    );
    assert_eq!(
        Multilingual::Down.retry_after(),
        Some(Duration::from_secs(70_000))
    );
    assert_eq!(Multilingual::Plain.retry_after(), None);

    let catalog = Catalog::of::<Multilingual>();
    let deleted = catalog.get("deleted").unwrap();
    assert_eq!(deleted.description, "Facture supprimée — réessayez.");
    assert_eq!(deleted.solution.as_deref(), Some("請求書を再作成"));
    assert_eq!(deleted.message.as_deref(), Some("Facture supprimée ✓"));
    let amount = catalog.get("montant").unwrap();
    assert_eq!(amount.message.as_deref(), Some("Montant {0} € refusé"));
    assert_eq!(
        (amount.description.as_ref(), amount.solution.as_deref()),
        ("", None)
    );
    assert_eq!(catalog.get("down").unwrap().retry_after, Some(70_000));
    assert_eq!(catalog.get("plain").unwrap().message, None);
}
