//! The status of a server function's refusal when Leptos refuses before our code runs. Arguments
//! that do not decode (an unknown variant, a missing field) come back from Leptos as a 500 whose
//! body is `AppError::Transport`, with serde's message naming the field: the request's fault,
//! which `AppError::status` answers with 400.

use app::error::AppError;
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::StatusCode,
    middleware::Next,
    response::{IntoResponse, Response},
};

/// A server function's error is small; a larger body is not one.
const ERROR_BODY_MAX: usize = 64 * 1024;

pub async fn refusal_status(request: Request, next: Next) -> Response {
    let server_fn = request.uri().path().starts_with("/admin/fn/");
    let response = next.run(request).await;
    if !server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
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
