//! [`Query`]: a query-string extractor for actix-web whose rejections are axum's, byte for
//! byte.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use crate::Rejection;
use crate::server::rejection::query;

/// The query string, as `web::Query`, deserialised by this crate, so a query that does not
/// fit `T` answers 400 `validation_error` exactly as `error_contract::axum::Query` does:
/// `?page=x` for a `page: u32` gives `{"page":["A valid integer is required."]}`, a missing
/// parameter `{"page":["This field is required."]}`. The log gets the parameter's name, never
/// its value.
///
/// ```
/// use actix_web::{App, HttpResponse, web};
/// use error_contract::ApiError;
/// use error_contract::actix::Query;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Page {
///     page: u32,
/// }
///
/// async fn list(Query(query): Query<Page>) -> HttpResponse {
///     HttpResponse::Ok().body(format!("page {}", query.page))
/// }
///
/// let app = App::new().route("/invoices", web::get().to(list));
///
/// let rejection = Query::<Page>::from_query("page=x").unwrap_err();
/// assert_eq!(
///     rejection.details().get("page"),
///     Some(&["A valid integer is required.".to_owned()][..]),
/// );
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Query<T>(pub T);

crate::integrations::newtype!(Query);

impl<T: DeserializeOwned> Query<T> {
    /// Deserialises a query string (without the `?`).
    ///
    /// # Errors
    ///
    /// 400 `validation_error` naming every parameter that does not fit `T`.
    pub fn from_query(query: &str) -> Result<Self, Rejection> {
        query::deserialize(query).map(Self)
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = Rejection;
    type Future = Ready<Result<Self, Rejection>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Self::from_query(request.query_string()))
    }
}
