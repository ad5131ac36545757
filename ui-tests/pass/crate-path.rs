mod facade {
    pub use error_contract as contract;
}

#[derive(Debug, facade::contract::ApiError)]
#[api(crate = facade::contract)]
pub enum E {
    #[api(status = 404, message = "Not found.")]
    NotFound,
}

fn main() {
    use facade::contract::ApiError as _;
    assert_eq!(E::NotFound.error_code(), "not_found");
}
