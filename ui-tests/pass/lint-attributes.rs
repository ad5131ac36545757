//! The user's `allow`s and `#[deprecated]` variants do not turn into warnings in the
//! generated code, even under `#![deny(warnings)]`.
#![deny(warnings)]

use error_contract::{ApiError, ErrorCode};

#[derive(Debug, thiserror::Error, ApiError)]
#[allow(non_camel_case_types)]
pub enum lower_case_error {
    #[error("not found")]
    #[api(status = 404)]
    not_found,

    #[error("bad token")]
    #[api(status = 401, message = "Bad token for {userId}")]
    #[allow(non_snake_case)]
    bad_token { userId: String },

    #[error("gone")]
    #[api(status = 410)]
    #[deprecated = "use not_found"]
    gone,
}

#[derive(Debug, thiserror::Error, ApiError)]
#[allow(non_snake_case)]
#[api(status = 409, message = "Conflict on {resourceId}")]
#[error("conflict")]
pub struct Conflict {
    resourceId: String,
}

// A code enum the user names is linted as theirs; its variants, copied, are not.
#[derive(Debug, thiserror::Error, ApiError)]
#[allow(non_camel_case_types)]
#[api(code_enum = SnakeCodes)]
pub enum snake_named {
    #[error("unavailable")]
    #[api(status = 503)]
    unavailable,
}

fn main() {
    assert_eq!(snake_named::unavailable.code(), SnakeCodes::unavailable);
    let error = lower_case_error::not_found;
    assert_eq!(error.code(), lower_case_errorCode::not_found);
    assert_eq!(error.error_code(), "not_found");
    let error = lower_case_error::bad_token {
        userId: "u_1".to_owned(),
    };
    assert_eq!(error.message(), "Bad token for u_1");
    if let lower_case_error::bad_token { userId } = &error {
        assert_eq!(userId, "u_1");
    }
    assert_eq!(
        lower_case_errorCode::from_code("bad_token"),
        Some(lower_case_errorCode::bad_token)
    );
    #[allow(deprecated)]
    let error = lower_case_error::gone;
    assert_eq!(error.status().as_u16(), 410);
    let conflict = Conflict {
        resourceId: "r_1".to_owned(),
    };
    assert_eq!(conflict.message(), "Conflict on r_1");
    assert_eq!(conflict.to_string(), "conflict");
}
