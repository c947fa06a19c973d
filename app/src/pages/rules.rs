//! The Rules tab, drawn on the server: the shop's campaigns in the order they are tried, with
//! their conditions, their reminders, and what can be done with each (controls).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{list_rules, RuleLine};
use crate::i18n::{field_path, use_i18n};
use crate::loaded::Loaded;
use crate::pages::act::{Act, ActWords};
use crate::pages::controls::ActButton;
use crate::shop::{current_shop, shop_path};

#[component]
pub fn RulesPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().rules;
    let shop = current_shop();
    let rules = Loaded::new(|| (), move |_| list_rules(shop.clone()));
    view! {
        <Title text=crate::title::page_title(move || t().title) />
        <h1>{move || t().title}</h1>
        <p class="intro">{move || t().intro}</p>
        <div class="create-reminder">
            <a href=shop_path("/rules/new") class="button">{move || t().new_rule}</a>
        </div>
        {move || Suspend::new(async move {
            match rules.await {
                Ok(data) => {
                    view! {
                        <table class="rules">
                            <thead>
                                <tr>
                                    <th scope="col">{move || t().col_priority}</th>
                                    <th scope="col">{move || t().col_name}</th>
                                    <th scope="col">{move || t().col_conditions}</th>
                                    <th scope="col">{move || t().col_reminders}</th>
                                    <th scope="col">{move || t().col_status}</th>
                                    <th scope="col">{move || t().col_actions}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {data
                                    .rules
                                    .into_iter()
                                    .map(|rule| view! { <RuleRow rule /> })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }
                Err(error) => super::load_error(error, |t| t.no_shop),
            }
        })}
    }
}

/// A rule's buttons: pause or resume, re-route its carts, delete (both asked first).
fn rule_acts(id: &str, paused: bool) -> [(Act, ActWords, &'static str); 3] {
    let t = use_i18n().t().rules;
    let words = |label: &str, confirm: Option<&str>, refused: &str, done: Option<&str>| ActWords {
        label: label.to_owned(),
        confirm: confirm.map(str::to_owned),
        refused: refused.to_owned(),
        done: done.map(str::to_owned),
        busy: None,
    };
    [
        (
            Act::PauseRule {
                rule: id.to_owned(),
                paused: !paused,
            },
            words(if paused { t.resume } else { t.pause }, None, "", None),
            "secondary",
        ),
        (
            Act::RerouteRule { id: id.to_owned() },
            words(t.reroute, Some(t.confirm_reroute), "", Some(t.rerouted)),
            "secondary",
        ),
        (
            Act::DeleteRule { id: id.to_owned() },
            words(t.delete, Some(t.confirm_delete), t.last_rule, None),
            "danger",
        ),
    ]
}
#[component]
fn RuleRow(rule: RuleLine) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().rules;
    let acts = rule_acts(&rule.id, rule.paused)
        .into_iter()
        .map(|(act, words, class)| view! { <ActButton act words class=class.to_owned() /> })
        .collect_view();
    let paused = rule.paused;
    let conditions = StoredValue::new(rule.conditions.clone());
    let missing = rule.missing.clone();
    let check = rule.check.clone();
    let reminders_href = format!("{}?rule={}", shop_path("/"), rule.id);
    view! {
        <tr data-rule=rule.id.clone()>
            <td class="priority">{rule.priority}</td>
            <th scope="row">{rule.name.clone()}</th>
            <td>
                {move || {
                    conditions
                        .with_value(|conditions| {
                            if conditions.is_empty() {
                                view! { <span class="hint">{t().everyone}</span> }.into_any()
                            } else {
                                view! {
                                    <ul class="conditions">
                                        {conditions
                                            .iter()
                                            .map(|c| view! { <li>{(t().describe)(c)}</li> })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                        })
                }}
                {missing
                    .into_iter()
                    .map(|field| {
                        view! {
                            <p class="warning" data-missing=field_path(field)>
                                {move || (t().not_sent)(field_path(field))}
                            </p>
                        }
                    })
                    .collect_view()}
                <super::launch_check::LaunchCheck problems=check />
                {(rule.holdout > 0)
                    .then(|| {
                        let share = rule.holdout;
                        view! { <p class="hint holdout">{move || (t().holdout_share)(share)}</p> }
                    })}
            </td>
            <td>
                <a href=reminders_href>{format!("{} / {}", rule.steps_on, rule.steps)}</a>
            </td>
            <td>
                <span class=if paused { "state paused" } else { "state running" }>
                    {move || if paused { t().paused } else { t().running }}
                </span>
            </td>
            <td class="actions">
                <a href=shop_path(&format!("/rules/{}", rule.id)) class="button secondary">
                    {move || t().edit}
                </a>
                {acts}
            </td>
        </tr>
    }
}
