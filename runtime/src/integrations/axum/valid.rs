//! [`Valid`]: an extractor whose value is also checked by its `validator` rules.

use ::axum::extract::{FromRequest, FromRequestParts, Request};
use http::request::Parts;
use serde::de::DeserializeOwned;
use validator::Validate;

use super::{Form, Json, Query};
use crate::Rejection;
use crate::integrations::validator::rejection as broken_rules;
use crate::server::rejection;

/// [`Json<T>`](Json), [`Query<T>`](Query) or [`Form<T>`](Form) whose `T` is then validated by
/// its [`validator::Validate`] rules (feature `validator`): a request refused before its
/// values are read (415, 413, malformed JSON) answers as the inner extractor does; otherwise
/// every value that does not fit `T` and every broken rule answer at once, 400
/// `validation_error`, nested as Django REST Framework nests them, in its words unless the
/// rule has a message of its own, the fields in their declaration order. As DRF, a field
/// that did not fit its type reports that alone, and the rules are checked on the others.
/// The log gets the failing fields' paths, never their values.
///
/// ```
/// use axum::Router;
/// use axum::routing::post;
/// use error_contract::ApiError;
/// use error_contract::axum::{Json, Valid};
/// use validator::Validate;
///
/// #[derive(Debug, serde::Deserialize, Validate)]
/// struct NewInvoice {
///     #[validate(email)]
///     email: String,
///     #[validate(range(min = 1))]
///     amount: u32,
/// }
///
/// async fn create(Valid(Json(invoice)): Valid<Json<NewInvoice>>) -> String {
///     format!("{} for {}", invoice.amount, invoice.email)
/// }
///
/// let app: Router = Router::new().route("/invoices", post(create));
/// # let _ = app;
///
/// let rejection = Valid::check(Json::<NewInvoice>::from_bytes(br#"{"email":"nope","amount":0}"#).unwrap()).unwrap_err();
/// let details = rejection.error().details();
/// assert_eq!(details.get("email").unwrap(), ["Enter a valid email address."]);
/// assert_eq!(details.get("amount").unwrap(), ["Ensure this value is greater than or equal to 1."]);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Valid<E>(pub E);

crate::integrations::newtype!(Valid);

impl<E> Valid<E> {
    /// Validates an extracted value: `Valid(extracted)` when every rule holds.
    ///
    /// # Errors
    ///
    /// 400 `validation_error` with every failing field in `details`.
    pub fn check<T>(extracted: E) -> Result<Self, Rejection>
    where
        E: std::ops::Deref<Target = T>,
        T: Validate,
    {
        extracted
            .validate()
            .map_err(|errors| broken_rules(&errors))?;
        Ok(Self(extracted))
    }
}

impl<T: DeserializeOwned + Validate> Valid<Json<T>> {
    /// Deserialises and validates a whole JSON body, as the extractor does once the request's
    /// `Content-Type` and size are checked.
    ///
    /// # Errors
    ///
    /// 400 `malformed_json` for what is not JSON; 400 `validation_error` with every value
    /// that does not fit `T` and every rule broken elsewhere, in declaration order.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Rejection> {
        deserialize_validated(bytes).map(|value| Self(Json(value)))
    }
}

impl<T, S> FromRequest<S> for Valid<Json<T>>
where
    T: DeserializeOwned + Validate,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Rejection> {
        Self::from_bytes(&super::json::read_json_body(request, state).await?)
    }
}

impl<T, S> FromRequest<S> for Valid<Form<T>>
where
    T: DeserializeOwned + Validate,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Rejection> {
        let bytes = super::form::form_bytes(request, state).await?;
        let again =
            |rules: Rules<'_, T>| rejection::query::rejection_with_rules(&bytes, true, rules);
        validated(Form::<T>::from_bytes(&bytes).map(Form::into_inner), again)
            .map(|value| Self(Form(value)))
    }
}

impl<T, S> FromRequestParts<S> for Valid<Query<T>>
where
    T: DeserializeOwned + Validate,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Rejection> {
        let query = parts.uri.query().unwrap_or_default().as_bytes();
        let again =
            |rules: Rules<'_, T>| rejection::query::rejection_with_rules(query, false, rules);
        validated(
            Query::<T>::try_from_uri(&parts.uri).map(Query::into_inner),
            again,
        )
        .map(|value| Self(Query(value)))
    }
}

/// The rules `T` breaks, as `details`; `None` when it breaks none.
type Rules<'a, T> = &'a dyn Fn(&T) -> Option<crate::Details>;

/// `first` (the input read once), its rules checked. On any failure, `again` reads the input
/// a second time and reports every value that did not fit and every rule broken elsewhere
/// at once, in declaration order, as Django REST Framework reports a serializer's fields (a
/// field that did not fit reports its type only); when it cannot, the first failure stands.
fn validated<T: Validate>(
    first: Result<T, Rejection>,
    again: impl FnOnce(Rules<'_, T>) -> Option<Rejection>,
) -> Result<T, Rejection> {
    use crate::ToDetails as _;

    let first = match first {
        Ok(value) => match value.validate() {
            Ok(()) => return Ok(value),
            Err(errors) => broken_rules(&errors),
        },
        Err(first) => first,
    };
    let rules = |value: &T| value.validate().err().map(|errors| errors.to_details());
    Err(again(&rules).unwrap_or(first))
}

/// A JSON body as `T`, `T`'s rules checked, as [`validated`] says.
fn deserialize_validated<T: DeserializeOwned + Validate>(body: &[u8]) -> Result<T, Rejection> {
    validated(rejection::json::deserialize::<T>(body), |rules| {
        rejection::json::rejection_with_rules(body, rules)
    })
}
