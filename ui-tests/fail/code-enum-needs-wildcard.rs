use error_contract::CommonErrorCode;

// A contract crate's code enum is `#[non_exhaustive]`: a client crate matching on it needs a
// wildcard arm, so that a code added in a later release is not a compile break.
fn advice(code: CommonErrorCode) -> &'static str {
    match code {
        CommonErrorCode::AuthenticationRequired => "log in",
        CommonErrorCode::InvalidToken => "refresh",
        CommonErrorCode::PermissionDenied => "ask",
        CommonErrorCode::ValidationError => "fix",
        CommonErrorCode::NotFound => "check",
        CommonErrorCode::MethodNotAllowed => "method",
        CommonErrorCode::MalformedJson => "json",
        CommonErrorCode::UnsupportedMediaType => "type",
        CommonErrorCode::PayloadTooLarge => "smaller",
        CommonErrorCode::RateLimited => "wait",
        CommonErrorCode::InternalError => "retry",
        CommonErrorCode::ServiceUnavailable => "retry",
        CommonErrorCode::BadRequest => "fix",
        CommonErrorCode::NotAcceptable => "accept",
        CommonErrorCode::RequestTimeout => "retry",
        CommonErrorCode::Conflict => "conflict",
        CommonErrorCode::UnprocessableEntity => "fix",
        CommonErrorCode::BadGateway => "retry",
        CommonErrorCode::GatewayTimeout => "retry",
        CommonErrorCode::ClientError => "fix",
        CommonErrorCode::ServerError => "retry",
    }
}

fn main() {
    let _ = advice(CommonErrorCode::NotFound);
}
