//! The `WWW-Authenticate` challenge: the default of a 401 (RFC 9110, RFC 6750), the
//! `www_authenticate` key on an enum, a struct and a variant, forwarding through transparent
//! variants and `Box`, and the one header every response path sends.

// The expansion must raise no warning, with the new key as without it.
#![deny(warnings, unused_qualifications, clippy::pedantic)]
#![allow(dead_code)] // variants exist to be derived, not all are constructed

use error_contract::{ApiError, CommonError, Details};
use http::StatusCode;
use http::header::{CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};

const BEARER_INVALID_TOKEN: &str = r#"Bearer error="invalid_token""#;

/// The `WWW-Authenticate` values of `error`'s response from `to_response`, the axum
/// `IntoResponse` path and the actix `ResponseError` path, which must agree.
fn challenges<E: ApiError>(error: &E) -> Vec<String> {
    let from_http = error.to_response();
    let from_axum = error_contract::axum::into_response(error);
    let from_actix = error_contract::actix::error_response(error);
    let http: Vec<String> = from_http
        .headers()
        .get_all(WWW_AUTHENTICATE)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    let axum: Vec<String> = from_axum
        .headers()
        .get_all(WWW_AUTHENTICATE)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    let actix: Vec<String> = from_actix
        .headers()
        .get_all("www-authenticate")
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(http, axum, "to_response and axum disagree");
    assert_eq!(http, actix, "to_response and actix disagree");
    assert_eq!(
        http.first().map(String::as_str),
        error.www_authenticate(),
        "the response sends what www_authenticate() says"
    );
    http
}

#[test]
fn without_the_key_a_401_keeps_the_default_challenge() {
    #[derive(Debug, ApiError)]
    enum AuthError {
        #[api(
            status = 401,
            message = "Authentication credentials were not provided."
        )]
        AuthenticationRequired,
        #[api(status = UNAUTHORIZED, message = "Invalid token.")]
        InvalidToken,
        #[api(status = 403, code = "invalid_token_scope", message = "No.")]
        Forbidden,
    }
    assert_eq!(
        AuthError::AuthenticationRequired.www_authenticate(),
        Some("Bearer")
    );
    assert_eq!(challenges(&AuthError::AuthenticationRequired), ["Bearer"]);
    assert_eq!(
        AuthError::InvalidToken.www_authenticate(),
        Some(BEARER_INVALID_TOKEN)
    );
    assert_eq!(challenges(&AuthError::InvalidToken), [BEARER_INVALID_TOKEN]);
    assert_eq!(AuthError::Forbidden.www_authenticate(), None);
    assert!(challenges(&AuthError::Forbidden).is_empty());

    // The runtime's own errors: the same defaults.
    assert_eq!(challenges(&CommonError::AuthenticationRequired), ["Bearer"]);
    assert_eq!(
        challenges(&CommonError::InvalidToken),
        [BEARER_INVALID_TOKEN]
    );
    assert!(challenges(&CommonError::PermissionDenied).is_empty());
}

#[test]
fn the_key_on_the_enum_is_the_challenge_of_its_401_variants() {
    #[derive(Debug, ApiError)]
    #[api(www_authenticate = r#"Bearer realm="partner""#)]
    enum PartnerAuth {
        #[api(
            status = 401,
            message = "Authentication credentials were not provided."
        )]
        AuthenticationRequired,
        // The enum's value replaces the default, `invalid_token` included.
        #[api(status = 401, message = "Invalid token.")]
        InvalidToken,
        #[api(status = 403, message = "Forbidden.")]
        Forbidden,
        #[api(status = 503, retry_after = 30)]
        Maintenance,
    }
    let partner = r#"Bearer realm="partner""#;
    assert_eq!(
        PartnerAuth::AuthenticationRequired.www_authenticate(),
        Some(partner)
    );
    assert_eq!(challenges(&PartnerAuth::AuthenticationRequired), [partner]);
    assert_eq!(challenges(&PartnerAuth::InvalidToken), [partner]);
    // Not a 401: no challenge, whatever the enum says.
    assert_eq!(PartnerAuth::Forbidden.www_authenticate(), None);
    assert!(challenges(&PartnerAuth::Forbidden).is_empty());
    assert!(challenges(&PartnerAuth::Maintenance).is_empty());
}

#[test]
fn the_key_on_an_enum_with_a_default_status_of_401() {
    #[derive(Debug, ApiError)]
    #[api(status = 401, www_authenticate = r#"Basic realm="admin""#)]
    enum AdminAuth {
        #[api(message = "Authentication credentials were not provided.")]
        Missing,
        #[api(status = 403, message = "Forbidden.")]
        Forbidden,
    }
    assert_eq!(challenges(&AdminAuth::Missing), [r#"Basic realm="admin""#]);
    assert!(challenges(&AdminAuth::Forbidden).is_empty());
}

#[test]
fn the_key_on_a_variant_wins_over_the_enum() {
    #[derive(Debug, ApiError)]
    #[api(www_authenticate = r#"Bearer realm="partner""#)]
    enum PartnerAuth {
        #[api(
            status = 401,
            message = "Authentication credentials were not provided."
        )]
        AuthenticationRequired,
        #[api(
            status = 401,
            message = "Invalid token.",
            www_authenticate = r#"Bearer realm="partner", error="invalid_token""#
        )]
        InvalidToken,
        #[api(
            status = 401,
            code = "admin_login_required",
            message = "Log in.",
            www_authenticate = "Basic realm=\"admin\", charset=\"UTF-8\""
        )]
        AdminLoginRequired,
    }
    assert_eq!(
        challenges(&PartnerAuth::AuthenticationRequired),
        [r#"Bearer realm="partner""#]
    );
    assert_eq!(
        challenges(&PartnerAuth::InvalidToken),
        [r#"Bearer realm="partner", error="invalid_token""#]
    );
    assert_eq!(
        challenges(&PartnerAuth::AdminLoginRequired),
        [r#"Basic realm="admin", charset="UTF-8""#]
    );
}

#[test]
fn the_key_on_a_variant_without_one_on_the_enum() {
    #[derive(Debug, ApiError)]
    enum Mixed {
        #[api(status = 401, message = "Log in.", www_authenticate = "Basic")]
        Basic,
        // No key: the default, even next to a variant that has one.
        #[api(status = 401, code = "invalid_token", message = "Invalid token.")]
        InvalidToken,
        #[api(status = 404, message = "Not found.")]
        NotFound,
    }
    assert_eq!(challenges(&Mixed::Basic), ["Basic"]);
    assert_eq!(challenges(&Mixed::InvalidToken), [BEARER_INVALID_TOKEN]);
    assert!(challenges(&Mixed::NotFound).is_empty());
}

#[test]
fn a_struct_takes_the_key() {
    #[derive(Debug, ApiError)]
    #[api(
        status = 401,
        code = "session_expired",
        message = "Your session expired.",
        www_authenticate = r#"Bearer realm="web", error="invalid_token", error_description="expired""#
    )]
    struct SessionExpired;

    assert_eq!(
        challenges(&SessionExpired),
        [r#"Bearer realm="web", error="invalid_token", error_description="expired""#]
    );
}

#[test]
fn a_transparent_variant_forwards_the_inner_challenge() {
    #[derive(Debug, ApiError)]
    #[api(www_authenticate = r#"Bearer realm="billing""#)]
    enum BillingAuth {
        #[api(status = 401, message = "Billing needs a token.")]
        TokenRequired,
        #[api(status = 402, message = "Payment required.")]
        PaymentRequired,
    }

    #[derive(Debug, ApiError)]
    #[api(www_authenticate = r#"Bearer realm="outer""#)]
    enum Outer {
        #[api(status = 401, message = "Log in.")]
        LoginRequired,
        // The outer enum's key does not reach inside: the inner error decides.
        #[api(transparent)]
        Billing(BillingAuth),
        #[api(transparent)]
        Common(CommonError),
    }

    /// A transparent newtype struct around the outer enum.
    #[derive(Debug, ApiError)]
    #[api(transparent)]
    struct Gateway(Outer);

    assert_eq!(
        challenges(&Outer::LoginRequired),
        [r#"Bearer realm="outer""#]
    );
    assert_eq!(
        challenges(&Outer::Billing(BillingAuth::TokenRequired)),
        [r#"Bearer realm="billing""#]
    );
    assert!(challenges(&Outer::Billing(BillingAuth::PaymentRequired)).is_empty());
    assert_eq!(
        challenges(&Outer::Common(CommonError::InvalidToken)),
        [BEARER_INVALID_TOKEN]
    );
    assert_eq!(
        challenges(&Outer::Common(CommonError::AuthenticationRequired)),
        ["Bearer"]
    );
    assert!(challenges(&Outer::Common(CommonError::NotFound)).is_empty());

    // Two levels, a transparent newtype struct and a Box.
    let gateway = Gateway(Outer::Billing(BillingAuth::TokenRequired));
    assert_eq!(challenges(&gateway), [r#"Bearer realm="billing""#]);
    let boxed: Box<Gateway> = Box::new(gateway);
    assert_eq!(boxed.www_authenticate(), Some(r#"Bearer realm="billing""#));
    assert_eq!(challenges(&boxed), [r#"Bearer realm="billing""#]);
}

#[test]
fn a_generic_transparent_variant_forwards_too() {
    #[derive(Debug, ApiError)]
    enum Wrapper<E> {
        #[api(transparent)]
        Inner(E),
        #[api(status = 401, message = "Log in.", www_authenticate = "Basic")]
        Own,
    }

    #[derive(Debug, ApiError)]
    #[api(
        status = 401,
        message = "Custom.",
        www_authenticate = "Custom realm=\"x\""
    )]
    struct Custom;

    assert_eq!(
        challenges(&Wrapper::<Custom>::Inner(Custom)),
        [r#"Custom realm="x""#]
    );
    assert_eq!(
        challenges(&Wrapper::Inner(CommonError::InvalidToken)),
        [BEARER_INVALID_TOKEN]
    );
    assert_eq!(challenges(&Wrapper::<Custom>::Own), ["Basic"]);
}

#[test]
fn a_non_401_sends_no_challenge() {
    #[derive(Debug, ApiError)]
    enum Plain {
        #[api(status = 400, message = "Invalid.")]
        Invalid(#[api(details)] Details),
        #[api(status = 403, code = "invalid_token", message = "Forbidden.")]
        NotATokenProblem,
        #[api(status = 407, message = "Proxy authentication required.")]
        Proxy,
        #[api(status = 500)]
        Internal,
    }
    for error in [
        Plain::Invalid(Details::new().with("email", "Enter a valid email address.")),
        Plain::NotATokenProblem,
        Plain::Proxy,
        Plain::Internal,
    ] {
        assert_eq!(error.www_authenticate(), None, "{error:?}");
        assert!(challenges(&error).is_empty(), "{error:?}");
    }
}

#[test]
fn to_response_sends_the_challenge_with_the_other_headers() {
    #[derive(Debug, ApiError)]
    #[api(www_authenticate = r#"Bearer realm="partner""#)]
    enum PartnerAuth {
        #[api(
            status = 401,
            message = "Too many attempts; log in again later.",
            retry_after = 60
        )]
        LockedOut,
        #[api(status = 401, message = "Invalid token.")]
        InvalidToken,
    }

    let response = PartnerAuth::LockedOut.to_response();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/json");
    assert_eq!(
        response.headers()[WWW_AUTHENTICATE],
        r#"Bearer realm="partner""#
    );
    assert_eq!(response.headers()[RETRY_AFTER], "60");
    assert_eq!(response.headers().len(), 3, "{:?}", response.headers());
    assert_eq!(
        response.body().as_slice(),
        br#"{"error":"Too many attempts; log in again later.","error_code":"locked_out","details":{}}"#
    );

    let response = PartnerAuth::InvalidToken.to_response();
    assert_eq!(
        response.headers()[WWW_AUTHENTICATE],
        r#"Bearer realm="partner""#
    );
    assert_eq!(
        response.headers().get_all(WWW_AUTHENTICATE).iter().count(),
        1,
        "one challenge, never the default as well"
    );
    assert!(response.headers().get(RETRY_AFTER).is_none());

    // The axum response a handler returns, through the derived `IntoResponse`.
    let response = axum::response::IntoResponse::into_response(PartnerAuth::InvalidToken);
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.headers()[WWW_AUTHENTICATE],
        r#"Bearer realm="partner""#
    );
}

#[test]
fn a_hand_written_impl_gets_the_default_and_can_override_it() {
    #[derive(Debug)]
    struct Handwritten {
        status: StatusCode,
        code: &'static str,
        challenge: Option<&'static str>,
    }

    impl error_contract::Retryable for Handwritten {
        fn retry_class(&self) -> error_contract::RetryClass {
            error_contract::Retryable::retry_class(&self.status)
        }
    }

    impl ApiError for Handwritten {
        type Code = error_contract::CommonErrorCode;

        fn code(&self) -> Self::Code {
            error_contract::CommonErrorCode::InvalidToken
        }

        fn status(&self) -> StatusCode {
            self.status
        }

        fn error_code(&self) -> &'static str {
            self.code
        }

        fn message(&self) -> std::borrow::Cow<'_, str> {
            "Hand-written.".into()
        }

        fn www_authenticate(&self) -> Option<&'static str> {
            self.challenge
        }
    }

    #[derive(Debug)]
    struct Defaults(StatusCode, &'static str);

    impl error_contract::Retryable for Defaults {
        fn retry_class(&self) -> error_contract::RetryClass {
            error_contract::Retryable::retry_class(&self.0)
        }
    }

    impl ApiError for Defaults {
        type Code = error_contract::CommonErrorCode;

        fn code(&self) -> Self::Code {
            error_contract::CommonErrorCode::InvalidToken
        }

        fn status(&self) -> StatusCode {
            self.0
        }

        fn error_code(&self) -> &'static str {
            self.1
        }

        fn message(&self) -> std::borrow::Cow<'_, str> {
            "Defaults.".into()
        }
    }

    // The provided method: exactly the behaviour before the key existed.
    assert_eq!(
        challenges(&Defaults(
            StatusCode::UNAUTHORIZED,
            "authentication_required"
        )),
        ["Bearer"]
    );
    assert_eq!(
        challenges(&Defaults(StatusCode::UNAUTHORIZED, "invalid_token")),
        [BEARER_INVALID_TOKEN]
    );
    assert!(challenges(&Defaults(StatusCode::FORBIDDEN, "invalid_token")).is_empty());

    // An override is sent as it is, on any status (RFC 9110 allows a challenge elsewhere).
    let custom = Handwritten {
        status: StatusCode::UNAUTHORIZED,
        code: "login",
        challenge: Some("Negotiate"),
    };
    assert_eq!(challenges(&custom), ["Negotiate"]);
    let elsewhere = Handwritten {
        status: StatusCode::FORBIDDEN,
        code: "insufficient_scope",
        challenge: Some(r#"Bearer error="insufficient_scope""#),
    };
    assert_eq!(
        elsewhere.to_response().headers()[WWW_AUTHENTICATE],
        r#"Bearer error="insufficient_scope""#
    );

    // A value no header can carry is dropped, never a panic while answering.
    let invalid = Handwritten {
        status: StatusCode::UNAUTHORIZED,
        code: "login",
        challenge: Some("Bearer realm=\"caf\u{e9}\"\r\nX-Injected: 1"),
    };
    let response = invalid.to_response();
    assert!(response.headers().get(WWW_AUTHENTICATE).is_none());
    assert!(response.headers().get("x-injected").is_none());
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[test]
fn the_key_works_without_the_prelude() {
    mod no_prelude {
        #![no_implicit_prelude]

        #[derive(::std::fmt::Debug, ::error_contract::ApiError)]
        #[api(www_authenticate = "Bearer realm=\"np\"")]
        pub enum E {
            #[api(status = 401, message = "Log in.")]
            Login,
            #[api(status = 401, message = "Basic.", www_authenticate = "Basic")]
            Basic,
            #[api(status = 404, message = "Not found.")]
            Missing,
            #[api(transparent)]
            Common(::error_contract::CommonError),
        }
    }
    use no_prelude::E;
    assert_eq!(E::Login.www_authenticate(), Some(r#"Bearer realm="np""#));
    assert_eq!(E::Basic.www_authenticate(), Some("Basic"));
    assert_eq!(E::Missing.www_authenticate(), None);
    assert_eq!(
        E::Common(CommonError::AuthenticationRequired).www_authenticate(),
        Some("Bearer")
    );
}

#[test]
fn the_catalogue_and_the_openapi_document_name_the_challenge() {
    use error_contract::{Catalog, ErrorCatalog};

    #[derive(Debug, ApiError)]
    #[api(www_authenticate = r#"Bearer realm="partner""#)]
    enum Auth {
        #[api(status = 401, message = "Log in.")]
        LoginRequired,
        #[api(status = 401, message = "Token expired.")]
        ExpiredToken,
        #[api(transparent)]
        Common(CommonError),
    }

    let specs = Auth::error_specs();
    let challenge = |code: &str| {
        specs
            .iter()
            .find(|spec| spec.code == code)
            .map(|spec| spec.www_authenticate.as_deref())
    };
    assert_eq!(
        challenge("login_required"),
        Some(Some(r#"Bearer realm="partner""#))
    );
    // CommonError's 401s keep the default, which the spec leaves unset.
    assert_eq!(challenge("authentication_required"), Some(None));

    let markdown = Catalog::of::<Auth>().markdown();
    assert!(
        markdown.contains("- Challenge: `WWW-Authenticate: Bearer realm=\"partner\"`"),
        "{markdown}"
    );
    // The catalogue's JSON carries it only where it is set.
    let json: serde_json::Value = serde_json::from_str(&Catalog::of::<Auth>().to_json()).unwrap();
    let entries = json
        .as_array()
        .or_else(|| json["codes"].as_array())
        .unwrap();
    let set: Vec<&str> = entries
        .iter()
        .filter(|entry| entry.get("www_authenticate").is_some())
        .map(|entry| entry["code"].as_str().unwrap())
        .collect();
    assert_eq!(set, ["login_required", "expired_token"]);

    let responses = error_contract::openapi::responses_of::<Auth>();
    let doc = serde_json::to_value(&responses["401"]).unwrap();
    let description = doc["headers"]["WWW-Authenticate"]["description"]
        .as_str()
        .unwrap();
    assert_eq!(
        description,
        concat!(
            r#"`Bearer` challenge (RFC 9110); `Bearer error="invalid_token"` for `invalid_token` (RFC 6750); "#,
            r#"`Bearer realm="partner"` for `login_required`; `Bearer realm="partner"` for `expired_token`."#,
        )
    );
}
