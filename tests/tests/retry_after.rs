//! `Retry-After`: delay seconds, the three HTTP-date forms, invalid values, dates in the
//! past, and how the policy honours them.

#[path = "support/retry.rs"]
mod support;

use std::time::Duration;

use error_contract::{AttemptState, RetryAfter, RetryClass, RetryPolicy, Stop};
use http::{HeaderMap, HeaderValue};

use support::{Failure, HALF, get, millis, retry, rfc_date, secs, stop};

#[test]
fn retry_after_parses_delay_seconds() {
    assert_eq!(RetryAfter::parse("7"), Some(RetryAfter::Delay(secs(7))));
    assert_eq!(
        RetryAfter::parse("0"),
        Some(RetryAfter::Delay(Duration::ZERO))
    );
    assert_eq!(RetryAfter::parse("007"), Some(RetryAfter::Delay(secs(7))));
    assert_eq!(
        RetryAfter::parse(" 120\t"),
        Some(RetryAfter::Delay(secs(120)))
    );
    assert_eq!(
        RetryAfter::parse("18446744073709551615"),
        Some(RetryAfter::Delay(secs(u64::MAX)))
    );
    assert_eq!(
        RetryAfter::parse("99999999999999999999"),
        Some(RetryAfter::Delay(secs(u64::MAX)))
    );
    assert_eq!(
        RetryAfter::parse(&"9".repeat(10_000)),
        Some(RetryAfter::Delay(secs(u64::MAX)))
    );
}

#[test]
fn retry_after_ignores_invalid_forms() {
    for value in [
        "",
        " ",
        "+5",
        "-5",
        "1.5",
        "1e3",
        "0x10",
        "5s",
        "5 5",
        "soon",
        "\u{0661}",
        "７",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 32 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 25:49:37 GMT",
        "Sun, 06 Nov 1969 08:49:37 GMT",
        "2015-10-21T07:28:00Z",
    ] {
        assert_eq!(RetryAfter::parse(value), None, "{value:?}");
    }
    let mut headers = HeaderMap::new();
    assert_eq!(RetryAfter::from_headers(&headers), None);
    headers.insert(
        "retry-after",
        HeaderValue::from_bytes(b"\xff7").expect("opaque bytes are a valid header value"),
    );
    assert_eq!(RetryAfter::from_headers(&headers), None);
    headers.insert("retry-after", HeaderValue::from_static("120"));
    assert_eq!(
        RetryAfter::from_headers(&headers),
        Some(RetryAfter::Delay(secs(120)))
    );
}

#[test]
fn retry_after_accepts_all_three_http_date_forms() {
    let forms = [
        "Sun, 06 Nov 1994 08:49:37 GMT",  // IMF-fixdate
        "Sunday, 06-Nov-94 08:49:37 GMT", // obsolete RFC 850
        "Sun Nov  6 08:49:37 1994",       // obsolete asctime
    ];
    let policy = RetryPolicy::default();
    let throttled = Failure::class(RetryClass::Throttled);
    let thirty_seconds_before = rfc_date() - secs(30);
    for form in forms {
        assert_eq!(
            RetryAfter::parse(form),
            Some(RetryAfter::At(rfc_date())),
            "{form}"
        );
        let failure = throttled.retry_after_header(form, thirty_seconds_before);
        assert_eq!(
            policy.decide(&failure, &get(), &AttemptState::default(), HALF),
            retry(secs(30)),
            "{form}"
        );
        let an_hour_before = throttled.retry_after_header(form, rfc_date() - secs(3600));
        assert_eq!(
            policy.decide(&an_hour_before, &get(), &AttemptState::default(), HALF),
            stop(Stop::RetryAfterTooLong(secs(3600))),
            "{form}"
        );
    }
}

#[test]
fn retry_after_in_the_past_is_no_wait() {
    let past = RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT").expect("an IMF-fixdate parses");
    assert_eq!(past.delay_from(rfc_date() + secs(3600)), Duration::ZERO);
    assert_eq!(
        past.delay(),
        Duration::ZERO,
        "1994 is in the past of the system clock"
    );
    let failure = Failure::class(RetryClass::Throttled)
        .retry_after_header("Sun, 06 Nov 1994 08:49:37 GMT", rfc_date() + secs(1));
    assert_eq!(failure.retry_after, Some(Duration::ZERO));
    assert_eq!(
        RetryPolicy::default().decide(&failure, &get(), &AttemptState::default(), HALF),
        retry(millis(750)),
        "the backoff still applies"
    );
}
