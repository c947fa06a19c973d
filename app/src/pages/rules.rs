//! The Rules tab: the shop's campaigns in the order they are tried, with their conditions,
//! their reminders, and what can be done with each.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{list_rules, DeleteRule, RerouteRule, RuleDeleted, RuleLine, SetCampaignPaused};
use crate::i18n::{field_path, use_i18n};
use crate::pages::confirm;
use crate::shop::{current_shop, shop_path};

#[component]
pub fn RulesPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().rules;
    let delete = ServerAction::<DeleteRule>::new();
    let reroute = ServerAction::<RerouteRule>::new();
    let pause = ServerAction::<SetCampaignPaused>::new();
    let shop = current_shop();
    let rules = Resource::new(
        move || (delete.version().get(), pause.version().get()),
        move |_| list_rules(shop.clone()),
    );
    let status = move || {
        if let Some(Err(error)) = pause.value().get() {
            return Some((error.to_string(), "error"));
        }
        if let Some(result) = delete.value().get() {
            return Some(match result {
                Ok(RuleDeleted::LastRule) => (t().last_rule.to_owned(), "error"),
                Ok(RuleDeleted::Deleted) => return None,
                Err(error) => (error.to_string(), "error"),
            });
        }
        match reroute.value().get()? {
            Ok(moved) => Some(((t().rerouted)(moved), "saved")),
            Err(error) => Some((error.to_string(), "error")),
        }
    };
    view! {
        <Title text=crate::title::page_title(move || t().title) />
        <h1>{move || t().title}</h1>
        <p class="intro">{move || t().intro}</p>
        <div class="create-reminder">
            <a href=shop_path("/rules/new") class="button">{move || t().new_rule}</a>
        </div>
        {move || {
            status()
                .map(|(text, tone)| {
                    view! { <p class=format!("save-status {tone}") role="status">{text}</p> }
                })
        }}
        <Transition fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
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
                                        .map(|rule| view! { <RuleRow rule delete reroute pause /> })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                            .into_any()
                    }
                    Err(error) => super::load_error(error, |t| t.no_shop),
                }
            })}
        </Transition>
    }
}

#[component]
fn RuleRow(
    rule: RuleLine,
    delete: ServerAction<DeleteRule>,
    reroute: ServerAction<RerouteRule>,
    pause: ServerAction<SetCampaignPaused>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().rules;
    let id = StoredValue::new(rule.id.clone());
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
                <button
                    type="button"
                    class="secondary"
                    data-pause=if paused { "resume" } else { "pause" }
                    on:click=move |_| {
                        pause.dispatch(SetCampaignPaused {
                            shop: current_shop(),
                            rule: id.get_value(),
                            paused: !paused,
                        });
                    }
                >
                    {move || if paused { t().resume } else { t().pause }}
                </button>
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        if confirm(t().confirm_reroute) {
                            reroute.dispatch(RerouteRule {
                                shop: current_shop(),
                                id: id.get_value(),
                            });
                        }
                    }
                >
                    {move || t().reroute}
                </button>
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        if confirm(t().confirm_delete) {
                            delete.dispatch(DeleteRule {
                                shop: current_shop(),
                                id: id.get_value(),
                            });
                        }
                    }
                >
                    {move || t().delete}
                </button>
            </td>
        </tr>
    }
}
