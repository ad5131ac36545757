//! The actix-web 4 integration, served on 127.0.0.1 and called over HTTP with reqwest:
//! derived errors as `ResponseError`, the extractor configs, the 404 and 405 handlers.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

use actix_web::dev::ServerHandle;
use actix_web::http::Method;
use actix_web::web::{self, ServiceConfig};
use actix_web::{App, HttpResponse, HttpServer};
use error_contract::{ApiError, CommonError, Details};
use error_contract_tests::{PartnerError, guide_validation_error};
use serde::Deserialize;

/// The guide's "Validation Errors" example, with its whitespace removed.
const GUIDE_EXAMPLE: &str = r#"{"error":"Validation errors in request data","error_code":"validation_error","details":{"email":["Enter a valid email address."],"currency":["Invalid currency code. Must be one of: GBP, EUR, USD"]}}"#;

/// An actix-web server on an ephemeral port of 127.0.0.1, and a client for it.
struct Server {
    address: SocketAddr,
    client: reqwest::Client,
    handle: ServerHandle,
}

/// Serves `App::new().configure(routes)` with one worker.
///
/// If a test panics before [`Server::stop`], dropping the runtime drops the server, which
/// stops its acceptor and worker.
fn serve(routes: fn(&mut ServiceConfig)) -> Server {
    let server = HttpServer::new(move || App::new().configure(routes))
        .workers(1)
        .disable_signals()
        .shutdown_timeout(1)
        .bind(("127.0.0.1", 0))
        .expect("bind an ephemeral port on 127.0.0.1");
    let address = server.addrs()[0];
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    Server {
        address,
        client: reqwest::Client::new(),
        handle,
    }
}

impl Server {
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("http://{}{path}", self.address))
    }

    async fn get(&self, path: &str) -> Answer {
        Answer::of(self.request(reqwest::Method::GET, path)).await
    }

    /// POSTs `body` with `Content-Type: application/json`.
    async fn post_json(&self, path: &str, body: &str) -> Answer {
        Answer::of(
            self.request(reqwest::Method::POST, path)
                .header("content-type", "application/json")
                .body(body.to_owned()),
        )
        .await
    }

    async fn stop(self) {
        // Pooled keep-alive connections would hold up a graceful stop.
        drop(self.client);
        self.handle.stop(true).await;
    }
}

/// What a response says, as far as the contract goes.
#[derive(Debug, PartialEq, Eq)]
struct Answer {
    status: u16,
    content_type: Option<String>,
    www_authenticate: Option<String>,
    retry_after: Option<String>,
    allow: Option<String>,
    body: String,
}

impl Answer {
    async fn of(request: reqwest::RequestBuilder) -> Self {
        let response = request.send().await.expect("the server answers");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|value| value.to_str().expect("ASCII header").to_owned())
        };
        let (content_type, www_authenticate, retry_after, allow) = (
            header("content-type"),
            header("www-authenticate"),
            header("retry-after"),
            header("allow"),
        );
        let status = response.status().as_u16();
        let body = response.text().await.expect("a body");
        Self {
            status,
            content_type,
            www_authenticate,
            retry_after,
            allow,
            body,
        }
    }

    /// What `ApiError::to_response` says for `error`.
    fn expected(error: &impl ApiError) -> Self {
        let response = error.to_response();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|value| value.to_str().expect("ASCII header").to_owned())
        };
        Self {
            status: response.status().as_u16(),
            content_type: header("content-type"),
            www_authenticate: header("www-authenticate"),
            retry_after: header("retry-after"),
            allow: None,
            body: String::from_utf8(error.to_json()).expect("UTF-8 JSON"),
        }
    }

    /// An envelope answer with no optional headers.
    fn envelope(status: u16, body: &str) -> Self {
        Self {
            status,
            content_type: Some("application/json".to_owned()),
            www_authenticate: None,
            retry_after: None,
            allow: None,
            body: body.to_owned(),
        }
    }
}

/// The partner API's errors, by name, for the handler below.
fn partner_error(case: &str) -> Option<PartnerError> {
    Some(match case {
        "authentication_required" => PartnerError::Common(CommonError::AuthenticationRequired),
        "invalid_token" => PartnerError::Common(CommonError::InvalidToken),
        "permission_denied" => PartnerError::Common(CommonError::PermissionDenied),
        "validation" => guide_validation_error(),
        "invoice_not_found" => PartnerError::InvoiceNotFound("inv_42".to_owned()),
        "duplicate_external_id" => PartnerError::DuplicateExternalId {
            external_id: "ext-7".to_owned(),
        },
        "database" => PartnerError::Database(
            "connection to db.internal:5432 refused; password=hunter2".to_owned(),
        ),
        _ => return None,
    })
}

async fn fail_with(case: web::Path<String>) -> Result<HttpResponse, PartnerError> {
    match partner_error(&case) {
        Some(error) => Err(error),
        None => Ok(HttpResponse::NoContent().finish()),
    }
}

fn partner_routes(config: &mut ServiceConfig) {
    config
        .configure(error_contract::actix::configure)
        .route("/fail/{case}", web::get().to(fail_with));
}

#[actix_web::test]
async fn derived_errors_answer_with_the_status_headers_and_bytes_of_to_response() {
    let server = serve(partner_routes);
    for case in [
        "authentication_required",
        "invalid_token",
        "permission_denied",
        "validation",
        "invoice_not_found",
        "duplicate_external_id",
        "database",
    ] {
        let error = partner_error(case).unwrap();
        let answer = server.get(&format!("/fail/{case}")).await;
        assert_eq!(answer, Answer::expected(&error), "{case}");
        assert_eq!(answer.status, error.status().as_u16(), "{case}");
        assert_eq!(
            answer.content_type.as_deref(),
            Some("application/json"),
            "{case}"
        );
        assert_eq!(answer.body.as_bytes(), error.to_json(), "{case}");
    }
    // The handler answers normally when it has no error.
    assert_eq!(server.get("/fail/none").await.status, 204);
    server.stop().await;
}

#[actix_web::test]
async fn a_401_carries_its_bearer_challenge() {
    let server = serve(partner_routes);
    let missing = server.get("/fail/authentication_required").await;
    assert_eq!(missing.status, 401);
    assert_eq!(missing.www_authenticate.as_deref(), Some("Bearer"));
    assert_eq!(
        missing.body,
        r#"{"error":"Authentication credentials were not provided.","error_code":"authentication_required","details":{}}"#
    );

    let invalid = server.get("/fail/invalid_token").await;
    assert_eq!(invalid.status, 401);
    assert_eq!(
        invalid.www_authenticate.as_deref(),
        Some(r#"Bearer error="invalid_token""#)
    );
    assert_eq!(
        invalid.body,
        r#"{"error":"Invalid token.","error_code":"invalid_token","details":{}}"#
    );

    let forbidden = server.get("/fail/permission_denied").await;
    assert_eq!(forbidden.status, 403);
    assert_eq!(forbidden.www_authenticate, None);
    server.stop().await;
}

#[actix_web::test]
async fn the_guide_validation_example_is_served_byte_for_byte() {
    let server = serve(partner_routes);
    assert_eq!(
        server.get("/fail/validation").await,
        Answer::envelope(400, GUIDE_EXAMPLE)
    );
    server.stop().await;
}

#[actix_web::test]
async fn retry_after_is_sent_when_the_variant_sets_it() {
    #[derive(Debug, thiserror::Error, ApiError)]
    enum StatusPageError {
        /// Down for maintenance.
        #[error("maintenance window")]
        #[api(status = 503, retry_after = 30)]
        Maintenance,

        /// Throttled for this partner.
        #[error("partner over quota")]
        #[api(status = 429, retry_after = 5, message = "Slow down.")]
        Throttled,

        /// Gone without a delay.
        #[error("retired")]
        #[api(status = 410, message = "This API version is retired.")]
        Retired,
    }

    async fn status_page(case: web::Path<String>) -> Result<HttpResponse, StatusPageError> {
        Err(match case.as_str() {
            "maintenance" => StatusPageError::Maintenance,
            "throttled" => StatusPageError::Throttled,
            _ => StatusPageError::Retired,
        })
    }

    fn routes(config: &mut ServiceConfig) {
        config.route("/status/{case}", web::get().to(status_page));
    }

    let server = serve(routes);
    let maintenance = server.get("/status/maintenance").await;
    assert_eq!(maintenance, Answer::expected(&StatusPageError::Maintenance));
    assert_eq!(
        maintenance,
        Answer {
            retry_after: Some("30".to_owned()),
            ..Answer::envelope(
                503,
                r#"{"error":"Service unavailable","error_code":"maintenance","details":{}}"#
            )
        }
    );

    let throttled = server.get("/status/throttled").await;
    assert_eq!(throttled, Answer::expected(&StatusPageError::Throttled));
    assert_eq!(throttled.status, 429);
    assert_eq!(throttled.retry_after.as_deref(), Some("5"));

    let retired = server.get("/status/retired").await;
    assert_eq!(
        retired,
        Answer::envelope(
            410,
            r#"{"error":"This API version is retired.","error_code":"retired","details":{}}"#
        )
    );
    server.stop().await;
}

#[actix_web::test]
async fn a_5xx_never_shows_its_private_cause() {
    let server = serve(partner_routes);
    let answer = server.get("/fail/database").await;
    assert_eq!(
        answer,
        Answer::envelope(
            500,
            r#"{"error":"Internal server error","error_code":"database","details":{}}"#
        )
    );
    for secret in ["hunter2", "db.internal", "refused", "database error"] {
        assert!(!answer.body.contains(secret), "{secret} leaked");
    }
    server.stop().await;
}

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
    let address = server.address;
    let response = actix_web::rt::task::spawn_blocking(move || {
        let chunk = format!(r#"{{"customer": "{}", "amount": 10}}"#, "a".repeat(100));
        let mut stream = TcpStream::connect(address).expect("connect");
        write!(
            stream,
            "POST /invoices HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
             Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
            chunk.len()
        )
        .expect("send");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read");
        response
    })
    .await
    .expect("the client thread");
    let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
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
            r#"{"colour":["Unknown field; expected `customer` or `amount`."]}"#,
        ),
        (
            r#"{"customer": "acme", "customer": "acme", "amount": 10}"#,
            r#"{"customer":["Duplicate field."]}"#,
        ),
        (
            r#"{"customer": "acme", "amount": "ten"}"#,
            r#"{"non_field_errors":["invalid type: string \"ten\", expected u32 at line 1 column 36"]}"#,
        ),
        (
            r#"{"customer": "acme", "amount": -1}"#,
            r#"{"non_field_errors":["invalid value: integer `-1`, expected u32 at line 1 column 33"]}"#,
        ),
        (
            r#""acme""#,
            r#"{"non_field_errors":["invalid type: string \"acme\", expected struct NewInvoice at line 1 column 6"]}"#,
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
        validation(r#"{"non_field_errors":["invalid digit found in string"]}"#)
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

const METHOD_NOT_ALLOWED: &str =
    r#"{"error":"Method not allowed.","error_code":"method_not_allowed","details":{}}"#;

fn resource_routes(config: &mut ServiceConfig) {
    config
        .configure(error_contract::actix::configure)
        .service(
            web::resource("/invoices")
                .route(web::get().to(HttpResponse::Ok))
                .default_service(web::to(error_contract::actix::method_not_allowed)),
        )
        .service(
            web::resource("/customers")
                .route(web::get().to(HttpResponse::Ok))
                .route(web::post().to(HttpResponse::Created))
                .default_service(error_contract::actix::method_not_allowed_allowing([
                    Method::GET,
                    Method::POST,
                ])),
        )
        .service(web::resource("/plain").route(web::get().to(HttpResponse::Ok)));
}

#[actix_web::test]
async fn a_wrong_method_on_a_resource_is_405_method_not_allowed() {
    let server = serve(resource_routes);
    let delete = server.request(reqwest::Method::DELETE, "/invoices");
    assert_eq!(
        Answer::of(delete).await,
        Answer::envelope(405, METHOD_NOT_ALLOWED)
    );
    assert_eq!(server.get("/invoices").await.status, 200);

    let put = server.request(reqwest::Method::PUT, "/customers");
    assert_eq!(
        Answer::of(put).await,
        Answer {
            allow: Some("GET, POST".to_owned()),
            ..Answer::envelope(405, METHOD_NOT_ALLOWED)
        }
    );
    let post = server.request(reqwest::Method::POST, "/customers");
    assert_eq!(Answer::of(post).await.status, 201);

    // Without the handler, actix-web's own 405 has an empty body: why the resource needs it.
    let plain = Answer::of(server.request(reqwest::Method::DELETE, "/plain")).await;
    assert_eq!((plain.status, plain.body.as_str()), (405, ""));
    assert_eq!(plain.content_type, None);
    server.stop().await;
}
