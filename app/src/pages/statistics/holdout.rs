//! Each rule's reminded carts against its control group's: conversion, revenue, and the
//! lift with its interval, or "not enough data yet".

use domain::format;
use domain::stats::{GroupOutcome, Lift, Rate};
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::api::{HoldoutLine, StatsPage};
use crate::i18n::use_i18n;

#[component]
pub fn Holdout(page: StoredValue<StatsPage>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().statistics;
    let p = page.get_value();
    (!p.holdout.is_empty()).then(|| {
        let lines = p
            .holdout
            .into_iter()
            .map(|line| view! { <RuleHoldout line page /> })
            .collect_view();
        view! {
            <section class="stats-holdout" id="holdout">
                <h2>{move || t().holdout_title}</h2>
                <p class="hint">{move || t().holdout_intro}</p>
                {lines}
            </section>
        }
    })
}

#[component]
fn RuleHoldout(line: HoldoutLine, page: StoredValue<StatsPage>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().statistics;
    let language = move || i18n.locale.get().language();
    let currency = page.get_value().currency;
    let share = Decimal::from(line.share);
    let row = move |label: String, group: GroupOutcome| {
        let conversion = Rate {
            part: group.converted,
            whole: group.carts,
        }
        .percent()
        .map(|rate| format!(" ({})", format::percent(rate, language())))
        .unwrap_or_default();
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td class="number">{group.carts}</td>
                <td class="number">{group.converted} {conversion}</td>
                <td class="number">{format::money(group.revenue, currency, language())}</td>
            </tr>
        }
    };
    let points = move |value: Decimal| {
        let sign = if value > Decimal::ZERO { "+" } else { "" };
        format!("{sign}{} pts", format::decimal(value, 1, language()))
    };
    let money = move |value: Decimal| format::money(value, currency, language());
    let verdict = match line.lift.clone() {
        Lift::NotEnoughData {
            reminded_short,
            control_short,
        } => view! { <p class="holdout-verdict">{move || (t().holdout_short)(control_short, reminded_short)}</p> }
            .into_any(),
        Lift::Measured(m) => {
            let m = StoredValue::new(m);
            view! {
                <p class="holdout-verdict">
                    {move || {
                        let m = m.get_value();
                        (t().holdout_lift)(&points(m.lift_points), &points(m.lift_low), &points(m.lift_high))
                    }}
                    " "
                    {move || {
                        let m = m.get_value();
                        (t().holdout_revenue)(
                            &money(m.incremental_revenue),
                            &money(m.incremental_low),
                            &money(m.incremental_high),
                        )
                    }}
                    " "
                    <strong>
                        {move || if m.get_value().significant { t().holdout_significant } else { t().holdout_not_significant }}
                    </strong>
                </p>
            }
            .into_any()
        }
    };
    let rule = line.rule.clone();
    view! {
        <h3>{rule}</h3>
        <table class="runs stats-table holdout-table">
            <thead>
                <tr>
                    <th scope="col">{move || t().col_group}</th>
                    <th scope="col">{move || t().col_carts}</th>
                    <th scope="col">{move || t().col_orders}</th>
                    <th scope="col">{move || t().col_revenue}</th>
                </tr>
            </thead>
            <tbody>
                {move || row(t().group_reminded.to_owned(), line.reminded)}
                {move || row((t().group_control)(&format::percent(share, language())), line.control)}
            </tbody>
        </table>
        {verdict}
    }
}
