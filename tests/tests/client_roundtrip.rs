//! Whatever envelope a server can produce, the client decodes back: the same `error`,
//! `error_code` and details, in the same order.

use error_contract::{ApiError, CommonError, CommonErrorCode, ErrorEnvelope, ErrorResponse};
use http::{HeaderMap, StatusCode};
use proptest::prelude::*;

#[path = "support/text.rs"]
mod text;

use text::details;

type Response = ErrorResponse<CommonErrorCode>;

fn error_status() -> impl Strategy<Value = StatusCode> {
    (400_u16..600).prop_map(|code| StatusCode::from_u16(code).unwrap())
}

proptest! {
    #[test]
    fn any_envelope_round_trips(
        error in any::<String>(),
        error_code in any::<String>(),
        details in details(),
        status in error_status(),
    ) {
        let sent = ErrorEnvelope::new(error.clone(), error_code.clone()).with_details(details.clone());
        let response = Response::from_parts(status, &HeaderMap::new(), &sent.to_json());

        prop_assert_eq!(response.status(), status);
        let envelope = response.envelope().expect("an envelope");
        prop_assert_eq!(&envelope.error, &error);
        prop_assert_eq!(&envelope.error_code, &error_code);
        // Equality of Details is order-sensitive; the bytes prove it once more.
        prop_assert_eq!(response.details(), &details);
        prop_assert_eq!(
            serde_json::to_string(response.details()).unwrap(),
            serde_json::to_string(&details).unwrap()
        );
        prop_assert_eq!(response.error_code(), Some(error_code.as_str()).filter(|code| !code.is_empty()));
        if !error.trim().is_empty() {
            prop_assert_eq!(response.message(), error.as_str());
        }
        prop_assert!(!response.message().trim().is_empty());
    }

    #[test]
    fn a_derived_error_round_trips_through_its_response(details in details()) {
        let error = CommonError::ValidationError(details.clone());
        let sent = error.to_response();
        let response = Response::from_parts(sent.status(), sent.headers(), sent.body());
        prop_assert_eq!(response.code(), Some(CommonErrorCode::ValidationError));
        prop_assert_eq!(response.message(), "Validation errors in request data");
        prop_assert_eq!(response.details(), &details);
    }
}
