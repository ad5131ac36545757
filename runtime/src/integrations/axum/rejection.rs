//! [`Rejection`](crate::Rejection) as an axum response: its envelope, logged once with its cause.

use ::axum::response::{IntoResponse, Response};

use crate::Rejection;

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        super::respond(self.error(), &self.cause())
    }
}
