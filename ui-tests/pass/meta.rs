#![deny(warnings)]

use error_contract::{ApiError, CommonError, ErrorEnvelope, FromEnvelope};

/// A generic meta field: `impl ApiError` needs `T: Serialize`, `impl FromEnvelope` needs
/// `T: DeserializeOwned`, and neither needs more.
#[derive(Debug, PartialEq, ApiError)]
#[api(problem_type = "https://docs.example.com/errors/{code}")]
pub enum E<T> {
    #[api(status = 409, message = "x")]
    V {
        #[api(meta)]
        id: T,
    },
    #[api(status = 404, message = "Invoice {0} not found")]
    Missing(
        #[api(meta = "invoice_id")] String,
        #[api(meta = "attempt")] u8,
    ),
    #[api(status = 503)]
    Down {
        #[api(meta)]
        r#type: Option<String>,
    },
    #[api(transparent)]
    Common(CommonError),
}

/// A struct with meta and a problem type.
#[derive(Debug, PartialEq, ApiError)]
#[api(
    status = 402,
    message = "Plan {plan} is full.",
    problem_type = "/errors/{code}"
)]
pub struct SeatLimit {
    #[api(meta)]
    plan: String,
}

fn assert_api_error<T: ApiError>() {}
fn assert_from_envelope<T: FromEnvelope>() {}

fn round_trip<T: ApiError + FromEnvelope + PartialEq + std::fmt::Debug>(error: T) {
    let envelope: ErrorEnvelope = error.envelope();
    assert_eq!(T::from_envelope(&envelope), Some(error));
}

fn main() {
    assert_api_error::<E<String>>();
    assert_api_error::<E<u64>>();
    assert_from_envelope::<E<String>>();
    assert_from_envelope::<E<Vec<u64>>>();
    assert_api_error::<SeatLimit>();
    assert_from_envelope::<SeatLimit>();

    let error = E::V {
        id: "inv_1".to_owned(),
    };
    assert_eq!(
        error.to_json(),
        br#"{"error":"x","error_code":"v","details":{},"meta":{"id":"inv_1"}}"#
    );
    assert_eq!(
        error.to_problem_json(),
        br#"{"type":"https://docs.example.com/errors/v","title":"Conflict","status":409,"detail":"x","error_code":"v","meta":{"id":"inv_1"}}"#
    );
    round_trip(error);
    round_trip(E::<u8>::Missing("inv_2".to_owned(), 3));
    round_trip(E::<u8>::Down {
        r#type: Some("planned".to_owned()),
    });
    round_trip(E::<u8>::Common(CommonError::NotFound));

    let down = E::<u8>::Down { r#type: None };
    assert_eq!(
        down.to_json(),
        br#"{"error":"Service unavailable","error_code":"down","details":{},"meta":{"type":null}}"#
    );
    // The enum's problem type holds for the codes it forwards.
    assert_eq!(
        E::<u8>::Common(CommonError::NotFound).problem_type(),
        "https://docs.example.com/errors/not_found"
    );

    let seats = SeatLimit {
        plan: "team".to_owned(),
    };
    assert_eq!(seats.problem_type(), "/errors/seat_limit");
    round_trip(seats);
}
