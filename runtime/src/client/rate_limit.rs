//! [`RateLimit`]: the quota a server announces in its response headers, read leniently from
//! the IETF draft's fields (current and older forms) and the common `X-RateLimit-*` ones.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::HeaderMap;
use http::header::DATE;

/// Field lines of one header name that are read; later ones are ignored.
const MAX_FIELD_LINES: usize = 16;
/// List members of one header name that are read, over all its lines (empty ones count).
const MAX_MEMBERS: usize = 64;
/// Parameters of one list member that are read.
const MAX_PARAMETERS: usize = 32;
/// The longest policy name kept, in bytes; a longer one is dropped (its numbers are kept).
const MAX_POLICY_NAME: usize = 128;

/// The quota a server announced on a response: how many requests are left, of how many, and
/// how long until the quota resets.
///
/// Read by [`from_headers`](Self::from_headers) from any response, success or error (an
/// [`ErrorResponse`](crate::ErrorResponse) keeps it: [`rate_limit`]), in the first of these
/// forms that the response uses; forms are never mixed:
///
/// | form | example | fields |
/// |---|---|---|
/// | the IETF draft (draft-ietf-httpapi-ratelimit-headers, from -08) | `RateLimit: "default";r=0;t=30` with `RateLimit-Policy: "default";q=100;w=60` | `r` → `remaining`, `t` → `reset`; the policy item of the same name gives `q` → `limit`, `w` → `window` |
/// | its draft -07 | `RateLimit: limit=100, remaining=0, reset=30` with `RateLimit-Policy: 100;w=60` | `limit`, `remaining`, `reset`; the policy item whose quota is `limit` gives `window` |
/// | its drafts -00 to -06 | `RateLimit-Limit: 100`, `RateLimit-Remaining: 0`, `RateLimit-Reset: 30` (and `RateLimit-Limit: 100, 100;w=60` or `RateLimit-Policy: 100;w=60`) | the first member of each; a member `{limit};w=…` gives `window` |
/// | the common headers (GitHub, many gateways) | `X-RateLimit-Limit: 100`, `X-RateLimit-Remaining: 0`, `X-RateLimit-Reset: 30` | the first member of each |
///
/// A response with only a `RateLimit-Policy` gives its first item's `limit` and `window`.
///
/// The rules of reading, so that a hostile or broken server can never make it panic or cost
/// more than a bounded effort:
///
/// - **several quotas**: of the current draft's `RateLimit` items, the one with the fewest
///   requests left (`r`) is reported, and of those the one with the longest `t`: the quota
///   that binds first;
/// - **numbers** are ASCII digits: a number too large for `u64` (a 40-digit one) saturates
///   at `u64::MAX`; anything else (`-1`, `1e9`, `+5`, `1.5` for a count, `""`, a non-UTF-8
///   byte) is ignored as if absent, and an item without a valid `r` is skipped;
/// - **a reset in seconds or at a time**: `t` and draft -07's `reset` are seconds, as the
///   draft defines them. `RateLimit-Reset` and `X-RateLimit-Reset` are seconds from now
///   below [`TIMESTAMP_THRESHOLD`](Self::TIMESTAMP_THRESHOLD) (10⁹ s, about 31.7 years) and a
///   Unix timestamp from it on (GitHub's form; 10⁹ is 2001-09-09), measured against the
///   response's `Date` header when it has a valid one (the server's clock, as
///   [`RetryAfter::from_response_headers`](crate::RetryAfter::from_response_headers) does
///   for dates), else against the local clock; a time in the past is a reset of zero. Those
///   two also take a fraction (`1.5`, `1700000000.25`, to the nanosecond);
/// - **bounds**: at most 16 lines and 64 list members of each header name, and 32
///   parameters of each member, are read (the rest is ignored); a policy name must be a
///   structured-field string or token of printable ASCII, at most 128 bytes, or it is
///   dropped (its numbers are kept);
/// - **`Retry-After` wins**: this type reports what the quota headers say; when a response
///   has a `Retry-After` too, that header is the one to obey (the draft says so), as the
///   retry policy and the reqwest client's pacing do.
///
/// The draft's quota units (`qu`) and partition keys (`pk`) are not kept: `remaining` and
/// `limit` are in the policy's units, requests by default.
///
/// ```
/// use std::time::Duration;
/// use error_contract::RateLimit;
/// use error_contract::http::HeaderMap;
///
/// let mut headers = HeaderMap::new();
/// headers.insert("ratelimit-policy", r#""default";q=100;w=60"#.parse().unwrap());
/// headers.insert("ratelimit", r#""default";r=0;t=30"#.parse().unwrap());
/// let quota = RateLimit::from_headers(&headers).unwrap();
/// assert_eq!(quota.remaining, Some(0));
/// assert_eq!(quota.limit, Some(100));
/// assert_eq!(quota.reset, Some(Duration::from_secs(30)));
/// assert_eq!(quota.window, Some(Duration::from_secs(60)));
/// assert_eq!(quota.policy.as_deref(), Some("default"));
/// assert_eq!(quota.wait(), Some(Duration::from_secs(30)));
///
/// // GitHub's headers: the reset is a Unix timestamp, here 90 s after the response's `Date`.
/// let mut headers = HeaderMap::new();
/// headers.insert("date", "Thu, 01 Jan 2026 00:00:00 GMT".parse().unwrap());
/// headers.insert("x-ratelimit-limit", "5000".parse().unwrap());
/// headers.insert("x-ratelimit-remaining", "4999".parse().unwrap());
/// headers.insert("x-ratelimit-reset", "1767225690".parse().unwrap());
/// let quota = RateLimit::from_headers(&headers).unwrap();
/// assert_eq!((quota.remaining, quota.limit), (Some(4999), Some(5000)));
/// assert_eq!(quota.reset, Some(Duration::from_secs(90)));
/// assert_eq!(quota.wait(), None); // requests are left
///
/// // Garbage is ignored, never obeyed.
/// let mut headers = HeaderMap::new();
/// headers.insert("x-ratelimit-remaining", "-1".parse().unwrap());
/// headers.insert("x-ratelimit-reset", "1e9".parse().unwrap());
/// assert_eq!(RateLimit::from_headers(&headers), None);
/// ```
///
/// [`rate_limit`]: crate::ErrorResponse::rate_limit
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RateLimit {
    /// Quota units (requests, by default) left before the quota resets.
    pub remaining: Option<u64>,
    /// The quota: units allowed per window.
    pub limit: Option<u64>,
    /// The time from the response until the quota resets (the draft's "effective window").
    pub reset: Option<Duration>,
    /// The length of the policy's window, when the server names one (`w`).
    pub window: Option<Duration>,
    /// The name of the policy reported (the current draft's forms only).
    pub policy: Option<String>,
}

impl RateLimit {
    /// From this many seconds on, `RateLimit-Reset` and `X-RateLimit-Reset` are read as a
    /// Unix timestamp rather than as seconds from now: 10⁹, about 31.7 years as a delay and
    /// 2001-09-09T01:46:40Z as a time, so that no real delay and no current timestamp is on
    /// the wrong side of it.
    ///
    /// ```
    /// use std::time::Duration;
    /// use error_contract::RateLimit;
    /// use error_contract::http::HeaderMap;
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("date", "Sun, 09 Sep 2001 01:46:40 GMT".parse().unwrap());
    /// headers.insert("x-ratelimit-remaining", "0".parse().unwrap());
    /// headers.insert("x-ratelimit-reset", "999999999".parse().unwrap());
    /// let seconds = RateLimit::from_headers(&headers).unwrap().reset;
    /// assert_eq!(seconds, Some(Duration::from_secs(999_999_999)));
    ///
    /// headers.insert("x-ratelimit-reset", RateLimit::TIMESTAMP_THRESHOLD.to_string().parse().unwrap());
    /// let timestamp = RateLimit::from_headers(&headers).unwrap().reset;
    /// assert_eq!(timestamp, Some(Duration::ZERO)); // the very time of the `Date`
    /// ```
    pub const TIMESTAMP_THRESHOLD: u64 = 1_000_000_000;

    /// The quota `headers` announce, by the forms and rules above; `None` when they hold no
    /// valid rate-limit field. Never panics.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        // Most responses have none: one pass over the names, before any lookup.
        if !headers.keys().any(|name| is_rate_limit_name(name.as_str())) {
            return None;
        }
        service_limit(headers)
            .or_else(|| dictionary(headers))
            .or_else(|| three_fields(headers, &LEGACY))
            .or_else(|| three_fields(headers, &X_HEADERS))
            .or_else(|| policy_only(headers))
    }

    /// Whether the quota is used up: no request is left before it resets.
    pub fn is_exhausted(&self) -> bool {
        self.remaining == Some(0)
    }

    /// How long to wait before the next request to stay within the quota: the time until it
    /// resets when it is [exhausted](Self::is_exhausted) and the reset is known and in the
    /// future; otherwise `None`, no wait.
    ///
    /// ```
    /// use std::time::Duration;
    /// use error_contract::RateLimit;
    /// use error_contract::http::HeaderMap;
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("ratelimit", r#""burst";r=0;t=2, "daily";r=40;t=3600"#.parse().unwrap());
    /// let quota = RateLimit::from_headers(&headers).unwrap();
    /// assert_eq!(quota.policy.as_deref(), Some("burst"));
    /// assert_eq!(quota.wait(), Some(Duration::from_secs(2)));
    /// ```
    pub fn wait(&self) -> Option<Duration> {
        if !self.is_exhausted() {
            return None;
        }
        self.reset.filter(|reset| !reset.is_zero())
    }

    /// An empty quota, filled in by the readers below.
    fn empty() -> Self {
        Self {
            remaining: None,
            limit: None,
            reset: None,
            window: None,
            policy: None,
        }
    }

    /// Whether any of the quota's numbers was read.
    fn has_numbers(&self) -> bool {
        self.remaining.is_some() || self.limit.is_some() || self.reset.is_some()
    }
}

/// The names of the fields read: `ratelimit`, `ratelimit-policy`, `ratelimit-limit`,
/// `ratelimit-remaining`, `ratelimit-reset` and the `x-ratelimit-` ones (all lowercase in a
/// `HeaderMap`).
fn is_rate_limit_name(name: &str) -> bool {
    name.starts_with("ratelimit") || name.starts_with("x-ratelimit")
}

/// The names of one of the three-field forms: limit, remaining, reset.
struct ThreeFields {
    limit: &'static str,
    remaining: &'static str,
    reset: &'static str,
    /// Whether `w` parameters (in the limit field or in `RateLimit-Policy`) give the window.
    windows: bool,
}

/// Drafts -00 to -06.
const LEGACY: ThreeFields = ThreeFields {
    limit: "ratelimit-limit",
    remaining: "ratelimit-remaining",
    reset: "ratelimit-reset",
    windows: true,
};

/// GitHub's and many gateways' headers.
const X_HEADERS: ThreeFields = ThreeFields {
    limit: "x-ratelimit-limit",
    remaining: "x-ratelimit-remaining",
    reset: "x-ratelimit-reset",
    windows: false,
};

/// The current draft: `RateLimit: "name";r=…;t=…` items, the one that binds first, with the
/// `RateLimit-Policy` item of the same name.
fn service_limit(headers: &HeaderMap) -> Option<RateLimit> {
    // (remaining, reset, member) of the item that binds first so far.
    let mut best: Option<(u64, Option<Duration>, &[u8])> = None;
    for member in members(headers, "ratelimit") {
        if is_dictionary_member(member) {
            continue;
        }
        let Some(remaining) = param(member, b"r").and_then(integer) else {
            continue;
        };
        let reset = param(member, b"t")
            .and_then(integer)
            .map(Duration::from_secs);
        let binds_first = match best {
            None => true,
            Some((least, longest, _)) => {
                remaining < least || (remaining == least && reset > longest)
            }
        };
        if binds_first {
            best = Some((remaining, reset, member));
        }
    }
    let (remaining, reset, member) = best?;
    let policy = name(bare_item(member));
    let mut quota = RateLimit {
        remaining: Some(remaining),
        reset,
        ..RateLimit::empty()
    };
    if let Some(policy) = &policy
        && let Some(item) = members(headers, "ratelimit-policy")
            .find(|item| name(bare_item(item)).as_ref() == Some(policy))
    {
        quota.limit = param(item, b"q").and_then(integer);
        quota.window = param(item, b"w").and_then(window);
    }
    quota.policy = policy;
    Some(quota)
}

/// Draft -07: `RateLimit: limit=…, remaining=…, reset=…`, a dictionary (the last of a
/// repeated key wins, as in a structured field).
fn dictionary(headers: &HeaderMap) -> Option<RateLimit> {
    let mut quota = RateLimit::empty();
    for member in members(headers, "ratelimit") {
        let Some((key, value)) = split_once(bare_item(member), b'=') else {
            continue;
        };
        let (key, value) = (trim(key), trim(value));
        match key {
            b"limit" => quota.limit = integer(value).or(quota.limit),
            b"remaining" => quota.remaining = integer(value).or(quota.remaining),
            b"reset" => quota.reset = integer(value).map(Duration::from_secs).or(quota.reset),
            _ => {}
        }
    }
    if !quota.has_numbers() {
        return None;
    }
    quota.window = quota
        .limit
        .and_then(|limit| window_of(headers, "ratelimit-policy", limit));
    Some(quota)
}

/// A three-field form: the first member of each field.
fn three_fields(headers: &HeaderMap, names: &ThreeFields) -> Option<RateLimit> {
    let first = |name| members(headers, name).next().map(bare_item);
    let mut quota = RateLimit {
        limit: first(names.limit).and_then(integer),
        remaining: first(names.remaining).and_then(integer),
        reset: first(names.reset)
            .and_then(seconds)
            .map(|reset| until_reset(reset, headers)),
        ..RateLimit::empty()
    };
    if !quota.has_numbers() {
        return None;
    }
    if names.windows
        && let Some(limit) = quota.limit
    {
        quota.window = window_of(headers, names.limit, limit)
            .or_else(|| window_of(headers, "ratelimit-policy", limit));
    }
    Some(quota)
}

/// Only a `RateLimit-Policy`: its first item with a quota, in the current form
/// (`"name";q=…;w=…`) or draft -07's (`100;w=60`).
fn policy_only(headers: &HeaderMap) -> Option<RateLimit> {
    members(headers, "ratelimit-policy").find_map(|item| {
        let bare = bare_item(item);
        let limit = param(item, b"q")
            .and_then(integer)
            .or_else(|| integer(bare))?;
        Some(RateLimit {
            limit: Some(limit),
            window: param(item, b"w").and_then(window),
            policy: name(bare),
            ..RateLimit::empty()
        })
    })
}

/// The window of the policy item `{limit};w=…` among the members of `field`.
fn window_of(headers: &HeaderMap, field: &str, limit: u64) -> Option<Duration> {
    members(headers, field)
        .filter(|item| integer(bare_item(item)) == Some(limit))
        .find_map(|item| param(item, b"w").and_then(window))
}

/// A window `w`: whole seconds, not zero.
fn window(value: &[u8]) -> Option<Duration> {
    integer(value)
        .filter(|seconds| *seconds > 0)
        .map(Duration::from_secs)
}

/// A three-field reset, `value` seconds: from now below the threshold, else a Unix timestamp
/// measured against the response's `Date` (or the local clock).
fn until_reset(value: Duration, headers: &HeaderMap) -> Duration {
    if value.as_secs() < RateLimit::TIMESTAMP_THRESHOLD {
        return value;
    }
    let now = headers
        .get(DATE)
        .and_then(|date| date.to_str().ok())
        .and_then(|date| httpdate::parse_http_date(date).ok())
        .unwrap_or_else(SystemTime::now);
    let since_epoch = now.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    value.saturating_sub(since_epoch)
}

/// The list members of every `name` field line, trimmed, empty ones skipped, within the
/// bounds on lines and members.
fn members<'h>(headers: &'h HeaderMap, name: &str) -> impl Iterator<Item = &'h [u8]> {
    headers
        .get_all(name)
        .iter()
        .take(MAX_FIELD_LINES)
        .flat_map(|line| TopLevel::new(line.as_bytes(), b','))
        .take(MAX_MEMBERS)
        .map(trim)
        .filter(|member| !member.is_empty())
}

/// The item of a member, before its parameters.
fn bare_item(member: &[u8]) -> &[u8] {
    trim(TopLevel::new(member, b';').next().unwrap_or_default())
}

/// Whether `member` is a dictionary member (`key=value`) rather than an item: it does not
/// open with a quoted string and has an `=` before its parameters.
fn is_dictionary_member(member: &[u8]) -> bool {
    let bare = bare_item(member);
    !bare.starts_with(b"\"") && bare.contains(&b'=')
}

/// The value of parameter `key` of `member` (the last one, as in a structured field); a
/// parameter without a value is `?1`, a boolean, which no reader takes.
fn param<'m>(member: &'m [u8], key: &[u8]) -> Option<&'m [u8]> {
    let mut found = None;
    for parameter in TopLevel::new(member, b';').skip(1).take(MAX_PARAMETERS) {
        let (name, value) = split_once(parameter, b'=').unwrap_or((parameter, b"?1"));
        if trim(name) == key {
            found = Some(trim(value));
        }
    }
    found
}

/// A non-negative integer of ASCII digits, saturating at `u64::MAX`; anything else is `None`.
fn integer(value: &[u8]) -> Option<u64> {
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(value.iter().fold(0_u64, |number, digit| {
        number
            .saturating_mul(10)
            .saturating_add(u64::from(digit - b'0'))
    }))
}

/// Seconds: an integer, optionally with a fraction of ASCII digits (nanoseconds kept, the
/// rest ignored).
fn seconds(value: &[u8]) -> Option<Duration> {
    let Some((whole, fraction)) = split_once(value, b'.') else {
        return integer(value).map(Duration::from_secs);
    };
    let whole = integer(whole)?;
    if fraction.is_empty() || !fraction.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let nanos = (0..9).fold(0_u32, |nanos, place| {
        let digit = fraction
            .get(place)
            .map_or(0, |digit| u32::from(digit - b'0'));
        nanos * 10 + digit
    });
    // `nanos` < 10⁹: no carry into the seconds, which cannot overflow.
    Some(Duration::new(whole, nanos))
}

/// A policy name: a structured-field string (`"default"`, escapes `\"` and `\\`) or token
/// (`default`), printable ASCII, at most [`MAX_POLICY_NAME`] bytes.
fn name(bare: &[u8]) -> Option<String> {
    let text = if let Some(quoted) = bare.strip_prefix(b"\"") {
        let inner = quoted.strip_suffix(b"\"")?;
        let mut text = Vec::with_capacity(inner.len().min(MAX_POLICY_NAME));
        let mut bytes = inner.iter();
        while let Some(&byte) = bytes.next() {
            let byte = match byte {
                b'\\' => match bytes.next() {
                    Some(&escaped @ (b'"' | b'\\')) => escaped,
                    _ => return None,
                },
                // An unescaped quote ends a string: this is not one.
                b'"' => return None,
                printable @ b' '..=b'~' => printable,
                _ => return None,
            };
            if text.len() == MAX_POLICY_NAME {
                return None;
            }
            text.push(byte);
        }
        text
    } else {
        let token = bare
            .first()
            .is_some_and(|first| first.is_ascii_alphabetic() || *first == b'*')
            && bare.len() <= MAX_POLICY_NAME
            && bare
                .iter()
                .all(|byte| is_tchar(*byte) || *byte == b':' || *byte == b'/');
        if !token {
            return None;
        }
        bare.to_vec()
    };
    String::from_utf8(text).ok()
}

/// A token character of RFC 9110 §5.6.2.
fn is_tchar(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// `bytes` without leading and trailing spaces and tabs.
fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|byte| !matches!(byte, b' ' | b'\t'))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|byte| !matches!(byte, b' ' | b'\t'))
        .map_or(start, |last| last + 1);
    bytes.get(start..end).unwrap_or_default()
}

/// `bytes` split at the first `separator`, if there is one.
fn split_once(bytes: &[u8], separator: u8) -> Option<(&[u8], &[u8])> {
    let at = bytes.iter().position(|byte| *byte == separator)?;
    let (before, after) = bytes.split_at(at);
    Some((before, after.get(1..).unwrap_or_default()))
}

/// The pieces of `bytes` between `separator`s that are not inside a quoted string (a
/// structured field's list members, or an item's parameters). An unterminated quote runs to
/// the end.
struct TopLevel<'a> {
    rest: Option<&'a [u8]>,
    separator: u8,
}

impl<'a> TopLevel<'a> {
    fn new(bytes: &'a [u8], separator: u8) -> Self {
        Self {
            rest: Some(bytes),
            separator,
        }
    }
}

impl<'a> Iterator for TopLevel<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let rest = self.rest?;
        let (mut quoted, mut escaped) = (false, false);
        for (at, &byte) in rest.iter().enumerate() {
            if escaped {
                escaped = false;
            } else if quoted && byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                quoted = !quoted;
            } else if !quoted && byte == self.separator {
                let (piece, after) = rest.split_at(at);
                self.rest = Some(after.get(1..).unwrap_or_default());
                return Some(piece);
            }
        }
        self.rest = None;
        Some(rest)
    }
}
