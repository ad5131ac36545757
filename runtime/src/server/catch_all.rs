//! The catch-all's one rule, for every framework: which responses with an error status are
//! replaced, by which [`CommonError`], and what of the replaced response goes to the log.
//!
//! A response is kept when its status is below 400, when it is `application/problem+json`,
//! and when it is JSON whose body is already an envelope (an object with a string `error`
//! and a string `error_code`); any other is replaced by [`CommonError::for_status`], with
//! its status and the headers a client acts on kept.

use std::borrow::Cow;

use http::StatusCode;
use http::header::{ALLOW, HeaderName, RETRY_AFTER, WWW_AUTHENTICATE};

use super::rejection::Rejection;
use super::rejection::media_type;
use crate::{CommonError, ErrorFormat};

/// The most of a streamed body read to tell an envelope from anything else; a body whose
/// size is known is read whole (it is in memory already).
pub(crate) const PEEK_LIMIT: usize = 64 * 1024;

/// The most of a replaced body the log shows.
const LOGGED_TEXT: usize = 512;

/// The headers of a replaced response that the replacement keeps: they tell the client
/// which methods to use, when to come back and how to authenticate.
pub(crate) const KEPT_HEADERS: [HeaderName; 3] = [ALLOW, RETRY_AFTER, WWW_AUTHENTICATE];

/// Whether a response is kept without reading its body: a status below 400, or a problem
/// document (RFC 9457).
pub(crate) fn kept_unread(status: StatusCode, content_type: Option<&[u8]>) -> bool {
    status.as_u16() < 400 || content_type.is_some_and(media_type::is_problem_json)
}

/// How much of a body to read: all of a body whose size is known (up to 4 MiB: it is in
/// memory already), else [`PEEK_LIMIT`].
pub(crate) fn read_limit(exact_size: Option<u64>) -> usize {
    exact_size.map_or(PEEK_LIMIT, |size| {
        usize::try_from(size).map_or(usize::MAX, |size| size.min(4 * 1024 * 1024))
    })
}

/// How the catch-all treats the responses it sees: a router's or an app's settings.
///
/// ```
/// use error_contract::CatchAll;
/// use error_contract::http::StatusCode;
///
/// // Validation failures answer 422 rather than the Standard Error Response guide's 400.
/// let catch_all = CatchAll::new().validation_status(StatusCode::UNPROCESSABLE_ENTITY);
/// assert_eq!(catch_all.validation_status_code(), StatusCode::UNPROCESSABLE_ENTITY);
/// ```
///
/// Install it with `ApiRouterExt::with_error_contract_using` (axum) or
/// `error_contract::actix::catch_all_using` (actix-web).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatchAll {
    validation_status: StatusCode,
    error_format: ErrorFormat,
}

impl CatchAll {
    /// The defaults: validation failures answer 400, as the Standard Error Response guide
    /// says.
    pub const fn new() -> Self {
        Self {
            validation_status: StatusCode::BAD_REQUEST,
            error_format: ErrorFormat::Envelope,
        }
    }

    /// The status of every `validation_error` response (the extractors' and your own
    /// `CommonError::ValidationError`): 400 by default; 422 (`UNPROCESSABLE_ENTITY`) for APIs
    /// that use it. A status that is not a 4xx is ignored: the default stays.
    #[must_use]
    pub fn validation_status(mut self, status: StatusCode) -> Self {
        if status.is_client_error() {
            self.validation_status = status;
        }
        self
    }

    /// The status validation failures answer with.
    pub const fn validation_status_code(self) -> StatusCode {
        self.validation_status
    }

    /// The form of every error response: the envelope (the default), RFC 9457 problem
    /// documents, or by each request's `Accept`. axum's `with_error_contract_using` applies
    /// it to the whole router; with actix-web, wrap the app in
    /// `error_contract::actix::error_format` too.
    #[must_use]
    pub const fn error_format(mut self, format: ErrorFormat) -> Self {
        self.error_format = format;
        self
    }

    /// The form of error responses, as [`error_format`](Self::error_format) set it.
    pub const fn format(self) -> ErrorFormat {
        self.error_format
    }
}

impl Default for CatchAll {
    fn default() -> Self {
        Self::new()
    }
}

/// What the catch-all does with one response.
pub(crate) enum Verdict {
    /// Send it as it is.
    Keep,
    /// An envelope already, to be sent under another status (a validation failure under the
    /// status the router chose).
    Restatus(StatusCode),
    /// Answer this instead; its cause tells the log what was replaced.
    Replace(Rejection),
}

impl CatchAll {
    /// What to do with a response of `status` and `content_type` whose body (read up to the
    /// limit; `None` when it was longer or could not be read) is `body`.
    pub(crate) fn verdict(
        self,
        status: StatusCode,
        content_type: Option<&[u8]>,
        body: Option<&[u8]>,
    ) -> Verdict {
        let Some(error) = CommonError::for_status(status) else {
            return Verdict::Keep;
        };
        if let Some(media_type) = content_type {
            if media_type::is_problem_json(media_type) {
                return Verdict::Keep;
            }
            if media_type::is_json(media_type)
                && let Some(code) = body.and_then(envelope_code)
            {
                let validation = code == "validation_error"
                    && status == StatusCode::BAD_REQUEST
                    && self.validation_status != status;
                return if validation {
                    Verdict::Restatus(self.validation_status)
                } else {
                    Verdict::Keep
                };
            }
        }
        let shown = content_type.map_or(Cow::Borrowed("no Content-Type"), String::from_utf8_lossy);
        let text = match body {
            Some([]) => Cow::Borrowed("an empty body"),
            Some(body) => Cow::Owned(format!("{:?}", withhold_quoted(body))),
            None => Cow::Borrowed("a body too long to show"),
        };
        let cause = format!(
            "replaced a {} response ({shown}) with {text}",
            status.as_u16()
        );
        Verdict::Replace(Rejection::new(error, cause))
    }
}

/// The `error_code` of `body` if it is an envelope: a JSON object with a string `error` and
/// a string `error_code`.
fn envelope_code(body: &[u8]) -> Option<Cow<'_, str>> {
    #[derive(serde::Deserialize)]
    struct Envelope<'a> {
        #[serde(borrow)]
        #[allow(dead_code, reason = "read to check it is a string")]
        error: Cow<'a, str>,
        #[serde(borrow)]
        error_code: Cow<'a, str>,
    }
    serde_json::from_slice::<Envelope<'_>>(body)
        .ok()
        .map(|envelope| envelope.error_code)
}

/// The start of `body` as text for the log, with what is between double quotes or backticks
/// withheld: frameworks quote the rejected value there (`invalid type: string "…"`,
/// ``Cannot parse `…` ``), and a rejected value never reaches the log.
fn withhold_quoted(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(LOGGED_TEXT)]);
    let mut shown = String::with_capacity(text.len());
    let mut open: Option<char> = None;
    for character in text.chars() {
        match open {
            Some(quote) if character == quote => {
                shown.push('…');
                shown.push(quote);
                open = None;
            }
            Some(_) => {}
            None => {
                shown.push(character);
                if matches!(character, '"' | '`') {
                    open = Some(character);
                }
            }
        }
    }
    if open.is_some() {
        shown.push('…');
    }
    if body.len() > LOGGED_TEXT {
        shown.push_str(" (cut)");
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(
        catch_all: CatchAll,
        status: u16,
        content_type: Option<&str>,
        body: &str,
    ) -> Verdict {
        catch_all.verdict(
            StatusCode::from_u16(status).unwrap(),
            content_type.map(str::as_bytes),
            Some(body.as_bytes()),
        )
    }

    fn replaced(status: u16, content_type: Option<&str>, body: &str) -> Option<Rejection> {
        match verdict(CatchAll::new(), status, content_type, body) {
            Verdict::Replace(rejection) => Some(rejection),
            Verdict::Keep | Verdict::Restatus(_) => None,
        }
    }

    #[test]
    fn validation_failures_take_the_status_the_router_chose() {
        let validation = r#"{"error":"Invalid.","error_code":"validation_error","details":{}}"#;
        let json = Some("application/json");
        let unprocessable = CatchAll::new().validation_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(matches!(
            verdict(unprocessable, 400, json, validation),
            Verdict::Restatus(StatusCode::UNPROCESSABLE_ENTITY)
        ));
        assert!(matches!(
            verdict(CatchAll::new(), 400, json, validation),
            Verdict::Keep
        ));
        // Only validation failures, and a status that is not a 4xx is not taken.
        let not_found = r#"{"error":"Not found.","error_code":"not_found","details":{}}"#;
        assert!(matches!(
            verdict(unprocessable, 404, json, not_found),
            Verdict::Keep
        ));
        let ignored = CatchAll::new().validation_status(StatusCode::OK);
        assert_eq!(ignored.validation_status_code(), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn envelopes_problems_and_successes_are_kept() {
        let envelope = r#"{"error":"Not found.","error_code":"not_found","details":{}}"#;
        assert!(replaced(404, Some("application/json"), envelope).is_none());
        assert!(replaced(404, Some("application/problem+json"), "{}").is_none());
        assert!(replaced(200, None, "hello").is_none());
        assert!(replaced(302, Some("text/html"), "<a>").is_none());
    }

    #[test]
    fn anything_else_with_an_error_status_is_replaced() {
        let cases = [
            (
                422,
                Some("text/plain"),
                "Failed to deserialize form body",
                "unprocessable_entity",
            ),
            (
                400,
                Some("application/json"),
                r#"{"message":"bad"}"#,
                "bad_request",
            ),
            (409, None, "", "conflict"),
            (412, None, "", "client_error"),
            (501, Some("text/html"), "<h1>no</h1>", "server_error"),
            (
                504,
                Some("application/json"),
                r#"{"error":5,"error_code":"x"}"#,
                "gateway_timeout",
            ),
        ];
        for (status, content_type, body, code) in cases {
            let rejection = replaced(status, content_type, body).expect("replaced");
            assert_eq!(
                crate::ApiError::error_code(rejection.error()),
                code,
                "{status} {body}"
            );
        }
    }

    #[test]
    fn the_log_never_gets_a_quoted_value() {
        let body = "Failed to deserialize the JSON body into the target type: password: invalid \
                    type: string \"hunter2\", expected u32; Cannot parse `tok_live_9` to a `u64`";
        let rejection = replaced(422, Some("text/plain; charset=utf-8"), body).unwrap();
        let cause = rejection.cause();
        assert!(
            !cause.contains("hunter2") && !cause.contains("tok_live_9"),
            "{cause}"
        );
        assert!(cause.starts_with("replaced a 422 response (text/plain; charset=utf-8) with"));
        assert!(cause.contains(r#"string \"…\", expected u32"#), "{cause}");
        // An unclosed quote withholds the rest.
        assert_eq!(withhold_quoted(b"value \"secret"), "value \"…");
        assert!(withhold_quoted(&[b'a'; 600]).ends_with(" (cut)"));
    }
}
