//! [`ErrorFormat`]: which of the two forms an error answers in, the envelope or RFC 9457's
//! problem document, and the reading of `Accept` that chooses between them.

use http::HeaderValue;

/// The form of a server's error bodies: the standard envelope (the default), RFC 9457's
/// `application/problem+json`, or whichever the request's `Accept` prefers.
///
/// [`ApiError::to_response_in`](crate::ApiError::to_response_in) applies it to one error;
/// the axum and actix-web integrations apply it to a whole app (`error_contract::axum::
/// error_format`, `error_contract::actix::ErrorFormatMiddleware`).
///
/// ```
/// use error_contract::ErrorFormat;
/// use error_contract::http::HeaderValue;
///
/// let accept = |value| HeaderValue::from_static(value);
/// let by_accept = ErrorFormat::ByAccept;
/// assert!(by_accept.is_problem_for(Some(&accept("application/problem+json"))));
/// assert!(by_accept.is_problem_for(Some(&accept("application/json;q=0.5, application/problem+json"))));
/// assert!(!by_accept.is_problem_for(Some(&accept("application/json, application/problem+json;q=0.9"))));
/// // A tie, or no preference at all, keeps the envelope.
/// assert!(!by_accept.is_problem_for(Some(&accept("*/*"))));
/// assert!(!by_accept.is_problem_for(None));
/// assert!(ErrorFormat::Problem.is_problem_for(None));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ErrorFormat {
    /// `{"error", "error_code", "details"}` as `application/json`, whatever the request
    /// asks: the Standard Error Response guide's form.
    #[default]
    Envelope,
    /// RFC 9457's problem document as `application/problem+json`, whatever the request asks.
    Problem,
    /// The problem document when the request's `Accept` ranks `application/problem+json`
    /// above `application/json`, the envelope otherwise (no `Accept`, `*/*`, a tie).
    ByAccept,
}

impl ErrorFormat {
    /// Whether an error answers as a problem document under this format, for a request whose
    /// `Accept` is `accept`.
    pub fn is_problem_for(self, accept: Option<&HeaderValue>) -> bool {
        match self {
            ErrorFormat::Envelope => false,
            ErrorFormat::Problem => true,
            ErrorFormat::ByAccept => accept.is_some_and(|value| prefers_problem(value.as_bytes())),
        }
    }
}

/// The form chosen for the request being answered, so an error's response (which does not
/// see the request) is written in it: the integrations run each request's handling inside
/// [`within`], and build every error response with [`respond`].
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) mod chosen {
    use std::future::Future;
    use std::sync::atomic::{AtomicBool, Ordering};

    use http::HeaderValue;

    use super::ErrorFormat;
    use crate::ApiError;
    use crate::server::response;

    tokio::task_local! {
        static CHOSEN: Chosen;
    }

    /// Whether any request of this process was answered [`within`] a chosen form. Until one
    /// is, [`respond`] skips reading the task-local (80 instructions of every response, by
    /// `benches/instructions.sh`): an app that never installs a format pays nothing for it.
    static IN_USE: AtomicBool = AtomicBool::new(false);

    /// The form of one request's error responses.
    #[derive(Debug, Clone, Copy, Default)]
    pub(crate) struct Chosen {
        /// The problem document rather than the envelope.
        problem: bool,
        /// `Vary: Accept`, as the form was chosen by it.
        vary: bool,
    }

    impl Chosen {
        /// The form `format` gives a request whose `Accept` is `accept`.
        pub(crate) fn for_request(format: ErrorFormat, accept: Option<&HeaderValue>) -> Self {
            Self {
                problem: format.is_problem_for(accept),
                vary: format == ErrorFormat::ByAccept,
            }
        }
    }

    /// Runs `future` (a request's handling) with `chosen` as its form.
    pub(crate) fn within<F: Future>(chosen: Chosen, future: F) -> impl Future<Output = F::Output> {
        // Set before the request is handled, so its own responses already read the form.
        if !IN_USE.load(Ordering::Relaxed) {
            IN_USE.store(true, Ordering::Relaxed);
        }
        CHOSEN.scope(chosen, future)
    }

    /// `error`'s response in the form chosen for the request being answered: the envelope
    /// outside any [`within`].
    pub(crate) fn respond<E: ApiError + ?Sized>(error: &E) -> http::Response<Vec<u8>> {
        if !IN_USE.load(Ordering::Relaxed) {
            return error.to_response();
        }
        let chosen = CHOSEN.try_with(|chosen| *chosen).unwrap_or_default();
        let mut response = if chosen.problem {
            error.to_problem_response()
        } else {
            error.to_response()
        };
        if chosen.vary {
            response::vary_accept(response.headers_mut());
        }
        response
    }
}

/// The media ranges read of one `Accept`: a longer header is judged by its first ones.
const MAX_RANGES: usize = 64;

/// How closely a media range matches a type: `*/*`, `application/*`, the type itself.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Match {
    Any,
    Application,
    Exact,
}

/// The quality (in thousandths) and closeness of the range that decides for one type: the
/// closest range matching it, as RFC 9110 section 12.5.1 reads `Accept`.
#[derive(Clone, Copy, Default)]
struct Best {
    found: Option<(Match, u16)>,
}

impl Best {
    fn offer(&mut self, closeness: Match, quality: u16) {
        if self.found.is_none_or(|(best, _)| closeness > best) {
            self.found = Some((closeness, quality));
        }
    }

    fn quality(self) -> u16 {
        self.found.map_or(0, |(_, quality)| quality)
    }

    fn closeness(self) -> Option<Match> {
        self.found.map(|(closeness, _)| closeness)
    }
}

/// Whether `accept` ranks `application/problem+json` above `application/json`: a higher
/// quality, or the same quality named more closely (`application/problem+json` against
/// `*/*`). A range that cannot be read is skipped.
fn prefers_problem(accept: &[u8]) -> bool {
    let Ok(accept) = std::str::from_utf8(accept) else {
        return false;
    };
    let (mut problem, mut json) = (Best::default(), Best::default());
    for range in accept.split(',').take(MAX_RANGES) {
        let mut parts = range.split(';');
        let media_type = parts.next().unwrap_or("").trim();
        let Some(quality) = quality(parts) else {
            continue;
        };
        let (kind, subtype) = media_type.split_once('/').unwrap_or((media_type, ""));
        let (kind, subtype) = (kind.trim(), subtype.trim());
        if kind == "*" && subtype == "*" {
            problem.offer(Match::Any, quality);
            json.offer(Match::Any, quality);
        } else if kind.eq_ignore_ascii_case("application") {
            if subtype == "*" {
                problem.offer(Match::Application, quality);
                json.offer(Match::Application, quality);
            } else if subtype.eq_ignore_ascii_case("problem+json") {
                problem.offer(Match::Exact, quality);
            } else if subtype.eq_ignore_ascii_case("json") {
                json.offer(Match::Exact, quality);
            }
        }
    }
    let (problem_quality, json_quality) = (problem.quality(), json.quality());
    problem_quality > json_quality
        || (problem_quality == json_quality
            && problem_quality > 0
            && problem.closeness() > json.closeness())
}

/// The `q` of a range's parameters in thousandths, 1000 without one; `None` for a `q` that
/// is not a quality (`q=2`, `q=high`), so that range is skipped.
fn quality<'a>(parameters: impl Iterator<Item = &'a str>) -> Option<u16> {
    for parameter in parameters {
        let Some((name, value)) = parameter.split_once('=') else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("q") {
            return parse_quality(value.trim());
        }
    }
    Some(1000)
}

/// `0`, `0.5`, `1.000`: at most three decimals, from 0 to 1 (RFC 9110 section 12.4.2).
fn parse_quality(value: &str) -> Option<u16> {
    let (whole, decimals) = value.split_once('.').unwrap_or((value, ""));
    if decimals.len() > 3 || !decimals.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let thousandths = decimals
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(3)
        .fold(0_u16, |sum, digit| sum * 10 + u16::from(digit - b'0'));
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_quality, prefers_problem};

    #[test]
    fn qualities_read_as_rfc_9110_writes_them() {
        assert_eq!(parse_quality("1"), Some(1000));
        assert_eq!(parse_quality("1.000"), Some(1000));
        assert_eq!(parse_quality("0.5"), Some(500));
        assert_eq!(parse_quality("0.125"), Some(125));
        assert_eq!(parse_quality("0"), Some(0));
        for bad in ["1.5", "2", "0.1234", "high", "", "-0.5", "0.x", ".5"] {
            assert_eq!(parse_quality(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_problem_form_is_chosen_only_when_preferred() {
        let problem = [
            "application/problem+json",
            "APPLICATION/Problem+JSON",
            "application/json;q=0.5, application/problem+json",
            "application/problem+json, */*;q=0.1",
            "application/problem+json, application/*",
            "text/html, application/problem+json;q=0.9, application/json;q=0.8",
            "application/problem+json; charset=utf-8",
            " application/problem+json ; q=0.4 , application/json ; q=0.3",
        ];
        for accept in problem {
            assert!(prefers_problem(accept.as_bytes()), "{accept}");
        }
        let envelope = [
            "",
            "*/*",
            "application/json",
            "application/*",
            "application/json, application/problem+json",
            "application/json, application/problem+json;q=0.9",
            "application/problem+json;q=0",
            "application/problem+json;q=0, */*",
            "application/problem+json;q=2",
            "text/html",
            "application/problem+xml",
            "application/problem+json;q=0.5, application/*;q=0.5, application/json",
        ];
        for accept in envelope {
            assert!(!prefers_problem(accept.as_bytes()), "{accept}");
        }
        assert!(!prefers_problem(b"\xff application/problem+json"));
    }

    #[test]
    fn a_long_header_is_read_only_so_far() {
        let mut accept = "text/plain, ".repeat(200);
        accept.push_str("application/problem+json");
        assert!(!prefers_problem(accept.as_bytes()));
    }
}
