//! The same bad requests to a real axum server and a real actix-web server, both on
//! 127.0.0.1: byte-identical envelopes and statuses in Django REST Framework's words, one log
//! event per rejection, and no planted secret in any log line.
//!
//! actix-web answers from worker threads, so the log is captured by a global subscriber; the
//! tests of this file take turns, so each sees only its own events.

#[path = "support/actix.rs"]
mod actix_support;
#[path = "support/axum.rs"]
mod axum_support;

use std::sync::Mutex;

use actix_web::HttpResponse;
use actix_web::web::{self, ServiceConfig};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use error_contract_tests::capture::{Capture, Captured};
use serde::Deserialize;

/// The largest body either server reads.
const LIMIT: usize = 1024;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "only deserialised")]
struct Order {
    name: String,
    quantity: u32,
    price: f64,
    gift: bool,
    tags: Vec<String>,
    customer: Customer,
    currency: Currency,
    items: Vec<Item>,
    password: Option<String>,
    api_token: Option<String>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "only deserialised")]
struct Customer {
    email: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "only deserialised")]
struct Item {
    sku: String,
    amount: f64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[allow(dead_code, reason = "only deserialised")]
enum Currency {
    Gbp,
    Eur,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "only deserialised")]
struct Listing {
    page: u32,
    access_token: Option<u32>,
}

fn axum_app() -> Router {
    use error_contract::axum::{ApiRouterExt, Json, Path, Query};
    Router::new()
        .route(
            "/orders",
            get(|Query(_): Query<Listing>| async { "listed" })
                .post(|Json(_): Json<Order>| async { "created" }),
        )
        .route("/orders/{id}", get(|Path(_): Path<u64>| async { "found" }))
        .layer(DefaultBodyLimit::max(LIMIT))
        .with_error_contract()
}

fn actix_routes(config: &mut ServiceConfig) {
    use error_contract::actix::{Json, Query};
    config
        .configure(error_contract::actix::configure)
        .app_data(web::PayloadConfig::new(LIMIT))
        .route(
            "/orders",
            web::post().to(|_: Json<Order>| async { HttpResponse::Ok().body("created") }),
        )
        .route(
            "/orders",
            web::get().to(|_: Query<Listing>| async { HttpResponse::Ok().body("listed") }),
        )
        .route(
            "/orders/{id}",
            web::get().to(|_: web::Path<u64>| async { HttpResponse::Ok().body("found") }),
        );
}

static TURN: Mutex<()> = Mutex::new(());

/// A valid order's fields, in order, as JSON.
const ORDER: [(&str, &str); 8] = [
    ("name", r#""Tea""#),
    ("quantity", "2"),
    ("price", "4.5"),
    ("gift", "false"),
    ("tags", r#"["green"]"#),
    ("customer", r#"{"email": "ada@example.com"}"#),
    ("currency", r#""GBP""#),
    ("items", r#"[{"sku": "t-1", "amount": 4.5}]"#),
];

/// A valid order with `field` set to `value` (added when new, removed when `None`).
fn order_with(field: &str, value: Option<&str>) -> String {
    let mut fields: Vec<(&str, &str)> = ORDER.to_vec();
    fields.retain(|(name, _)| *name != field);
    if let Some(value) = value {
        let at = ORDER
            .iter()
            .position(|(name, _)| *name == field)
            .unwrap_or(fields.len());
        fields.insert(at.min(fields.len()), (field, value));
    }
    let members: Vec<String> = fields
        .iter()
        .map(|(name, value)| format!("\"{name}\": {value}"))
        .collect();
    format!("{{{}}}", members.join(", "))
}

/// The valid order.
fn valid_order() -> String {
    order_with("", None)
}

fn validation(details: &str) -> String {
    format!(
        r#"{{"error":"Validation errors in request data","error_code":"validation_error","details":{details}}}"#
    )
}

const MALFORMED: &str =
    r#"{"error":"Malformed JSON in request body.","error_code":"malformed_json","details":{}}"#;
const UNSUPPORTED: &str = r#"{"error":"Unsupported media type in request.","error_code":"unsupported_media_type","details":{}}"#;
const TOO_LARGE: &str =
    r#"{"error":"Request body is too large.","error_code":"payload_too_large","details":{}}"#;
const NOT_FOUND: &str = r#"{"error":"Not found.","error_code":"not_found","details":{}}"#;

/// Values planted in the requests that no log line may hold.
const SECRETS: [&str; 4] = [
    "hunter2_planted",
    "sk_live_body_planted",
    "sk_live_query_planted",
    "sk_live_path_planted",
];

/// One bad request and the answer both servers owe it.
struct Case {
    what: &'static str,
    request: Request,
    status: u16,
    body: String,
}

enum Request {
    Post {
        content_type: &'static str,
        body: String,
    },
    Get(String),
}

fn post(body: String) -> Request {
    Request::Post {
        content_type: "application/json",
        body,
    }
}

fn bad_field(what: &'static str, field: &str, value: &str, details: &str) -> Case {
    Case {
        what,
        request: post(order_with(field, Some(value))),
        status: 400,
        body: validation(details),
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            what: "malformed JSON",
            request: post(r#"{"name": "Tea", "password": "hunter2_planted""#.to_owned()),
            status: 400,
            body: MALFORMED.to_owned(),
        },
        Case {
            what: "wrong content type",
            request: Request::Post {
                content_type: "text/plain",
                body: valid_order(),
            },
            status: 415,
            body: UNSUPPORTED.to_owned(),
        },
        Case {
            what: "over-limit body",
            request: post(order_with(
                "name",
                Some(&format!("\"{}\"", "x".repeat(LIMIT))),
            )),
            status: 413,
            body: TOO_LARGE.to_owned(),
        },
        Case {
            what: "missing field",
            request: post(order_with("quantity", None)),
            status: 400,
            body: validation(r#"{"quantity":["This field is required."]}"#),
        },
        bad_field(
            "wrong type for a string",
            "name",
            "5",
            r#"{"name":["Not a valid string."]}"#,
        ),
        bad_field(
            "wrong type for an integer",
            "quantity",
            r#""two""#,
            r#"{"quantity":["A valid integer is required."]}"#,
        ),
        bad_field(
            "wrong type for a number",
            "price",
            r#""cheap""#,
            r#"{"price":["A valid number is required."]}"#,
        ),
        bad_field(
            "wrong type for a boolean",
            "gift",
            r#""yes""#,
            r#"{"gift":["Must be a valid boolean."]}"#,
        ),
        bad_field(
            "wrong type for a list",
            "tags",
            r#""green""#,
            r#"{"tags":["Expected a list of items but got type \"str\"."]}"#,
        ),
        bad_field(
            "wrong type for an object",
            "customer",
            r#""ada""#,
            r#"{"customer":{"non_field_errors":["Invalid data. Expected a dictionary, but got str."]}}"#,
        ),
        bad_field(
            "null",
            "name",
            "null",
            r#"{"name":["This field may not be null."]}"#,
        ),
        bad_field(
            "unknown enum choice",
            "currency",
            r#""XYZ""#,
            r#"{"currency":["\"XYZ\" is not a valid choice. Must be one of: GBP, EUR"]}"#,
        ),
        bad_field(
            "integer out of range",
            "quantity",
            "-1",
            r#"{"quantity":["Ensure this value is greater than or equal to 0."]}"#,
        ),
        bad_field(
            "unknown field",
            "nmae",
            r#""Tea""#,
            r#"{"nmae":["This field is not recognized."]}"#,
        ),
        Case {
            what: "several fields at once",
            request: post(
                order_with("name", Some("5"))
                    .replace(r#""quantity": 2"#, r#""quantity": "two""#)
                    .replace(r#""gift": false"#, r#""gift": "yes""#)
                    .replace(r#""price": 4.5, "#, ""),
            ),
            status: 400,
            body: validation(
                r#"{"name":["Not a valid string."],"quantity":["A valid integer is required."],"gift":["Must be a valid boolean."],"price":["This field is required."]}"#,
            ),
        },
        bad_field(
            "nested field error",
            "customer",
            r#"{"email": 5}"#,
            r#"{"customer":{"email":["Not a valid string."]}}"#,
        ),
        bad_field(
            "nested missing field",
            "customer",
            "{}",
            r#"{"customer":{"email":["This field is required."]}}"#,
        ),
        bad_field(
            "list item error",
            "items",
            r#"[{"sku": "t-1", "amount": 1}, {"sku": "t-2", "amount": "x"}]"#,
            r#"{"items":{"1":{"amount":["A valid number is required."]}}}"#,
        ),
        bad_field(
            "a secret under password, of the wrong type",
            "password",
            r#"["hunter2_planted"]"#,
            r#"{"password":["Not a valid string."]}"#,
        ),
        bad_field(
            "a secret under api_token, of the wrong type",
            "api_token",
            r#"{"value": "sk_live_body_planted"}"#,
            r#"{"api_token":["Not a valid string."]}"#,
        ),
        Case {
            what: "bad query integer",
            request: Request::Get("/orders?page=two".to_owned()),
            status: 400,
            body: validation(r#"{"page":["A valid integer is required."]}"#),
        },
        Case {
            what: "missing query field",
            request: Request::Get("/orders?access_token=1".to_owned()),
            status: 400,
            body: validation(r#"{"page":["This field is required."]}"#),
        },
        Case {
            what: "a secret in a query token, of the wrong type",
            request: Request::Get("/orders?page=1&access_token=sk_live_query_planted".to_owned()),
            status: 400,
            body: validation(r#"{"access_token":["A valid integer is required."]}"#),
        },
        Case {
            what: "bad path segment",
            request: Request::Get("/orders/abc".to_owned()),
            status: 404,
            body: NOT_FOUND.to_owned(),
        },
        Case {
            what: "a secret as a path segment",
            request: Request::Get("/orders/sk_live_path_planted".to_owned()),
            status: 404,
            body: NOT_FOUND.to_owned(),
        },
    ]
}

/// Status, `Content-Type` and body of one request to the server at `base`.
async fn send(client: &reqwest::Client, base: &str, request: &Request) -> (u16, String, String) {
    let builder = match request {
        Request::Post { content_type, body } => client
            .post(format!("{base}/orders"))
            .header("content-type", *content_type)
            .body(body.clone()),
        Request::Get(path) => client.get(format!("{base}{path}")),
    };
    let response = builder.send().await.expect("the server answers");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, response.text().await.unwrap())
}

/// This crate's events since `start` events were captured.
fn events_since(start: usize) -> Vec<Captured> {
    Capture::global().ours().into_iter().skip(start).collect()
}

#[test]
fn axum_and_actix_answer_every_bad_request_alike_and_log_it_once_without_secrets() {
    let _turn = TURN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let capture = Capture::global();
    actix_web::rt::System::new().block_on(async {
        let axum_base = format!("http://{}", axum_support::serve(axum_app()).await);
        let actix = actix_support::serve(actix_routes);
        let actix_base = format!("http://{}", actix.address);
        let client = reqwest::Client::new();

        let start = capture.ours().len();
        for base in [&axum_base, &actix_base] {
            let answer = send(&client, base, &post(valid_order())).await;
            assert_eq!((answer.0, answer.2.as_str()), (200, "created"), "{base}");
        }
        assert!(events_since(start).is_empty(), "a success is not logged");

        for case in cases() {
            let what = case.what;
            let start = capture.ours().len();
            let from_axum = send(&client, &axum_base, &case.request).await;
            let axum_events = events_since(start);
            let start = capture.ours().len();
            let from_actix = send(&client, &actix_base, &case.request).await;
            let actix_events = events_since(start);

            assert_eq!(from_axum, from_actix, "{what}: axum and actix-web differ");
            assert_eq!(from_axum.0, case.status, "{what}: {}", from_axum.2);
            assert_eq!(from_axum.1, "application/json", "{what}");
            assert_eq!(from_axum.2, case.body, "{what}");

            assert_eq!(axum_events.len(), 1, "{what}: axum logged {axum_events:?}");
            assert_eq!(
                actix_events.len(),
                1,
                "{what}: actix logged {actix_events:?}"
            );
            let cause = |events: &[Captured]| events[0].field("cause").map(str::to_owned);
            if case.status != 404 {
                // A path failure is described by each framework in its own terms; everything
                // else goes through the same translation, cause included.
                assert_eq!(cause(&axum_events), cause(&actix_events), "{what}");
            }
        }
        drop(client);
        actix.stop().await;
    });
    for record in capture.all() {
        let text = record.text();
        for secret in SECRETS {
            assert!(!text.contains(secret), "{secret} reached the log: {text}");
        }
    }
}

/// `web::Json`, `web::Query` and `web::Path` through `configure`'s error handlers: each
/// rejection is logged once, with no value in its cause.
#[test]
fn actix_web_s_own_extractors_are_logged_once_without_their_values() {
    fn routes(config: &mut ServiceConfig) {
        config
            .configure(error_contract::actix::configure)
            .route(
                "/orders",
                web::post().to(|_: web::Json<Order>| async { HttpResponse::Ok().finish() }),
            )
            .route(
                "/orders",
                web::get().to(|_: web::Query<Listing>| async { HttpResponse::Ok().finish() }),
            )
            .route(
                "/orders/{id}",
                web::get().to(|_: web::Path<u64>| async { HttpResponse::Ok().finish() }),
            );
    }

    let _turn = TURN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let capture = Capture::global();
    let everything_before = capture.all().len();
    actix_web::rt::System::new().block_on(async {
        let server = actix_support::serve(routes);
        let base = format!("http://{}", server.address);
        let client = reqwest::Client::new();
        for (request, status, cause) in [
            (
                post(order_with("password", Some(r#"["hunter2_planted"]"#))),
                400,
                "JSON body: expected a string, got an array",
            ),
            (
                Request::Get("/orders?page=1&access_token=sk_live_query_planted".to_owned()),
                400,
                "query string: expected an integer, got a string",
            ),
            (
                Request::Get("/orders/sk_live_path_planted".to_owned()),
                404,
                "path parameters: a value its type does not accept",
            ),
        ] {
            let start = capture.ours().len();
            let answer = send(&client, &base, &request).await;
            assert_eq!(answer.0, status, "{}", answer.2);
            let events = events_since(start);
            assert_eq!(events.len(), 1, "{events:?}");
            assert_eq!(events[0].field("cause"), Some(cause));
        }
        drop(client);
        server.stop().await;
    });
    for record in capture.all().into_iter().skip(everything_before) {
        let text = record.text();
        for secret in SECRETS {
            assert!(!text.contains(secret), "{secret} reached the log: {text}");
        }
    }
}
