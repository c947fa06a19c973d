//! One text field of a draft form, with its label and the server's problem beside it: the
//! set-up and new shop forms share it.

use leptos::prelude::*;

#[component]
pub fn DraftField(
    /// The input's id; its error paragraph is `<id>-error`.
    id: String,
    name: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into)] problem: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                value=value.get_untracked()
                prop:value=value
                on:input=move |ev| on_input.run(event_target_value(&ev))
                aria-invalid=move || problem.with(Option::is_some).to_string()
                aria-describedby=error_id.clone()
            />
            <p class="field-error" id=error_id>{problem}</p>
        </div>
    }
}
