//! `/statistics`: the range picker (kept in the URL), the four KPI cards against the previous
//! range, a funnel per reminder, revenue and conversion per day, and the tables with their CSV
//! export. Everything is rendered on the server first and reads without JavaScript.

mod cards;
mod charts;
mod holdout;
mod query;
mod splits;
mod tables;

use crate::loaded::Loaded;
use crate::nav::use_query_map;
use domain::stats::{DayRange, Preset};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{load_statistics, StatsPage};
use crate::error::AppError;
use crate::i18n::use_i18n;
use query::StatsQuery;

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().statistics;
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| StatsQuery {
            from: p.get("from").filter(|v| !v.is_empty()),
            to: p.get("to").filter(|v| !v.is_empty()),
            scanners: p.get("scanners").is_some_and(|v| v == "1" || v == "on"),
        })
    });
    // The same check the server makes, so a bad range gets its message in the admin's
    // language without a round trip (the default range needs no check).
    let problem = Memo::new(move |_| {
        let q = query.get();
        match (q.from, q.to) {
            (Some(from), Some(to)) => DayRange::explicit(&from, &to).err(),
            _ => None,
        }
    });
    let shop = crate::shop::current_shop();
    let data = Loaded::new(
        move || query.get(),
        move |q| {
            let shop = shop.clone();
            async move {
                if problem.get_untracked().is_some() {
                    return Err(AppError::Invalid(String::new()));
                }
                load_statistics(shop, q.from, q.to, q.scanners).await
            }
        },
    );
    view! {
        <Title text=crate::title::page_title(move || t().title) />
        <h1>{move || t().title}</h1>
        <p class="intro">{move || t().intro}</p>
        {move || Suspend::new(async move {
            match data.await {
                Ok(page) => view! { <Loaded page /> }.into_any(),
                Err(AppError::Invalid(_)) => {
                    let q = query.get_untracked();
                    view! {
                        <Picker from=q.from.unwrap_or_default() to=q.to.unwrap_or_default() scanners=q.scanners page=None />
                        <p class="error" role="alert" id="stats-range-error">
                            {move || problem.get().map(|p| (t().range_error)(&p)).unwrap_or_default()}
                        </p>
                    }
                    .into_any()
                }
                Err(error) => super::load_error(error, |t| t.no_shop),
            }
        })}
    }
}

#[component]
fn Loaded(page: StatsPage) -> impl IntoView {
    let page = StoredValue::new(page);
    let p = page.get_value();
    view! {
        <Picker from=p.from.to_string() to=p.to.to_string() scanners=p.scanners page=Some(page) />
        <cards::Cards page />
        <charts::Funnels page />
        <charts::DailyChart page />
        <holdout::Holdout page />
        <splits::Splits page />
        <tables::Tables page />
    }
}

/// Two native date inputs, the scanner toggle and the presets, as a GET form: a range is a
/// URL that can be shared and reloaded, with or without JavaScript.
#[component]
fn Picker(
    from: String,
    to: String,
    scanners: bool,
    page: Option<StoredValue<StatsPage>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().statistics;
    let presets = page.map(|page| {
        let p = page.get_value();
        let current = DayRange::parse(Some(&p.from.to_string()), Some(&p.to.to_string()), p.today)
            .ok()
            .and_then(|r| r.preset(p.today));
        Preset::ALL
            .into_iter()
            .map(|preset| {
                let range = preset.range(p.today);
                let href = StatsQuery::href(
                    &range.from().to_string(),
                    &range.to().to_string(),
                    p.scanners,
                );
                let here = (current == Some(preset)).then_some("page");
                view! {
                    <li>
                        <a href=href aria-current=here data-preset=format!("{preset:?}")>
                            {move || (t().preset)(preset)}
                        </a>
                    </li>
                }
            })
            .collect_view()
    });
    view! {
        <form class="stats-picker" method="get" action=crate::shop::shop_path("/statistics")>
            <fieldset>
                <legend>{move || t().range_legend}</legend>
                <label>
                    {move || t().from} " "
                    <input type="date" name="from" id="stats-from" value=from required />
                </label>
                <label>
                    {move || t().to} " "
                    <input type="date" name="to" id="stats-to" value=to required />
                </label>
                <button type="submit">{move || t().show}</button>
                <label class="toggle" title=move || t().scanners_hint>
                    <input type="checkbox" name="scanners" value="1" checked=scanners />
                    " " {move || t().scanners}
                </label>
            </fieldset>
            {presets.map(|items| view! {
                <nav class="presets" aria-label=move || t().presets>
                    <ul>{items}</ul>
                </nav>
            })}
        </form>
        {page.map(|page| {
            let p = page.get_value();
            let updated = p.updated_at;
            view! {
                <p class="stats-range" id="stats-range">{move || (t().range)(p.from, p.to)}</p>
                <p class="stats-updated">
                    {move || match updated {
                        Some(at) => (t().updated)(&i18n.date_time(at)),
                        None => t().not_counted_yet.to_owned(),
                    }}
                </p>
            }
        })}
    }
}
