//! [`RetryAfter`]: the `Retry-After` header, as RFC 9110 §10.2.3 defines it.

use std::time::{Duration, SystemTime};

use http::HeaderMap;
use http::header::{DATE, RETRY_AFTER};

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

    /// The `Retry-After` of a response, with a date measured against the response's own
    /// `Date` header when it has one: `Retry-After: <date>` then means the delay between the
    /// two on the server's clock, whatever the client's clock says (the two may be minutes
    /// or hours apart). Without a valid `Date`, a date is kept for the local clock.
    ///
    /// ```
    /// use std::time::Duration;
    /// use error_contract::RetryAfter;
    /// use error_contract::http::HeaderMap;
    ///
    /// // A server whose clock is an hour ahead of ours asks for 5 seconds.
    /// let mut headers = HeaderMap::new();
    /// headers.insert("date", "Wed, 02 Dec 2026 11:00:00 GMT".parse().unwrap());
    /// headers.insert("retry-after", "Wed, 02 Dec 2026 11:00:05 GMT".parse().unwrap());
    /// assert_eq!(
    ///     RetryAfter::from_response_headers(&headers),
    ///     Some(RetryAfter::Delay(Duration::from_secs(5))),
    /// );
    /// ```
    pub fn from_response_headers(headers: &HeaderMap) -> Option<Self> {
        let after = Self::from_headers(headers)?;
        let Self::At(at) = after else {
            return Some(after);
        };
        let sent = headers
            .get(DATE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| httpdate::parse_http_date(value).ok());
        Some(match sent {
            Some(sent) => Self::Delay(at.duration_since(sent).unwrap_or(Duration::ZERO)),
            None => after,
        })
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
