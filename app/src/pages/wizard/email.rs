//! The third stage, drawn by the server: the template the reminder sends (or a new one), its
//! A/B test, and the template's editor, its own page in a frame that the control loads when the
//! stage opens.

use domain::{Currency, DiscountType, StepDraft};
use leptos::prelude::*;

use super::fields::{check, discount_fields, error_line, field_id};
use crate::api::TemplateChoice;
use crate::i18n::use_i18n;

pub fn email_stage(
    draft: &StepDraft,
    templates: &[TemplateChoice],
    currency: Currency,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().reminders;
    let chosen = draft.template_id.clone();
    let split_chosen = draft.split_template.clone();
    let option = |choice: &TemplateChoice, chosen: &str, languages: bool| {
        let codes = choice
            .languages
            .iter()
            .map(|l| l.code().to_uppercase())
            .collect::<Vec<_>>()
            .join(", ");
        let label = if languages {
            format!("{} ({codes})", choice.name)
        } else {
            choice.name.clone()
        };
        view! { <option value=choice.id.clone() selected=choice.id == chosen>{label}</option> }
    };
    view! {
        <div class="field">
            <label for="step-template">{t.template_label}</label>
            <select id="step-template" name="template" aria-describedby="step-template-error">
                {templates.iter().map(|c| option(c, &chosen, true)).collect_view()}
            </select>
            {error_line("template")}
            {templates.is_empty().then(|| view! { <p class="empty">{t.no_template}</p> })}
        </div>
        <div class="field new-template">
            <label for="step-new-template">{t.new_template}</label>
            <div class="copy-row">
                <input id="step-new-template" type="text" maxlength="100" />
                <button type="button" class="secondary" data-create-template="">
                    {t.create_template}
                </button>
            </div>
            <span class="field-error" id="step-new-template-error"></span>
        </div>
        <fieldset class="field split-test">
            <legend>{t.split_legend}</legend>
            {check("split", t.split_on, draft.split)}
            <div class="split-fields">
                <p class="hint">{t.split_hint}</p>
                <label for="step-split-template">{t.split_template}</label>
                <select
                    id="step-split-template"
                    name="split_template"
                    aria-describedby="step-split-template-error"
                >
                    <option value="" selected=split_chosen.is_empty()>"—"</option>
                    {templates.iter().map(|c| option(c, &split_chosen, false)).collect_view()}
                </select>
                {error_line("split_template")}
                <label for=field_id("split_share")>{t.split_share}</label>
                <input
                    id=field_id("split_share")
                    name="split_share"
                    type="number"
                    min="1"
                    max="99"
                    value=draft.split_share.clone()
                    aria-describedby="step-split-share-error"
                />
                {error_line("split_share")}
                {check("split_own_discount", t.split_own_discount, draft.split_own_discount)}
                <div class="split-discount">
                    <p class="hint">{t.split_discount_hint}</p>
                    {discount_fields(t, "split_discount", draft.split_discount.clone(), &DiscountType::ALL, currency)}
                </div>
            </div>
        </fieldset>
        // The template editor, its own page: it saves the template on its own.
        <iframe class="wizard-editor" title=t.template_label data-editor=""></iframe>
    }
}
