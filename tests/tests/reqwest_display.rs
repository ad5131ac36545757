//! How a `ClientError` reads: `Display` says what the client did and the last failure, and
//! `source()` goes on with that failure's causes, so the whole chain (anyhow's `{:#}`) says
//! each fact once. Against the scripted server of `support/reqwest.rs`.

#[path = "support/reqwest.rs"]
mod support;

use std::error::Error;

use axum::http::StatusCode;
use error_contract::reqwest::{ClientError, ClientErrorKind};
use error_contract::{CommonError, CommonErrorCode};

use support::{
    Failing, Script, ShopError, ShopErrorCode, Unavailable, assert_counted, canned, client,
    closed_port, envelope, get, io_cause, post_as, serve,
};

/// The error and each `source()` after it, joined by `": "`, as anyhow's `{:#}` prints it.
fn chain(error: &(dyn Error + 'static)) -> String {
    let mut line = error.to_string();
    let mut source = error.source();
    while let Some(next) = source {
        line.push_str(": ");
        line.push_str(&next.to_string());
        source = next.source();
    }
    line
}

#[tokio::test]
async fn an_exhausted_503_says_the_outcome_the_count_and_the_response_once() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable)]);
    let addr = serve(script).await;
    let error = get(&client(), addr, "/a").await.unwrap_err();
    let text = "API request gave up after 4 attempts (retries exhausted): \
                Service unavailable (service_unavailable)";
    assert_eq!(error.to_string(), text);
    assert_eq!(chain(&error), text);
    assert!(
        error.source().is_none(),
        "the response is printed, not returned"
    );
}

#[tokio::test]
async fn a_404() {
    let script = Script::new(vec![envelope(CommonError::NotFound)]);
    let addr = serve(script).await;
    let error = get(&client(), addr, "/invoices/42").await.unwrap_err();
    assert_eq!(
        chain(&error),
        "API request gave up after 1 attempt (the failure is permanent): Not found. (not_found)"
    );
}

#[tokio::test]
async fn a_use_existing_409() {
    let script = Script::new(vec![envelope(ShopError::DuplicateExternalId(
        "ext-1".into(),
    ))]);
    let addr = serve(script).await;
    let client = client();
    let error = post_as::<ShopErrorCode>(&client, addr, "/invoices")
        .await
        .unwrap_err();
    assert_eq!(
        chain(&error),
        "API request stopped after 1 attempt (use the existing resource): \
         Invoice ext-1 already exists. (duplicate_external_id)"
    );
}

#[tokio::test]
async fn a_response_without_a_code_says_its_status_once() {
    let proxy = canned(StatusCode::BAD_GATEWAY, "text/html", "<html>502</html>");
    let addr = serve(Script::new(vec![proxy])).await;
    let error = get(&client(), addr, "/a").await.unwrap_err();
    assert_eq!(
        chain(&error),
        "API request gave up after 4 attempts (retries exhausted): Bad Gateway (HTTP 502)"
    );
}

#[tokio::test]
async fn a_refused_connection_prints_reqwest_s_text_and_returns_its_causes() {
    let port = closed_port();
    let client = client();
    let error = client
        .send::<CommonErrorCode>(
            client
                .http()
                .get(format!("http://127.0.0.1:{port}/a?api_key=query_secret")),
        )
        .await
        .unwrap_err();
    assert_counted(&error);
    assert_eq!(
        error.to_string(),
        "API request gave up after 4 attempts (retries exhausted): error sending request"
    );
    assert_eq!(
        chain(&error),
        format!(
            "API request gave up after 4 attempts (retries exhausted): error sending request: \
             client error (Connect): tcp connect error: {}",
            io_cause(&error)
        )
    );
    assert!(!format!("{error:?}").contains("query_secret"));
    // The failure itself is still there to inspect.
    assert!(
        matches!(error.kind(), ClientErrorKind::Transport(cause) if cause.is_connect()),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_401_without_a_token_source_says_it_cannot_refresh() {
    let addr = serve(Script::new(vec![envelope(
        CommonError::AuthenticationRequired,
    )]))
    .await;
    let error = get(&client(), addr, "/a").await.unwrap_err();
    assert_eq!(
        chain(&error),
        "API request gave up after 1 attempt (the server asked for new credentials and the \
         client has no way to refresh them): Authentication credentials were not provided. \
         (authentication_required)"
    );
}

#[tokio::test]
async fn a_token_source_that_fails_before_the_first_attempt() {
    let addr = serve(Script::new(vec![])).await;
    let error = get(&client().with_token_source(Unavailable), addr, "/a")
        .await
        .unwrap_err();
    assert_eq!(
        chain(&error),
        "API request not sent (token source failed): vault sealed"
    );
}

#[tokio::test]
async fn a_token_refresh_that_fails_after_a_401() {
    let addr = serve(Script::new(vec![envelope(CommonError::InvalidToken)])).await;
    let error = get(&client().with_token_source(Failing), addr, "/a")
        .await
        .unwrap_err();
    assert_eq!(
        chain(&error),
        "API request gave up after 1 attempt (token refresh failed): the token endpoint is down"
    );
}

#[tokio::test]
async fn a_request_that_could_not_be_built() {
    let client = client();
    let error = client
        .send::<CommonErrorCode>(
            client
                .http()
                .get("http://127.0.0.1:9/a")
                .header("bad header", "x"),
        )
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "API request not sent (invalid request): builder error"
    );
    assert_eq!(
        chain(&error),
        "API request not sent (invalid request): builder error: invalid HTTP header name"
    );
}

#[tokio::test]
async fn a_bad_scheme_does_not_print_the_query() {
    let client = client();
    let error = client
        .send::<CommonErrorCode>(client.http().get("ftp://127.0.0.1/a?api_key=query_secret"))
        .await
        .unwrap_err();
    assert!(!chain(&error).contains("query_secret"), "{error}");
    assert!(!format!("{error:?}").contains("query_secret"), "{error:?}");
}

#[tokio::test]
async fn a_client_error_is_send_sync_static_clone_and_comparable() {
    fn assert_traits<E: Error + Send + Sync + Clone + PartialEq + 'static>() {}
    assert_traits::<ClientError<CommonErrorCode>>();
    assert_traits::<ClientError<ShopErrorCode>>();

    let addr = serve(Script::new(vec![envelope(CommonError::NotFound)])).await;
    let error = get(&client(), addr, "/a").await.unwrap_err();
    assert_eq!(error.clone(), error);
    let boxed: Box<dyn Error + Send + Sync + 'static> = Box::new(error.clone());
    assert_eq!(boxed.to_string(), error.to_string());
}
