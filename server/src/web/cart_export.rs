//! `GET /s/<slug>/carts.csv?ids=a,b`: the carts selected on the Carts list as a spreadsheet.

use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};
use serde::Deserialize;

use domain::team::Permission;

use super::reach::Reached;
use super::unsubscribed::cell;
use crate::db::{bulk, money::from_db};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct ExportQuery {
    /// Internal cart ids, comma-separated.
    #[serde(default)]
    ids: String,
}

pub async fn csv(
    State(state): State<AppState>,
    Extension(reached): Extension<Reached>,
    Query(query): Query<ExportQuery>,
) -> Response {
    if let Some(refused) = reached.refusal(Permission::See) {
        return refused;
    }
    let ids: Vec<String> = query
        .ids
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    if ids.is_empty() || ids.len() > app::api::MAX_BULK {
        let message = format!("ids: select from 1 to {} carts", app::api::MAX_BULK);
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(serde_json::json!({ "message": message })),
        )
            .into_response();
    }
    match build(&state, &reached.shop, &ids).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"carts.csv\"",
                ),
            ],
            body,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "cannot export carts");
            (StatusCode::INTERNAL_SERVER_ERROR, "the export failed").into_response()
        }
    }
}

async fn build(state: &AppState, shop: &domain::Shop, ids: &[String]) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "cart",
        "email",
        "first_name",
        "last_name",
        "total_tax_incl",
        "currency",
        "products",
        "last_activity",
        "ordered",
        "reminders_done",
        "reminders_stopped",
    ])?;
    // In the shop's time, with its offset, as the admin shows it.
    let clock = super::clock::clock_of(&shop.time_zone, chrono::Utc::now());
    let time = |at: chrono::DateTime<chrono::Utc>| {
        clock
            .with_offset(at)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    };
    for row in bulk::export(state.pool(), &shop.id, ids).await? {
        out.write_record([
            cell(&row.external_id),
            cell(row.email.as_deref().unwrap_or_default()),
            cell(row.first_name.as_deref().unwrap_or_default()),
            cell(row.last_name.as_deref().unwrap_or_default()),
            from_db(row.total_tax_incl).round_dp(2).to_string(),
            row.currency,
            row.product_count.to_string(),
            time(row.last_activity_at),
            row.ordered_at.map(time).unwrap_or_default(),
            row.steps_done.to_string(),
            row.reminders_stopped_at.map(time).unwrap_or_default(),
        ])?;
    }
    Ok(out.into_inner()?)
}
