//! The tables per reminder and per template, and the link to their CSV export.

use domain::format;
use leptos::prelude::*;

use super::charts::line_label;
use super::query::StatsQuery;
use crate::api::{FunnelLine, StatsPage};
use crate::i18n::use_i18n;

#[component]
pub fn Tables(page: StoredValue<StatsPage>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().statistics;
    let p = page.get_value();
    let export = StatsQuery::href(&p.from.to_string(), &p.to.to_string(), p.scanners).replacen(
        "/statistics?",
        "/statistics.csv?",
        1,
    );
    view! {
        <section class="stats-tables">
            {(!p.rules.is_empty())
                .then(|| {
                    view! {
                        <h2>{move || t().by_rule}</h2>
                        <FunnelTable id="table-rules" lines=p.rules.clone() first=move || t().col_rule page />
                    }
                })}
            <h2>{move || t().by_step}</h2>
            <FunnelTable id="table-steps" lines=p.steps.clone() first=move || t().col_reminder page />
            <h2>{move || t().by_template}</h2>
            <FunnelTable id="table-templates" lines=p.templates.clone() first=move || t().col_template page />
            {(!p.staff.is_empty()).then(|| view! { <StaffTable page /> })}
            <p>
                <a href=export rel="external" download="relance-statistics.csv" id="stats-export">
                    {move || t().export}
                </a>
            </p>
        </section>
    }
}

#[component]
fn FunnelTable(
    id: &'static str,
    lines: Vec<FunnelLine>,
    first: impl Fn() -> &'static str + Send + Sync + 'static,
    page: StoredValue<StatsPage>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().statistics;
    let language = move || i18n.locale.get().language();
    let currency = page.get_value().currency;
    if lines.is_empty() {
        return view! { <p class="empty">{move || t().no_reminders}</p> }.into_any();
    }
    let cell = move |count: u64, rate: Option<rust_decimal::Decimal>| match rate {
        Some(rate) => format!("{count} ({})", format::percent(rate, language())),
        None => count.to_string(),
    };
    // People's hits first, and beside them what machines added (left out of the figures).
    let machines = move |count: u64| {
        (count > 0)
            .then(|| view! { <small class="machine-hits">{(t().machine_hits)(count)}</small> })
    };
    let rows = lines
        .into_iter()
        .map(|line| {
            let line = StoredValue::new(line);
            view! {
                <tr>
                    <th scope="row">{move || line_label(&line.get_value(), i18n.t())}</th>
                    <td class="number">{move || line.get_value().sent}</td>
                    <td class="number">
                        {move || { let l = line.get_value(); cell(l.opened, l.open_rate()) }}
                        {move || machines(line.get_value().machine_opened)}
                    </td>
                    <td class="number">
                        {move || { let l = line.get_value(); cell(l.clicked, l.click_rate()) }}
                        {move || machines(line.get_value().machine_clicked)}
                    </td>
                    <td class="number">{move || { let l = line.get_value(); cell(l.converted, l.conversion_rate()) }}</td>
                    <td class="number">{move || format::money(line.get_value().revenue, currency, language())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="runs stats-table" id=id>
            <thead>
                <tr>
                    <th scope="col">{first}</th>
                    <th scope="col">{move || t().col_sent}</th>
                    <th scope="col">{move || t().col_opened}</th>
                    <th scope="col">{move || t().col_clicked}</th>
                    <th scope="col">{move || t().col_converted}</th>
                    <th scope="col">{move || t().col_revenue}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// Calls per staff member: done, reached, orders after a call, conversion and revenue.
#[component]
fn StaffTable(page: StoredValue<StatsPage>) -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.t().calls;
    let language = move || i18n.locale.get().language();
    let p = page.get_value();
    let currency = p.currency;
    let rows = p
        .staff
        .into_iter()
        .map(|line| {
            let conversion = line
                .conversion()
                .map(|rate| format!(" ({})", format::percent(rate, language())))
                .unwrap_or_default();
            let revenue = line.revenue;
            view! {
                <tr>
                    <th scope="row">{line.member.clone()}</th>
                    <td class="number">{line.calls}</td>
                    <td class="number">{line.reached}</td>
                    <td class="number">{line.orders} {conversion}</td>
                    <td class="number">{move || format::money(revenue, currency, language())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>{move || c().by_staff}</h2>
        <table class="runs stats-table" id="table-staff">
            <thead>
                <tr>
                    <th scope="col">{move || c().col_member}</th>
                    <th scope="col">{move || c().col_calls}</th>
                    <th scope="col">{move || c().col_reached}</th>
                    <th scope="col">{move || c().col_orders_after}</th>
                    <th scope="col">{move || i18n.t().statistics.col_revenue}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
