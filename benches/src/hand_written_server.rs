//! The hand-written server side: an error enum, a borrowed `#[derive(Serialize)]` envelope
//! written with `serde_json`, and axum's `(StatusCode, Json(…))`.
//!
//! It is what the `serialize/hand_written` and `response/hand_written` benches measure the
//! derive against: the same three errors, the same bytes on the wire, and nothing more (no
//! code enum, no retry class, no `WWW-Authenticate` or `Retry-After`, which none of the three
//! errors needs).

use std::borrow::Cow;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use indexmap::IndexMap;
use serde::ser::SerializeMap as _;
use serde::{Serialize, Serializer};

/// Field → messages, in the order they were added.
pub type Fields = IndexMap<String, Vec<String>>;

/// The three errors of the benches, as a careful engineer writes them without a derive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A unit variant with a static message.
    NotFound,
    /// A message formatted from one field.
    InvoiceNotFound(String),
    /// The guide's validation example: a static message and field errors.
    Validation(Fields),
    /// A 409 whose message is formatted from one field and whose two fields are public
    /// values for programs, written under `meta`.
    DuplicateExternalId {
        /// The external id that is taken.
        external_id: String,
        /// The invoice that holds it.
        invoice_id: String,
    },
}

/// The envelope, borrowing everything but a formatted message from the error.
#[derive(Debug, Serialize)]
pub struct Body<'a> {
    /// The public message.
    pub error: Cow<'a, str>,
    /// The `snake_case` code.
    pub error_code: &'static str,
    /// Field errors.
    pub details: FieldsOrEmpty<'a>,
}

/// The envelope with `meta` after `details`: the four keys of a 409 `duplicate_external_id`.
#[derive(Debug, Serialize)]
pub struct BodyWithMeta<'a> {
    /// The public message.
    pub error: Cow<'a, str>,
    /// The `snake_case` code.
    pub error_code: &'static str,
    /// Field errors (none).
    pub details: FieldsOrEmpty<'a>,
    /// The public values.
    pub meta: DuplicateMeta<'a>,
}

/// The `meta` of a 409 `duplicate_external_id`.
#[derive(Debug, Serialize)]
pub struct DuplicateMeta<'a> {
    /// The external id that is taken.
    pub external_id: &'a str,
    /// The invoice that holds it.
    pub invoice_id: &'a str,
}

/// Field errors, written as `{}` when there are none.
#[derive(Debug, Clone, Copy)]
pub struct FieldsOrEmpty<'a>(pub Option<&'a Fields>);

impl Serialize for FieldsOrEmpty<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(fields) => fields.serialize(serializer),
            None => serializer.serialize_map(Some(0))?.end(),
        }
    }
}

impl Error {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound | Self::InvoiceNotFound(_) => StatusCode::NOT_FOUND,
            Self::Validation(_) => StatusCode::BAD_REQUEST,
            Self::DuplicateExternalId { .. } => StatusCode::CONFLICT,
        }
    }

    /// The four-key body of the error with `meta`, `None` for the others.
    pub fn body_with_meta(&self) -> Option<BodyWithMeta<'_>> {
        let Self::DuplicateExternalId {
            external_id,
            invoice_id,
        } = self
        else {
            return None;
        };
        Some(BodyWithMeta {
            error: Cow::Owned(format!(
                "An invoice with external_id {external_id} already exists."
            )),
            error_code: "duplicate_external_id",
            details: FieldsOrEmpty(None),
            meta: DuplicateMeta {
                external_id,
                invoice_id,
            },
        })
    }

    /// The envelope of this error.
    pub fn body(&self) -> Body<'_> {
        match self {
            Self::NotFound => Body {
                error: Cow::Borrowed("Not found."),
                error_code: "not_found",
                details: FieldsOrEmpty(None),
            },
            Self::InvoiceNotFound(id) => Body {
                error: Cow::Owned(format!("Invoice {id} not found")),
                error_code: "invoice_not_found",
                details: FieldsOrEmpty(None),
            },
            Self::Validation(fields) => Body {
                error: Cow::Borrowed("Validation errors in request data"),
                error_code: "validation_error",
                details: FieldsOrEmpty(Some(fields)),
            },
            // Its body has a fourth key: `body_with_meta`. This is the envelope without it.
            Self::DuplicateExternalId { external_id, .. } => Body {
                error: Cow::Owned(format!(
                    "An invoice with external_id {external_id} already exists."
                )),
                error_code: "duplicate_external_id",
                details: FieldsOrEmpty(None),
            },
        }
    }

    /// Appends the compact JSON body to `out` (a buffer the caller reuses).
    ///
    /// # Panics
    ///
    /// Never: writing to a `Vec` cannot fail and every key is a string.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        match self.body_with_meta() {
            Some(body) => serde_json::to_writer(out, &body),
            None => serde_json::to_writer(out, &self.body()),
        }
        .expect("a Vec and string keys cannot fail");
    }

    /// The compact JSON body in a new `Vec` (`serde_json::to_vec`).
    ///
    /// # Panics
    ///
    /// Never, as [`write_json`](Self::write_json).
    pub fn to_json(&self) -> Vec<u8> {
        match self.body_with_meta() {
            Some(body) => serde_json::to_vec(&body),
            None => serde_json::to_vec(&self.body()),
        }
        .expect("a Vec and string keys cannot fail")
    }
}

/// `(StatusCode, Json(body))`, as axum's documentation answers errors.
impl IntoResponse for Error {
    fn into_response(self) -> Response {
        match self.body_with_meta() {
            Some(body) => (self.status(), Json(body)).into_response(),
            None => (self.status(), Json(self.body())).into_response(),
        }
    }
}
