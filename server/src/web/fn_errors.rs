//! The status of a server function's refusal, where Leptos's own would mislead:
//! - arguments that do not decode (an unknown variant, a missing field) come back from Leptos as
//!   a 500 whose body is `AppError::Transport`, with serde's message naming the field: the
//!   request's fault, which `AppError::status` answers with 400;
//! - a refused plain form post (no JavaScript: the sign-in page) comes back with a `Location`
//!   to the page it came from, the error in its query, but with the refusal's status (401), which
//!   a browser does not follow: it is a 303, so the page shows the error.

use app::error::AppError;
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// A server function's error is small; a larger body is not one.
const ERROR_BODY_MAX: usize = 64 * 1024;

pub async fn refusal_status(request: Request, next: Next) -> Response {
    let server_fn = request.uri().path().starts_with("/admin/fn/");
    let mut response = next.run(request).await;
    if !server_fn {
        return response;
    }
    let headers = response.headers();
    if headers.contains_key("serverfnerror") && headers.contains_key(header::LOCATION) {
        *response.status_mut() = StatusCode::SEE_OTHER;
        return response;
    }
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, ERROR_BODY_MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error @ AppError::Transport(_)) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status();
    }
    Response::from_parts(parts, Body::from(bytes))
}
