//! The user crate's integrations, each run once: what compiled also works.

use error_contract::{ApiError, CommonErrorCode, ErrorCode};
use error_contract_user_test::{
    UserError, UserErrorCode, actix_config, axum_router, contract_client,
};
use utoipa::OpenApi;

#[tokio::test]
async fn axum_and_reqwest_speak_the_contract() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, axum_router()).await.unwrap() });
    let client = contract_client();

    let missing = client
        .send::<UserErrorCode>(client.http().get(format!("{base}/invoices/inv_9")))
        .await
        .unwrap_err();
    assert_eq!(missing.code(), Some(UserErrorCode::InvoiceNotFound));
    assert_eq!(
        missing.response().unwrap().message(),
        "Invoice inv_9 not found."
    );

    let invalid = client
        .send::<UserErrorCode>(
            client
                .http()
                .post(format!("{base}/invoices"))
                .json(&serde_json::json!({"email": "not-an-email", "amount": 0})),
        )
        .await
        .unwrap_err();
    assert_eq!(invalid.code(), Some(UserErrorCode::ValidationError));
    let details = invalid.response().unwrap().details();
    assert_eq!(
        details.get("email"),
        Some(&["Enter a valid email address.".to_owned()][..])
    );
    assert!(details.get("amount").is_some(), "{details:?}");

    let unknown_route = client
        .send::<UserErrorCode>(client.http().get(format!("{base}/nowhere")))
        .await
        .unwrap_err();
    assert_eq!(
        unknown_route.code(),
        Some(UserErrorCode::Common(CommonErrorCode::NotFound))
    );
}

#[actix_web::test]
async fn actix_answers_in_the_envelope() {
    let app = actix_web::test::init_service(actix_web::App::new().configure(actix_config)).await;
    let request = actix_web::test::TestRequest::get()
        .uri("/invoices/inv_9")
        .to_request();
    let response = actix_web::test::call_service(&app, request).await;
    assert_eq!(response.status().as_u16(), 404);
    let body = actix_web::test::read_body(response).await;
    assert_eq!(body, UserError::InvoiceNotFound("inv_9".into()).to_json());
}

#[test]
fn utoipa_documents_the_errors() {
    let doc = serde_json::to_value(error_contract_user_test::UserApi::openapi()).unwrap();
    let responses = &doc["paths"]["/invoices/{id}"]["get"]["responses"];
    assert!(
        responses["404"]["description"]
            .as_str()
            .unwrap()
            .contains("invoice_not_found")
    );
    assert!(
        doc["components"]["schemas"]["ErrorEnvelope"].is_object(),
        "{doc:#}"
    );
    assert_eq!(
        UserErrorCode::from_code("invoice_not_found"),
        Some(UserErrorCode::InvoiceNotFound)
    );
}
