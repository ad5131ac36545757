//! RFC 9457 (and RFC 7807) problem documents from any server: which of their members stand
//! for the envelope's.
//!
//! A body is a problem document when its `type` or its `title` is a string, and either its
//! `status` member is a number or the response's `Content-Type` is
//! `application/problem+json` (so a Django REST Framework body with a field named `title` or
//! `type`, whose message DRF may send as a bare string, is still field errors). Under that
//! media type, a body is never read as bare field errors. Its message is
//! `detail`, else `title`; its code is the `error_code` member our servers add, else the last
//! path segment of a `type` that names the problem (`…/problems/out-of-credit` gives
//! `out-of-credit`); its field errors are `details`, else the `errors` map ASP.NET Core's
//! `ValidationProblemDetails` sends. The body's own `status` member is never read: the
//! response's status is the one that happened.

use http::HeaderMap;
use http::header::CONTENT_TYPE;

/// Whether the response says its body is a problem document: `Content-Type:
/// application/problem+json`, parameters aside.
pub(crate) fn is_problem_media_type(headers: &HeaderMap) -> bool {
    headers.get(CONTENT_TYPE).is_some_and(|value| {
        let value = value.as_bytes();
        let media_type = value.split(|&byte| byte == b';').next().unwrap_or(value);
        media_type
            .trim_ascii()
            .eq_ignore_ascii_case(b"application/problem+json")
    })
}

/// The longest code read out of a `type`: longer segments are not codes.
const MAX_CODE_LEN: usize = 64;

/// Hosts whose URIs document HTTP itself: a `type` there (ASP.NET Core's
/// `https://tools.ietf.org/html/rfc9110#section-15.5.5`) names a status, not a problem.
const RFC_HOSTS: [&str; 4] = [
    "tools.ietf.org",
    "datatracker.ietf.org",
    "www.rfc-editor.org",
    "rfc-editor.org",
];

/// The code a problem's `type` names: its last path segment, without query or fragment,
/// when that is 1 to 64 bytes of ASCII letters, digits, `_`, `-` and `.`, not all digits;
/// `None` for `about:blank`, a link into an RFC, a status number
/// (`https://httpstatuses.com/404`) and anything else.
pub(crate) fn code_of_type(problem_type: &str) -> Option<&str> {
    if problem_type.eq_ignore_ascii_case("about:blank") {
        return None;
    }
    let end = problem_type.find(['?', '#']).unwrap_or(problem_type.len());
    let mut named = &problem_type[..end];
    if let Some((_, rest)) = named.split_once("://") {
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if RFC_HOSTS.iter().any(|rfc| host.eq_ignore_ascii_case(rfc)) {
            return None;
        }
        // `https://example.com/`: a host alone names no problem.
        named = path;
    }
    let segment = named.trim_end_matches('/').rsplit(['/', ':']).next()?;
    let plausible = (1..=MAX_CODE_LEN).contains(&segment.len())
        && !segment.bytes().all(|byte| byte.is_ascii_digit())
        && segment
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.'));
    plausible.then_some(segment)
}

#[cfg(test)]
mod tests {
    use super::code_of_type;

    #[test]
    fn the_code_is_the_last_segment_of_a_type_that_names_a_problem() {
        let cases = [
            (
                "https://example.com/problems/out-of-credit",
                Some("out-of-credit"),
            ),
            (
                "https://docs.example.com/errors/validation_error",
                Some("validation_error"),
            ),
            (
                "https://docs.example.com/errors/not_found/",
                Some("not_found"),
            ),
            (
                "https://example.com/probs/out-of-credit?lang=en#top",
                Some("out-of-credit"),
            ),
            ("/errors/insufficient_funds", Some("insufficient_funds")),
            ("urn:problem:quota_exceeded", Some("quota_exceeded")),
            ("about:blank", None),
            ("ABOUT:BLANK", None),
            ("https://tools.ietf.org/html/rfc9110#section-15.5.5", None),
            (
                "https://datatracker.ietf.org/doc/html/rfc9110#section-15.6.1",
                None,
            ),
            (
                "https://www.rfc-editor.org/rfc/rfc9110#name-404-not-found",
                None,
            ),
            ("https://example.com", None),
            ("https://httpstatuses.com/404", None),
            ("https://example.com/", None),
            ("", None),
            ("https://example.com/errors/has space", None),
            ("https://example.com/errors/caf\u{e9}", None),
        ];
        for (problem_type, code) in cases {
            assert_eq!(code_of_type(problem_type), code, "{problem_type}");
        }
        let long = format!("https://example.com/{}", "a".repeat(65));
        assert_eq!(code_of_type(&long), None);
        let segments = "/".repeat(100_000);
        assert_eq!(code_of_type(&segments), None);
    }
}
