//! The RFC 9457 form of an error: `application/problem+json`, the envelope's facts under the
//! members a problem document has.

use std::borrow::Cow;

use http::StatusCode;

use super::json::{EscapedMessage, details_len, string_len, write_details, write_str};
use super::meta::MetaWriter;
use super::write::WriteMessage;
use crate::Details;

/// The `type` of a problem that names no documentation of its own (RFC 9457, section 4.2.1).
pub(crate) const ABOUT_BLANK: &str = "about:blank";

/// The facts of one error, as [`ApiError::to_problem_json`](crate::ApiError::to_problem_json)
/// gathers them.
pub(crate) struct Problem<'a> {
    /// Its `type`.
    pub(crate) uri: &'a str,
    pub(crate) status: StatusCode,
    pub(crate) error_code: &'a str,
    pub(crate) details: &'a Details,
}

impl Problem<'_> {
    /// The compact problem document: `type`, `title`, `status`, `detail` (the message `message`
    /// writes), then our `error_code`, and `details` when there are any; `meta` writes its
    /// fields (if any) last. Allocated once at the size of all but `meta`.
    pub(crate) fn to_json(
        &self,
        message: impl WriteMessage,
        meta: impl FnOnce(&mut MetaWriter<'_>),
    ) -> Vec<u8> {
        let title = title(self.status);
        let message = EscapedMessage::new(message);
        let message = message.as_bytes();
        let mut out = Vec::with_capacity(self.json_len(&title, message.len()));
        out.extend_from_slice(br#"{"type":"#);
        write_str(&mut out, self.uri);
        out.extend_from_slice(br#","title":"#);
        write_str(&mut out, &title);
        out.extend_from_slice(br#","status":"#);
        out.extend_from_slice(self.status.as_str().as_bytes());
        out.extend_from_slice(br#","detail":""#);
        out.extend_from_slice(message);
        out.extend_from_slice(br#"","error_code":"#);
        write_str(&mut out, self.error_code);
        if !self.details.is_empty() {
            out.extend_from_slice(br#","details":"#);
            write_details(&mut out, self.details);
        }
        out.push(b'}');
        let mut writer = MetaWriter::json(&mut out);
        meta(&mut writer);
        writer.finish();
        out
    }

    /// The exact length of the document but for `meta`.
    fn json_len(&self, title: &str, message_len: usize) -> usize {
        const FIXED: usize = r#"{"type":,"title":,"status":,"detail":"","error_code":}"#.len();
        let details = if self.details.is_empty() {
            0
        } else {
            r#","details":"#.len() + details_len(self.details, string_len)
        };
        FIXED
            + string_len(self.uri)
            + string_len(title)
            + self.status.as_str().len()
            + message_len
            + string_len(self.error_code)
            + details
    }
}

/// A problem's `title`: the status's reason phrase (`Not Found`), else `HTTP 599`.
pub(crate) fn title(status: StatusCode) -> Cow<'static, str> {
    status.canonical_reason().map_or_else(
        || Cow::Owned(format!("HTTP {}", status.as_u16())),
        Cow::Borrowed,
    )
}
