//! The languages of a template: switch between them, add one (a copy to translate), remove one.

use domain::Language;
use leptos::prelude::*;

use super::state::EditorState;
use crate::i18n::use_i18n;
use crate::pages::confirm;

/// Languages offered when adding one, besides those of the shop's customers.
const COMMON_LANGUAGES: [&str; 7] = ["fr", "en", "de", "es", "it", "nl", "pt"];

#[component]
pub fn LanguagePicker(state: EditorState, customer_languages: Vec<Language>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    let filled = move || {
        state
            .draft
            .with(|d| d.contents.keys().copied().collect::<Vec<_>>())
    };
    let mut offered: Vec<Language> = customer_languages;
    for code in COMMON_LANGUAGES {
        if let Ok(language) = Language::parse(code) {
            if !offered.contains(&language) {
                offered.push(language);
            }
        }
    }
    let offered = StoredValue::new(offered);
    let add = move |language: Language| {
        let current = state.language.get_untracked();
        state.draft.update(|d| {
            // A new language starts as a copy of the one on screen, ready to translate.
            let copy = d.contents.get(&current).cloned();
            if let Some(copy) = copy {
                d.contents.entry(language).or_insert(copy);
            }
        });
        state.language.set(language);
    };
    let remove = move |_| {
        let current = state.language.get_untracked();
        if state.draft.with_untracked(|d| d.contents.len()) <= 1
            || !confirm(t().confirm_remove_language)
        {
            return;
        }
        state.draft.update(|d| {
            d.contents.remove(&current);
        });
        if let Some(next) = state
            .draft
            .with_untracked(|d| d.contents.keys().next().copied())
        {
            state.language.set(next);
        }
    };
    view! {
        <div class="language-picker" role="group" aria-label=move || t().language_label>
            <span>{move || t().language_label}</span>
            {move || {
                filled()
                    .into_iter()
                    .map(|language| {
                        view! {
                            <button
                                type="button"
                                data-language=language.code().to_owned()
                                aria-pressed=move || (state.language.get() == language).to_string()
                                title=move || format!("{} ({})", (t().language_name)(language), t().filled)
                                on:click=move |_| state.language.set(language)
                            >
                                "✓ "
                                {language.code().to_uppercase()}
                            </button>
                        }
                    })
                    .collect_view()
            }}
            <select
                name="add-language"
                aria-label=move || t().add_language
                on:change=move |ev| {
                    if let Ok(language) = Language::parse(&event_target_value(&ev)) {
                        add(language);
                    }
                }
                prop:value=""
            >
                <option value="">{move || t().add_language}</option>
                {move || {
                    let filled = filled();
                    offered
                        .get_value()
                        .into_iter()
                        .filter(|l| !filled.contains(l))
                        .map(|l| view! { <option value=l.code().to_owned()>{(t().language_name)(l)}</option> })
                        .collect_view()
                }}
            </select>
            <button
                type="button"
                class="link danger"
                on:click=remove
                disabled=move || { state.draft.with(|d| d.contents.len() <= 1) }
            >
                {move || t().remove_language}
            </button>
        </div>
    }
    .into_any()
}
