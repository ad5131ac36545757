//! The RFC 9457 form of an error: `application/problem+json`, the envelope's facts under the
//! members a problem document has.

use std::borrow::Cow;

use http::StatusCode;
use serde::Serialize;

use super::meta::MetaWriter;
use crate::Details;

/// The `type` of a problem that names no documentation of its own (RFC 9457, section 4.2.1).
pub(crate) const ABOUT_BLANK: &str = "about:blank";

/// A borrowed problem document: `type`, `title`, `status`, `detail`, then our `error_code`,
/// and `details` when there are any (`meta` follows, from its writer).
#[derive(Serialize)]
struct ProblemRef<'a> {
    #[serde(rename = "type")]
    problem_type: &'a str,
    title: &'a str,
    status: u16,
    detail: &'a str,
    error_code: &'a str,
    #[serde(skip_serializing_if = "Details::is_empty")]
    details: &'a Details,
}

/// The facts of one error, as [`ApiError::to_problem_json`](crate::ApiError::to_problem_json)
/// gathers them.
pub(crate) struct Problem<'a> {
    /// Its `type`.
    pub(crate) uri: &'a str,
    pub(crate) status: StatusCode,
    pub(crate) message: &'a str,
    pub(crate) error_code: &'a str,
    pub(crate) details: &'a Details,
}

impl Problem<'_> {
    /// The compact problem document, `meta` writing its fields (if any) last.
    pub(crate) fn to_json(&self, meta: impl FnOnce(&mut MetaWriter<'_>)) -> Vec<u8> {
        let title = title(self.status);
        let document = ProblemRef {
            problem_type: self.uri,
            title: &title,
            status: self.status.as_u16(),
            detail: self.message,
            error_code: self.error_code,
            details: self.details,
        };
        let mut out = Vec::with_capacity(128 + self.message.len() + self.uri.len());
        // Writing to a Vec cannot fail and every key is a string; should that change, the
        // body stays a valid problem document rather than a panic.
        if serde_json::to_writer(&mut out, &document).is_err() {
            out.clear();
            out.extend_from_slice(
                br#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Internal server error","error_code":"internal_error"}"#,
            );
            return out;
        }
        let mut writer = MetaWriter::json(&mut out);
        meta(&mut writer);
        writer.finish();
        out
    }
}

/// A problem's `title`: the status's reason phrase (`Not Found`), else `HTTP 599`.
pub(crate) fn title(status: StatusCode) -> Cow<'static, str> {
    status.canonical_reason().map_or_else(
        || Cow::Owned(format!("HTTP {}", status.as_u16())),
        Cow::Borrowed,
    )
}
