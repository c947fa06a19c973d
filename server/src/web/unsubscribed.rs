//! `GET /s/<slug>/unsubscribed.csv?q=`: the Unsubscribed list as a spreadsheet file.

use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};
use serde::Deserialize;

use domain::team::Permission;
use domain::Shop;

use super::reach::Reached;
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

pub async fn csv(
    State(state): State<AppState>,
    Extension(reached): Extension<Reached>,
    Query(query): Query<CsvQuery>,
) -> Response {
    if let Some(refused) = reached.refusal(Permission::See) {
        return refused;
    }
    match build(&state, &reached.shop, &query.q).await {
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

async fn build(state: &AppState, shop: &Shop, search: &str) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["email", "reason", "since"])?;
    {
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

/// A page of the shop's Unsubscribed list.
pub async fn page(
    pool: &crate::db::Pool,
    shop_id: &str,
    search: &str,
    page: u32,
) -> Result<app::api::UnsubscribedPage, crate::db::DbError> {
    let (rows, total) = db::suppressions::list(
        pool,
        shop_id,
        search,
        Some((page, app::api::UNSUBSCRIBED_PAGE_SIZE)),
    )
    .await?;
    Ok(app::api::UnsubscribedPage {
        lines: rows
            .into_iter()
            .map(|row| app::api::UnsubscribedLine {
                email: row.email,
                reason: row.reason,
                at: row.created_at,
            })
            .collect(),
        total,
        page,
    })
}
