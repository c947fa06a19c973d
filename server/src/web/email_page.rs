//! An email rendered for a page of the admin to show in a frame: its links must not run
//! anything in the admin's origin.

use axum::http::header;
use axum::response::{IntoResponse, Response};

pub fn email_page(html: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'",
            ),
        ],
        html,
    )
        .into_response()
}
