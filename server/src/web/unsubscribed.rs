//! `GET /admin/unsubscribed.csv?q=`: the Unsubscribed list as a spreadsheet file.

use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::{db, state::AppState};

#[derive(Deserialize)]
pub struct CsvQuery {
    #[serde(default)]
    q: String,
}

/// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula: such text
/// (addresses here, template names in the statistics) is written with a leading apostrophe
/// (OWASP's CSV injection advice).
pub(super) fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

pub async fn csv(State(state): State<AppState>, Query(query): Query<CsvQuery>) -> Response {
    match build(&state, &query.q).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"unsubscribed.csv\"",
                ),
            ],
            body,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(
                error = format!("{error:#}"),
                "cannot export the unsubscribed list"
            );
            (StatusCode::INTERNAL_SERVER_ERROR, "the export failed").into_response()
        }
    }
}

async fn build(state: &AppState, search: &str) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["email", "reason", "since"])?;
    if let Some(shop) = db::first_shop(state.pool()).await? {
        let (rows, _) = db::suppressions::list(state.pool(), &shop.id, search, None).await?;
        // In the shop's time, with its offset, as the admin shows it.
        let clock = super::clock::clock_of(&shop.time_zone, chrono::Utc::now());
        for row in rows {
            out.write_record([
                cell(&row.email),
                row.reason,
                clock
                    .with_offset(row.created_at)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ])?;
        }
    }
    Ok(out.into_inner()?)
}
