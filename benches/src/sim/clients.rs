//! The clients compared, behind one [`SimClient::get`], each counting the requests it sends
//! (a refused connection included: it never reaches the server).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::Extensions;
use error_contract::reqwest::FailedAttempt;
use error_contract::{CommonErrorCode, RetryClass, RetryPolicy};
use reqwest::{Request, Response};
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware, Middleware, Next};
use reqwest_retry::RetryTransientMiddleware;
use reqwest_retry::policies::ExponentialBackoff;

use super::REQUEST_ID;

/// The requests a client sent, as it counts them.
#[derive(Debug, Default)]
pub struct Sent {
    /// Every attempt, refused connections included.
    pub attempts: AtomicU64,
    /// Attempts whose connection was refused.
    pub refused: AtomicU64,
}

impl Sent {
    fn count(&self, refused: bool) {
        self.attempts.fetch_add(1, Ordering::Relaxed);
        if refused {
            self.refused.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// One of the clients of the table.
pub struct SimClient {
    name: &'static str,
    inner: Inner,
    sent: Arc<Sent>,
}

enum Inner {
    Plain(reqwest::Client),
    Middleware(ClientWithMiddleware),
    Contract(error_contract::reqwest::Client),
}

impl SimClient {
    /// `reqwest::Client::new()`, one attempt a request.
    pub fn no_retries() -> Self {
        Self {
            name: "reqwest, no retries",
            inner: Inner::Plain(reqwest::Client::new()),
            sent: Arc::default(),
        }
    }

    /// reqwest-middleware with reqwest-retry's `RetryTransientMiddleware` and its default
    /// exponential policy: 3 retries, full jitter on 1 s, 2 s, 4 s, no `Retry-After`.
    pub fn reqwest_retry() -> Self {
        let sent = Arc::<Sent>::default();
        let policy = ExponentialBackoff::builder().build_with_max_retries(3);
        let client = ClientBuilder::new(reqwest::Client::new())
            .with(RetryTransientMiddleware::new_with_policy(policy))
            // Inside the retries: it sees each attempt.
            .with(CountAttempts(Arc::clone(&sent)))
            .build();
        Self {
            name: "reqwest-retry 0.9, default exponential",
            inner: Inner::Middleware(client),
            sent,
        }
    }

    /// error-contract's `Client` with the default `RetryPolicy`, made by `make` from the
    /// client (to turn pacing on, or not), under `name`.
    pub fn contract(
        name: &'static str,
        make: impl FnOnce(error_contract::reqwest::Client) -> error_contract::reqwest::Client,
    ) -> Self {
        let sent = Arc::<Sent>::default();
        let observed = Arc::clone(&sent);
        let client =
            error_contract::reqwest::Client::new(reqwest::Client::new(), RetryPolicy::default())
                .on_failed_attempt(move |attempt: &FailedAttempt| {
                    observed
                        .count(attempt.status.is_none() && attempt.class == RetryClass::NotSent);
                });
        Self {
            name,
            inner: Inner::Contract(make(client)),
            sent,
        }
    }

    /// The name in the table.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The requests sent so far.
    pub fn sent(&self) -> &Sent {
        &self.sent
    }

    /// GETs `url` as the logical request `id`, retrying as the client does, and reads the
    /// body of a success; whether it ended in a 2xx.
    pub async fn get(&self, url: &str, id: &str) -> bool {
        match &self.inner {
            Inner::Plain(client) => {
                let result = client.get(url).header(REQUEST_ID, id).send().await;
                self.sent
                    .count(result.as_ref().is_err_and(reqwest::Error::is_connect));
                read_success(result.ok()).await
            }
            Inner::Middleware(client) => {
                let result = client.get(url).header(REQUEST_ID, id).send().await;
                read_success(result.ok()).await
            }
            Inner::Contract(client) => {
                let request = client.http().get(url).header(REQUEST_ID, id);
                match client.send::<CommonErrorCode>(request).await {
                    // The successful attempt; the observer counted the failed ones.
                    Ok(response) => {
                        self.sent.count(false);
                        read_success(Some(response)).await
                    }
                    Err(_) => false,
                }
            }
        }
    }
}

/// Whether `response` is a 2xx whose body was read to its end.
async fn read_success(response: Option<Response>) -> bool {
    match response {
        Some(response) if response.status().is_success() => response.bytes().await.is_ok(),
        // Read an error body too, so the connection goes back to the pool.
        Some(response) => {
            let _ = response.bytes().await;
            false
        }
        None => false,
    }
}

/// A middleware that counts each request going through it.
struct CountAttempts(Arc<Sent>);

/// What `#[async_trait]` writes for `Middleware::handle`, by hand.
impl Middleware for CountAttempts {
    fn handle<'life0, 'life1, 'life2, 'async_trait>(
        &'life0 self,
        request: Request,
        extensions: &'life1 mut Extensions,
        next: Next<'life2>,
    ) -> Pin<Box<dyn Future<Output = reqwest_middleware::Result<Response>> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        'life2: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(async move {
            let result = next.run(request, extensions).await;
            let refused = matches!(&result, Err(reqwest_middleware::Error::Reqwest(error)) if error.is_connect());
            self.0.count(refused);
            result
        })
    }
}
