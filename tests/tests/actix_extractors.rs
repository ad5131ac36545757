//! `error_contract::actix::{Json, Query}` against a real actix-web server: what fits reaches
//! the handler, a streamed body over `PayloadConfig`'s limit is 413, and middleware finds
//! the `Rejection` behind every refusal. Their answers to bad input, compared byte for byte
//! with axum's, are in `rejections.rs`.

#[path = "support/actix.rs"]
mod support;

use actix_web::dev::Service;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::web::{self, ServiceConfig};
use actix_web::{App, HttpResponse, HttpServer};
use error_contract::ApiError;
use error_contract::Rejection;
use error_contract::actix::{Json, Query};
use serde::Deserialize;
use support::{Answer, serve};

#[derive(Debug, Deserialize)]
struct NewInvoice {
    customer: String,
    amount: u32,
}

#[derive(Debug, Deserialize)]
struct Page {
    page: u32,
}

async fn create(Json(invoice): Json<NewInvoice>) -> HttpResponse {
    HttpResponse::Created().body(format!("{} {}", invoice.customer, invoice.amount))
}

async fn list(query: Query<Page>) -> HttpResponse {
    HttpResponse::Ok().body(format!("page {}", query.page))
}

fn routes(config: &mut ServiceConfig) {
    config
        .app_data(web::PayloadConfig::new(64))
        .route("/invoices", web::post().to(create))
        .route("/invoices", web::get().to(list));
}

#[actix_web::test]
async fn a_body_and_a_query_that_fit_reach_the_handler() {
    let server = serve(routes);
    for content_type in [
        "application/json",
        "application/vnd.api+json; charset=utf-8",
    ] {
        let created = Answer::of(
            server
                .request(reqwest::Method::POST, "/invoices")
                .header("content-type", content_type)
                .body(r#"{"customer": "acme", "amount": 10}"#),
        )
        .await;
        assert_eq!((created.status, created.body.as_str()), (201, "acme 10"));
    }
    let listed = server.get("/invoices?page=2&unused=x").await;
    assert_eq!((listed.status, listed.body.as_str()), (200, "page 2"));
    server.stop().await;
}

#[actix_web::test]
async fn a_streamed_body_over_the_payload_limit_is_413() {
    // Without Content-Length the overflow is found while reading the chunks; reqwest sends no
    // chunked body without its `stream` feature, so this one is raw HTTP/1.1.
    let server = serve(routes);
    let chunk = format!(r#"{{"customer": "{}", "amount": 10}}"#, "a".repeat(100));
    let (head, body) = server.post_chunked("/invoices", chunk).await;
    let (head, body) = (head.as_str(), body.as_str());
    assert!(head.starts_with("HTTP/1.1 413 "), "{head}");
    assert_eq!(
        body,
        r#"{"error":"Request body is too large.","error_code":"payload_too_large","details":{}}"#
    );
    server.stop().await;
}

#[actix_web::test]
async fn middleware_reads_the_rejection_behind_the_response() {
    let server = HttpServer::new(|| {
        App::new()
            .wrap_fn(|request, service| {
                let response = service.call(request);
                async move {
                    let mut response = response.await?;
                    let code = response
                        .response()
                        .error()
                        .and_then(|error| error.as_error::<Rejection>())
                        .map(|rejection| rejection.error().error_code());
                    if let Some(code) = code {
                        response.headers_mut().insert(
                            HeaderName::from_static("x-error-code"),
                            HeaderValue::from_static(code),
                        );
                    }
                    Ok(response)
                }
            })
            .configure(routes)
    })
    .workers(1)
    .disable_signals()
    .bind(("127.0.0.1", 0))
    .expect("bind an ephemeral port");
    let address = server.addrs()[0];
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);

    let client = reqwest::Client::new();
    let response = client
        .get(format!("http://{address}/invoices?page=x"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()["x-error-code"], "validation_error");
    let response = client
        .post(format!("http://{address}/invoices"))
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), 415);
    assert_eq!(response.headers()["x-error-code"], "unsupported_media_type");
    drop(client);
    handle.stop(true).await;
}
