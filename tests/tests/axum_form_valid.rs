//! `error_contract::axum::Form` and `Valid` on a real axum server: form bodies answered in
//! the envelope in the words of a JSON body, and `validator` rules checked after the type,
//! every failing field at once; no rejected value in the log.

#[path = "support/axum.rs"]
mod support;

use axum::Router;
use axum::routing::{get, post};
use error_contract::axum::{ApiRouterExt, Form, Json, Query, Valid};
use error_contract_tests::capture::Capture;
use serde::Deserialize;
use support::{assert_envelope, get_path, post_body, serve, validation};
use validator::Validate;

#[derive(Debug, Deserialize, Validate)]
struct Signup {
    #[validate(email)]
    email: String,
    #[validate(range(min = 1, max = 50))]
    seats: u32,
    #[validate(length(min = 8))]
    password: String,
    #[validate(nested)]
    #[serde(default)]
    address: Option<Address>,
    /// A secret-looking field of a type a planted value does not fit.
    #[serde(default)]
    #[allow(dead_code, reason = "only deserialised")]
    api_token: Option<u64>,
}

#[derive(Debug, Deserialize, Validate)]
struct Address {
    #[validate(length(min = 1))]
    postcode: String,
}

#[derive(Debug, Deserialize, Validate)]
struct Search {
    #[validate(length(min = 2))]
    q: String,
}

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");
const JSON: Option<&str> = Some("application/json");

fn app() -> Router {
    Router::new()
        .route(
            "/form",
            post(|Form(signup): Form<Signup>| async move { signup.email })
                .get(|Form(search): Form<Search>| async move { search.q }),
        )
        .route(
            "/valid/json",
            post(|Valid(Json(signup)): Valid<Json<Signup>>| async move { signup.email }),
        )
        .route(
            "/valid/form",
            post(|Valid(Form(signup)): Valid<Form<Signup>>| async move { signup.email }),
        )
        .route(
            "/valid/query",
            get(|Valid(Query(search)): Valid<Query<Search>>| async move { search.q }),
        )
        .with_error_contract()
}

#[tokio::test]
async fn a_form_answers_in_the_words_of_a_json_body() {
    let (capture, _guard) = Capture::install();
    let address = serve(app()).await;

    let fine = post_body(
        address,
        "/form",
        FORM,
        "email=ada%40example.com&seats=2&password=hunter2-long",
    )
    .await;
    assert_eq!(
        (fine.status.as_u16(), fine.body.as_str()),
        (200, "ada@example.com")
    );

    let cases = [
        ("seats=two", r#"{"seats":["A valid integer is required."]}"#),
        (
            "email=a%40b.c&password=hunter2-long",
            r#"{"seats":["This field is required."]}"#,
        ),
        (
            "email=a%40b.c&seats=-1&password=x",
            r#"{"seats":["Ensure this value is greater than or equal to 0."]}"#,
        ),
    ];
    for (body, details) in cases {
        let full = if body.starts_with("seats") {
            format!("email=a%40b.c&password=x&{body}")
        } else {
            body.to_owned()
        };
        let answer = post_body(address, "/form", FORM, &full).await;
        assert_envelope(&answer, 400, &validation(details));
    }
    // Values that do not fit, one under a secret-looking name: named to the client, never in
    // the log.
    let secret = post_body(
        address,
        "/form",
        FORM,
        "email=a%40b.c&seats=2&password=x&api_token=tok_live_planted",
    )
    .await;
    assert_envelope(
        &secret,
        400,
        &validation(r#"{"api_token":["A valid integer is required."]}"#),
    );
    let answer = post_body(
        address,
        "/form",
        FORM,
        "email=a%40b.c&seats=sk_live_planted&password=x",
    )
    .await;
    assert_envelope(
        &answer,
        400,
        &validation(r#"{"seats":["A valid integer is required."]}"#),
    );
    // Every field that does not fit, at once.
    let both = post_body(
        address,
        "/form",
        FORM,
        "email=a%40b.c&seats=two&password=x&api_token=tok_live_planted",
    )
    .await;
    assert_envelope(
        &both,
        400,
        &validation(
            r#"{"seats":["A valid integer is required."],"api_token":["A valid integer is required."]}"#,
        ),
    );
    let wrong_type = post_body(address, "/form", JSON, r#"{"email":"a@b.c"}"#).await;
    assert_eq!(wrong_type.status, 415);
    let query = get_path(address, "/form?q=rust").await;
    assert_eq!(query.body, "rust");

    let events = capture.all();
    assert!(
        events
            .iter()
            .all(|event| !event.text().contains("sk_live_planted")
                && !event.text().contains("tok_live_planted")),
        "{events:#?}"
    );
    assert!(
        capture.ours().iter().any(|event| event
            .field("cause")
            .is_some_and(|cause| cause.contains("form body"))),
        "{:#?}",
        capture.ours()
    );
}

#[tokio::test]
async fn valid_reports_every_failing_rule_at_once() {
    let (capture, _guard) = Capture::install();
    let address = serve(app()).await;
    // In the struct's declaration order, as Django REST Framework orders a serializer's.
    let expected = validation(
        r#"{"email":["Enter a valid email address."],"seats":["Ensure this value is less than or equal to 50."],"password":["Ensure this field has at least 8 characters."],"address":{"postcode":["Ensure this field has at least 1 character."]}}"#,
    );

    let json = post_body(
        address,
        "/valid/json",
        JSON,
        r#"{"email":"not-an-email","seats":51,"password":"hunter2","address":{"postcode":""}}"#,
    )
    .await;
    assert_envelope(&json, 400, &expected);

    let form = post_body(
        address,
        "/valid/form",
        FORM,
        "email=not-an-email&seats=0&password=hunter2",
    )
    .await;
    assert_envelope(
        &form,
        400,
        &validation(
            r#"{"email":["Enter a valid email address."],"seats":["Ensure this value is greater than or equal to 1."],"password":["Ensure this field has at least 8 characters."]}"#,
        ),
    );

    // A form too: its type errors and broken rules together, in declaration order.
    let mixed = post_body(
        address,
        "/valid/form",
        FORM,
        "email=not-an-email&seats=two&password=hunter2",
    )
    .await;
    assert_envelope(
        &mixed,
        400,
        &validation(
            r#"{"email":["Enter a valid email address."],"seats":["A valid integer is required."],"password":["Ensure this field has at least 8 characters."]}"#,
        ),
    );

    let query = get_path(address, "/valid/query?q=r").await;
    assert_envelope(
        &query,
        400,
        &validation(r#"{"q":["Ensure this field has at least 2 characters."]}"#),
    );
    assert_eq!(get_path(address, "/valid/query?q=rust").await.body, "rust");

    // A body that does not fit the type, and breaks no rule elsewhere: its type errors.
    let typed = post_body(
        address,
        "/valid/json",
        JSON,
        r#"{"email":"a@b.c","seats":"many","password":"long-enough"}"#,
    )
    .await;
    assert_envelope(
        &typed,
        400,
        &validation(r#"{"seats":["A valid integer is required."]}"#),
    );

    // Type errors and broken rules together, in one answer: a field that did not fit reports
    // its type only (its substitute would break `range(min = 1)` too).
    let both = post_body(
        address,
        "/valid/json",
        JSON,
        r#"{"email":"not-an-email","seats":"many","password":"hunter2"}"#,
    )
    .await;
    assert_envelope(
        &both,
        400,
        &validation(
            r#"{"email":["Enter a valid email address."],"seats":["A valid integer is required."],"password":["Ensure this field has at least 8 characters."]}"#,
        ),
    );

    // The log names the failing fields, never what was sent.
    let ours = capture.ours();
    assert!(
        ours.iter().any(|event| event.field("cause")
            == Some("validation failed at address.postcode, email, password, seats")),
        "{ours:#?}"
    );
    assert!(
        capture.all().iter().all(
            |event| !event.text().contains("hunter2") && !event.text().contains("not-an-email")
        )
    );
}
