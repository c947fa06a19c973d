//! What is wrong with the template: the problems the last save found, and the warnings the
//! draft raises as it is typed.

use domain::email::{language_warnings, warnings, DraftTexts};
use domain::Language;
use leptos::prelude::*;

use super::state::EditorState;
use crate::i18n::use_i18n;

#[component]
pub fn ProblemList(state: EditorState) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    move || {
        {
        let problems = state.problems.get();
        (!problems.is_empty()).then(|| {
            view! {
                <div class="error" role="alert">
                    <p>{move || t().fix_problems}</p>
                    <ul>
                        {problems
                            .into_iter()
                            .map(|p| {
                                let language = p.language.map(|l| format!("[{}] ", l.code().to_uppercase())).unwrap_or_default();
                                view! { <li>{language} {(t().field)(&p.field)} " : " {p.message}</li> }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
    .into_any()
    }
}

/// The live warnings of the language being edited, and the languages customers read that the
/// template lacks.
#[component]
pub fn Warnings(state: EditorState, customer_languages: Vec<Language>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    let customer_languages = StoredValue::new(customer_languages);
    let live_warnings = move || {
        let content_warnings = state.read(|c| {
            warnings(&DraftTexts {
                subject: &c.subject,
                body: &c.body,
                discount_text: &c.discount_text,
                button_text: &c.button_text,
                unsubscribe_text: &c.unsubscribe_text,
            })
        });
        let filled: Vec<Language> = state.draft.with(|d| d.contents.keys().copied().collect());
        let mut all = content_warnings;
        all.extend(customer_languages.with_value(|langs| language_warnings(&filled, langs)));
        all
    };
    view! {
        <section class="warnings" aria-live="polite">
            <h2>{move || t().warnings_title}</h2>
            {move || {
                let found = live_warnings();
                if found.is_empty() {
                    view! { <p class="ok">{move || t().no_warnings}</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {found
                                .iter()
                                .map(|w| view! { <li>{(t().warning)(w)}</li> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
    .into_any()
}
