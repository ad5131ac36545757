#![deny(warnings)]

use error_contract::{ApiError, CommonError};

/// The enum's challenge is the default of its 401 variants; a variant's own wins.
#[derive(Debug, ApiError)]
#[api(www_authenticate = r#"Bearer realm="partner""#)]
pub enum PartnerError {
    #[api(
        status = 401,
        message = "Authentication credentials were not provided."
    )]
    AuthenticationRequired,
    #[api(
        status = UNAUTHORIZED,
        message = "Invalid token.",
        www_authenticate = r#"Bearer realm="partner", error="invalid_token""#
    )]
    InvalidToken,
    #[api(status = 403, message = "Forbidden.")]
    Forbidden,
    #[api(transparent)]
    Common(CommonError),
}

/// On a struct, with a tab and the other header characters allowed.
#[derive(Debug, ApiError)]
#[api(
    status = 401,
    message = "Log in.",
    www_authenticate = "Basic realm=\"admin\",\tcharset=\"UTF-8\""
)]
pub struct AdminLogin;

/// A generic transparent variant forwards the inner challenge.
#[derive(Debug, ApiError)]
pub enum Wrapper<E> {
    #[api(transparent)]
    Inner(E),
    #[api(status = 401, message = "Log in.", www_authenticate = "Negotiate")]
    Own,
}

fn main() {
    assert_eq!(
        PartnerError::AuthenticationRequired.www_authenticate(),
        Some(r#"Bearer realm="partner""#)
    );
    assert_eq!(
        PartnerError::InvalidToken.www_authenticate(),
        Some(r#"Bearer realm="partner", error="invalid_token""#)
    );
    assert_eq!(PartnerError::Forbidden.www_authenticate(), None);
    assert_eq!(
        PartnerError::Common(CommonError::InvalidToken).www_authenticate(),
        Some(r#"Bearer error="invalid_token""#)
    );
    assert_eq!(
        AdminLogin.www_authenticate(),
        Some("Basic realm=\"admin\",\tcharset=\"UTF-8\"")
    );
    assert_eq!(
        Wrapper::Inner(AdminLogin).www_authenticate(),
        AdminLogin.www_authenticate()
    );
    assert_eq!(
        Wrapper::<AdminLogin>::Own.www_authenticate(),
        Some("Negotiate")
    );
}
