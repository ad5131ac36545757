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

#[tokio::test]
async fn tower_retries_by_the_contract() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tower::{Service, ServiceBuilder, ServiceExt};

    let calls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&calls);
    let inner = tower::service_fn(move |_: http::Request<String>| {
        let call = counted.fetch_add(1, Ordering::SeqCst);
        async move {
            let status = if call < 2 { 503 } else { 200 };
            Ok::<_, std::io::Error>(http::Response::builder().status(status).body(()).unwrap())
        }
    });
    let mut service = ServiceBuilder::new()
        .layer(error_contract_user_test::retry_layer())
        .service(inner);
    let request = http::Request::get("http://127.0.0.1/")
        .body(String::new())
        .unwrap();
    let response = service.ready().await.unwrap().call(request).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn reqwest_middleware_classifies_by_the_contract() {
    use error_contract::reqwest::ClientError;
    use error_contract::reqwest_middleware::RetryMiddleware;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, axum_router()).await.unwrap() });
    let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(RetryMiddleware::<UserErrorCode>::new(
            error_contract::RetryPolicy::default().max_retries(0),
        ))
        .build();
    let response = client
        .get(format!("{base}/invoices/inv_9"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let error = response
        .extensions()
        .get::<ClientError<UserErrorCode>>()
        .expect("the typed error beside the response");
    assert_eq!(error.code(), Some(UserErrorCode::InvoiceNotFound));
    // The body is still the caller's to read.
    assert!(response.text().await.unwrap().contains("invoice_not_found"));
}
