use contract::ApiError;

#[derive(Debug, ApiError)]
#[api(crate = contract)]
pub enum E {
    #[api(status = 99)]
    Low,
}

// Unrelated to the derive: must still be reported.
fn f() -> u32 {
    "s"
}

// Uses of the type compile against the stub impls.
fn code(error: &E) -> &'static str {
    error.error_code()
}

fn main() {
    let _ = (f, code);
}
