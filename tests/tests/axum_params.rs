//! The axum `Query` and `Path` extractors against a real server on 127.0.0.1: a query that
//! does not fit answers 400 `validation_error` naming the parameter, a path segment that does
//! not parse 404 `not_found`, a route that cannot fit its extractor 500.

#[path = "support/axum.rs"]
mod support;

use axum::Router;
use axum::routing::get;
use error_contract::axum::{Path, Query};
use serde::Deserialize;
use support::{assert_envelope, get_path, serve, validation};

#[derive(Debug, Deserialize)]
struct Listing {
    page: u32,
    per_page: Option<u8>,
}

fn params_app() -> Router {
    Router::new()
        .route(
            "/invoices",
            get(|Query(listing): Query<Listing>| async move {
                format!(
                    "page {} of {}",
                    listing.page,
                    listing.per_page.unwrap_or(20)
                )
            }),
        )
        .route(
            "/invoices/{id}",
            get(|Path(id): Path<u64>| async move { format!("invoice {id}") }),
        )
        .route(
            "/businesses/{business}/invoices/{id}",
            get(|Path((business, id)): Path<(String, u64)>| async move {
                format!("invoice {id} of {business}")
            }),
        )
        .route(
            "/latest",
            get(|id: Option<Path<u64>>| async move { format!("{:?}", id.map(Path::into_inner)) }),
        )
        .route(
            "/latest/{id}",
            get(|id: Option<Path<u64>>| async move { format!("{:?}", id.map(Path::into_inner)) }),
        )
        .route(
            "/misrouted/{id}",
            // A bug of the server: two parameters wanted, the route has one.
            get(|Path((a, b)): Path<(u64, u64)>| async move { format!("{a}{b}") }),
        )
}

#[tokio::test]
async fn query_answers_validation_error_naming_the_parameter() {
    let address = serve(params_app()).await;

    let answer = get_path(address, "/invoices?page=2&per_page=50").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, "page 2 of 50");

    let answer = get_path(address, "/invoices?page=x").await;
    assert_envelope(
        &answer,
        400,
        &validation(r#"{"page":["A valid integer is required."]}"#),
    );

    let answer = get_path(address, "/invoices?page=1&per_page=300").await;
    assert_envelope(
        &answer,
        400,
        &validation(r#"{"per_page":["Ensure this value is less than or equal to 255."]}"#),
    );

    let answer = get_path(address, "/invoices").await;
    assert_envelope(
        &answer,
        400,
        &validation(r#"{"page":["This field is required."]}"#),
    );
}

#[tokio::test]
async fn path_answers_not_found_for_a_parameter_that_does_not_parse() {
    let address = serve(params_app()).await;

    let answer = get_path(address, "/invoices/42").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, "invoice 42");

    let answer = get_path(address, "/businesses/acme/invoices/7").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, "invoice 7 of acme");

    const NOT_FOUND: &str = r#"{"error":"Not found.","error_code":"not_found","details":{}}"#;
    assert_envelope(&get_path(address, "/invoices/abc").await, 404, NOT_FOUND);
    assert_envelope(
        &get_path(address, "/businesses/acme/invoices/-1").await,
        404,
        NOT_FOUND,
    );

    // Optional: None without parameters, checked with them.
    let answer = get_path(address, "/latest").await;
    assert_eq!(
        (answer.status.as_u16(), answer.body.as_str()),
        (200, "None")
    );
    let answer = get_path(address, "/latest/3").await;
    assert_eq!(
        (answer.status.as_u16(), answer.body.as_str()),
        (200, "Some(3)")
    );
    assert_envelope(&get_path(address, "/latest/x").await, 404, NOT_FOUND);

    // A route that cannot fit its extractor is the server's bug, and axum's text stays out.
    let answer = get_path(address, "/misrouted/1").await;
    assert_envelope(
        &answer,
        500,
        r#"{"error":"Internal server error","error_code":"internal_error","details":{}}"#,
    );
}
