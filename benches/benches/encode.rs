//! `serialize` and `response`: a derived error's JSON body and axum response against the
//! hand-written baseline and the peers, on three errors.
//!
//! The errors, each a bench parameter:
//! - `unit`: a unit variant with a static message (`404 not_found`, "Not found.");
//! - `formatted`: a message formatted from one field (`404 invoice_not_found`,
//!   "Invoice `inv_42` not found");
//! - `validation`: the guide's validation example (`400 validation_error`, two fields);
//! - `meta` (`serialize` only, error-contract and hand-written only: the peers have no
//!   `meta`): a 409 `duplicate_external_id` formatted from one field, with two `meta` fields.
//!
//! `serialize` measures each implementation twice: `alloc/<error>` returns a new `Vec` per
//! call (error-contract's `ApiError::to_json`, `serde_json::to_vec` by hand, the peers' own
//! allocating calls) and `reused/<error>` appends to one cleared `Vec` (error-contract's
//! `ApiError::write_json`, `serde_json::to_writer` by hand and for the peers). `response`
//! measures `IntoResponse::into_response` of an owned error and the drop of the response, the
//! clone it consumes made outside the timing.
//!
//! error-contract and the hand-written baseline write the same bytes, checked before anything
//! is timed; the peers write their own closest body (RFC 7807 for http-api-problem,
//! `{"message", "extended"}` for api-error), checked to carry the same message, code and field
//! errors.
//!
//! Run with `cargo bench -p error-contract-benches --bench encode`; add `--features tracing`
//! to measure the derived `IntoResponse` with its `tracing` report (no subscriber installed).
//! With `ERROR_CONTRACT_CALLGRIND=<id>:<n>` the binary runs one routine `n` times instead, for
//! `benches/instructions.sh` to count its instructions under callgrind.

use std::borrow::Cow;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use axum::response::{IntoResponse, Response};
use criterion::measurement::WallTime;
use criterion::{BatchSize, BenchmarkGroup, BenchmarkId, Criterion};
use error_contract::{ApiError as _, CommonErrorCode, Details, ErrorResponse};
use error_contract_benches::hand_written_server::{self as hand, Fields};
use error_contract_benches::invoice_error::{CURRENCY, EMAIL, InvoiceError, InvoiceErrorCode};
use error_contract_benches::{
    DUPLICATE_BODY, GUIDE_VALIDATION_BODY, INVOICE_NOT_FOUND_BODY, NOT_FOUND_BODY, hand_written,
};
use http::{HeaderMap, StatusCode};
use http_api_problem::HttpApiProblem;
use serde_json::{Value, json};

/// The bench parameters, one per error.
const ERRORS: [&str; 3] = ["unit", "formatted", "validation"];

/// The error with `meta`, measured by `serialize` against the hand-written baseline only.
const META: &str = "meta";

fn guide_fields() -> Fields {
    Fields::from([
        ("email".to_owned(), vec![EMAIL.to_owned()]),
        ("currency".to_owned(), vec![CURRENCY.to_owned()]),
    ])
}

fn our_error(which: &str) -> InvoiceError {
    match which {
        "unit" => InvoiceError::NotFound,
        META => InvoiceError::DuplicateExternalId {
            external_id: "ext-1".to_owned(),
            invoice_id: "inv_0001".to_owned(),
        },
        "formatted" => InvoiceError::InvoiceNotFound("inv_42".to_owned()),
        _ => InvoiceError::ValidationError(
            Details::new()
                .with("email", EMAIL)
                .with("currency", CURRENCY),
        ),
    }
}

fn hand_error(which: &str) -> hand::Error {
    match which {
        "unit" => hand::Error::NotFound,
        META => hand::Error::DuplicateExternalId {
            external_id: "ext-1".to_owned(),
            invoice_id: "inv_0001".to_owned(),
        },
        "formatted" => hand::Error::InvoiceNotFound("inv_42".to_owned()),
        _ => hand::Error::Validation(guide_fields()),
    }
}

fn peer_error(which: &str) -> PeerError {
    match which {
        "unit" => PeerError::NotFound,
        "formatted" => PeerError::InvoiceNotFound("inv_42".to_owned()),
        _ => PeerError::Validation(guide_fields()),
    }
}

/// The body error-contract and the hand-written baseline must both write.
fn expected_body(which: &str) -> &'static [u8] {
    match which {
        "unit" => NOT_FOUND_BODY,
        "formatted" => INVOICE_NOT_FOUND_BODY,
        META => DUPLICATE_BODY,
        _ => GUIDE_VALIDATION_BODY,
    }
}

/// The same three errors for the peers, which bring their own traits and bodies.
#[derive(Debug, Clone, thiserror::Error)]
enum PeerError {
    #[error("no such route")]
    NotFound,
    #[error("invoice {0} not found")]
    InvoiceNotFound(String),
    #[error("validation failed")]
    Validation(Fields),
}

impl PeerError {
    fn status(&self) -> StatusCode {
        match self {
            Self::NotFound | Self::InvoiceNotFound(_) => StatusCode::NOT_FOUND,
            Self::Validation(_) => StatusCode::BAD_REQUEST,
        }
    }

    fn error_code(&self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::InvoiceNotFound(_) => "invoice_not_found",
            Self::Validation(_) => "validation_error",
        }
    }

    fn text(&self) -> Cow<'_, str> {
        match self {
            Self::NotFound => Cow::Borrowed("Not found."),
            Self::InvoiceNotFound(id) => Cow::Owned(format!("Invoice {id} not found")),
            Self::Validation(_) => Cow::Borrowed("Validation errors in request data"),
        }
    }

    /// http-api-problem's body: RFC 7807 `status` and `title`, the code and the field errors
    /// as extension members (no `details` member when there are none, as RFC 7807 omits
    /// absent members).
    fn problem(&self) -> HttpApiProblem {
        let problem = HttpApiProblem::new(self.status())
            .title(self.text())
            .value("error_code", &self.error_code());
        match self {
            Self::Validation(fields) => problem.value("details", fields),
            Self::NotFound | Self::InvoiceNotFound(_) => problem,
        }
    }
}

/// api-error's trait, written by hand: its derive cannot override `extended`, the only place
/// for the code and the field errors (`{"message": …, "extended": {"error_code", "details"}}`).
impl api_error::ApiError for PeerError {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    fn message(&self) -> Cow<'_, str> {
        self.text()
    }

    fn extended(&self) -> Option<Value> {
        Some(match self {
            Self::Validation(fields) => {
                json!({ "error_code": self.error_code(), "details": fields })
            }
            Self::NotFound | Self::InvoiceNotFound(_) => json!({ "error_code": self.error_code() }),
        })
    }
}

/// http-api-problem's axum response: `HttpApiProblem::into_response`.
struct ViaProblem(PeerError);

impl IntoResponse for ViaProblem {
    fn into_response(self) -> Response {
        self.0.problem().into_response()
    }
}

/// api-error's axum response: what its derived `IntoResponse` calls when no custom responder
/// is registered.
struct ViaApiError(PeerError);

impl IntoResponse for ViaApiError {
    fn into_response(self) -> Response {
        api_error::axum::default_error_responder(&self.0)
    }
}

fn api_error_body(error: &PeerError) -> api_error::axum::ApiErrorResponse<'_> {
    api_error::axum::ApiErrorResponse::new(error)
}

/// Checks that a peer's body carries the message, the code and the field errors.
fn check_peer_body(name: &str, which: &str, body: &[u8]) {
    let body: Value = serde_json::from_slice(body).expect("a peer writes JSON");
    let expected: Value = serde_json::from_slice(expected_body(which)).expect("valid JSON");
    let details = &expected["details"];
    let (message, code, sent_details) = match name {
        "http_api_problem" => {
            assert_eq!(
                body["status"],
                our_error(which).status().as_u16(),
                "{name} {which}"
            );
            (&body["title"], &body["error_code"], body.get("details"))
        }
        _ => (
            &body["message"],
            &body["extended"]["error_code"],
            body["extended"].get("details"),
        ),
    };
    assert_eq!(message, &expected["error"], "{name} {which}");
    assert_eq!(code, &expected["error_code"], "{name} {which}");
    let empty = json!({});
    assert_eq!(sent_details.unwrap_or(&empty), details, "{name} {which}");
}

/// error-contract and the hand-written baseline write `which`'s body.
fn check_ours_and_hand(which: &str) {
    let expected = expected_body(which);
    let ours = our_error(which);
    assert_eq!(ours.to_json(), expected, "error_contract to_json {which}");
    let mut out = Vec::new();
    ours.write_json(&mut out);
    assert_eq!(out, expected, "error_contract write_json {which}");
    let hand = hand_error(which);
    assert_eq!(hand.to_json(), expected, "hand_written to_vec {which}");
    out.clear();
    hand.write_json(&mut out);
    assert_eq!(out, expected, "hand_written to_writer {which}");
}

/// Every implementation writes the body it should before anything is timed.
fn check_serialize() {
    check_ours_and_hand(META);
    for which in ERRORS {
        let expected = expected_body(which);
        let ours = our_error(which);
        assert_eq!(ours.to_json(), expected, "error_contract to_json {which}");
        let mut out = Vec::new();
        ours.write_json(&mut out);
        assert_eq!(out, expected, "error_contract write_json {which}");
        out.clear();
        ours.envelope().write_json(&mut out);
        assert_eq!(
            out, expected,
            "error_contract envelope().write_json {which}"
        );

        let hand = hand_error(which);
        assert_eq!(hand.to_json(), expected, "hand_written to_vec {which}");
        out.clear();
        hand.write_json(&mut out);
        assert_eq!(out, expected, "hand_written to_writer {which}");

        let peer = peer_error(which);
        let problem = peer.problem().json_bytes();
        check_peer_body("http_api_problem", which, &problem);
        out.clear();
        serde_json::to_writer(&mut out, &peer.problem()).expect("writes");
        assert_eq!(
            serde_json::from_slice::<Value>(&out).expect("JSON"),
            serde_json::from_slice::<Value>(&problem).expect("JSON"),
        );
        let api = serde_json::to_vec(&api_error_body(&peer)).expect("writes");
        check_peer_body("api_error", which, &api);
        out.clear();
        serde_json::to_writer(&mut out, &api_error_body(&peer)).expect("writes");
        assert_eq!(out, api);
    }
}

fn serialize(r: &mut impl Runner) {
    check_serialize();
    let mut out = Vec::with_capacity(1024);
    for which in [META].into_iter().chain(ERRORS) {
        let ours = our_error(which);
        let hand = hand_error(which);
        let alloc = format!("alloc/{which}");
        let reused = format!("reused/{which}");

        r.run("error_contract", &alloc, || black_box(&ours).to_json());
        r.run("error_contract", &reused, || {
            out.clear();
            black_box(&ours).write_json(&mut out);
            out.len()
        });

        r.run("hand_written", &alloc, || black_box(&hand).to_json());
        r.run("hand_written", &reused, || {
            out.clear();
            black_box(&hand).write_json(&mut out);
            out.len()
        });

        if which == META {
            continue; // the peers have no `meta`
        }
        let peer = peer_error(which);
        r.run("http_api_problem", &alloc, || {
            black_box(&peer).problem().json_bytes()
        });
        r.run("http_api_problem", &reused, || {
            out.clear();
            serde_json::to_writer(&mut out, &black_box(&peer).problem()).expect("writes");
            out.len()
        });

        r.run("api_error", &alloc, || {
            serde_json::to_vec(&api_error_body(black_box(&peer))).expect("writes")
        });
        r.run("api_error", &reused, || {
            out.clear();
            serde_json::to_writer(&mut out, &api_error_body(black_box(&peer))).expect("writes");
            out.len()
        });
    }
}

/// The status, `Content-Type` and body of a response whose body is already in memory.
fn parts(response: Response) -> (StatusCode, String, Vec<u8>) {
    let (parts, body) = response.into_parts();
    let content_type = parts.headers[http::header::CONTENT_TYPE]
        .to_str()
        .expect("ASCII")
        .to_owned();
    let mut collect = pin!(axum::body::to_bytes(body, usize::MAX));
    let Poll::Ready(bytes) = collect
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    else {
        panic!("an in-memory body is ready at once");
    };
    (
        parts.status,
        content_type,
        bytes.expect("in memory").to_vec(),
    )
}

/// Every implementation answers as it should before anything is timed.
fn check_response() {
    for which in ERRORS {
        let status = our_error(which).status();
        let expected = (
            status,
            "application/json".to_owned(),
            expected_body(which).to_vec(),
        );
        assert_eq!(
            parts(our_error(which).into_response()),
            expected,
            "error_contract {which}"
        );
        assert_eq!(
            parts(hand_error(which).into_response()),
            expected,
            "hand_written {which}"
        );

        let (got, content_type, body) = parts(ViaProblem(peer_error(which)).into_response());
        assert_eq!(
            (got, content_type.as_str()),
            (status, "application/problem+json")
        );
        check_peer_body("http_api_problem", which, &body);
        let (got, content_type, body) = parts(ViaApiError(peer_error(which)).into_response());
        assert_eq!((got, content_type.as_str()), (status, "application/json"));
        check_peer_body("api_error", which, &body);
    }
    let expected = (
        StatusCode::CONFLICT,
        "application/json".to_owned(),
        DUPLICATE_BODY.to_vec(),
    );
    assert_eq!(
        parts(our_error(META).into_response()),
        expected,
        "error_contract meta"
    );
    assert_eq!(
        parts(hand_error(META).into_response()),
        expected,
        "hand_written meta"
    );
}

/// Each routine builds the response and drops it, as a server does once it is sent; the
/// owned error it consumes is cloned outside the timing.
fn response(r: &mut impl Runner) {
    check_response();
    for which in ERRORS {
        let ours = our_error(which);
        let hand = hand_error(which);
        let peer = peer_error(which);
        r.run_batched(
            "error_contract",
            which,
            || ours.clone(),
            |error| {
                drop(error.into_response());
            },
        );
        r.run_batched(
            "hand_written",
            which,
            || hand.clone(),
            |error| {
                drop(error.into_response());
            },
        );
        r.run_batched(
            "http_api_problem",
            which,
            || ViaProblem(peer.clone()),
            |error| {
                drop(error.into_response());
            },
        );
        r.run_batched(
            "api_error",
            which,
            || ViaApiError(peer.clone()),
            |error| {
                drop(error.into_response());
            },
        );
    }
    // `meta` against the hand-written baseline only: the peers have no `meta`.
    let (ours, hand) = (our_error(META), hand_error(META));
    r.run_batched(
        "error_contract",
        META,
        || ours.clone(),
        |error| drop(error.into_response()),
    );
    r.run_batched(
        "hand_written",
        META,
        || hand.clone(),
        |error| drop(error.into_response()),
    );
}

/// The `decode` bench's routines, for instruction counts only (`decode.rs` times them).
fn decode(r: &mut impl Runner) {
    let headers = HeaderMap::new();
    r.run("error_contract", "validation", || {
        ErrorResponse::<CommonErrorCode>::from_parts(
            black_box(StatusCode::BAD_REQUEST),
            black_box(&headers),
            black_box(GUIDE_VALIDATION_BODY),
        )
    });
    r.run("hand_written", "validation", || {
        hand_written::decode(black_box(GUIDE_VALIDATION_BODY))
    });
    r.run("error_contract", META, || {
        ErrorResponse::<InvoiceErrorCode>::from_parts(
            black_box(StatusCode::CONFLICT),
            black_box(&headers),
            black_box(DUPLICATE_BODY),
        )
    });
    r.run("hand_written", META, || {
        hand_written::decode_meta(black_box(DUPLICATE_BODY))
    });
}

/// Where a bench routine runs: under criterion, or alone under callgrind.
trait Runner {
    /// Runs `routine` repeatedly as `function/parameter` of the current group.
    fn run<O>(&mut self, function: &str, parameter: &str, routine: impl FnMut() -> O);

    /// Runs `routine` on a fresh `setup()` each time, `setup` untimed.
    fn run_batched<I, O>(
        &mut self,
        function: &str,
        parameter: &str,
        setup: impl FnMut() -> I,
        routine: impl FnMut(I) -> O,
    );
}

impl Runner for BenchmarkGroup<'_, WallTime> {
    fn run<O>(&mut self, function: &str, parameter: &str, mut routine: impl FnMut() -> O) {
        self.bench_function(BenchmarkId::new(function, parameter), |b| {
            b.iter(&mut routine);
        });
    }

    fn run_batched<I, O>(
        &mut self,
        function: &str,
        parameter: &str,
        mut setup: impl FnMut() -> I,
        mut routine: impl FnMut(I) -> O,
    ) {
        self.bench_function(BenchmarkId::new(function, parameter), |b| {
            b.iter_batched(&mut setup, &mut routine, BatchSize::SmallInput);
        });
    }
}

/// Runs the one routine whose id is `target`, `iterations` times, each call inside
/// [`measured`], so that `valgrind --tool=callgrind --toggle-collect='*measured*'` counts the
/// instructions of the routine alone (see `benches/instructions.sh`).
struct Callgrind {
    group: &'static str,
    target: String,
    iterations: u64,
    found: bool,
}

impl Callgrind {
    fn matches(&mut self, function: &str, parameter: &str) -> bool {
        let id = if parameter.is_empty() {
            format!("{}/{function}", self.group)
        } else {
            format!("{}/{function}/{parameter}", self.group)
        };
        let matches = id == self.target;
        self.found |= matches;
        matches
    }
}

impl Runner for Callgrind {
    fn run<O>(&mut self, function: &str, parameter: &str, mut routine: impl FnMut() -> O) {
        if self.matches(function, parameter) {
            for _ in 0..self.iterations {
                measured(&mut |()| routine(), ());
            }
        }
    }

    fn run_batched<I, O>(
        &mut self,
        function: &str,
        parameter: &str,
        mut setup: impl FnMut() -> I,
        mut routine: impl FnMut(I) -> O,
    ) {
        if self.matches(function, parameter) {
            for _ in 0..self.iterations {
                let input = black_box(setup());
                measured(&mut routine, input);
            }
        }
    }
}

/// One call of a routine, its output dropped inside: the span callgrind counts.
#[inline(never)]
fn measured<I, O>(routine: &mut impl FnMut(I) -> O, input: I) {
    drop(black_box(routine(black_box(input))));
}

/// `ERROR_CONTRACT_CALLGRIND=<id>[:<iterations>]` runs one routine for callgrind; otherwise
/// criterion runs the `serialize` and `response` groups with its usual arguments.
fn main() {
    if let Ok(spec) = std::env::var("ERROR_CONTRACT_CALLGRIND") {
        let (target, iterations) = match spec.split_once(':') {
            Some((target, n)) => (target, n.parse().expect("iterations: a number")),
            None => (spec.as_str(), 1000),
        };
        let mut runner = Callgrind {
            group: "serialize",
            target: target.to_owned(),
            iterations,
            found: false,
        };
        serialize(&mut runner);
        runner.group = "response";
        response(&mut runner);
        runner.group = "decode";
        decode(&mut runner);
        assert!(runner.found, "no bench routine is called {target}");
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("serialize");
    serialize(&mut group);
    group.finish();
    let mut group = criterion.benchmark_group("response");
    response(&mut group);
    group.finish();
    criterion.final_summary();
}
