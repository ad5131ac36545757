//! A [reqwest-middleware](https://docs.rs/reqwest-middleware/0.5) `Middleware` that follows
//! the contract (feature `reqwest-middleware`): [`RetryMiddleware`], the reqwest
//! [`Client`](crate::reqwest::Client)'s retry loop for a `ClientWithMiddleware`.
//!
//! What the [`reqwest`](crate::reqwest) module's table says of the client holds: each error
//! response is classified by the contract's codes (its body read up to the body limit and
//! decoded with [`ErrorResponse::from_parts`](crate::ErrorResponse::from_parts)'s rules),
//! transport errors by [`Retryable for reqwest::Error`](crate::Retryable); the policy's
//! `Retry-After`, method safety and `Idempotency-Key`, `max_retries`, budget and deadline
//! decide; a [`TokenSource`](crate::reqwest::TokenSource) gives `Authorization: Bearer …` and
//! is asked for a fresh token once after a 401; a request whose body cannot be cloned (a
//! stream) is sent once; every attempt, its error body included, is bounded by the policy's
//! [`attempt_limit`](crate::RetryPolicy::attempt_limit), so the middleware returns by the
//! deadline even if the server never answers; the observer and the log events are the
//! client's, and so is the opt-in rate-limit pacing
//! ([`with_rate_limit_pacing`](RetryMiddleware::with_rate_limit_pacing)).
//!
//! # Where it goes in a stack
//!
//! Middleware runs in the order it was added, and each calls the next. Everything added
//! after `RetryMiddleware` runs once per attempt (and sees its `Authorization` and
//! `Idempotency-Key` headers); everything before it runs once per call and sees its final
//! result. So add it after what should see a call once (a cache, a span for the whole
//! operation) and before what should see each attempt (a span or a metric per attempt, a
//! request signer):
//!
//! ```
//! use error_contract::http::Extensions;
//! use error_contract::reqwest_middleware::RetryMiddleware;
//! use error_contract::{CommonErrorCode, RetryPolicy};
//! use reqwest::{Request, Response};
//! use reqwest_middleware::{ClientBuilder, Next, Result};
//! use std::{future::Future, pin::Pin};
//!
//! /// Runs once per attempt: it comes after the retry middleware.
//! fn per_attempt<'a>(
//!     request: Request,
//!     extensions: &'a mut Extensions,
//!     next: Next<'a>,
//! ) -> Pin<Box<dyn Future<Output = Result<Response>> + Send + 'a>> {
//!     println!("sending {} {}", request.method(), request.url().path());
//!     next.run(request, extensions)
//! }
//!
//! let client = ClientBuilder::new(reqwest::Client::new())
//!     .with(RetryMiddleware::<CommonErrorCode>::new(RetryPolicy::default()).with_idempotency_keys())
//!     .with(per_attempt)
//!     .build();
//! # let _ = client;
//! ```
//!
//! Use one retrying layer per stack: with reqwest-retry's `RetryTransientMiddleware` too,
//! each of its attempts would be retried by this one (or the other way round), up to 16
//! requests for the default 4.
//!
//! # What the caller gets
//!
//! | the request | `send().await` |
//! |---|---|
//! | answered below 400 | `Ok(response)`, untouched |
//! | answered 4xx or 5xx, and the policy stopped (or said the resource exists) | `Ok(response)`: the last response, with the body as read, and its [`ClientError<C>`](crate::reqwest::ClientError) in `response.extensions()` |
//! | failed in transit (refused, DNS, reset, reqwest's own timeout) | `Err(Error::Reqwest(error))`, reqwest's last error |
//! | cut by the policy's attempt timeout or deadline, or its token source failed | `Err(Error::Middleware(error))`, where `error.downcast_ref::<ClientError<C>>()` is the client's error |
//! | failed in a middleware after this one | that middleware's error, not retried |
//!
//! An error response stays a response, as it would without this middleware, and its body
//! can still be read: the middleware read it, up to the body limit, to classify it, and
//! hands back a response holding those bytes with the status, headers, extensions and url
//! it came with. A body whose `Content-Length` is over the limit is not read at all and is
//! handed back untouched; one without a length that runs past the limit (or breaks off) is
//! handed back as far as it was read — the limit's first byte past and a chunk at most.
//!
//! The [`ClientError<C>`](crate::reqwest::ClientError) says what the loop made of it: the
//! decoded [`response()`](crate::reqwest::ClientError::response), the attempts made, the
//! last class and the [`stop()`](crate::reqwest::ClientError::stop) or
//! [`is_use_existing()`](crate::reqwest::ClientError::is_use_existing):
//!
//! ```no_run
//! use error_contract::reqwest::ClientError;
//! use error_contract::reqwest_middleware::RetryMiddleware;
//! use error_contract::{CommonErrorCode, RetryPolicy};
//!
//! # async fn run() -> Result<(), reqwest_middleware::Error> {
//! let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
//!     .with(RetryMiddleware::<CommonErrorCode>::new(RetryPolicy::default()))
//!     .build();
//! let response = client.get("http://127.0.0.1:8080/v1/platform/businesses/").send().await?;
//! if let Some(error) = response.extensions().get::<ClientError<CommonErrorCode>>() {
//!     eprintln!("{error}"); // API request gave up after 4 attempts (retries exhausted): …
//! }
//! let body = response.text().await?; // the error body, as the server sent it
//! # let _ = body;
//! # Ok(())
//! # }
//! ```
//!
//! # The middleware or [`Client`](crate::reqwest::Client)
//!
//! `Client` does not take a `ClientWithMiddleware`, and need not: a stack retries with this
//! middleware, which asks the same policy and classifies, reads error bodies, refreshes
//! tokens and bounds attempts with the same code as the client. A `Client` over a stack
//! would be a second loop around whatever the stack does — one retry layer inside another
//! if the stack had one — and would have to build requests with the stack's own
//! `RequestBuilder` rather than the `reqwest::Client` that
//! [`Client::http`](crate::reqwest::Client::http) hands out.
//! What `Client` adds, the typed [`ClientError<C>`](crate::reqwest::ClientError) returned as
//! an `Err`, the middleware puts in the error response's extensions or in its
//! `Error::Middleware`, as the table above says, since a middleware's result is
//! `reqwest_middleware::Result<Response>`. Use `Client` over a plain `reqwest::Client`; use
//! `RetryMiddleware` in a stack.

mod retry;

pub use retry::RetryMiddleware;
