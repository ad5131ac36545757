//! The checks of the `client_path` fuzz target, in a file of their own so that
//! `tests/tests/fuzz_seeds.rs` runs every committed seed through them in a normal test run.
//! The input format and the invariants are described in `client_path.rs`.

use std::time::{Duration, SystemTime};

use error_contract::{CommonErrorCode, ErrorResponse, RetryAfter, Retryable};
use http::header::{HeaderName, HeaderValue, RETRY_AFTER};
use http::{HeaderMap, StatusCode};

type Response = ErrorResponse<CommonErrorCode>;

/// The names a header byte chooses from (`byte % NAMES.len()`). Keep the order: seeds use it.
const NAMES: [&str; 8] = [
    "retry-after",
    "ratelimit",
    "ratelimit-policy",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "content-type",
    "retry-after",
];

/// The most headers one input sets.
const MAX_HEADERS: u8 = 8;

/// Splits `data` into status, headers and body; `None` if it is shorter than 3 bytes. Also
/// returns the first `Retry-After` value that made it into the map.
fn parse(data: &[u8]) -> Option<(StatusCode, HeaderMap, Option<HeaderValue>, &[u8])> {
    let ([hi, lo, count], mut rest) = data.split_first_chunk::<3>().map(|(a, b)| (*a, b))?;
    let status = StatusCode::from_u16(100 + u16::from_be_bytes([hi, lo]) % 900)
        .expect("100..=999 is a valid status");
    let mut headers = HeaderMap::new();
    let mut first_retry_after = None;
    for _ in 0..count % (MAX_HEADERS + 1) {
        let Some(([name, len], tail)) = rest.split_first_chunk::<2>().map(|(a, b)| (*a, b)) else {
            break;
        };
        let (value, tail) = tail.split_at(usize::from(len).min(tail.len()));
        rest = tail;
        let name = HeaderName::from_static(NAMES[usize::from(name) % NAMES.len()]);
        let Ok(value) = HeaderValue::from_bytes(value) else {
            continue;
        };
        if name == RETRY_AFTER && first_retry_after.is_none() {
            first_retry_after = Some(value.clone());
        }
        headers.append(name, value);
    }
    Some((status, headers, first_retry_after, rest))
}

/// `Some(seconds)` if `value` is a delay-seconds value: ASCII digits, optionally between
/// spaces and tabs, saturating at `u64::MAX`. Written independently of the runtime's parser.
fn delay_seconds(value: &[u8]) -> Option<u64> {
    let is_blank = |byte: &u8| *byte == b' ' || *byte == b'\t';
    let start = value.iter().position(|byte| !is_blank(byte))?;
    let end = value.iter().rposition(|byte| !is_blank(byte))? + 1;
    let digits = &value[start..end];
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut seconds: u128 = 0;
    for digit in digits {
        seconds = (seconds * 10 + u128::from(digit - b'0')).min(u128::from(u64::MAX) + 1);
    }
    Some(u64::try_from(seconds).unwrap_or(u64::MAX))
}

/// Runs `data` through the client path and checks every invariant; panics on a violation.
pub fn check(data: &[u8]) {
    let Some((status, headers, first_retry_after, body)) = parse(data) else {
        return;
    };
    let response = Response::from_parts(status, &headers, body);

    // The status is kept exactly, the message is never blank.
    assert_eq!(response.status(), status);
    assert!(!response.message().trim().is_empty());

    // A typed code only with a raw one; a raw one is never empty.
    let error_code = response.error_code();
    if response.code().is_some() {
        assert!(error_code.is_some(), "code() without error_code()");
    }
    if let Some(code) = error_code {
        assert!(!code.is_empty());
        assert!(response.envelope().is_some());
    }
    if response.envelope().is_none() {
        assert!(response.details().is_empty());
        assert_eq!(error_code, None);
    }

    // Display: `{message} ({error_code})`, or `{message} (HTTP {status})`.
    let shown = response.to_string();
    let suffix = match error_code {
        Some(code) => format!(" ({code})"),
        None => format!(" (HTTP {})", status.as_u16()),
    };
    assert_eq!(shown, format!("{}{suffix}", response.message()));

    // Details: walk every path and format them.
    let details = response.details();
    let mut messages = 0_usize;
    for (path, list) in details.flatten() {
        messages += list.len() + path.len();
    }
    std::hint::black_box(messages);
    std::hint::black_box(details.to_string());
    let _ = response.retry_class();

    // Headers never change what the body decodes to.
    let bare = Response::from_parts(status, &HeaderMap::new(), body);
    assert_eq!(bare.envelope(), response.envelope());
    assert_eq!(bare.code(), response.code());
    assert_eq!(bare.message(), response.message());
    assert_eq!(bare.retry_class(), response.retry_class());
    assert_eq!(bare.retry_after_header(), None);

    // Retry-After: the first value in the map, read as seconds or an HTTP-date.
    let header = response.retry_after_header();
    let before = SystemTime::now();
    let after = response.retry_after();
    assert_eq!(header.is_some(), after.is_some());
    let readable = first_retry_after
        .as_ref()
        .filter(|value| value.to_str().is_ok());
    match readable {
        None => assert_eq!(header, None, "Retry-After read from nothing readable"),
        Some(value) => match delay_seconds(value.as_bytes()) {
            Some(seconds) => {
                let delay = Duration::from_secs(seconds);
                assert_eq!(header, Some(RetryAfter::Delay(delay)), "{value:?}");
                assert_eq!(after, Some(delay), "{value:?}");
            }
            None => match header {
                None => {}
                Some(RetryAfter::Delay(delay)) => {
                    panic!("{value:?} is not delay-seconds but read as {delay:?}")
                }
                Some(RetryAfter::At(at)) => {
                    let longest = at.duration_since(before).unwrap_or(Duration::ZERO);
                    assert!(after.expect("header is Some") <= longest, "{value:?}");
                    assert_eq!(RetryAfter::At(at).delay_from(at), Duration::ZERO);
                }
            },
        },
    }
}
