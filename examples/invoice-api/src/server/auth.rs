//! `Authorization: Bearer <token>`: who is calling.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use error_contract::CommonError;

use super::store::{self, Credential};
use crate::contract::PartnerError;

/// The calling partner, from its bearer token.
#[derive(Debug, Clone, Copy)]
pub(super) struct Partner {
    /// The one business the token may see.
    pub(super) business_id: &'static str,
}

impl<S: Send + Sync> FromRequestParts<S> for Partner {
    type Rejection = PartnerError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, PartnerError> {
        let Some(header) = parts.headers.get(AUTHORIZATION) else {
            return Err(CommonError::AuthenticationRequired.into());
        };
        let token = header
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| !token.is_empty());
        match token.and_then(store::credential) {
            Some(Credential::Partner { business_id }) => Ok(Partner { business_id }),
            // Malformed, unknown or expired: the guide's invalid_token.
            Some(Credential::Expired) | None => Err(CommonError::InvalidToken.into()),
        }
    }
}
