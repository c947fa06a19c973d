//! The discount stage's code source: codes Relance makes, or the merchant's own collection.

use leptos::prelude::*;

use super::state::WizardState;
use crate::i18n::use_i18n;

#[component]
pub fn CodeSource(state: WizardState) -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.t().codes;
    let draft = state.draft;
    view! {
        <div class="field">
            <label for="step-code-collection">{move || c().source}</label>
            <select
                id="step-code-collection"
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    draft.update(|d| d.code_collection = chosen);
                }
            >
                <option value="" selected=move || draft.with(|d| d.code_collection.is_empty())>
                    {move || c().generated}
                </option>
                {state
                    .collections
                    .get_value()
                    .into_iter()
                    .map(|(id, name, left)| {
                        let chosen = id.clone();
                        view! {
                            <option value=id selected=move || draft.with(|d| d.code_collection == chosen)>
                                {move || (c().from_collection)(&name, left)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <small class="hint">
                <a href=crate::shop::shop_path("/codes")>{move || c().manage}</a>
            </small>
        </div>
    }
}
