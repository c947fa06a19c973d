//! The Appearance tab: the layout and the two colours.

use domain::{HexColor, Layout};
use leptos::prelude::*;

use super::state::EditorState;
use crate::i18n::use_i18n;

#[component]
pub fn Appearance(state: EditorState) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    let layout = move || state.draft.with(|d| d.layout);
    let color_field = move |label: fn(&crate::i18n::Texts) -> &'static str,
                            key: &'static str,
                            primary: bool| {
        let label = move || label(i18n.t());
        let value = move || {
            state.draft.with(|d| {
                if primary {
                    d.primary_color.clone()
                } else {
                    d.secondary_color.clone()
                }
            })
        };
        let set = move |text: String| {
            state.draft.update(|d| {
                if primary {
                    d.primary_color = text;
                } else {
                    d.secondary_color = text;
                }
            })
        };
        let error = move || HexColor::parse(&value()).err().map(|e| e.message);
        // The picker only understands lower-case #rrggbb; it shows black while the text is invalid.
        let picker = move || {
            HexColor::parse(&value())
                .map(|c| c.as_str().to_ascii_lowercase())
                .unwrap_or_else(|_| "#000000".into())
        };
        view! {
            <div class="field color-field">
                <span>{label}</span>
                <input
                    type="color"
                    name=format!("{key}-picker")
                    aria-label=label
                    prop:value=picker
                    on:input=move |ev| set(event_target_value(&ev).to_ascii_uppercase())
                />
                <input
                    name=key
                    maxlength="7"
                    aria-label=label
                    aria-invalid=move || error().is_some().to_string()
                    prop:value=value
                    on:input=move |ev| set(event_target_value(&ev))
                />
                {move || error().map(|m| view! { <span class="field-error">{m}</span> })}
                {move || state.problem(key).map(|m| view! { <span class="field-error">{m}</span> })}
            </div>
        }
    };
    view! {
        <fieldset class="layouts">
            <legend>{move || t().design_label}</legend>
            {Layout::ALL
                .into_iter()
                .map(|option| {
                    view! {
                        <label class="layout-choice">
                            <input
                                type="radio"
                                name="layout"
                                value=option.as_str()
                                prop:checked=move || layout() == option
                                on:change=move |_| state.draft.update(|d| d.layout = option)
                            />
                            <span class=format!("layout-thumb big {}", option.as_str()) aria-hidden="true">
                                <i></i>
                                <i></i>
                                <i></i>
                            </span>
                            <strong>{move || (t().layout)(option)}</strong>
                            <small>{move || (t().layout_hint)(option)}</small>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
        {color_field(|t| t.templates.primary_label, "primary_color", true)}
        {color_field(|t| t.templates.secondary_label, "secondary_color", false)}
    }
    .into_any()
}
