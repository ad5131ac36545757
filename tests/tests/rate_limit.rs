//! Rate limits: `RateLimit::from_headers` on every form it reads and on hostile values,
//! `ErrorResponse::rate_limit`, and the reqwest client's pacing against a real rate-limited
//! server on 127.0.0.1.

#[path = "support/reqwest.rs"]
mod support;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::any;
use error_contract::reqwest::{Client, ClientError};
use error_contract::{
    CommonError, CommonErrorCode, ErrorResponse, RateLimit, RetryClass, RetryPolicy, Retryable,
};
use error_contract_tests::capture::Capture;

use support::{Canned, canned, envelope, fast_policy};

/// Every test of the client ends within this, whatever happens.
const BOUND: Duration = Duration::from_secs(5);

/// A header map of `(name, raw value)` pairs, in order (a repeated name adds a line).
fn headers(fields: Fields<'_>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in fields {
        let name = http::HeaderName::from_bytes(name.as_bytes()).unwrap();
        headers.append(name, HeaderValue::from_bytes(value).unwrap());
    }
    headers
}

/// Header fields as `(name, raw value)`.
type Fields<'a> = &'a [(&'a str, &'a [u8])];

/// A row of a parsing table: what it shows, the fields, what they read as.
type Case = (&'static str, Fields<'static>, Option<Row<'static>>);

fn parse(fields: Fields<'_>) -> Option<RateLimit> {
    RateLimit::from_headers(&headers(fields))
}

/// `(remaining, limit, reset in seconds, window in seconds, policy)`.
type Row<'a> = (
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<&'a str>,
);

fn row(quota: &RateLimit) -> Row<'_> {
    let seconds = |duration: Option<Duration>| duration.map(|duration| duration.as_secs());
    (
        quota.remaining,
        quota.limit,
        seconds(quota.reset),
        seconds(quota.window),
        quota.policy.as_deref(),
    )
}

fn secs(seconds: u64) -> Option<Duration> {
    Some(Duration::from_secs(seconds))
}

#[test]
fn every_form_reads_into_the_same_fields() {
    let table: &[Case] = &[
        (
            "the current draft, with its policy",
            &[
                ("ratelimit-policy", br#""default";q=100;w=60"#),
                ("ratelimit", br#""default";r=0;t=30"#),
            ],
            Some((Some(0), Some(100), Some(30), Some(60), Some("default"))),
        ),
        (
            "the current draft without a policy field",
            &[("ratelimit", br#""default";r=50;t=30"#)],
            Some((Some(50), None, Some(30), None, Some("default"))),
        ),
        (
            "a token as the policy name (draft -08), and no t",
            &[("ratelimit", b"default;r=999;pk=:dHJpYWwxMjEzMjM=:")],
            Some((Some(999), None, None, None, Some("default"))),
        ),
        (
            "the policy of the same name, among several",
            &[
                (
                    "ratelimit-policy",
                    br#""hour";q=1000;w=3600, "day";q=5000;w=86400"#,
                ),
                ("ratelimit", br#""day";r=100;t=36000"#),
            ],
            Some((Some(100), Some(5000), Some(36000), Some(86400), Some("day"))),
        ),
        (
            "a policy of another name gives no limit",
            &[
                ("ratelimit-policy", br#""other";q=10;w=1"#),
                ("ratelimit", br#""default";r=1;t=7"#),
            ],
            Some((Some(1), None, Some(7), None, Some("default"))),
        ),
        (
            "several quotas: the one with fewest left binds",
            &[("ratelimit", br#""day";r=40;t=36000, "burst";r=0;t=2"#)],
            Some((Some(0), None, Some(2), None, Some("burst"))),
        ),
        (
            "several quotas used up: the longest reset binds",
            &[("ratelimit", br#""burst";r=0;t=2, "day";r=0;t=600"#)],
            Some((Some(0), None, Some(600), None, Some("day"))),
        ),
        (
            "a list split over two lines",
            &[
                ("ratelimit", br#""day";r=40;t=36000"#),
                ("ratelimit", br#""burst";r=3;t=2"#),
            ],
            Some((Some(3), None, Some(2), None, Some("burst"))),
        ),
        (
            "a comma and escapes inside a quoted name",
            &[("ratelimit", br#""a,\"b\"";r=4;t=5"#)],
            Some((Some(4), None, Some(5), None, Some(r#"a,"b""#))),
        ),
        (
            "an item without r is skipped",
            &[("ratelimit", br#""a";t=5, "b";r=9;t=1"#)],
            Some((Some(9), None, Some(1), None, Some("b"))),
        ),
        (
            "a repeated parameter: the last wins",
            &[("ratelimit", br#""a";r=9;r=2;t=1"#)],
            Some((Some(2), None, Some(1), None, Some("a"))),
        ),
        (
            "draft -07: a dictionary, with the policy of its limit",
            &[
                ("ratelimit-policy", b"10;w=1, 100;w=60"),
                ("ratelimit", b"limit=100, remaining=0, reset=30"),
            ],
            Some((Some(0), Some(100), Some(30), Some(60), None)),
        ),
        (
            "drafts -00 to -06: three fields",
            &[
                ("ratelimit-limit", b"100"),
                ("ratelimit-remaining", b"0"),
                ("ratelimit-reset", b"30"),
            ],
            Some((Some(0), Some(100), Some(30), None, None)),
        ),
        (
            "draft -03: the policies after the limit",
            &[
                ("ratelimit-limit", b"50, 10;w=1, 50;w=60"),
                ("ratelimit-remaining", b"7"),
                ("ratelimit-reset", b"12"),
            ],
            Some((Some(7), Some(50), Some(12), Some(60), None)),
        ),
        (
            "draft -06: the policies in their own field",
            &[
                ("ratelimit-limit", b"10"),
                ("ratelimit-remaining", b"1"),
                ("ratelimit-reset", b"1"),
                ("ratelimit-policy", b"10;w=1, 50;w=60"),
            ],
            Some((Some(1), Some(10), Some(1), Some(1), None)),
        ),
        (
            "the X- headers",
            &[
                ("x-ratelimit-limit", b"60"),
                ("x-ratelimit-remaining", b"0"),
                ("x-ratelimit-reset", b"45"),
            ],
            Some((Some(0), Some(60), Some(45), None, None)),
        ),
        (
            "X-RateLimit-Remaining alone",
            &[("x-ratelimit-remaining", b" 12 ")],
            Some((Some(12), None, None, None, None)),
        ),
        (
            "the current draft wins over the X- headers",
            &[
                ("x-ratelimit-remaining", b"500"),
                ("ratelimit", br#""default";r=1;t=2"#),
            ],
            Some((Some(1), None, Some(2), None, Some("default"))),
        ),
        (
            "forms are not mixed: the older draft wins whole over X-",
            &[
                ("ratelimit-remaining", b"3"),
                ("x-ratelimit-limit", b"60"),
                ("x-ratelimit-reset", b"45"),
            ],
            Some((Some(3), None, None, None, None)),
        ),
        (
            "a policy alone",
            &[("ratelimit-policy", br#""default";q=100;w=60"#)],
            Some((None, Some(100), None, Some(60), Some("default"))),
        ),
        (
            "draft -07's policy alone",
            &[("ratelimit-policy", b"100;w=10")],
            Some((None, Some(100), None, Some(10), None)),
        ),
        (
            "no rate-limit header",
            &[("content-type", b"text/html")],
            None,
        ),
        ("nothing at all", &[], None),
    ];
    for (case, fields, expected) in table {
        let quota = parse(fields);
        assert_eq!(quota.as_ref().map(row), *expected, "{case}");
    }
}

#[test]
fn hostile_values_saturate_or_are_ignored() {
    const FORTY: &[u8] = b"9999999999999999999999999999999999999999";
    let table: &[Case] = &[
        (
            "-1 is not a count",
            &[("x-ratelimit-remaining", b"-1")],
            None,
        ),
        ("1e9 is not a reset", &[("x-ratelimit-reset", b"1e9")], None),
        (
            "garbage beside a valid field costs only itself",
            &[
                ("x-ratelimit-limit", b"lots"),
                ("x-ratelimit-remaining", b"+5"),
                ("x-ratelimit-reset", b"7"),
            ],
            Some((None, None, Some(7), None, None)),
        ),
        (
            "a negative r skips its item",
            &[("ratelimit", br#""a";r=-1;t=5"#)],
            None,
        ),
        (
            "a 40-digit count saturates",
            &[
                ("x-ratelimit-limit", FORTY),
                ("x-ratelimit-remaining", FORTY),
            ],
            Some((Some(u64::MAX), Some(u64::MAX), None, None, None)),
        ),
        (
            "40-digit draft numbers saturate",
            &[("ratelimit", br#""a";r=9999999999999999999999999999999999999999;t=9999999999999999999999999999999999999999"#)],
            Some((Some(u64::MAX), None, Some(u64::MAX), None, Some("a"))),
        ),
        (
            "a zero window is none",
            &[("ratelimit-policy", br#""a";q=5;w=0"#)],
            Some((None, Some(5), None, None, Some("a"))),
        ),
        (
            "non-UTF-8 bytes in a value are ignored",
            &[("x-ratelimit-remaining", b"\xff\xfe"), ("x-ratelimit-reset", b"3")],
            Some((None, None, Some(3), None, None)),
        ),
        (
            "a non-ASCII policy name is dropped, its numbers kept",
            &[("ratelimit", b"\"d\xe9faut\";r=2;t=3")],
            Some((Some(2), None, Some(3), None, None)),
        ),
        (
            "an unterminated quote runs to the end of the field",
            &[("ratelimit", br#""a";r=0;t=1;x="open, "b";r=1;t=1"#)],
            Some((Some(0), None, Some(1), None, Some("a"))),
        ),
        (
            "an empty value",
            &[("ratelimit", b""), ("x-ratelimit-reset", b"")],
            None,
        ),
        (
            "commas only",
            &[("ratelimit", b",,,, ,")],
            None,
        ),
    ];
    for (case, fields, expected) in table {
        let quota = parse(fields);
        assert_eq!(quota.as_ref().map(row), *expected, "{case}");
    }
}

#[test]
fn a_policy_name_longer_than_128_bytes_is_dropped() {
    let long = format!(r#""{}";r=1;t=1"#, "a".repeat(129));
    let quota = parse(&[("ratelimit", long.as_bytes())]).unwrap();
    assert_eq!((quota.remaining, quota.policy), (Some(1), None));
    let fits = format!(r#""{}";r=1;t=1"#, "a".repeat(128));
    let quota = parse(&[("ratelimit", fits.as_bytes())]).unwrap();
    assert_eq!(quota.policy.map(|policy| policy.len()), Some(128));
}

#[test]
fn ten_thousand_list_members_are_read_up_to_the_bound() {
    // The binding quota is the 10 000th member: past the 64 read, so it is never seen.
    let mut value = r#""spare";r=5;t=1, "#.repeat(9_999);
    value.push_str(r#""binding";r=0;t=9"#);
    let started = Instant::now();
    let quota = parse(&[("ratelimit", value.as_bytes())]).unwrap();
    assert_eq!(quota.remaining, Some(5));
    assert_eq!(quota.policy.as_deref(), Some("spare"));
    // 10 000 parameters on one member, and 10 000 policies: bounded too.
    let params = format!(r#""a";{}r=3;t=1"#, "x=1;".repeat(10_000));
    assert_eq!(parse(&[("ratelimit", params.as_bytes())]), None);
    let policies = r#""p";q=1;w=1, "#.repeat(10_000);
    assert!(parse(&[("ratelimit-policy", policies.as_bytes())]).is_some());
    // 10 000 lines of one field.
    let mut many = HeaderMap::new();
    for _ in 0..10_000 {
        many.append("x-ratelimit-remaining", HeaderValue::from_static("1"));
    }
    assert_eq!(RateLimit::from_headers(&many).unwrap().remaining, Some(1));
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn parameters_past_the_32nd_are_not_read() {
    let within = format!(r#""a";{}r=3"#, "x=1;".repeat(30));
    assert_eq!(
        parse(&[("ratelimit", within.as_bytes())])
            .unwrap()
            .remaining,
        Some(3)
    );
    let beyond = format!(r#""a";{}r=3"#, "x=1;".repeat(40));
    assert_eq!(parse(&[("ratelimit", beyond.as_bytes())]), None);
}

#[test]
fn a_unix_timestamp_reset_is_measured_against_the_date_header() {
    let date = b"Thu, 01 Jan 2026 00:00:00 GMT";
    // 2026-01-01T00:00:00Z is 1767225600.
    let quota = parse(&[
        ("date", date),
        ("x-ratelimit-remaining", b"0"),
        ("x-ratelimit-reset", b"1767225630"),
    ])
    .unwrap();
    assert_eq!(quota.reset, secs(30));
    assert_eq!(quota.wait(), secs(30));
    // The older drafts' field too, with a fraction.
    let quota = parse(&[
        ("date", date),
        ("ratelimit-remaining", b"0"),
        ("ratelimit-reset", b"1767225630.5"),
    ])
    .unwrap();
    assert_eq!(quota.reset, Some(Duration::from_millis(30_500)));
    // A time before the Date: the quota has reset already.
    let quota = parse(&[
        ("date", date),
        ("x-ratelimit-remaining", b"0"),
        ("x-ratelimit-reset", b"1767225000"),
    ])
    .unwrap();
    assert_eq!(quota.reset, Some(Duration::ZERO));
    assert_eq!(quota.wait(), None);
    // Just below the threshold: seconds, whatever the Date.
    let quota = parse(&[("date", date), ("x-ratelimit-reset", b"999999999")]).unwrap();
    assert_eq!(quota.reset, secs(999_999_999));
    // The draft's own fields are always seconds.
    let quota = parse(&[("date", date), ("ratelimit", br#""a";r=0;t=1767225630"#)]).unwrap();
    assert_eq!(quota.reset, secs(1_767_225_630));
    let quota = parse(&[
        ("date", date),
        ("ratelimit", b"remaining=0, reset=1767225630"),
    ])
    .unwrap();
    assert_eq!(quota.reset, secs(1_767_225_630));
}

#[test]
fn a_unix_timestamp_reset_without_a_date_is_measured_against_the_local_clock() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    let at = (now + Duration::from_secs(90)).as_secs().to_string();
    let quota = parse(&[
        ("x-ratelimit-remaining", b"0"),
        ("x-ratelimit-reset", at.as_bytes()),
    ])
    .unwrap();
    let reset = quota.reset.unwrap();
    assert!(
        reset > Duration::from_secs(85) && reset <= Duration::from_secs(90),
        "{reset:?}"
    );
    // An invalid Date is no Date.
    let quota = parse(&[("date", b"yesterday"), ("x-ratelimit-reset", at.as_bytes())]).unwrap();
    assert!(quota.reset.unwrap() > Duration::from_secs(85));
    // A 40-digit timestamp saturates: far in the future, no overflow.
    let quota = parse(&[(
        "x-ratelimit-reset",
        b"9999999999999999999999999999999999999999",
    )])
    .unwrap();
    assert!(quota.reset.unwrap() > Duration::from_secs(u64::MAX / 2));
}

#[test]
fn wait_is_the_reset_of_a_used_up_quota_only() {
    let wait = |fields: Fields<'_>| parse(fields).unwrap().wait();
    assert_eq!(wait(&[("ratelimit", br#""a";r=0;t=4"#)]), secs(4));
    assert_eq!(wait(&[("ratelimit", br#""a";r=1;t=4"#)]), None);
    assert_eq!(wait(&[("ratelimit", br#""a";r=0"#)]), None);
    assert_eq!(wait(&[("ratelimit", br#""a";r=0;t=0"#)]), None);
    assert!(
        parse(&[("ratelimit", br#""a";r=0;t=4"#)])
            .unwrap()
            .is_exhausted()
    );
}

#[test]
fn an_error_response_keeps_its_rate_limit() {
    let fields = headers(&[
        ("content-type", b"application/json"),
        ("retry-after", b"5"),
        ("ratelimit-policy", br#""default";q=100;w=60"#),
        ("ratelimit", br#""default";r=0;t=30"#),
    ]);
    let body = br#"{"error":"Too many requests","error_code":"rate_limited","details":{}}"#;
    let response =
        ErrorResponse::<CommonErrorCode>::from_parts(StatusCode::TOO_MANY_REQUESTS, &fields, body);
    let quota = response.rate_limit().unwrap();
    assert_eq!(quota, RateLimit::from_headers(&fields).unwrap());
    assert_eq!(
        row(&quota),
        (Some(0), Some(100), Some(30), Some(60), Some("default"))
    );
    // Retry-After wins for the retry.
    assert_eq!(response.retry_after(), secs(5));
    assert_eq!(response.retry_class(), RetryClass::Throttled);

    // The X- form on a proxy's HTML page, and no rate limit at all.
    let fields = headers(&[("x-ratelimit-remaining", b"0"), ("x-ratelimit-reset", b"2")]);
    let page = ErrorResponse::<CommonErrorCode>::from_parts(
        StatusCode::TOO_MANY_REQUESTS,
        &fields,
        b"<html>slow down</html>",
    );
    assert_eq!(page.rate_limit().unwrap().wait(), secs(2));
    let plain = ErrorResponse::<CommonErrorCode>::from_parts(
        StatusCode::BAD_GATEWAY,
        &HeaderMap::new(),
        b"",
    );
    assert_eq!(plain.rate_limit(), None);
}

// The client's pacing, against a server that enforces a quota.

/// When a request arrived, and the status it was answered with.
type Arrival = (Instant, StatusCode);

/// What the server answers, given the arrivals before and the time now.
type Answer = dyn Fn(&[Arrival], Instant) -> Canned + Send + Sync;

/// A server on 127.0.0.1 that records when each request arrived and what it answered.
#[derive(Clone)]
struct Timed {
    arrivals: Arc<Mutex<Vec<Arrival>>>,
    answer: Arc<Answer>,
}

impl Timed {
    fn new(answer: impl Fn(&[Arrival], Instant) -> Canned + Send + Sync + 'static) -> Self {
        Self {
            arrivals: Arc::default(),
            answer: Arc::new(answer),
        }
    }

    /// Answers the scripted responses in order, the last one repeating.
    fn script(answers: Vec<Canned>) -> Self {
        Self::new(move |before, _| answers[before.len().min(answers.len() - 1)].clone())
    }

    /// One request per second: a request within a second of the last one served is refused
    /// with a 429; every 200 says the quota is used up for the next second.
    fn one_per_second() -> Self {
        Self::new(|before, now| {
            let last_served = before
                .iter()
                .rev()
                .find(|(_, status)| *status == StatusCode::OK);
            match last_served {
                Some((at, _)) if now.duration_since(*at) < Duration::from_secs(1) => {
                    let mut refused = envelope(CommonError::RateLimited);
                    refused.headers_mut().insert(
                        "ratelimit",
                        HeaderValue::from_static(r#""default";r=0;t=1"#),
                    );
                    refused
                }
                _ => exhausted(r#""default";r=0;t=1"#),
            }
        })
    }

    /// The gaps between consecutive arrivals.
    fn gaps(&self) -> Vec<Duration> {
        let arrivals = self.arrivals.lock().unwrap();
        arrivals
            .windows(2)
            .map(|pair| pair[1].0.duration_since(pair[0].0))
            .collect()
    }

    fn statuses(&self) -> Vec<StatusCode> {
        let arrivals = self.arrivals.lock().unwrap();
        arrivals.iter().map(|(_, status)| *status).collect()
    }

    async fn serve(&self) -> SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new()
            .route("/{*path}", any(timed_answer))
            .with_state(self.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        addr
    }
}

async fn timed_answer(State(server): State<Timed>) -> Response {
    let now = Instant::now();
    let mut arrivals = server.arrivals.lock().unwrap();
    let canned = (server.answer)(&arrivals, now);
    arrivals.push((now, canned.status()));
    canned.map(axum::body::Body::from)
}

/// A 200 with `RateLimit: {quota}`.
fn exhausted(quota: &'static str) -> Canned {
    let mut response = canned(StatusCode::OK, "application/json", "{}");
    response
        .headers_mut()
        .insert("ratelimit", HeaderValue::from_static(quota));
    response.headers_mut().insert(
        "ratelimit-policy",
        HeaderValue::from_static(r#""default";q=1;w=1"#),
    );
    response
}

async fn get(
    client: &Client,
    addr: SocketAddr,
) -> Result<reqwest::Response, ClientError<CommonErrorCode>> {
    let send = client.send(client.http().get(format!("http://{addr}/v1/invoices/")));
    tokio::time::timeout(BOUND, send)
        .await
        .expect("within the test's bound")
}

fn pacing(policy: RetryPolicy) -> Client {
    Client::new(reqwest::Client::new(), policy).with_rate_limit_pacing()
}

#[tokio::test]
async fn a_pacing_client_waits_out_a_used_up_quota_and_earns_no_429() {
    let server = Timed::one_per_second();
    let addr = server.serve().await;
    let client = pacing(fast_policy());
    assert_eq!(get(&client, addr).await.unwrap().status(), StatusCode::OK);
    assert_eq!(get(&client, addr).await.unwrap().status(), StatusCode::OK);
    assert_eq!(server.statuses(), [StatusCode::OK, StatusCode::OK]);
    let gaps = server.gaps();
    assert!(gaps[0] >= Duration::from_secs(1), "{gaps:?}");
    assert!(gaps[0] < Duration::from_millis(2500), "{gaps:?}");
}

#[tokio::test]
async fn without_pacing_the_next_request_goes_at_once_and_earns_a_429() {
    let server = Timed::one_per_second();
    let addr = server.serve().await;
    let client = Client::new(reqwest::Client::new(), fast_policy().max_retries(0));
    assert_eq!(get(&client, addr).await.unwrap().status(), StatusCode::OK);
    let error = get(&client, addr).await.unwrap_err();
    assert_eq!(error.code(), Some(CommonErrorCode::RateLimited));
    assert_eq!(
        server.statuses(),
        [StatusCode::OK, StatusCode::TOO_MANY_REQUESTS]
    );
    let gaps = server.gaps();
    assert!(gaps[0] < Duration::from_millis(500), "{gaps:?}");
}

#[tokio::test]
async fn clones_share_the_quota_they_saw() {
    let server = Timed::one_per_second();
    let addr = server.serve().await;
    let client = pacing(fast_policy());
    let clone = client.clone();
    get(&client, addr).await.unwrap();
    get(&clone, addr).await.unwrap();
    assert_eq!(server.statuses(), [StatusCode::OK, StatusCode::OK]);
    assert!(server.gaps()[0] >= Duration::from_secs(1));
}

#[tokio::test]
async fn a_used_up_quota_on_an_error_is_waited_out_before_the_retry() {
    let mut failed = envelope(CommonError::InternalError);
    failed
        .headers_mut()
        .insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
    failed
        .headers_mut()
        .insert("x-ratelimit-reset", HeaderValue::from_static("1"));
    let server = Timed::script(vec![
        failed,
        canned(StatusCode::OK, "application/json", "{}"),
    ]);
    let addr = server.serve().await;
    let client = pacing(fast_policy());
    assert_eq!(get(&client, addr).await.unwrap().status(), StatusCode::OK);
    let gaps = server.gaps();
    assert!(gaps[0] >= Duration::from_secs(1), "{gaps:?}");
}

#[tokio::test]
async fn retry_after_wins_over_the_quota_reset() {
    // A 429 asking for 1 s, with a quota that says 3 s; then 200s without rate limits.
    let mut refused = envelope(CommonError::RateLimited);
    let headers = refused.headers_mut();
    headers.insert("retry-after", HeaderValue::from_static("1"));
    headers.insert(
        "ratelimit",
        HeaderValue::from_static(r#""default";r=0;t=3"#),
    );
    let ok = canned(StatusCode::OK, "application/json", "{}");
    let server = Timed::script(vec![refused, ok]);
    let addr = server.serve().await;
    let client = pacing(fast_policy());
    assert_eq!(get(&client, addr).await.unwrap().status(), StatusCode::OK);
    // The next request has nothing left to wait for.
    assert_eq!(get(&client, addr).await.unwrap().status(), StatusCode::OK);
    let gaps = server.gaps();
    assert!(gaps[0] >= Duration::from_secs(1), "{gaps:?}");
    assert!(gaps[0] < Duration::from_millis(2500), "{gaps:?}");
    assert!(gaps[1] < Duration::from_millis(500), "{gaps:?}");
}

#[tokio::test]
async fn the_wait_is_at_most_the_policys_max_retry_after() {
    let server = Timed::script(vec![exhausted(r#""default";r=0;t=30"#)]);
    let addr = server.serve().await;
    let client = pacing(fast_policy().max_retry_after(Duration::from_millis(300)));
    get(&client, addr).await.unwrap();
    get(&client, addr).await.unwrap();
    let gaps = server.gaps();
    assert!(gaps[0] >= Duration::from_millis(300), "{gaps:?}");
    assert!(gaps[0] < Duration::from_millis(1500), "{gaps:?}");
}

#[tokio::test]
async fn a_wait_that_would_reach_the_deadline_is_not_made() {
    let server = Timed::script(vec![exhausted(r#""default";r=0;t=2"#)]);
    let addr = server.serve().await;
    let client = pacing(fast_policy().deadline(Duration::from_millis(500)));
    get(&client, addr).await.unwrap();
    get(&client, addr).await.unwrap();
    let gaps = server.gaps();
    assert!(gaps[0] < Duration::from_millis(400), "{gaps:?}");
}

#[tokio::test]
async fn a_quota_with_requests_left_clears_the_wait() {
    let server = Timed::script(vec![
        exhausted(r#""default";r=0;t=30"#),
        exhausted(r#""default";r=5;t=30"#),
    ]);
    let addr = server.serve().await;
    // The first wait is cut to 200 ms; the quota then has requests left: no more waits.
    let client = pacing(fast_policy().max_retry_after(Duration::from_millis(200)));
    for _ in 0..3 {
        get(&client, addr).await.unwrap();
    }
    let gaps = server.gaps();
    assert!(gaps[0] >= Duration::from_millis(200), "{gaps:?}");
    assert!(gaps[1] < Duration::from_millis(150), "{gaps:?}");
}

#[tokio::test]
async fn each_wait_is_logged_at_debug() {
    let (capture, _guard) = Capture::install();
    let server = Timed::script(vec![exhausted(r#""default";r=0;t=30"#)]);
    let addr = server.serve().await;
    let client = pacing(fast_policy().max_retry_after(Duration::from_millis(100)));
    get(&client, addr).await.unwrap();
    get(&client, addr).await.unwrap();
    let waits: Vec<_> = capture
        .ours()
        .into_iter()
        .filter(|event| event.field("message") == Some("waiting for the rate limit quota to reset"))
        .collect();
    assert_eq!(waits.len(), 1, "{waits:#?}");
    let wait = &waits[0];
    assert_eq!(wait.level, tracing::Level::DEBUG);
    assert_eq!(wait.field("wait_ms"), Some("100"));
    assert_eq!(wait.field("policy"), Some("default"));
    assert_eq!(wait.field("server.address"), Some("127.0.0.1"));
}
