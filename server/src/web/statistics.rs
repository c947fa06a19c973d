//! The Statistics page's data (for the server function) and its CSV export
//! (`GET /s/<slug>/statistics.csv?from=&to=&scanners=`): the same `StatsPage`.

use app::api::{HoldoutLine, StatsLabels, StatsPage};
use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};
use chrono::{DateTime, Utc};
use domain::stats::{DayRange, RangeError};
use serde::Deserialize;

use crate::db::{self, stats::ShopCalendar, DbError, Pool};
use crate::state::AppState;
use domain::team::Permission;

use super::reach::Reached;

/// Sums the stored days for `from..=to` and the period before. It reads only: the scheduler
/// and a background task bring the days up to date (`db::stats::refresh`), so the page's
/// time does not depend on how much happened since.
pub async fn page(
    pool: &Pool,
    shop: &domain::Shop,
    from: Option<&str>,
    to: Option<&str>,
    scanners: bool,
    now: DateTime<Utc>,
) -> Result<Result<StatsPage, RangeError>, DbError> {
    let calendar = ShopCalendar::new(&shop.time_zone);
    let today = calendar.day_of(now);
    let range = match DayRange::parse(from, to, today) {
        Ok(range) => range,
        Err(error) => return Ok(Err(error)),
    };
    let previous = range.previous();
    let days = db::stats::read_range(pool, &shop.id, range.from(), range.to()).await?;
    let previous_days =
        db::stats::read_range(pool, &shop.id, previous.from(), previous.to()).await?;
    let labels = labels(pool, &shop.id).await?;
    let mut page = StatsPage::build(
        range,
        today,
        scanners,
        shop.currency,
        &days,
        &previous_days,
        &labels,
    );
    page.updated_at = db::stats::refreshed_at(pool, &shop.id).await?;
    let calls = db::calls::call_facts(
        pool,
        &shop.id,
        calendar.start_of(range.from()),
        calendar.start_of(range.to().succ_opt().unwrap_or(range.to())),
    )
    .await?;
    let window = db::settings::load(pool, &shop.id)
        .await?
        .map_or(db::DEFAULT_ATTRIBUTION_DAYS, |s| s.attribution_window_days);
    let window = chrono::Duration::days(i64::from(window));
    page.staff = domain::stats::staff_lines(&calls, window);
    page.holdout = holdout_lines(pool, shop, &calendar, range, window).await?;
    let campaigns = db::campaigns::load_campaigns(pool, &shop.id).await?;
    let names = db::templates::template_summaries(pool, &shop.id)
        .await?
        .into_iter()
        .map(|t| (t.template_id, t.name))
        .collect();
    page.splits = super::split_stats::split_lines(
        &days,
        scanners,
        &domain::rules::in_priority_order(&campaigns),
        &names,
    );
    Ok(Ok(page))
}

/// Every rule with a control group now or sequences drawn over the range, in priority order.
async fn holdout_lines(
    pool: &Pool,
    shop: &domain::Shop,
    calendar: &ShopCalendar,
    range: DayRange,
    window: chrono::Duration,
) -> Result<Vec<HoldoutLine>, DbError> {
    let drawn = db::stats::drawn_sequences(
        pool,
        &shop.id,
        calendar.start_of(range.from()),
        calendar.start_of(range.to().succ_opt().unwrap_or(range.to())),
    )
    .await?;
    let mut groups = domain::stats::group_outcomes(&drawn, window);
    let campaigns = db::campaigns::load_campaigns(pool, &shop.id).await?;
    Ok(domain::rules::in_priority_order(&campaigns)
        .into_iter()
        .filter_map(|campaign| {
            let drawn = groups.remove(campaign.id());
            if drawn.is_none() && campaign.holdout().is_none() {
                return None;
            }
            let [reminded, control] = drawn.unwrap_or_default();
            Some(HoldoutLine {
                rule: campaign.name().to_owned(),
                share: campaign.holdout().percent(),
                lift: domain::stats::lift(&reminded, &control),
                reminded,
                control,
            })
        })
        .collect())
}

async fn labels(pool: &Pool, shop_id: &str) -> Result<StatsLabels, DbError> {
    let campaigns = db::campaigns::load_campaigns(pool, shop_id).await?;
    let several = campaigns.len() > 1;
    let ordered = domain::rules::in_priority_order(&campaigns);
    let steps = ordered
        .iter()
        .flat_map(|campaign| {
            let rule = several.then(|| campaign.name().to_owned());
            campaign
                .steps()
                .iter()
                .map(move |s| (s.id.clone(), s.delay.amount(), s.delay.unit(), rule.clone()))
        })
        .collect();
    let rules = ordered
        .iter()
        .map(|c| {
            let steps = c.steps().iter().map(|s| s.id.clone()).collect();
            (c.id().to_owned(), c.name().to_owned(), steps)
        })
        .collect();
    let templates = db::templates::template_summaries(pool, shop_id)
        .await?
        .into_iter()
        .map(|t| (t.template_id, t.name))
        .collect();
    Ok(StatsLabels {
        steps,
        rules,
        templates,
    })
}

#[derive(Deserialize)]
pub struct CsvQuery {
    from: Option<String>,
    to: Option<String>,
    #[serde(default)]
    scanners: Option<String>,
}

pub async fn csv(
    State(state): State<AppState>,
    Extension(reached): Extension<Reached>,
    Query(query): Query<CsvQuery>,
) -> Response {
    if let Some(refused) = reached.refusal(Permission::See) {
        return refused;
    }
    let scanners = query
        .scanners
        .as_deref()
        .is_some_and(|v| v == "1" || v == "on" || v == "true");
    let result = async {
        page(
            state.pool(),
            &reached.shop,
            query.from.as_deref(),
            query.to.as_deref(),
            scanners,
            Utc::now(),
        )
        .await
    }
    .await;
    match result {
        Ok(Ok(page)) => match super::statistics_csv::write(&page) {
            Ok(body) => {
                let disposition = format!(
                    "attachment; filename=\"relance-statistics-{}-{}.csv\"",
                    page.from, page.to
                );
                (
                    [
                        (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                        (header::CONTENT_DISPOSITION, disposition),
                    ],
                    body,
                )
                    .into_response()
            }
            Err(error) => failed(&error),
        },
        Ok(Err(error)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(serde_json::json!({ "message": error.to_string() })),
        )
            .into_response(),
        Err(error) => failed(&error),
    }
}

fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %error, "cannot export the statistics");
    (StatusCode::INTERNAL_SERVER_ERROR, "the export failed").into_response()
}
