//! `GET /s/<slug>/campaign.json`: the shop's campaign as a document to import elsewhere.

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use domain::team::Permission;

use super::reach::Reached;
use crate::state::AppState;

#[derive(serde::Deserialize)]
pub struct FileQuery {
    /// The rule to export; the shop's first when absent.
    rule: Option<String>,
}

pub async fn download(
    State(state): State<AppState>,
    Extension(reached): Extension<Reached>,
    Query(query): Query<FileQuery>,
) -> Response {
    if let Some(refused) = reached.refusal(Permission::See) {
        return refused;
    }
    let rule = query.rule.as_deref().filter(|id| !id.is_empty());
    match crate::campaigns::export(state.pool(), &reached.shop, rule).await {
        Ok(Some(document)) => match serde_json::to_string_pretty(&document) {
            Ok(body) => (
                [
                    (header::CONTENT_TYPE, "application/json".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!(
                            "attachment; filename=\"relance-campaign-{}.json\"",
                            reached.shop.id
                        ),
                    ),
                ],
                body,
            )
                .into_response(),
            Err(error) => failed(&error),
        },
        Ok(None) => (
            StatusCode::NOT_FOUND,
            axum::Json(serde_json::json!({"message": "this shop has no campaign"})),
        )
            .into_response(),
        Err(error) => failed(&*error),
    }
}

fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "cannot export a campaign");
    (StatusCode::INTERNAL_SERVER_ERROR, "the export failed").into_response()
}
