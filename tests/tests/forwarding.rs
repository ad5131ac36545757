//! Wrappers forward every speed path of the error they wrap: `Box<T>` and axum's `Rejection`
//! write the same bytes as the inner value, by each way of writing them.

use error_contract::{ApiError, CommonError, Details, Rejection};
use error_contract_tests::{PartnerError, every_common_error, guide_validation_error};

/// Everything an error writes: the body (new and reused buffer), the envelope, the response's
/// status, headers and body, and the hidden speed hooks.
fn written(error: &impl ApiError) -> Vec<String> {
    let mut reused = Vec::with_capacity(4096);
    error.write_json(&mut reused);
    let response = error.to_response();
    let mut headers: Vec<String> = response
        .headers()
        .iter()
        .map(|(name, value)| format!("{name}: {}", value.to_str().unwrap()))
        .collect();
    headers.sort();
    vec![
        String::from_utf8(error.to_json()).unwrap(),
        String::from_utf8(reused).unwrap(),
        format!("{:?}", error.envelope()),
        format!("{:?}", error.static_json()),
        format!("{:?}", error.details_ref()),
        response.status().to_string(),
        headers.join("; "),
        String::from_utf8(response.body().clone()).unwrap(),
        format!("{:?}", error.details()),
    ]
}

#[test]
fn a_box_writes_what_its_error_writes() {
    let errors: [fn() -> PartnerError; 4] = [
        guide_validation_error,
        || PartnerError::InvoiceNotFound("inv_9".into()),
        || PartnerError::Common(CommonError::InvalidToken),
        || PartnerError::Common(CommonError::ServiceUnavailable),
    ];
    for error in errors {
        let boxed: Box<PartnerError> = Box::new(error());
        assert_eq!(written(&boxed), written(&error()), "{:?}", error());
        let dyn_boxed: Box<dyn ApiError<Code = _>> = Box::new(error());
        assert_eq!(written(&dyn_boxed), written(&error()), "{:?}", error());
    }
}

#[test]
fn a_fixed_body_survives_the_box() {
    let error = PartnerError::Common(CommonError::NotFound);
    let boxed = Box::new(PartnerError::Common(CommonError::NotFound));
    // The body written at compile time is what the box hands out too.
    assert!(boxed.static_json().is_some());
    assert_eq!(boxed.static_json(), error.static_json());
}

#[test]
fn a_rejection_writes_what_its_common_error_writes() {
    for error in every_common_error() {
        let rejection = Rejection::new(error.clone(), "the framework's own text");
        assert_eq!(written(&rejection), written(&error), "{error:?}");
        assert_eq!(rejection.static_json(), error.static_json(), "{error:?}");
    }
    let with_details =
        CommonError::ValidationError(Details::new().with("amount", "A valid integer is required."));
    let rejection = Rejection::new(with_details.clone(), "amount: invalid digit");
    assert_eq!(written(&rejection), written(&with_details));
}
