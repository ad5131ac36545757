//! [`ErrorCode`]: the companion code enum every derived error has.

use std::fmt::{self, Debug, Display};
use std::hash::Hash;

use http::StatusCode;

use crate::RetryClass;

/// A closed set of error codes: the companion `…Code` enum that `#[derive(ApiError)]`
/// generates next to each error type, and `<T as ApiError>::Code`.
///
/// Clients match on it after decoding; it is also `Display`, `FromStr` and serde as the code
/// string. Code enums implement only this trait (not `Retryable`), so no method name is
/// ambiguous between the two.
pub trait ErrorCode: Copy + Eq + Hash + Debug + Display + 'static {
    /// The wire string, such as `"invoice_not_found"`.
    fn as_str(self) -> &'static str;
    /// The code for a wire string; `None` for a code this contract does not know.
    fn from_code(code: &str) -> Option<Self>;
    /// The HTTP status this code is sent with.
    fn status(self) -> StatusCode;
    /// How a client should react to this code.
    fn retry_class(self) -> RetryClass;

    /// The public message every error of this code carries when it is fixed (a variant's
    /// static `message`); `None` when it is formatted, or unknown. Hidden: the client borrows
    /// it for a body whose `error` is exactly this text, so decoding copies no message the
    /// contract already holds.
    #[doc(hidden)]
    fn static_message(self) -> Option<&'static str> {
        None
    }
}

/// The error of a code enum's `FromStr`: the string is not one of its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownErrorCode {
    code: String,
}

impl UnknownErrorCode {
    /// An error for `code`.
    pub fn new(code: impl Into<String>) -> Self {
        Self { code: code.into() }
    }

    /// The string that was not recognised.
    pub fn code(&self) -> &str {
        &self.code
    }
}

impl Display for UnknownErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.code)
    }
}

impl std::error::Error for UnknownErrorCode {}

/// `FromStr` of every generated code enum.
#[doc(hidden)]
pub fn parse_code<C: ErrorCode>(code: &str) -> Result<C, UnknownErrorCode> {
    C::from_code(code).ok_or_else(|| UnknownErrorCode::new(code))
}

/// `Deserialize` of every generated code enum: a string naming one of its codes.
#[doc(hidden)]
pub fn deserialize_code<'de, C: ErrorCode, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<C, D::Error> {
    struct CodeVisitor<C>(std::marker::PhantomData<C>);

    impl<C: ErrorCode> serde::de::Visitor<'_> for CodeVisitor<C> {
        type Value = C;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an error code string")
        }

        fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<C, E> {
            C::from_code(code).ok_or_else(|| E::custom(UnknownErrorCode::new(code)))
        }
    }

    deserializer.deserialize_str(CodeVisitor(std::marker::PhantomData))
}
