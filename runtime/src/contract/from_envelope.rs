//! [`FromEnvelope`]: the client's way back from a decoded envelope to the error value the
//! server sent, and the pieces the derive builds it from.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use crate::{Details, ErrorEnvelope, Meta};

/// An error that can be rebuilt from the envelope it answers with.
///
/// The derive implements it: a variant whose every field is `#[api(meta)]` (of a type that
/// is `Deserialize`), `#[api(details)]` (of type [`Details`]) or `#[api(transparent)]` (of a
/// type that is `FromEnvelope`) is rebuilt from an envelope with its code; a unit variant
/// too. Any other variant — one with a private field, such as a 5xx's cause — gives `None`,
/// and so does an envelope whose `meta` value does not fit its field's type (a missing
/// `Option` field reads as `None`). The client reaches it through
/// [`ErrorResponse::to_error`](crate::ErrorResponse::to_error).
///
/// ```
/// use error_contract::{ApiError, ErrorEnvelope, FromEnvelope};
///
/// #[derive(Debug, PartialEq, thiserror::Error, ApiError)]
/// enum InvoiceError {
///     /// An invoice with this external_id already exists.
///     #[error("external_id {external_id} is taken by {invoice_id}")]
///     #[api(status = 409, retry = "already_exists",
///           message = "An invoice with external_id {external_id} already exists.")]
///     DuplicateExternalId {
///         #[api(meta)]
///         external_id: String,
///         #[api(meta)]
///         invoice_id: String,
///     },
///
///     /// The database failed; its cause is never sent, so it cannot come back.
///     #[error("database: {0}")]
///     #[api(status = 500)]
///     Database(String),
/// }
///
/// let sent = InvoiceError::DuplicateExternalId {
///     external_id: "ext-1".into(),
///     invoice_id: "inv_0001".into(),
/// };
/// assert_eq!(InvoiceError::from_envelope(&sent.envelope()), Some(sent));
///
/// let failed = InvoiceError::Database("connection reset".into());
/// assert_eq!(InvoiceError::from_envelope(&failed.envelope()), None);
/// ```
pub trait FromEnvelope: Sized {
    /// The error `envelope` was written from, when its code is one of this type's and every
    /// field of that variant travels in it.
    fn from_envelope(envelope: &ErrorEnvelope) -> Option<Self>;
}

impl<T: FromEnvelope> FromEnvelope for Box<T> {
    fn from_envelope(envelope: &ErrorEnvelope) -> Option<Self> {
        T::from_envelope(envelope).map(Box::new)
    }
}

/// How generated code reads one field back, whatever its type: `(&Rebuild::<T>::new()).read_meta(…)`
/// finds [`ReadMeta`] when `T` is `Deserialize` and falls back to [`CannotRead`] otherwise
/// (method lookup tries `Rebuild<T>` before `&Rebuild<T>`), so a variant with a type that
/// cannot come back gives `None` rather than failing to compile. Not public API.
#[doc(hidden)]
pub struct Rebuild<T>(PhantomData<fn() -> T>);

impl<T> Rebuild<T> {
    #[allow(clippy::new_without_default, reason = "only generated code builds it")]
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

/// A `meta` field, when its type is `Deserialize`.
#[doc(hidden)]
pub trait ReadMeta<T> {
    fn read_meta(&self, meta: &Meta, key: &str) -> Option<T>;
}

impl<T: DeserializeOwned> ReadMeta<T> for Rebuild<T> {
    #[inline]
    fn read_meta(&self, meta: &Meta, key: &str) -> Option<T> {
        meta.get_as(key)
    }
}

/// The `details` field, when it is a [`Details`].
#[doc(hidden)]
pub trait ReadDetails<T> {
    fn read_details(&self, details: &Details) -> Option<T>;
}

impl ReadDetails<Details> for Rebuild<Details> {
    #[inline]
    fn read_details(&self, details: &Details) -> Option<Details> {
        Some(details.clone())
    }
}

/// A transparent field, when its type is [`FromEnvelope`].
#[doc(hidden)]
pub trait ReadInner<T> {
    fn read_inner(&self, envelope: &ErrorEnvelope) -> Option<T>;
}

impl<T: FromEnvelope> ReadInner<T> for Rebuild<T> {
    #[inline]
    fn read_inner(&self, envelope: &ErrorEnvelope) -> Option<T> {
        T::from_envelope(envelope)
    }
}

/// The fallback of every reading: this type does not come back.
#[doc(hidden)]
pub trait CannotRead<T> {
    fn read_meta(&self, _: &Meta, _: &str) -> Option<T> {
        None
    }
    fn read_details(&self, _: &Details) -> Option<T> {
        None
    }
    fn read_inner(&self, _: &ErrorEnvelope) -> Option<T> {
        None
    }
}

impl<T> CannotRead<T> for &Rebuild<T> {}
