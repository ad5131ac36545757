//! [`RetryAfter`]: the `Retry-After` header, as RFC 9110 §10.2.3 defines it.

use std::time::{Duration, SystemTime};

use http::HeaderMap;
use http::header::RETRY_AFTER;

/// A parsed `Retry-After` value: a delay in seconds or a point in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RetryAfter {
    /// `Retry-After: 120`.
    Delay(Duration),
    /// `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT` (or the RFC 850 and asctime forms).
    At(SystemTime),
}

impl RetryAfter {
    /// Parses a header value: ASCII digits (saturating at `u64::MAX` seconds) or an HTTP-date
    /// in any of the three RFC 9110 forms. Anything else (`"+5"`, `"-5"`, `"1.5"`, `"soon"`,
    /// `""`) is `None`, so a malformed header is ignored rather than obeyed.
    ///
    /// ```
    /// use std::time::Duration;
    /// use error_contract::RetryAfter;
    ///
    /// assert_eq!(RetryAfter::parse("7"), Some(RetryAfter::Delay(Duration::from_secs(7))));
    /// assert!(matches!(RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT"), Some(RetryAfter::At(_))));
    /// assert_eq!(RetryAfter::parse("1.5"), None);
    /// ```
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim_matches([' ', '\t']);
        if value.is_empty() {
            return None;
        }
        if value.bytes().all(|byte| byte.is_ascii_digit()) {
            let seconds = value.bytes().fold(0_u64, |seconds, digit| {
                seconds
                    .saturating_mul(10)
                    .saturating_add(u64::from(digit - b'0'))
            });
            return Some(Self::Delay(Duration::from_secs(seconds)));
        }
        httpdate::parse_http_date(value).ok().map(Self::At)
    }

    /// The first `Retry-After` header of `headers`, if it is present and valid.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        Self::parse(headers.get(RETRY_AFTER)?.to_str().ok()?)
    }

    /// The wait this value asks for, counted from `now`; a date in the past is zero.
    pub fn delay_from(self, now: SystemTime) -> Duration {
        match self {
            Self::Delay(delay) => delay,
            Self::At(at) => at.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }

    /// The wait this value asks for, counted from the system clock.
    pub fn delay(self) -> Duration {
        self.delay_from(SystemTime::now())
    }
}
