//! [`ForwardedCode`]: the code of a [`Forwarded`](super::Forwarded) error.

use std::fmt;

use http::StatusCode;

use crate::{CommonErrorCode, ErrorCode, RetryClass};

/// The code a gateway answers with for an upstream error: the upstream contract's `C`, a
/// [`CommonErrorCode`] when the upstream's answer could not be forwarded as it came
/// (`bad_gateway` for an upstream 401 or 403 or one that is down, `gateway_timeout`, or the
/// code of the status of a body without a code), or a code `C` does not know.
///
/// A client of the gateway decodes the first two like any code; a code `C` does not know is
/// only ever made on the gateway's side ([`from_code`](ErrorCode::from_code) never returns
/// it), and its text is in [`ApiError::error_code`](crate::ApiError::error_code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ForwardedCode<C: ErrorCode> {
    /// A code of the upstream contract.
    Upstream(C),
    /// The gateway's own answer, such as `bad_gateway` (the upstream failed in a way its
    /// caller cannot act on) or `gateway_timeout`.
    Gateway(CommonErrorCode),
    /// A code the upstream contract does not know (a newer upstream).
    Unknown,
}

/// The wire text of [`ForwardedCode::Unknown`] in this type's own catalogue and `Display`.
const UNKNOWN: &str = "unknown_upstream_code";

impl<C: ErrorCode> ErrorCode for ForwardedCode<C> {
    fn as_str(self) -> &'static str {
        match self {
            Self::Upstream(code) => code.as_str(),
            Self::Gateway(code) => code.as_str(),
            Self::Unknown => UNKNOWN,
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        C::from_code(code)
            .map(Self::Upstream)
            .or_else(|| CommonErrorCode::from_code(code).map(Self::Gateway))
    }

    fn status(self) -> StatusCode {
        match self {
            Self::Upstream(code) => code.status(),
            Self::Gateway(code) => code.status(),
            Self::Unknown => StatusCode::BAD_GATEWAY,
        }
    }

    fn retry_class(self) -> RetryClass {
        match self {
            Self::Upstream(code) => code.retry_class(),
            Self::Gateway(code) => code.retry_class(),
            Self::Unknown => RetryClass::for_status(StatusCode::BAD_GATEWAY.as_u16()),
        }
    }
}

impl<C: ErrorCode> fmt::Display for ForwardedCode<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
