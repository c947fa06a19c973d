//! `GET /s/{slug}/calls/{id}/email?template=…`: the email the call screen would send, for its
//! preview frame (a plain GET, so it needs no WASM): no open pixel, links that lead nowhere.

use app::api::CallEmailOutcome;
use app::backend::CallsBackend;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use domain::team::Permission;
use serde::Deserialize;

use super::backend::DbBackend;
use super::email_page::email_page;
use super::reach::Reached;
use crate::state::AppState;

/// The subject, shown above the email the way a mail program shows it (askama escapes it: it
/// may carry the customer's name).
#[derive(askama::Template)]
#[template(
    source = "<p style=\"margin:0;padding:12px 16px;border-bottom:1px solid #d6d9e0;font:600 15px/1.4 sans-serif;color:#1f2430;background:#fff\">{{ subject }}</p>",
    ext = "html"
)]
struct SubjectLine<'a> {
    subject: &'a str,
}

/// The email's page with its subject first in the body.
fn with_subject(html: &str, subject: &str) -> String {
    use askama::Template;
    let line = SubjectLine { subject }.render().unwrap_or_default();
    let at = html
        .find("<body")
        .and_then(|start| html[start..].find('>').map(|end| start + end + 1));
    match at {
        Some(at) => format!("{}{line}{}", &html[..at], &html[at..]),
        None => format!("{line}{html}"),
    }
}

#[derive(Deserialize)]
pub struct EmailQuery {
    template: String,
}

pub async fn preview(
    State(state): State<AppState>,
    Extension(reached): Extension<Reached>,
    Path((_, call_id)): Path<(String, String)>,
    Query(query): Query<EmailQuery>,
) -> Response {
    if let Some(refused) = reached.refusal(Permission::See) {
        return refused;
    }
    let backend = DbBackend::new(&state);
    let now = chrono::Utc::now();
    match backend
        .call_email(&reached.shop, &call_id, &query.template, false, now)
        .await
    {
        Ok(Some(CallEmailOutcome::Preview(email))) => {
            email_page(with_subject(&email.html, &email.subject))
        }
        Ok(Some(_)) => (
            StatusCode::NOT_FOUND,
            "this template has no text in the customer's language",
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "no such call").into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot render a call's email");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the preview could not be rendered",
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subject_goes_first_in_the_body_escaped() {
        let page = with_subject(
            "<!DOCTYPE html><html><body style=\"x\"><p>Hi</p></body></html>",
            "Camille <b>&",
        );
        assert!(
            page.starts_with("<!DOCTYPE html><html><body style=\"x\"><p style="),
            "{page}"
        );
        assert!(!page.contains("<b>"), "{page}");
        assert!(page.contains("</p><p>Hi</p>"), "{page}");
    }
}
