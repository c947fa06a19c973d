//! A rule's pre-launch check, as the Rules page and the Reminders page show it.

use domain::rules::LaunchProblem;
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn LaunchCheck(problems: Vec<LaunchProblem>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().rules;
    let blocking = problems.iter().any(LaunchProblem::blocking);
    view! {
        <div class="launch-check" data-blocking=blocking.to_string()>
            <strong>{move || t().launch_title}</strong>
            {if problems.is_empty() {
                view! { <p class="ok">{move || t().launch_ok}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {problems
                            .into_iter()
                            .map(|problem| {
                                let tone = if problem.blocking() { "blocking" } else { "warning" };
                                view! {
                                    <li class=tone>{move || (t().launch_problem)(&problem)}</li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </div>
    }
}
