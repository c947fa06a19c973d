//! The A/B tests running: each variant's funnel, the verdict, and, once a variant wins, the
//! button that keeps it and ends the test (for members who may change reminders).

use domain::format;
use domain::stats::{Rate, SplitVerdict, VariantFunnel};
use leptos::prelude::*;
use rust_decimal::Decimal;

use super::charts::line_label;
use crate::api::{FunnelLine, SplitLine, StatsPage};
use crate::i18n::use_i18n;
use crate::pages::act::{Act, ActWords};
use crate::pages::controls::ActButton;
use crate::pages::discount_words::describe_offers;

#[component]
pub fn Splits(page: StoredValue<StatsPage>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().statistics;
    let p = page.get_value();
    (!p.splits.is_empty()).then(|| {
        let lines = p
            .splits
            .into_iter()
            .map(|line| view! { <SplitTest line page /> })
            .collect_view();
        view! {
            <section class="stats-splits" id="splits">
                <h2>{move || t().splits_title}</h2>
                {lines}
            </section>
        }
    })
}

#[component]
fn SplitTest(line: SplitLine, page: StoredValue<StatsPage>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().statistics;
    let language = move || i18n.locale.get().language();
    let currency = page.get_value().currency;
    let can_edit = page.get_value().can_edit;
    let label = FunnelLine {
        label: line.step.clone(),
        key: line.step_id.clone(),
        sent: 0,
        opened: 0,
        clicked: 0,
        converted: 0,
        revenue: Decimal::ZERO,
        machine_opened: 0,
        machine_clicked: 0,
    };
    let cell = move |part: u64, whole: u64| match (Rate { part, whole }).percent() {
        Some(rate) => format!("{part} ({})", format::percent(rate, language())),
        None => part.to_string(),
    };
    let row = move |name: String, v: VariantFunnel| {
        view! {
            <tr>
                <th scope="row">{name}</th>
                <td class="number">{v.sent}</td>
                <td class="number">{cell(v.opened, v.sent)}</td>
                <td class="number">{cell(v.clicked, v.sent)}</td>
                <td class="number">{cell(v.converted, v.sent)}</td>
                <td class="number">{format::money(v.revenue, currency, language())}</td>
            </tr>
        }
    };
    let share = format::percent(
        Decimal::from(line.share),
        i18n.locale.get_untracked().language(),
    );
    // When B offers its own discount, each variant's name says which one it gives.
    let offers = line.discounts.clone().map(|(a, b)| {
        let language = i18n.locale.get_untracked().language();
        let text = |offers: &[_]| describe_offers(offers, currency, language, i18n.t());
        (text(&a), text(&b))
    });
    let (a_name, b_name) = match &offers {
        Some((a_offer, b_offer)) => (
            format!("{} · {a_offer}", line.a_name),
            format!("{} · {b_offer}", line.b_name),
        ),
        None => (line.a_name.clone(), line.b_name.clone()),
    };
    let (a, b) = (line.a.clone(), line.b.clone());
    let verdict = line.verdict.clone();
    let winner = match &verdict {
        SplitVerdict::Measured { winner, .. } => *winner,
        SplitVerdict::NotEnoughData => None,
    };
    let step_id = line.step_id.clone();
    view! {
        <h3>{move || line_label(&label, i18n.t())}</h3>
        <table class="runs stats-table split-table">
            <thead>
                <tr>
                    <th scope="col">{move || t().col_variant}</th>
                    <th scope="col">{move || t().col_sent}</th>
                    <th scope="col">{move || t().col_opened}</th>
                    <th scope="col">{move || t().col_clicked}</th>
                    <th scope="col">{move || t().col_converted}</th>
                    <th scope="col">{move || t().col_revenue}</th>
                </tr>
            </thead>
            <tbody>
                {move || row((t().variant_a)(&a_name), a.clone())}
                {move || row((t().variant_b)(&b_name, &share), b.clone())}
            </tbody>
        </table>
        <p class="split-verdict">
            {move || match &verdict {
                SplitVerdict::NotEnoughData => t().split_short.to_owned(),
                SplitVerdict::Measured { metric, p_value, winner } => {
                    (t().split_verdict)(*metric, &format::decimal(*p_value, 4, language()), *winner)
                }
            }}
        </p>
        {(can_edit && winner.is_some())
            .then(|| {
                let winner = winner.unwrap_or(domain::stats::Variant::A);
                let variant = match winner {
                    domain::stats::Variant::A => "a",
                    domain::stats::Variant::B => "b",
                };
                // Kept: the button says so beside itself.
                view! {
                    <p>
                        <ActButton
                            act=Act::PromoteVariant {
                                step_id: step_id.clone(),
                                variant: variant.to_owned(),
                            }
                            words=ActWords {
                                label: (t().promote)(winner).to_owned(),
                                done: Some(t().promoted.to_owned()),
                                ..ActWords::default()
                            }
                            class="promote".to_owned()
                        />
                    </p>
                }
            })}
    }
}
