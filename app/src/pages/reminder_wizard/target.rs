//! The first stage: who gets the reminder and when.

use domain::{DelayFrom, DelayUnit, StepDraft};
use leptos::prelude::*;

use crate::i18n::use_i18n;

use super::channel::ChannelChoice;
use super::state::{error_line, WizardState};

#[component]
pub fn TargetStage(
    state: WizardState,
    members: StoredValue<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let draft = state.draft;
    let check = move |label: fn(&crate::i18n::ReminderTexts) -> &'static str,
                      get: fn(&StepDraft) -> bool,
                      set: fn(&mut StepDraft, bool)| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || draft.with(get)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        draft.update(|d| set(d, on));
                    }
                />
                {move || label(t())}
            </label>
        }
    };
    view! {
        <ChannelChoice state members />
        <fieldset class="field">
            <legend>{move || t().exclude_non_subscribers}</legend>
            <div class="choices">
                <label class="check">
                    <input
                        type="radio"
                        name="newsletter_only"
                        prop:checked=move || draft.with(|d| d.newsletter_only)
                        on:change=move |_| draft.update(|d| d.newsletter_only = true)
                    />
                    {move || t().yes}
                </label>
                <label class="check">
                    <input
                        type="radio"
                        name="newsletter_only"
                        prop:checked=move || draft.with(|d| !d.newsletter_only)
                        on:change=move |_| draft.update(|d| d.newsletter_only = false)
                    />
                    {move || t().no}
                </label>
            </div>
        </fieldset>
        <fieldset class="field" aria-describedby="step-profiles-error">
            <legend>{move || t().profiles_label}</legend>
            {check(|t| t.active, |d| d.active, |d, on| d.active = on)}
            {check(|t| t.inactive, |d| d.inactive, |d, on| d.inactive = on)}
            {check(|t| t.never_ordered, |d| d.never_ordered, |d, on| d.never_ordered = on)}
            {error_line(state, "profiles")}
        </fieldset>
        <div class="field">
            <label for="step-delay">{move || t().send_after}</label>
            <div class="inline">
                <input
                    id="step-delay"
                    type="number"
                    min="1"
                    inputmode="numeric"
                    prop:value=move || draft.with(|d| d.delay_amount.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| d.delay_amount = v);
                    }
                    aria-invalid=move || state.problem("delay").is_some().to_string()
                    aria-describedby="step-delay-error"
                />
                <select
                    aria-label=move || t().send_after
                    on:change=move |ev| {
                        let unit = if event_target_value(&ev) == "days" {
                            DelayUnit::Days
                        } else {
                            DelayUnit::Hours
                        };
                        draft.update(|d| d.delay_unit = unit);
                    }
                >
                    <option value="hours" selected=move || draft.with(|d| d.delay_unit == DelayUnit::Hours)>
                        {move || (t().unit)(DelayUnit::Hours)}
                    </option>
                    <option value="days" selected=move || draft.with(|d| d.delay_unit == DelayUnit::Days)>
                        {move || (t().unit)(DelayUnit::Days)}
                    </option>
                </select>
            </div>
            {error_line(state, "delay")}
            <label class="delay-from">
                <span>{move || i18n.t().rules.delay_from}</span>
                <select
                    name="delay_from"
                    on:change=move |ev| {
                        let from = DelayFrom::parse(&event_target_value(&ev)).unwrap_or_default();
                        draft.update(|d| d.delay_from = from);
                    }
                >
                    <option
                        value="abandonment"
                        selected=move || draft.with(|d| d.delay_from == DelayFrom::Abandonment)
                    >
                        {move || i18n.t().rules.from_abandonment}
                    </option>
                    <option
                        value="previous_step"
                        selected=move || draft.with(|d| d.delay_from == DelayFrom::PreviousStep)
                    >
                        {move || i18n.t().rules.from_previous}
                    </option>
                </select>
            </label>
        </div>
    }
    .into_any()
}
