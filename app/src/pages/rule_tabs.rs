//! The Reminders page's tabs: one per rule, each with its own reminders, and a way to the
//! Rules page.

use leptos::prelude::*;

use crate::api::RemindersData;
use crate::i18n::use_i18n;
use crate::shop::shop_path;

/// The shop's rules as tabs: each has its own reminders.
#[component]
pub fn RuleTabs(data: RemindersData) -> impl IntoView {
    let i18n = use_i18n();
    let current = data.rule_id.clone();
    view! {
        <nav class="rule-tabs" aria-label=move || i18n.t().rules.title>
            {data
                .rules
                .into_iter()
                .map(|rule| {
                    let here = rule.id == current;
                    view! {
                        <a
                            href=format!("{}?rule={}", shop_path("/"), rule.id)
                            aria-current=here.then_some("page")
                            class:paused=rule.paused
                        >
                            {rule.name}
                        </a>
                    }
                })
                .collect_view()}
            <a href=shop_path("/rules") class="manage">
                {move || i18n.t().rules.manage}
            </a>
        </nav>
    }
}
