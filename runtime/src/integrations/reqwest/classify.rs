//! Reading a failed attempt: a transport error's class, and an error response's body.

use std::error::Error;

use reqwest::{Response, ResponseBuilderExt as _};

use crate::{ErrorCode, ErrorResponse, RetryClass, Retryable};

/// The class of a transport error. Connect errors (refused, DNS, connect timeout) never
/// reached the server: `NotSent`. Timeouts and resets after sending: `Transient`. Body,
/// decode, builder and redirect errors will not pass by repeating: `Permanent`.
pub(super) fn transport_class(error: &reqwest::Error) -> RetryClass {
    if error.is_connect() {
        RetryClass::NotSent
    } else if error.is_builder() || error.is_redirect() || is_body_error(error) {
        RetryClass::Permanent
    } else {
        // A timeout, a reset or a protocol error while the request was in flight.
        RetryClass::Transient
    }
}

/// A transport failure's class, as the client's policy reads it: for a team that drives its
/// own retries (reqwest-retry's classifier, a `tower` layer, a loop of its own) with the
/// contract's table.
///
/// | the error | class |
/// |---|---|
/// | connect refused, DNS failure, connect timeout (`is_connect`) | `NotSent`: safe to retry, any method |
/// | a timeout or a reset after the request was sent | `Transient`: retry if safe to repeat |
/// | a body or decode error, a bad request builder, too many redirects | `Permanent` |
///
/// No `Retry-After`: a transport failure has no response to carry one.
///
/// ```
/// use error_contract::{RetryClass, Retryable};
///
/// # async fn run() {
/// // Nothing listens on port 9 of loopback here: the connection is refused.
/// let error = reqwest::get("http://127.0.0.1:9/").await.unwrap_err();
/// assert_eq!(error.retry_class(), RetryClass::NotSent);
/// # }
/// ```
impl Retryable for reqwest::Error {
    fn retry_class(&self) -> RetryClass {
        transport_class(self)
    }
}

/// A body or decode error, also where reqwest reports it as the cause of a failed request
/// (the caller's body stream failed while being sent).
fn is_body_error(error: &reqwest::Error) -> bool {
    let mut current: Option<&(dyn Error + 'static)> = Some(error);
    while let Some(next) = current {
        if next
            .downcast_ref::<reqwest::Error>()
            .is_some_and(|error| error.is_body() || error.is_decode())
        {
            return true;
        }
        current = next.source();
    }
    false
}

/// An error response as far as it was read: what both the client and the middleware decode,
/// and what the middleware hands back to its caller.
pub(crate) enum ErrorBody {
    /// Read to its end, to just past the limit (a chunk at most), or to where it broke off:
    /// its head (status, version, headers, and extensions with reqwest's url among them) and
    /// the bytes read.
    Read {
        head: http::response::Parts,
        bytes: Vec<u8>,
    },
    /// Announced by its `Content-Length` as longer than the limit: not read at all, since
    /// the decoder would not parse it; its status and headers decide.
    TooLong(Response),
}

impl ErrorBody {
    /// Reads `response`'s body until it ends or holds more than `limit` bytes (a chunk at
    /// most past it): the decoder then sees that it is over the limit and does not parse it;
    /// a body whose `Content-Length` is over the limit is not read at all. A body that breaks
    /// off keeps what arrived; the status is never lost.
    pub(crate) async fn read(mut response: Response, limit: usize) -> Self {
        if response
            .content_length()
            .is_some_and(|length| length > u64::try_from(limit).unwrap_or(u64::MAX))
        {
            return Self::TooLong(response);
        }
        let mut bytes = Vec::new();
        while bytes.len() <= limit {
            match response.chunk().await {
                Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
                Ok(None) | Err(_) => break,
            }
        }
        let url = response.url().clone();
        let (mut head, _) = http::Response::from(response).into_parts();
        // reqwest keeps a response's url beside its head, and reads it back from an extension
        // that only its builder writes.
        if let Ok(carrier) = http::Response::builder().url(url).body(()) {
            head.extensions.extend(carrier.into_parts().0.extensions);
        }
        Self::Read { head, bytes }
    }

    /// The body decoded into `C`'s codes; a body over `limit` keeps its status only.
    pub(crate) fn decode<C: ErrorCode>(&self, limit: usize) -> ErrorResponse<C> {
        match self {
            Self::Read { head, bytes } => {
                ErrorResponse::from_parts_with_limit(head.status, &head.headers, bytes, limit)
            }
            // No bytes decode as a body over the limit does: status and headers only.
            Self::TooLong(response) => ErrorResponse::from_parts_with_limit(
                response.status(),
                response.headers(),
                &[],
                limit,
            ),
        }
    }

    /// The response again, with the bytes read as its body and the status, version,
    /// headers, extensions and url it came with; a response too long to read, untouched.
    #[cfg(feature = "reqwest-middleware")]
    pub(crate) fn into_response(self) -> Response {
        match self {
            Self::Read { head, bytes } => Response::from(http::Response::from_parts(head, bytes)),
            Self::TooLong(response) => response,
        }
    }
}
