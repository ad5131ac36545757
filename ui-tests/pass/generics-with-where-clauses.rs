use std::fmt::Debug;

use error_contract::{ApiError, ToDetails};

#[derive(Debug, ApiError)]
pub enum Wrapper<D, E, T>
where
    T: Debug,
{
    #[api(status = 400, message = "Invalid.")]
    Invalid(#[api(details)] D),
    #[api(transparent)]
    Inner(E),
    #[api(status = 400, message = "bad value {0:?}")]
    Bad(T),
}

fn assert_api_error<T: ApiError>() {}

fn main() {
    assert_api_error::<Wrapper<error_contract::Details, error_contract::CommonError, u8>>();
    let _: fn(&dyn ToDetails) = |_| {};
}
