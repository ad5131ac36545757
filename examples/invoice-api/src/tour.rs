//! `invoice-api` with no arguments: a server on an ephemeral port, and a client walked through
//! every scenario of the Standard Error Response guide, printed as a table.

use std::error::Error;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use error_contract::reqwest::{Client, ClientError, FailedAttempt, TokenError, TokenSource};
use error_contract::{Decision, ErrorResponse, IDEMPOTENCY_KEY, RetryPolicy};
use reqwest::RequestBuilder;
use serde_json::{Value, json};

use crate::contract::{PartnerError, PartnerErrorCode};
use crate::server;

/// How much faster than the guide's 1 s, 2 s, 4 s the default tour waits.
const SPEED_UP: u32 = 20;

/// One line of the table.
struct Row {
    scenario: &'static str,
    status: String,
    error_code: String,
    did: String,
    took: Duration,
}

/// The guide's `get_business_token(business_id, force_refresh)`: an expired token until a
/// refresh is forced.
struct ExpiringToken;

impl TokenSource for ExpiringToken {
    async fn token(&self, force_refresh: bool) -> Result<String, TokenError> {
        Ok(if force_refresh {
            "tok_acme"
        } else {
            "tok_expired"
        }
        .to_owned())
    }
}

/// Which credentials a scenario sends.
#[derive(Clone, Copy)]
enum Auth {
    None,
    Acme,
    Expiring,
}

struct Tour {
    http: reqwest::Client,
    policy: RetryPolicy,
    api: String,
}

/// Starts the server on an ephemeral port, walks a client through every scenario and prints
/// the table; `slow` waits the guide's real retry delays.
///
/// # Errors
///
/// When the server cannot listen or the HTTP client cannot be built.
pub async fn run(slow: bool) -> Result<(), Box<dyn Error>> {
    let server_log = ServerLog::install();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(server::serve(listener));

    let speed_up = if slow { 1 } else { SPEED_UP };
    let policy = RetryPolicy::default()
        .base_delay(Duration::from_secs(1) / speed_up)
        .max_delay(Duration::from_secs(20) / speed_up);
    println!(
        "invoice-api: server on http://{addr}, client retrying by the Standard Error Response guide's policy:"
    );
    println!(
        "  up to {} retries, nominal delays {} with equal jitter",
        3,
        policy.schedule()
    );
    if !slow {
        println!(
            "  (the guide's 1s, 2s, 4s scaled down {speed_up} times; `--slow` waits the real delays)"
        );
    }
    println!();

    let tour = Tour {
        http: reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()?,
        policy,
        api: format!("http://{addr}/v1/platform"),
    };
    let started = Instant::now();
    let mut rows = Vec::new();
    let mut validation = String::new();
    tour.walk(&mut rows, &mut validation).await;
    print_table(&rows);
    println!("\nValidation errors, as the guide's loop prints them:\n{validation}");
    println!("\nServer log of 5xx responses (private: never sent to the client):");
    for line in server_log.lines() {
        println!("  {line}");
    }
    println!(
        "\n{} scenarios in {:.1} s",
        rows.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

impl Tour {
    async fn walk(&self, rows: &mut Vec<Row>, validation: &mut String) {
        let api = &self.api;
        let businesses = format!("{api}/businesses/");
        let invoices = format!("{api}/businesses/biz_acme/invoices/");
        let good = json!({
            "external_id": "order-1001", "customer_id": "cus_42", "email": "ap@acme.example",
            "currency": "GBP", "amount": "120.50"
        });
        let bad = json!({
            "external_id": "order-1002", "customer_id": "cus_42", "email": "not-an-email",
            "currency": "JPY", "amount": "99.00"
        });

        rows.push(
            self.scenario("List my businesses", Auth::Acme, |http| {
                http.get(&businesses)
            })
            .await,
        );
        rows.push(
            self.scenario("No credentials", Auth::None, |http| http.get(&businesses))
                .await,
        );
        rows.push(
            self.scenario("Expired token", Auth::Expiring, |http| {
                http.get(&businesses)
            })
            .await,
        );
        rows.push(
            self.scenario("Another partner's business", Auth::Acme, |http| {
                http.get(format!("{api}/businesses/biz_globex/"))
            })
            .await,
        );
        rows.push(
            self.scenario("Unknown business", Auth::Acme, |http| {
                http.get(format!("{api}/businesses/biz_nope/"))
            })
            .await,
        );
        // The API as a gateway to itself: the upstream's errors come back as they were.
        rows.push(
            self.scenario("Through the gateway", Auth::Acme, |http| {
                http.get(format!("{api}/gateway/businesses/biz_nope/"))
            })
            .await,
        );
        rows.push(
            self.scenario("Gateway, no credentials", Auth::None, |http| {
                http.get(format!("{api}/gateway/businesses/"))
            })
            .await,
        );

        let (row, error) = self
            .attempt("Invalid invoice", Auth::Acme, |http| {
                http.post(&invoices).json(&bad)
            })
            .await;
        if let Some(response) = error.as_ref().and_then(ClientError::response) {
            // The guide's "Handling Validation Errors": check fields, then show them all.
            let details = response.details();
            if details.contains_key("currency") {
                let _ = writeln!(validation, "  Invalid currency code");
            }
            for line in details.to_string().lines() {
                let _ = writeln!(validation, "  {line}");
            }
        }
        rows.push(row);

        rows.push(
            self.scenario("Create an invoice", Auth::Acme, |http| {
                http.post(&invoices).json(&good)
            })
            .await,
        );
        rows.push(self.create_again(&invoices, &good).await);
        rows.push(
            self.scenario("Unknown invoice", Auth::Acme, |http| {
                http.get(format!("{invoices}inv_9999/"))
            })
            .await,
        );
        rows.push(
            self.scenario("503 twice, then fine", Auth::None, |http| {
                http.get(format!("{api}/flaky/?fail=2&key=tour-503"))
            })
            .await,
        );
        rows.push(
            self.scenario("502 once, then fine", Auth::None, |http| {
                http.get(format!("{api}/flaky/?fail=1&key=tour-502&status=502"))
            })
            .await,
        );
        rows.push(
            self.scenario("500 five times", Auth::None, |http| {
                http.get(format!("{api}/flaky/?fail=5&key=tour-500&status=500"))
            })
            .await,
        );
        rows.push(
            self.scenario("Server bug", Auth::None, |http| {
                http.get(format!("{api}/boom/"))
            })
            .await,
        );
        rows.push(
            self.scenario("POST answered 503", Auth::None, |http| {
                http.post(format!("{api}/flaky/?fail=1&key=tour-post"))
                    .json(&json!({}))
            })
            .await,
        );
        rows.push(
            self.scenario("POST with Idempotency-Key, 503", Auth::None, |http| {
                http.post(format!("{api}/flaky/?fail=1&key=tour-post-key"))
                    .header(IDEMPOTENCY_KEY, "tour-key-1")
                    .json(&json!({}))
            })
            .await,
        );
        rows.push(
            self.scenario("Malformed JSON", Auth::Acme, |http| {
                http.post(&invoices)
                    .header("content-type", "application/json")
                    .body("{\"amount\": ")
            })
            .await,
        );
        rows.push(
            self.scenario("Unknown route", Auth::Acme, |http| {
                http.get(format!("{api}/nope/"))
            })
            .await,
        );
        rows.push(
            self.scenario("Wrong method", Auth::Acme, |http| http.delete(&businesses))
                .await,
        );
        let closed = closed_port();
        rows.push(
            self.scenario("Server down", Auth::None, |http| {
                http.get(format!("http://127.0.0.1:{closed}/v1/platform/"))
            })
            .await,
        );
    }

    async fn scenario(
        &self,
        name: &'static str,
        auth: Auth,
        request: impl FnOnce(&reqwest::Client) -> RequestBuilder,
    ) -> Row {
        self.attempt(name, auth, request).await.0
    }

    /// Sends one request through a fresh client and describes what the client did.
    async fn attempt(
        &self,
        name: &'static str,
        auth: Auth,
        request: impl FnOnce(&reqwest::Client) -> RequestBuilder,
    ) -> (Row, Option<ClientError<PartnerErrorCode>>) {
        let attempts = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&attempts);
        let mut client =
            Client::new(self.http.clone(), self.policy.clone()).on_failed_attempt(move |attempt| {
                sink.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(attempt.clone());
            });
        client = match auth {
            Auth::None => client,
            Auth::Acme => client
                .with_token_source(error_contract::reqwest::StaticToken("tok_acme".to_owned())),
            Auth::Expiring => client.with_token_source(ExpiringToken),
        };
        let started = Instant::now();
        let result = client
            .send::<PartnerErrorCode>(request(client.http()))
            .await;
        let took = started.elapsed();
        let attempts = attempts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        let mut did = describe(&attempts);
        let (status, error_code, error) = match result {
            Ok(response) => {
                did.push(format!("succeeded ({})", response.status()));
                (response.status().as_u16().to_string(), "-".to_owned(), None)
            }
            Err(error) => {
                did.push(error.outcome().to_string());
                let status = error.response().map_or("-".to_owned(), |response| {
                    response.status().as_u16().to_string()
                });
                let code = error
                    .response()
                    .and_then(|response| response.error_code())
                    .unwrap_or("-")
                    .to_owned();
                (status, code, Some(error))
            }
        };
        let row = Row {
            scenario: name,
            status,
            error_code,
            did: did.join("; "),
            took,
        };
        (row, error)
    }

    /// The guide's idempotent creation: a 409 `duplicate_external_id` means the invoice exists.
    /// Its `meta` names the invoice, so the client rebuilds the error and uses it: one
    /// request. A server that sends no `meta` (an older release) costs a second request, a
    /// lookup by `external_id`.
    async fn create_again(&self, invoices: &str, body: &Value) -> Row {
        let (mut row, error) = self
            .attempt("Create it again", Auth::Acme, |http| {
                http.post(invoices).json(body)
            })
            .await;
        let Some(error) = error.filter(ClientError::is_use_existing) else {
            return row;
        };
        let rebuilt = error
            .response()
            .and_then(ErrorResponse::to_error::<PartnerError>);
        if let Some(PartnerError::DuplicateExternalId { invoice_id, .. }) = rebuilt {
            row.did = format!(
                "used the existing invoice {invoice_id}, named in the 409's meta (1 request)"
            );
            return row;
        }
        let external_id = body["external_id"].as_str().unwrap_or_default();
        let lookup = Client::new(self.http.clone(), self.policy.clone())
            .with_token_source(error_contract::reqwest::StaticToken("tok_acme".to_owned()));
        let started = Instant::now();
        let found = lookup
            .send::<PartnerErrorCode>(
                lookup
                    .http()
                    .get(invoices)
                    .query(&[("external_id", external_id)]),
            )
            .await;
        row.took += started.elapsed();
        let existing = match found {
            Ok(response) => response
                .json::<Value>()
                .await
                .ok()
                .and_then(|list| list["results"][0]["id"].as_str().map(str::to_owned)),
            Err(_) => None,
        };
        row.did = match existing {
            Some(id) => {
                format!("used the existing invoice {id}, found by external_id (2 requests)")
            }
            None => format!("{}; the lookup by external_id failed", row.did),
        };
        row
    }
}

/// "retried 2× after 31ms, 88ms", "refreshed the token": what the failed attempts led to.
fn describe(attempts: &[FailedAttempt]) -> Vec<String> {
    let delays: Vec<String> = attempts
        .iter()
        .filter_map(|attempt| match attempt.decision {
            Decision::Retry { after } => Some(format!("{}ms", after.as_millis())),
            _ => None,
        })
        .collect();
    let mut did = Vec::new();
    if attempts
        .iter()
        .any(|attempt| attempt.decision == Decision::RefreshCredentialsThenRetry)
    {
        did.push("refreshed the token".to_owned());
    }
    if !delays.is_empty() {
        let cause = attempts
            .first()
            .map_or(String::new(), |first| match first.status {
                Some(status) => format!(" on {}", status.as_u16()),
                None => format!(" ({})", first.class),
            });
        did.push(format!(
            "retried {}×{cause} after {}",
            delays.len(),
            delays.join(", ")
        ));
    }
    did
}

/// A port with nothing listening: bound a moment ago, then released.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map_or(9, |addr| addr.port())
}

fn print_table(rows: &[Row]) {
    let headers = [
        "#",
        "scenario",
        "HTTP",
        "error_code",
        "what the client did",
        "time",
    ];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            [
                (index + 1).to_string(),
                row.scenario.to_owned(),
                row.status.clone(),
                row.error_code.clone(),
                row.did.clone(),
                format!("{} ms", row.took.as_millis()),
            ]
        })
        .collect();
    let mut widths = headers.map(str::len);
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        println!("{}", padded.join(" | ").trim_end());
    };
    line(&headers.map(str::to_owned));
    println!("{}", widths.map(|width| "-".repeat(width)).join("-|-"));
    for row in &cells {
        line(row);
    }
}

/// Keeps the server's 5xx reports (`error_code`, `cause`) to print them under the table.
#[derive(Clone, Default)]
struct ServerLog(Arc<Mutex<Vec<String>>>);

impl ServerLog {
    fn install() -> Self {
        use tracing_subscriber::layer::SubscriberExt as _;

        let log = Self::default();
        // A second install (never in this program) would fail; the tour then prints no log.
        let _ = tracing::subscriber::set_global_default(
            tracing_subscriber::registry().with(log.clone()),
        );
        log
    }

    fn lines(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

/// The fields of one event, as text.
#[derive(Default)]
struct Fields(std::collections::BTreeMap<&'static str, String>);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.insert(field.name(), value.to_owned());
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for ServerLog {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        if *event.metadata().level() != tracing::Level::ERROR {
            return;
        }
        let mut fields = Fields::default();
        event.record(&mut fields);
        // The server's report of a 5xx; the client's own "gave up" events are not the server's.
        if fields.0.get("message").map(String::as_str) != Some("error response") {
            return;
        }
        let get = |name| fields.0.get(name).cloned().unwrap_or_default();
        let line = format!(
            "{} {}: {}",
            get("status_code"),
            get("error_code"),
            get("cause")
        );
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(line);
    }
}
