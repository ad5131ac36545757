//! The actix-web 4 integration, served on 127.0.0.1 and called over HTTP with reqwest:
//! derived errors as `ResponseError`, and the 405 handlers. What `configure` installs (the
//! extractor configs, the 404 default service) is in `actix_config.rs`, the `Json` and
//! `Query` extractors in `actix_extractors.rs`.

#[path = "support/actix.rs"]
mod support;

use actix_web::HttpResponse;
use actix_web::http::Method;
use actix_web::web::{self, ServiceConfig};
use error_contract::{ApiError, CommonError};
use error_contract_tests::{PartnerError, guide_validation_error};
use support::{Answer, serve};

/// The guide's "Validation Errors" example, with its whitespace removed.
const GUIDE_EXAMPLE: &str = r#"{"error":"Validation errors in request data","error_code":"validation_error","details":{"email":["Enter a valid email address."],"currency":["Invalid currency code. Must be one of: GBP, EUR, USD"]}}"#;
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
