//! The third stage: the email the reminder sends, edited in place.

use leptos::prelude::*;

use crate::api::{CreateTemplate, TemplateChoice};
use crate::i18n::use_i18n;

use super::split::SplitChoice;
use super::state::{error_line, WizardState};

#[component]
pub fn EmailStage(state: WizardState, templates: RwSignal<Vec<TemplateChoice>>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let draft = state.draft;
    let selected = move || draft.with(|d| d.template_id.clone());
    let create = ServerAction::<CreateTemplate>::new();
    let new_name = RwSignal::new(String::new());
    // A template made here joins the list and becomes the reminder's.
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            if templates.with_untracked(|all| all.iter().all(|c| c.id != id)) {
                templates.update(|all| {
                    all.push(TemplateChoice {
                        id: id.clone(),
                        name: new_name.get_untracked(),
                        languages: vec![domain::Language::FRENCH, domain::Language::ENGLISH],
                    })
                });
                new_name.set(String::new());
            }
            draft.update(|d| d.template_id = id);
        }
    });
    let create_error = move || match create.value().get() {
        Some(Err(error)) => Some(error.to_string()),
        _ => None,
    };
    view! {
        <div class="field">
            <label for="step-template">{move || t().template_label}</label>
            <select
                id="step-template"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    draft.update(|d| d.template_id = v);
                }
                aria-describedby="step-template-error"
            >
                {move || {
                    templates
                        .get()
                        .into_iter()
                        .map(|choice| {
                            let id = choice.id.clone();
                            let codes = choice
                                .languages
                                .iter()
                                .map(|l| l.code().to_uppercase())
                                .collect::<Vec<_>>()
                                .join(", ");
                            view! {
                                <option value=choice.id.clone() selected=move || selected() == id>
                                    {format!("{} ({codes})", choice.name)}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            {error_line(state, "template")}
            {move || {
                templates.with(Vec::is_empty).then(|| view! { <p class="empty">{move || t().no_template}</p> })
            }}
        </div>
        <div class="field new-template">
            <label for="step-new-template">{move || t().new_template}</label>
            <div class="copy-row">
                <input
                    id="step-new-template"
                    type="text"
                    maxlength="100"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                />
                <button
                    type="button"
                    class="secondary"
                    disabled=move || new_name.with(|n| n.trim().is_empty()) || create.pending().get()
                    on:click=move |_| {
                        create.dispatch(CreateTemplate {
                            shop: crate::shop::current_shop(),
                            name: new_name.get_untracked(),
                        });
                    }
                >
                    {move || t().create_template}
                </button>
            </div>
            <span class="field-error">{create_error}</span>
        </div>
        <SplitChoice state templates />
        // The template editor itself, with its live preview; it saves the template on its own.
        // Its page, in a frame: its code loads when this stage opens, not with the wizard.
        {move || {
            let id = selected();
            (!id.is_empty())
                .then(|| {
                    let src = crate::shop::shop_path(&format!("/templates/{id}?embedded=1"));
                    view! { <iframe class="wizard-editor" title=t().template_label src=src></iframe> }
                })
        }}
    }
    .into_any()
}
