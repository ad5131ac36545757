//! [`TokenSource`]: where the client gets its bearer token, and gets a fresh one after a 401.

use std::error::Error;
use std::future::Future;
use std::pin::Pin;

/// What a token source may fail with.
pub type TokenError = Box<dyn Error + Send + Sync>;

/// Gives the client its bearer token.
///
/// `force_refresh` is false before the first attempt and true once after a 401 (the guide's
/// `get_business_token(business_id, force_refresh=True)`); a source caches its token and
/// fetches a new one only when forced. A failed refresh stops the request with that error.
///
/// ```
/// use error_contract::reqwest::{TokenError, TokenSource};
///
/// struct Vault;
///
/// impl TokenSource for Vault {
///     async fn token(&self, force_refresh: bool) -> Result<String, TokenError> {
///         Ok(if force_refresh { "tok_fresh".into() } else { "tok_cached".into() })
///     }
/// }
/// ```
pub trait TokenSource: Send + Sync {
    /// The token to send as `Authorization: Bearer …`.
    fn token(&self, force_refresh: bool)
    -> impl Future<Output = Result<String, TokenError>> + Send;
}

/// A token that never changes: a 401 is re-sent once with the same token, then stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticToken(pub String);

impl TokenSource for StaticToken {
    async fn token(&self, _force_refresh: bool) -> Result<String, TokenError> {
        Ok(self.0.clone())
    }
}

/// [`TokenSource`] as a trait object, so that `Client` needs no type parameter.
pub(super) trait DynTokenSource: Send + Sync {
    fn token(
        &self,
        force_refresh: bool,
    ) -> Pin<Box<dyn Future<Output = Result<String, TokenError>> + Send + '_>>;
}

impl<T: TokenSource> DynTokenSource for T {
    fn token(
        &self,
        force_refresh: bool,
    ) -> Pin<Box<dyn Future<Output = Result<String, TokenError>> + Send + '_>> {
        Box::pin(TokenSource::token(self, force_refresh))
    }
}
