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
        Ok(Some(CallEmailOutcome::Preview(email))) => email_page(email.html),
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
