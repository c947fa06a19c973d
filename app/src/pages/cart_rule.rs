//! The cart page's "why this rule": every rule in priority order, each condition with the
//! cart's value and whether it holds, and the rule chosen (the seed's "vue schématique").

use domain::rules::RuleState;
use leptos::prelude::*;

use crate::api::CartRuleData;
use crate::i18n::use_i18n;

#[component]
pub fn WhyThisRule(data: CartRuleData) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().rules;
    view! {
        <section class="panel why-rule" aria-labelledby="why-rule-title">
            <h2 id="why-rule-title">{move || t().why_title}</h2>
            <p class="hint">{move || t().why_intro}</p>
            <Explanation data />
        </section>
    }
}

#[component]
fn Explanation(data: CartRuleData) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().rules;
    let recorded = data.recorded.clone();
    let none = data.explanation.chosen.is_none() && recorded.is_none();
    view! {
        {recorded
            .map(|name| {
                let attr = name.clone();
                view! { <p class="notice" data-recorded=attr>{move || (t().recorded)(&name)}</p> }
            })}
        {none.then(|| view! { <p class="notice">{move || t().no_rule}</p> })}
        {data
            .explanation
            .rules
            .into_iter()
            .map(|rule| {
                let state = rule.state;
                let label = move || match state {
                    RuleState::Chosen => t().state_chosen,
                    RuleState::Outranked => t().state_outranked,
                    RuleState::Failed => t().state_failed,
                    RuleState::Paused => t().state_paused,
                };
                let state_name = match state {
                    RuleState::Chosen => "chosen",
                    RuleState::Outranked => "outranked",
                    RuleState::Failed => "failed",
                    RuleState::Paused => "paused",
                };
                view! {
                    <div class=format!("rule-check {state_name}") data-rule=rule.rule_id.clone() data-state=state_name>
                        <h3>
                            {rule.name.clone()} " · " {rule.priority} " · "
                            <span class="rule-state">{label}</span>
                        </h3>
                        {if rule.checks.is_empty() {
                            view! { <p class="hint">{move || t().everyone}</p> }.into_any()
                        } else {
                            view! {
                                <table class="rule-checks">
                                    <thead>
                                        <tr>
                                            <th scope="col">{move || t().col_condition}</th>
                                            <th scope="col">{move || t().col_value}</th>
                                            <th scope="col">{move || t().col_result}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {rule
                                            .checks
                                            .into_iter()
                                            .map(|check| {
                                                let kind = check.kind.clone();
                                                let passed = check.passed;
                                                let value = check.value.clone();
                                                view! {
                                                    <tr class=if passed { "pass" } else { "fail" }>
                                                        <td>{move || (t().describe)(&kind)}</td>
                                                        <td>
                                                            {match value {
                                                                Some(value) => view! { <span>{value}</span> }.into_any(),
                                                                None => view! { <em class="unknown">{move || t().unknown}</em> }.into_any(),
                                                            }}
                                                        </td>
                                                        <td data-passed=passed.to_string()>
                                                            {move || if passed { t().passed } else { t().failed }}
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            }
                                .into_any()
                        }}
                    </div>
                }
            })
            .collect_view()}
    }
}
