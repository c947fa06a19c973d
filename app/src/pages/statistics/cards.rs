//! The four KPI cards, each against the range just before.

use domain::format;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::api::{RateFigure, StatsPage};
use crate::i18n::{use_i18n, StatisticsTexts};

/// Which texts of the page a card takes its title and its detail line from.
type Title = fn(&StatisticsTexts) -> &'static str;
type Detail = fn(&StatisticsTexts) -> fn(u64, u64) -> String;

/// Whether a rise is good news (finalised carts, revenue) or bad (abandons, unsubscribes).
#[derive(Clone, Copy)]
enum Better {
    Up,
    Down,
}

#[component]
pub fn Cards(page: StoredValue<StatsPage>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().statistics;
    let language = move || i18n.locale.get().language();
    let p = page.get_value();
    let previous_range = move || (t().range)(p.previous_from, p.previous_to);

    let rate_card = move |id: &'static str,
                          title: Title,
                          now: RateFigure,
                          before: RateFigure,
                          detail: Detail,
                          better: Better| {
        let value = move || {
            now.percent
                .map(|v| format::percent(v, language()))
                .unwrap_or_else(|| "—".into())
        };
        let delta = move || match (now.percent, before.percent) {
            (Some(now), Some(before)) => {
                let points = now - before;
                let text = format!(
                    "{}{} pts",
                    if points > Decimal::ZERO { "+" } else { "" },
                    format::decimal(points, 1, language())
                );
                Some(((t().versus)(&text, &previous_range()), tone(points, better)))
            }
            _ => None,
        };
        view! {
            <Card id title=move || title(t()) value detail=move || (detail(t()))(now.part, now.whole) delta no_comparison=move || t().no_comparison />
        }
    };

    let revenue = p.current.revenue;
    let previous_revenue = p.previous.revenue;
    let share = p.current.revenue_share;
    let currency = p.currency;
    let revenue_delta = move || {
        (previous_revenue > Decimal::ZERO).then(|| {
            let change = (revenue - previous_revenue) * Decimal::from(100) / previous_revenue;
            let text = format!(
                "{}{}",
                if change > Decimal::ZERO { "+" } else { "" },
                format::percent(change.round_dp(1), language())
            );
            (
                (t().versus)(&text, &previous_range()),
                tone(change, Better::Up),
            )
        })
    };
    view! {
        <section class="kpis stats-kpis" aria-label=move || t().title>
            {rate_card("kpi-abandoned", |t| t.kpi_abandoned, p.current.abandoned, p.previous.abandoned, |t| t.kpi_abandoned_detail, Better::Down)}
            {rate_card("kpi-finalised", |t| t.kpi_finalised, p.current.finalised, p.previous.finalised, |t| t.kpi_finalised_detail, Better::Up)}
            <Card
                id="kpi-revenue"
                title=move || t().kpi_revenue
                value=move || format::money(revenue, currency, language())
                detail=move || (t().kpi_revenue_detail)(share.map(|s| format::percent(s, language())).as_deref())
                delta=revenue_delta
                no_comparison=move || t().no_comparison
            />
            {rate_card("kpi-unsubscribed", |t| t.kpi_unsubscribed, p.current.unsubscribed, p.previous.unsubscribed, |t| t.kpi_unsubscribed_detail, Better::Down)}
        </section>
        <p class="stats-unsubscribed-link">
            <a href=crate::shop::shop_path("/unsubscribed")>{move || i18n.t().unsubscribed.link}</a>
        </p>
    }
}

fn tone(change: Decimal, better: Better) -> &'static str {
    match (change.cmp(&Decimal::ZERO), better) {
        (std::cmp::Ordering::Equal, _) => "same",
        (std::cmp::Ordering::Greater, Better::Up) | (std::cmp::Ordering::Less, Better::Down) => {
            "better"
        }
        _ => "worse",
    }
}

#[component]
fn Card(
    id: &'static str,
    title: impl Fn() -> &'static str + Send + Sync + 'static,
    value: impl Fn() -> String + Send + Sync + 'static,
    detail: impl Fn() -> String + Send + Sync + 'static,
    delta: impl Fn() -> Option<(String, &'static str)> + Send + Sync + 'static,
    no_comparison: impl Fn() -> &'static str + Send + Sync + 'static,
) -> impl IntoView {
    let delta = Memo::new(move |_| delta());
    view! {
        <article class="kpi" id=id>
            <h2>{title}</h2>
            <p class="kpi-value">{value}</p>
            <p class="kpi-detail">{detail}</p>
            <p class=move || format!("kpi-delta {}", delta.get().map(|(_, tone)| tone).unwrap_or("none"))>
                {move || delta.get().map(|(text, _)| text).unwrap_or_else(|| no_comparison().to_owned())}
            </p>
        </article>
    }
}
