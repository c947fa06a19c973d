//! The A/B test of a reminder: another template for a share of its carts, and maybe another
//! discount, each cart always getting the same variant; Statistics compares them and
//! promotes the winner.

use leptos::prelude::*;

use crate::api::TemplateChoice;
use crate::i18n::use_i18n;

use super::discount::{DiscountFields, Slot};
use super::state::{error_line, WizardState};

#[component]
pub fn SplitChoice(state: WizardState, templates: RwSignal<Vec<TemplateChoice>>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let draft = state.draft;
    let on = move || draft.with(|d| d.split);
    view! {
        <fieldset class="field split-test">
            <legend>{move || t().split_legend}</legend>
            <label class="check">
                <input
                    type="checkbox"
                    name="split"
                    prop:checked=on
                    on:change=move |ev| {
                        let checked = event_target_checked(&ev);
                        draft.update(|d| d.split = checked);
                    }
                />
                {move || t().split_on}
            </label>
            <div hidden=move || !on()>
                <p class="hint">{move || t().split_hint}</p>
                <label for="step-split-template">{move || t().split_template}</label>
                <select
                    id="step-split-template"
                    aria-describedby="step-split-template-error"
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        draft.update(|d| d.split_template = chosen);
                    }
                >
                    <option value="" selected=move || draft.with(|d| d.split_template.is_empty())>
                        "—"
                    </option>
                    {move || {
                        templates
                            .get()
                            .into_iter()
                            .map(|choice| {
                                let id = choice.id.clone();
                                view! {
                                    <option
                                        value=choice.id.clone()
                                        selected=move || draft.with(|d| d.split_template == id)
                                    >
                                        {choice.name.clone()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                {error_line(state, "split_template")}
                <label for="step-split-share">{move || t().split_share}</label>
                <input
                    id="step-split-share"
                    type="number"
                    min="1"
                    max="99"
                    aria-describedby="step-split-share-error"
                    prop:value=move || draft.with(|d| d.split_share.clone())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        draft.update(|d| d.split_share = value);
                    }
                />
                {error_line(state, "split_share")}
                <label class="check">
                    <input
                        type="checkbox"
                        name="split_own_discount"
                        prop:checked=move || draft.with(|d| d.split_own_discount)
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            draft.update(|d| d.split_own_discount = checked);
                        }
                    />
                    {move || t().split_own_discount}
                </label>
                <div class="split-discount" hidden=move || !draft.with(|d| d.split_own_discount)>
                    <p class="hint">{move || t().split_discount_hint}</p>
                    <DiscountFields state place=Slot::SplitB />
                </div>
            </div>
        </fieldset>
    }
}
