//! The rule editor's fields, drawn by the server with the rule's values. A field that can be
//! refused names its error line (`rule-{name}-error`), where the `ActForm` control says why.

use domain::rules::{Compare, OptionalField};
use leptos::prelude::*;

use crate::i18n::{field_path, RuleTexts};

/// The id of the line where `field`'s problem is said.
pub fn error_id(field: &str) -> String {
    format!("rule-{field}-error")
}

/// The line where `field`'s problem is said, empty until the server refuses it.
#[component]
pub fn ErrorLine(field: &'static str) -> impl IntoView {
    view! { <small class="field-error" id=error_id(field) role="alert"></small> }
}

/// A warning when the shop's carts never carried the field a condition reads.
#[component]
pub fn Missing(
    t: &'static RuleTexts,
    sent: Vec<OptionalField>,
    field: OptionalField,
) -> impl IntoView {
    (!sent.contains(&field)).then(|| {
        view! {
            <small class="warning" data-missing=field_path(field)>
                {(t.not_sent)(field_path(field))}
            </small>
        }
    })
}

/// A labelled input; `checked` tells whether its problem has an error line.
#[component]
pub fn Text(
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(optional)] checked: bool,
) -> impl IntoView {
    view! {
        <label>
            <span>{label}</span>
            <input
                type=kind.unwrap_or("text")
                name=name
                list=list
                value=value
                aria-describedby=checked.then(|| error_id(name))
            />
            {hint.map(|hint| view! { <small class="hint">{hint}</small> })}
        </label>
    }
}

/// A comparison, or none (no condition).
#[component]
pub fn CompareSelect(t: &'static RuleTexts, name: &'static str, value: String) -> impl IntoView {
    view! {
        <select name=name>
            <option value="" selected=value.is_empty()>{t.compare_any}</option>
            {Compare::ALL
                .into_iter()
                .map(|c| {
                    view! {
                        <option value=c.as_str() selected=value == c.as_str()>
                            {(t.compare)(c)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

/// A select of fixed `options` (value, label), the first being "any".
#[component]
pub fn Choice<const N: usize>(
    name: &'static str,
    value: String,
    options: [(&'static str, &'static str); N],
) -> impl IntoView {
    view! {
        <select name=name>
            {options
                .into_iter()
                .map(|(option, label)| {
                    view! { <option value=option selected=value == option>{label}</option> }
                })
                .collect_view()}
        </select>
    }
}

/// Boxes named `name[i]`, ticked as in `on`.
#[component]
pub fn Checks<const N: usize>(
    name: &'static str,
    names: [&'static str; N],
    on: [bool; N],
) -> impl IntoView {
    names
        .into_iter()
        .zip(on)
        .enumerate()
        .map(|(i, (label, on))| {
            view! {
                <label class="check">
                    <input type="checkbox" name=format!("{name}[{i}]") checked=on />
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view()
}

/// A single box named `name`.
#[component]
pub fn Check(name: &'static str, label: &'static str, on: bool) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" name=name checked=on />
            <span>{label}</span>
        </label>
    }
}
