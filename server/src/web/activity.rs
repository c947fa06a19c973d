//! The Activity page's data and its CSV export (`GET /s/<slug>/activity.csv`): the shop's
//! activity log filtered by author and by the shop's days.

use app::api::{ActivityLine, ActivityPage, ActivityQuery, ACTIVITY_PAGE};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::audit::AuditAction;
use domain::team::Permission;
use domain::Shop;

use super::reach::Reached;
use super::unsubscribed::cell;
use crate::db::{audit, DbError, Pool};
use crate::state::AppState;

/// The start of `date` in the shop's zone, as UTC.
fn start_of(shop: &Shop, date: NaiveDate) -> DateTime<Utc> {
    let zone = crate::zones::shop_zone(&shop.time_zone);
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    zone.from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |local| local.with_timezone(&Utc))
}

fn date(field: &str, text: &str) -> Result<Option<NaiveDate>, String> {
    match text.trim() {
        "" => Ok(None),
        text => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| format!("{field}: a date is written YYYY-MM-DD")),
    }
}

/// The entries for `query`, at most `limit`; `Err` names a filter that is not a date.
pub async fn lines(
    pool: &Pool,
    shop: &Shop,
    query: &ActivityQuery,
    limit: i64,
) -> Result<Result<Vec<ActivityLine>, String>, DbError> {
    let (from, to) = match (date("from", &query.from), date("to", &query.to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(problem), _) | (_, Err(problem)) => return Ok(Err(problem)),
    };
    let filter = audit::Filter {
        shop_id: &shop.id,
        user_email: Some(query.user.trim()).filter(|u| !u.is_empty()),
        from: from.map(|d| start_of(shop, d)),
        until: to.and_then(|d| d.succ_opt()).map(|d| start_of(shop, d)),
        limit,
    };
    let rows = audit::list(pool, &filter).await?;
    Ok(Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(ActivityLine {
                action: AuditAction::parse(&row.action)?,
                at: row.at,
                email: row.user_email,
                subject: row.subject,
                before: row.before,
                after: row.after,
            })
        })
        .collect()))
}

pub async fn page(
    pool: &Pool,
    shop: &Shop,
    query: &ActivityQuery,
) -> Result<Result<ActivityPage, String>, DbError> {
    let limit = i64::try_from(ACTIVITY_PAGE).unwrap_or(200);
    let lines = match lines(pool, shop, query, limit).await? {
        Ok(lines) => lines,
        Err(problem) => return Ok(Err(problem)),
    };
    Ok(Ok(ActivityPage {
        lines,
        authors: audit::authors(pool, &shop.id).await?,
        limit: ACTIVITY_PAGE,
    }))
}

pub async fn csv(
    State(state): State<AppState>,
    Extension(reached): Extension<Reached>,
    Query(query): Query<ActivityQuery>,
) -> Response {
    if let Some(refused) = reached.refusal(Permission::Administer) {
        return refused;
    }
    let lines = match lines(state.pool(), &reached.shop, &query, i64::MAX).await {
        Ok(Ok(lines)) => lines,
        Ok(Err(problem)) => {
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                axum::Json(serde_json::json!({ "message": problem })),
            )
                .into_response()
        }
        Err(error) => return failed(&error),
    };
    match write(&reached.shop, &lines) {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"relance-activity-{}.csv\"",
                        reached.shop.id
                    ),
                ),
            ],
            body,
        )
            .into_response(),
        Err(error) => failed(&*error),
    }
}

fn write(shop: &Shop, lines: &[ActivityLine]) -> anyhow::Result<Vec<u8>> {
    let clock = super::clock::clock_of(&shop.time_zone, Utc::now());
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["at", "user", "action", "subject", "before", "after"])?;
    for line in lines {
        out.write_record([
            clock
                .with_offset(line.at)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            cell(&line.email),
            line.action.as_str().to_owned(),
            cell(&line.subject),
            cell(line.before.as_deref().unwrap_or_default()),
            cell(line.after.as_deref().unwrap_or_default()),
        ])?;
    }
    Ok(out.into_inner()?)
}

fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "cannot export the activity log");
    (StatusCode::INTERNAL_SERVER_ERROR, "the export failed").into_response()
}
