//! [`Query`] and [`Path`]: axum's extractors of the same names, answering in the envelope.

use ::axum::extract::path::ErrorKind;
use ::axum::extract::rejection::PathRejection;
use ::axum::extract::{FromRequestParts, OptionalFromRequestParts};
use http::Uri;
use http::request::Parts;
use serde::de::DeserializeOwned;

use crate::Rejection;
use crate::server::rejection;
use crate::server::rejection::mismatch::{Input, Mismatch};

/// The query string, deserialised as [`axum::extract::Query`](::axum::extract::Query) does
/// (flat `key=value` pairs, or a list of pairs for `Vec<(K, V)>`), answering a query that
/// does not fit `T` with 400 `validation_error`, every failing parameter named in `details` in
/// the words [`Json`](super::Json) uses: `?page=x` for a `page: u32` gives
/// `{"page":["A valid integer is required."]}`, a missing parameter
/// `{"page":["This field is required."]}`. The log gets the parameter's name, never its value.
///
/// ```
/// use axum::Router;
/// use axum::routing::get;
/// use error_contract::ApiError;
/// use error_contract::axum::Query;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Page {
///     page: u32,
/// }
///
/// async fn list(Query(query): Query<Page>) -> String {
///     format!("page {}", query.page)
/// }
///
/// let app: Router = Router::new().route("/invoices", get(list));
/// # let _ = app;
///
/// let uri: error_contract::http::Uri = "/invoices?page=x".parse().unwrap();
/// let rejection = Query::<Page>::try_from_uri(&uri).unwrap_err();
/// assert_eq!(
///     rejection.error().details().get("page"),
///     Some(&["A valid integer is required.".to_owned()][..]),
/// );
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Query<T>(pub T);

crate::integrations::newtype!(Query);

impl<T: DeserializeOwned> Query<T> {
    /// Deserialises the query string of `uri` (none is an empty one).
    ///
    /// # Errors
    ///
    /// 400 `validation_error` naming every parameter that does not fit `T`.
    ///
    /// ```
    /// use error_contract::axum::Query;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Search {
    ///     q: String,
    ///     page: Option<u32>,
    /// }
    ///
    /// let uri: error_contract::http::Uri = "/search?q=rust&page=2".parse().unwrap();
    /// let Query(search) = Query::<Search>::try_from_uri(&uri).unwrap();
    /// assert_eq!((search.q.as_str(), search.page), ("rust", Some(2)));
    /// ```
    pub fn try_from_uri(uri: &Uri) -> Result<Self, Rejection> {
        rejection::query::deserialize(uri.query().unwrap_or_default()).map(Self)
    }
}

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Rejection> {
        Self::try_from_uri(&parts.uri)
    }
}

/// The route's path parameters, as [`axum::extract::Path`](::axum::extract::Path), answering
/// a parameter that does not parse as `T` (`/invoices/abc` for a `u64` id) with 404
/// `not_found`: no resource has that name. The log gets the parameter's name and the type it
/// wanted, never the segment itself (it may be a token). A route whose parameters cannot fit
/// `T` at all (a wrong number of them, an unsupported type) is a bug of the server: 500
/// `internal_error`, axum's explanation in the log only. `Option<Path<T>>` is `None` on a
/// route without parameters.
///
/// ```
/// use axum::Router;
/// use axum::routing::get;
/// use error_contract::axum::Path;
///
/// async fn invoice(Path(id): Path<u64>) -> String {
///     format!("invoice {id}")
/// }
///
/// let app: Router = Router::new().route("/invoices/{id}", get(invoice));
/// # let _ = app;
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Path<T>(pub T);

crate::integrations::newtype!(Path);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Rejection> {
        <::axum::extract::Path<T> as FromRequestParts<S>>::from_request_parts(parts, state)
            .await
            .map(|::axum::extract::Path(value)| Self(value))
            .map_err(|refused| path_rejection(&refused))
    }
}

/// `Option<Path<T>>`: `None` on a route without parameters, as axum's; otherwise the
/// rejections of `Path<T>`.
impl<T, S> OptionalFromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send + 'static,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Option<Self>, Rejection> {
        <::axum::extract::Path<T> as OptionalFromRequestParts<S>>::from_request_parts(parts, state)
            .await
            .map(|path| path.map(|::axum::extract::Path(value)| Self(value)))
            .map_err(|refused| path_rejection(&refused))
    }
}

/// What axum says about the route's parameters, handed to the shared translation: 404 for a
/// parameter that does not parse, 500 for a route that cannot fit `T`. axum's own text quotes
/// the segment, so only its structure is passed on.
fn path_rejection(refused: &PathRejection) -> Rejection {
    let PathRejection::FailedToDeserializePathParams(failed) = refused else {
        // No parameters on the route (`MissingPathParams`): the server's bug.
        return Rejection::route_mismatch(&refused.body_text());
    };
    let input = Input::PathParams;
    let mismatch = match failed.kind() {
        ErrorKind::ParseErrorAtKey {
            key, expected_type, ..
        } => Mismatch::unparsable(input, vec![key.clone()], expected_type),
        ErrorKind::ParseErrorAtIndex {
            index,
            expected_type,
            ..
        } => Mismatch::unparsable(input, vec![index.to_string()], expected_type),
        ErrorKind::ParseError { expected_type, .. } => {
            Mismatch::unparsable(input, Vec::new(), expected_type)
        }
        ErrorKind::DeserializeError { key, message, .. } => {
            Mismatch::from_message(input, vec![key.clone()], message)
        }
        ErrorKind::Message(message) => Mismatch::from_message(input, Vec::new(), message),
        ErrorKind::InvalidUtf8InPathParam { key } => {
            Mismatch::from_message(input, vec![key.clone()], "")
        }
        // `WrongNumberOfParameters`, `UnsupportedType` and whatever axum adds: their text
        // names counts and types, not the request's segments.
        kind if failed.status().is_server_error() => return Rejection::route_mismatch(kind),
        _ => Mismatch::from_message(input, Vec::new(), ""),
    };
    mismatch.into_rejection()
}
