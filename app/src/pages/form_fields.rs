//! A server-drawn form's fields, in the browser: read them all, and say a problem beside each.

#![cfg(feature = "hydrate")]

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, FormData, HtmlFormElement};

/// Every named field's name and text value, in the form's order (a file's entry and the shop
/// are left out).
pub fn pairs(form: &HtmlFormElement, data: &FormData) -> Vec<(String, String)> {
    let Ok(fields) = form.query_selector_all("[name]") else {
        return Vec::new();
    };
    let mut pairs: Vec<(String, String)> = Vec::new();
    for index in 0..fields.length() {
        let Some(name) = fields
            .get(index)
            .and_then(|n| n.dyn_into::<Element>().ok())
            .and_then(|field| field.get_attribute("name"))
        else {
            continue;
        };
        if name == "shop" || pairs.iter().any(|(seen, _)| *seen == name) {
            continue;
        }
        // What the form sends: nothing for an unticked box.
        if let Some(value) = data.get(&name).as_string() {
            pairs.push((name, value));
        }
    }
    pairs
}

/// Marks the fields named in `problems` invalid, with the message in their error line (the
/// element with class `field-error` among those their `aria-describedby` names), and every other
/// field of `form` valid, its error line empty.
pub fn mark(form: &HtmlFormElement, problems: &[(String, String)]) {
    let Ok(fields) = form.query_selector_all("[name][aria-describedby]") else {
        return;
    };
    let document = document();
    for index in 0..fields.length() {
        let Some(field) = fields.get(index).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let name = field.get_attribute("name").unwrap_or_default();
        let problem = problems
            .iter()
            .find(|(field, _)| *field == name)
            .map(|(_, message)| message.as_str());
        let _ = field.set_attribute("aria-invalid", &problem.is_some().to_string());
        let described = field.get_attribute("aria-describedby").unwrap_or_default();
        for id in described.split_whitespace() {
            let line = document.get_element_by_id(id).filter(|line| {
                line.get_attribute("class")
                    .is_some_and(|class| class.split_whitespace().any(|c| c == "field-error"))
            });
            if let Some(line) = line {
                line.set_text_content(problem);
            }
        }
    }
}
