//! Every route of the demo under a table of bad requests: each answer with status ≥ 400 is
//! `application/json` and a valid envelope, whoever wrote it (a handler, an extractor, axum,
//! the fallbacks, a panic).

use std::net::SocketAddr;

use serde_json::Value;

async fn serve() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { invoice_api::server::serve(listener).await.unwrap() });
    address
}

const ROUTES: [&str; 8] = [
    "/v1/platform/businesses/",
    "/v1/platform/businesses/biz_acme/",
    "/v1/platform/businesses/biz_acme/invoices/",
    "/v1/platform/businesses/biz_acme/invoices/inv_0001/",
    "/v1/platform/flaky/?fail=1&key=table",
    "/v1/platform/boom/",
    "/v1/platform/gateway/businesses/biz_acme/",
    "/v1/platform/nowhere/",
];

/// One bad request: a method, headers and a body, applied to every route.
struct Bad {
    what: &'static str,
    method: &'static str,
    token: Option<&'static str>,
    content_type: Option<&'static str>,
    body: &'static str,
    suffix: &'static str,
}

const BAD: [Bad; 10] = [
    Bad {
        what: "no token",
        method: "GET",
        token: None,
        content_type: None,
        body: "",
        suffix: "",
    },
    Bad {
        what: "an expired token",
        method: "GET",
        token: Some("Bearer tok_expired"),
        content_type: None,
        body: "",
        suffix: "",
    },
    Bad {
        what: "a malformed header",
        method: "GET",
        token: Some("Basic Zm9vOmJhcg=="),
        content_type: None,
        body: "",
        suffix: "",
    },
    Bad {
        what: "another partner's business",
        method: "GET",
        token: Some("Bearer tok_globex"),
        content_type: None,
        body: "",
        suffix: "",
    },
    Bad {
        what: "a method no route has",
        method: "PATCH",
        token: Some("Bearer tok_acme"),
        content_type: None,
        body: "",
        suffix: "",
    },
    Bad {
        what: "malformed JSON",
        method: "POST",
        token: Some("Bearer tok_acme"),
        content_type: Some("application/json"),
        body: "{\"amount\": ",
        suffix: "",
    },
    Bad {
        what: "JSON of the wrong kind",
        method: "POST",
        token: Some("Bearer tok_acme"),
        content_type: Some("application/json"),
        body: "[1, 2]",
        suffix: "",
    },
    Bad {
        what: "a form instead of JSON",
        method: "POST",
        token: Some("Bearer tok_acme"),
        content_type: Some("application/x-www-form-urlencoded"),
        body: "amount=1",
        suffix: "",
    },
    Bad {
        what: "a bad query",
        method: "GET",
        token: Some("Bearer tok_acme"),
        content_type: None,
        body: "",
        suffix: "&fail=many&external_id=%ZZ",
    },
    Bad {
        what: "a wrong method with a body",
        method: "DELETE",
        token: Some("Bearer tok_acme"),
        content_type: Some("text/plain"),
        body: "hello",
        suffix: "",
    },
];

#[tokio::test]
async fn every_error_of_every_route_is_a_json_envelope() {
    every_error_of_every_route_in(false).await;
}

/// The same table, asking for RFC 9457 problem documents: every error comes as one, with
/// the same code, and never with a 5xx's cause.
#[tokio::test]
async fn every_error_of_every_route_is_a_problem_document_when_asked() {
    every_error_of_every_route_in(true).await;
}

async fn every_error_of_every_route_in(problem: bool) {
    let address = serve().await;
    let client = reqwest::Client::new();
    let mut errors = 0;
    let mut answered = Vec::new();
    for route in ROUTES {
        for bad in &BAD {
            let url = match bad.suffix.strip_prefix('&') {
                Some(query) if !route.contains('?') => format!("http://{address}{route}?{query}"),
                _ => format!("http://{address}{route}{}", bad.suffix),
            };
            let method = reqwest::Method::from_bytes(bad.method.as_bytes()).unwrap();
            let mut request = client.request(method, &url).body(bad.body);
            if let Some(token) = bad.token {
                request = request.header("authorization", token);
            }
            if let Some(content_type) = bad.content_type {
                request = request.header("content-type", content_type);
            }
            if problem {
                request = request.header("accept", "application/problem+json");
            }
            let response = request.send().await.unwrap();
            let status = response.status();
            let content_type = response
                .headers()
                .get("content-type")
                .map(|value| value.to_str().unwrap().to_owned());
            let body = response.text().await.unwrap();
            if status.as_u16() < 400 {
                answered.push(format!("{} on {} {route}: {status}", bad.what, bad.method));
                continue;
            }
            errors += 1;
            let case = format!("{} on {} {route}: {status} {body}", bad.what, bad.method);
            let expected = if problem {
                "application/problem+json"
            } else {
                "application/json"
            };
            assert_eq!(content_type.as_deref(), Some(expected), "{case}");
            let envelope: Value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("{case}"));
            let message = if problem { "detail" } else { "error" };
            assert!(
                envelope[message]
                    .as_str()
                    .is_some_and(|error| !error.is_empty()),
                "{case}"
            );
            if problem {
                assert_eq!(envelope["status"], status.as_u16(), "{case}");
                assert_eq!(envelope["type"], "about:blank", "{case}");
            }
            let code = envelope["error_code"].as_str().unwrap_or_default();
            assert!(
                !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{case}"
            );
            // A problem document has `details` only when there are field errors.
            assert!(
                envelope["details"].is_object() || (problem && envelope["details"].is_null()),
                "{case}"
            );
            assert!(
                !body.contains("read-only file system"),
                "a 5xx's cause reached the client: {case}"
            );
        }
    }
    // Most pairs are errors; the flaky route needs no token and takes any method, and a
    // query a route does not read is ignored.
    assert!(errors >= 50, "{errors} errors; answered: {answered:#?}");
}

#[tokio::test]
async fn the_document_lists_what_each_operation_answers() {
    let address = serve().await;
    let doc: Value = reqwest::get(format!("http://{address}/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let statuses = |path: &str, method: &str| -> Vec<String> {
        doc["paths"][path][method]["responses"]
            .as_object()
            .unwrap_or_else(|| panic!("{method} {path}"))
            .keys()
            .cloned()
            .collect()
    };
    let codes = |path: &str, method: &str, status: &str| {
        doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
            ["allOf"][1]["properties"]["error_code"]["enum"]
            .clone()
    };
    let invoices = "/v1/platform/businesses/{business_id}/invoices/";
    assert_eq!(statuses("/v1/platform/businesses/", "get"), ["200", "401"]);
    assert_eq!(
        statuses(invoices, "post"),
        ["201", "400", "401", "403", "404", "409", "413", "415"]
    );
    assert_eq!(
        codes(invoices, "post", "400"),
        serde_json::json!(["validation_error", "malformed_json"])
    );
    assert_eq!(
        codes(invoices, "post", "404"),
        serde_json::json!(["business_not_found"])
    );
    let invoice = "/v1/platform/businesses/{business_id}/invoices/{invoice_id}/";
    assert_eq!(
        codes(invoice, "get", "404"),
        serde_json::json!(["business_not_found", "invoice_not_found"])
    );
    assert!(doc["components"]["schemas"]["ErrorEnvelope"].is_object());
}
