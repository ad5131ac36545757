//! Paths for the derive's generated code. Not public API: no semver guarantee.

use http::StatusCode;

pub use core::fmt;
pub use core::format_args;
pub use core::option::Option::{self, None, Some};
pub use core::result::Result;
pub use std::borrow::Cow;
pub use std::format;
pub use std::time::Duration;
pub use std::vec::Vec;

pub use http;
pub use serde;

pub use crate::server::report::cause;
#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "axum")]
pub use axum;
#[cfg(feature = "utoipa")]
pub use utoipa;

pub use crate::{
    __actix_impl as actix_impl, __axum_impl as axum_impl, __utoipa_impl as utoipa_impl,
};

pub use crate::contract::code::{
    CodeTable, EMPTY_TABLE, NO_TEXTS, Texts, deserialize_code, parse_code,
};
pub use crate::contract::from_envelope::{CannotRead, ReadDetails, ReadInner, ReadMeta, Rebuild};
pub use crate::server::meta::MetaWriter;
pub use crate::{
    ApiError, Details, ErrorCatalog, ErrorCode, ErrorEnvelope, ErrorSpec, FromEnvelope, LogLevel,
    Meta, RetryClass, Retryable, ToDetails, UnknownErrorCode,
};
pub use http::StatusCode as Status;

/// The public message of an own variant: its code's fixed text, borrowed, else what
/// [`ApiError::write_message`] formats, in a `String` of its exact size.
pub fn own_message<T: ApiError + ?Sized>(error: &T) -> Cow<'static, str> {
    match ErrorCode::static_message(error.code()) {
        Some(text) => Cow::Borrowed(text),
        None => Cow::Owned(message_string(error)),
    }
}

/// `write_message` of an own variant whose message is fixed: its code's text.
pub fn write_static_message<T: ApiError + ?Sized>(
    out: &mut dyn fmt::Write,
    error: &T,
) -> fmt::Result {
    out.write_str(ErrorCode::static_message(error.code()).unwrap_or_default())
}

/// What [`ApiError::write_message`] writes, as a `String`, allocated once: the message is
/// formatted twice, first to count it. A `Display` that fails ends the text where it stopped.
fn message_string<T: ApiError + ?Sized>(error: &T) -> String {
    struct Count(usize);
    impl fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = error.write_message(&mut count);
    let mut message = String::with_capacity(count.0);
    let _ = error.write_message(&mut message);
    message
}

/// A 4xx (or `expose`d 5xx) variant's public message when it has no `message`: its
/// `Display`, written to `out`, for `write_message`.
pub fn write_display<T: PublicDisplay + ?Sized>(
    out: &mut dyn fmt::Write,
    error: &T,
) -> fmt::Result {
    write!(out, "{error}")
}

/// `Display`, under a name whose error says what to do when a variant's message is missing.
#[diagnostic::on_unimplemented(
    message = "`{Self}` needs `Display`: a variant without `message` shows its `Display` publicly",
    label = "this variant has no `message`",
    note = "add #[api(message = \"...\")] to the variant, or implement `Display` (e.g. #[derive(thiserror::Error)])"
)]
pub trait PublicDisplay: fmt::Display {}

impl<T: fmt::Display + ?Sized> PublicDisplay for T {}

/// The details of every variant without any, borrowed: `details_ref` clones nothing.
pub fn empty_details() -> &'static Details {
    // A constant, not a lazy value: the first call in a process allocates nothing either.
    static EMPTY: Details = Details::new();
    &EMPTY
}

/// The keys of a catalogue entry's `meta`, the type of the derive's lists of them.
pub use crate::MetaSpec;

/// One key of a variant's `meta` in the catalogue, for the derive's table of codes.
pub const fn meta_spec(
    name: &'static str,
    json_type: Option<&'static str>,
    nullable: bool,
) -> MetaSpec {
    MetaSpec::of_field(name, json_type, nullable)
}

/// The `WWW-Authenticate` challenge of a derived variant without `www_authenticate`: the
/// default of [`ApiError::www_authenticate`], which the derive's override cannot call.
#[inline]
pub fn default_challenge(status: StatusCode, error_code: &str) -> Option<&'static str> {
    crate::server::response::default_challenge(status, error_code)
}

/// The problem `type` of a transparent variant under an enum's `problem_type = "…/{code}"`:
/// the inner error's code in the enum's URI.
pub fn problem_type(template: &str, code: &str) -> Cow<'static, str> {
    Cow::Owned(template.replace("{code}", code))
}

/// The code type of the stub impl the derive emits next to its compile errors, so a mistake
/// in the attribute does not also fail every use of the type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FallbackCode {}

impl fmt::Display for FallbackCode {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

impl ErrorCode for FallbackCode {
    fn as_str(self) -> &'static str {
        match self {}
    }

    fn from_code(_: &str) -> Option<Self> {
        None
    }

    fn status(self) -> StatusCode {
        match self {}
    }

    fn retry_class(self) -> RetryClass {
        match self {}
    }
}
