//! The SMS step's texts: one per language, each with a live count of the SMS it can take once
//! its tags are filled in, measured by the same domain function the sender uses.

use domain::sms::{sms_tags, SmsText, MAX_SEGMENTS};
use leptos::prelude::*;

use crate::i18n::use_i18n;

use super::state::{error_line, field_id, owned_problem, WizardState};

/// The languages offered: French and English, and any other the step already has.
fn languages(state: WizardState) -> Vec<String> {
    let mut codes = vec!["fr".to_owned(), "en".to_owned()];
    state.draft.with_untracked(|d| {
        for code in d.sms_texts.keys() {
            if !codes.contains(code) {
                codes.push(code.clone());
            }
        }
    });
    codes
}

#[component]
pub fn SmsTextsField(state: WizardState) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().sms;
    view! {
        <div class="sms-texts">
            <p class="hint">{move || t().step_hint}</p>
            {languages(state)
                .into_iter()
                .map(|code| view! { <SmsLanguage state code /> })
                .collect_view()}
            {error_line(state, "sms")}
            <p class="hint">{move || t().tags} " " <code>{sms_tags()}</code></p>
        </div>
    }
}

#[component]
fn SmsLanguage(state: WizardState, code: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().sms;
    let draft = state.draft;
    let field = format!("sms.{code}");
    let id = field_id(&field);
    let key = StoredValue::new(code.clone());
    let text = move || key.with_value(|k| draft.with(|d| d.sms_texts.get(k).cloned()));
    let counter = move || {
        let length = SmsText::worst_length(&text().unwrap_or_default());
        (t().counter)(length.encoding.as_str(), length.units, length.segments)
    };
    let over = move || SmsText::worst_length(&text().unwrap_or_default()).segments > MAX_SEGMENTS;
    let problem = owned_problem(state, field);
    let label = move || (t().text_for)(&key.get_value());
    view! {
        <div class="field sms-language" data-language=code.clone()>
            <label for=id.clone()>{label}</label>
            <textarea
                id=id.clone()
                rows="3"
                aria-invalid=move || problem().is_some().to_string()
                aria-describedby=format!("{id}-error {id}-count")
                prop:value=move || text().unwrap_or_default()
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    key.with_value(|k| {
                        draft.update(|d| {
                            if value.trim().is_empty() {
                                d.sms_texts.remove(k);
                            } else {
                                d.sms_texts.insert(k.clone(), value);
                            }
                        })
                    });
                }
            >
                {text().unwrap_or_default()}
            </textarea>
            <small class="sms-count" class:over=over id=format!("{id}-count") aria-live="polite">
                {counter}
            </small>
            <span class="field-error" id=format!("{id}-error")>{problem}</span>
        </div>
    }
}
