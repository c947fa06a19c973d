//! The Statistics page's data (for the server function) and its CSV export
//! (`GET /s/<slug>/statistics.csv?from=&to=&scanners=`): the same `StatsPage`.

use app::api::{FunnelLabel, FunnelLine, HoldoutLine, StatsLabels, StatsPage};
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
        Ok(Ok(page)) => match write(&page) {
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

/// One line per step then per template; rates in percent with a dot, amounts in the shop's
/// currency without symbol, so spreadsheets read them as numbers.
fn write(page: &StatsPage) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "table",
        "name",
        "from",
        "to",
        "sent",
        "opened",
        "open_rate",
        "clicked",
        "click_rate",
        "converted",
        "conversion_rate",
        "revenue",
        "currency",
        "machine_opened",
        "machine_clicked",
    ])?;
    let rate = |r: Option<rust_decimal::Decimal>| r.map(|r| r.to_string()).unwrap_or_default();
    // A member's calls as a funnel: calls done, customers reached, orders after a call.
    for line in &page.staff {
        out.write_record([
            "staff".to_owned(),
            super::unsubscribed::cell(&line.member),
            page.from.to_string(),
            page.to.to_string(),
            line.calls.to_string(),
            line.reached.to_string(),
            String::new(),
            String::new(),
            String::new(),
            line.orders.to_string(),
            rate(line.conversion()),
            line.revenue.round_dp(2).to_string(),
            page.currency.code().to_owned(),
            String::new(),
            String::new(),
        ])?;
    }
    // A rule's two groups as funnels: carts drawn, orders within the window, revenue.
    for line in &page.holdout {
        for (table, group) in [
            ("holdout_reminded", &line.reminded),
            ("holdout_control", &line.control),
        ] {
            let conversion = domain::stats::Rate {
                part: group.converted,
                whole: group.carts,
            };
            out.write_record([
                table.to_owned(),
                super::unsubscribed::cell(&line.rule),
                page.from.to_string(),
                page.to.to_string(),
                group.carts.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                group.converted.to_string(),
                rate(conversion.percent()),
                group.revenue.round_dp(2).to_string(),
                page.currency.code().to_owned(),
                String::new(),
                String::new(),
            ])?;
        }
    }
    for (table, lines) in [
        ("rule", &page.rules),
        ("step", &page.steps),
        ("template", &page.templates),
    ] {
        for line in lines {
            out.write_record([
                table.to_owned(),
                name(line),
                page.from.to_string(),
                page.to.to_string(),
                line.sent.to_string(),
                line.opened.to_string(),
                rate(line.open_rate()),
                line.clicked.to_string(),
                rate(line.click_rate()),
                line.converted.to_string(),
                rate(line.conversion_rate()),
                line.revenue.round_dp(2).to_string(),
                page.currency.code().to_owned(),
                line.machine_opened.to_string(),
                line.machine_clicked.to_string(),
            ])?;
        }
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// A name no spreadsheet runs as a formula (templates are named by merchants).
fn name(line: &FunnelLine) -> String {
    let text = match &line.label {
        FunnelLabel::Step {
            number,
            amount,
            unit,
            rule,
        } => format!(
            "{}Reminder {number} ({amount} {})",
            rule.as_ref().map(|r| format!("{r} · ")).unwrap_or_default(),
            match unit {
                domain::DelayUnit::Hours => "h",
                domain::DelayUnit::Days => "d",
            }
        ),
        FunnelLabel::Template(name) | FunnelLabel::Rule(name) => name.clone(),
        FunnelLabel::Deleted => format!("Deleted ({})", line.key),
    };
    super::unsubscribed::cell(&text)
}
