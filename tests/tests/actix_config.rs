//! What `error_contract::actix::configure` installs, against a real actix-web server: the
//! `web::Json`, `web::Path` and `web::Query` error handlers and the 404 default service, all
//! answering in the envelope.

#[path = "support/actix.rs"]
mod support;

use actix_web::HttpResponse;
use actix_web::web::{self, ServiceConfig};
use error_contract::{CommonError, Details};
use error_contract_tests::PartnerError;
use serde::Deserialize;
use support::{Answer, serve};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewInvoice {
    customer: String,
    amount: u32,
}

async fn create_invoice(invoice: web::Json<NewInvoice>) -> HttpResponse {
    HttpResponse::Created().body(format!("{} {}", invoice.customer, invoice.amount))
}

fn invoice_routes(config: &mut ServiceConfig) {
    config
        .configure(error_contract::actix::configure)
        .route("/invoices", web::post().to(create_invoice));
}

#[actix_web::test]
async fn json_that_is_not_json_is_400_malformed_json() {
    let server = serve(invoice_routes);
    let malformed = Answer::envelope(
        400,
        r#"{"error":"Malformed JSON in request body.","error_code":"malformed_json","details":{}}"#,
    );
    for body in [
        r#"{"customer": "acme", "amount": 10"#,
        r#"{"customer": "acme", "amount": 10,}"#,
        "customer=acme&amount=10",
        r#"{"customer": "acme", "amount": 10} trailing"#,
        "",
    ] {
        assert_eq!(
            server.post_json("/invoices", body).await,
            malformed,
            "{body:?}"
        );
    }
    // A good body still goes through.
    let created = server
        .post_json("/invoices", r#"{"customer": "acme", "amount": 10}"#)
        .await;
    assert_eq!((created.status, created.body.as_str()), (201, "acme 10"));
    server.stop().await;
}

#[actix_web::test]
async fn a_body_without_a_json_content_type_is_415_unsupported_media_type() {
    let server = serve(invoice_routes);
    let unsupported = Answer::envelope(
        415,
        r#"{"error":"Unsupported media type in request.","error_code":"unsupported_media_type","details":{}}"#,
    );
    let body = r#"{"customer": "acme", "amount": 10}"#;
    let text = server
        .request(reqwest::Method::POST, "/invoices")
        .header("content-type", "text/plain")
        .body(body);
    assert_eq!(Answer::of(text).await, unsupported);
    let form = server
        .request(reqwest::Method::POST, "/invoices")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body);
    assert_eq!(Answer::of(form).await, unsupported);
    let none = server
        .request(reqwest::Method::POST, "/invoices")
        .body(body);
    assert_eq!(Answer::of(none).await, unsupported);
    server.stop().await;
}

const PAYLOAD_TOO_LARGE: &str =
    r#"{"error":"Request body is too large.","error_code":"payload_too_large","details":{}}"#;

/// [`invoice_routes`] with a 64-byte JSON limit, set after `configure` to replace its config.
fn small_invoice_routes(config: &mut ServiceConfig) {
    invoice_routes(config);
    config.app_data(error_contract::actix::json_config().limit(64));
}

#[actix_web::test]
async fn a_body_over_the_limit_is_413_payload_too_large() {
    let server = serve(small_invoice_routes);
    let big = format!(r#"{{"customer": "{}", "amount": 10}}"#, "a".repeat(100));
    assert_eq!(
        server.post_json("/invoices", &big).await,
        Answer::envelope(413, PAYLOAD_TOO_LARGE)
    );
    // Under the limit, the same config lets the body through.
    let small = server
        .post_json("/invoices", r#"{"customer": "acme", "amount": 10}"#)
        .await;
    assert_eq!(small.status, 201);
    server.stop().await;
}

#[actix_web::test]
async fn a_chunked_body_over_the_limit_is_413_payload_too_large() {
    // Without Content-Length, actix-web finds the overflow while reading the chunks.
    // reqwest sends no chunked body without its `stream` feature, so this one is raw HTTP/1.1.
    let server = serve(small_invoice_routes);
    let chunk = format!(r#"{{"customer": "{}", "amount": 10}}"#, "a".repeat(100));
    let (head, body) = server.post_chunked("/invoices", chunk).await;
    let (head, body) = (head.as_str(), body.as_str());
    assert!(head.starts_with("HTTP/1.1 413 "), "{head}");
    assert!(
        head.lines()
            .any(|line| line.eq_ignore_ascii_case("content-type: application/json")),
        "{head}"
    );
    assert_eq!(body, PAYLOAD_TOO_LARGE);
    server.stop().await;
}

#[actix_web::test]
async fn json_that_does_not_deserialise_is_400_validation_error_keyed_by_field() {
    let server = serve(invoice_routes);
    let validation = |details: &str| {
        Answer::envelope(
            400,
            &format!(
                r#"{{"error":"Validation errors in request data","error_code":"validation_error","details":{details}}}"#
            ),
        )
    };
    for (body, details) in [
        (
            r#"{"customer": "acme"}"#,
            r#"{"amount":["This field is required."]}"#,
        ),
        (
            r#"{"customer": "acme", "amount": 10, "colour": "red"}"#,
            r#"{"colour":["This field is not recognized."]}"#,
        ),
        (
            r#"{"customer": "acme", "customer": "acme", "amount": 10}"#,
            r#"{"customer":["This field is given more than once."]}"#,
        ),
        (
            r#"{"customer": "acme", "amount": "ten"}"#,
            r#"{"non_field_errors":["A valid integer is required."]}"#,
        ),
        (
            r#"{"customer": "acme", "amount": -1}"#,
            r#"{"non_field_errors":["Ensure this value is greater than or equal to 0."]}"#,
        ),
        (
            r#""acme""#,
            r#"{"non_field_errors":["Invalid data. Expected a dictionary, but got str."]}"#,
        ),
    ] {
        assert_eq!(
            server.post_json("/invoices", body).await,
            validation(details),
            "{body}"
        );
    }
    // The body is the envelope's own encoding of those details.
    let missing = server
        .post_json("/invoices", r#"{"customer": "acme"}"#)
        .await;
    let expected =
        CommonError::ValidationError(Details::new().with("amount", "This field is required."));
    assert_eq!(missing, Answer::expected(&expected));
    server.stop().await;
}

#[derive(Debug, Deserialize)]
struct Page {
    page: u32,
}

async fn invoice(id: web::Path<u32>) -> Result<HttpResponse, PartnerError> {
    Err(PartnerError::InvoiceNotFound(id.to_string()))
}

async fn list_invoices(page: web::Query<Page>) -> HttpResponse {
    HttpResponse::Ok().body(format!("page {}", page.page))
}

fn lookup_routes(config: &mut ServiceConfig) {
    config
        .configure(error_contract::actix::configure)
        .route("/invoices", web::get().to(list_invoices))
        .route("/invoices/{id}", web::get().to(invoice));
}

const NOT_FOUND: &str = r#"{"error":"Not found.","error_code":"not_found","details":{}}"#;

#[actix_web::test]
async fn a_path_segment_that_does_not_parse_is_404_not_found() {
    let server = serve(lookup_routes);
    for path in ["/invoices/abc", "/invoices/-1", "/invoices/99999999999"] {
        assert_eq!(
            server.get(path).await,
            Answer::envelope(404, NOT_FOUND),
            "{path}"
        );
    }
    // A segment that parses reaches the handler, which has its own 404.
    assert_eq!(
        server.get("/invoices/7").await,
        Answer::envelope(
            404,
            r#"{"error":"Invoice 7 not found.","error_code":"invoice_not_found","details":{}}"#
        )
    );
    server.stop().await;
}

#[actix_web::test]
async fn a_query_that_does_not_deserialise_is_400_validation_error() {
    let server = serve(lookup_routes);
    let validation = |details: &str| {
        Answer::envelope(
            400,
            &format!(
                r#"{{"error":"Validation errors in request data","error_code":"validation_error","details":{details}}}"#
            ),
        )
    };
    assert_eq!(
        server.get("/invoices").await,
        validation(r#"{"page":["This field is required."]}"#)
    );
    assert_eq!(
        server.get("/invoices?page=two").await,
        validation(r#"{"non_field_errors":["A valid integer is required."]}"#)
    );
    let ok = server.get("/invoices?page=2").await;
    assert_eq!((ok.status, ok.body.as_str()), (200, "page 2"));
    server.stop().await;
}

#[actix_web::test]
async fn an_unknown_route_is_404_not_found() {
    let server = serve(lookup_routes);
    assert_eq!(
        server.get("/nowhere").await,
        Answer::envelope(404, NOT_FOUND)
    );
    let post = server.request(reqwest::Method::POST, "/nowhere/else");
    assert_eq!(Answer::of(post).await, Answer::envelope(404, NOT_FOUND));
    // `route("/invoices", web::get())` puts its method guard on the resource, so a DELETE
    // matches no resource and reaches the default service too.
    let delete = server.request(reqwest::Method::DELETE, "/invoices");
    assert_eq!(Answer::of(delete).await, Answer::envelope(404, NOT_FOUND));
    server.stop().await;
}
