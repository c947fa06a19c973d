//! Reading and writing the server-drawn editor's elements.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// The element an event came from.
pub fn element(target: Option<EventTarget>) -> Option<Element> {
    target?.dyn_into::<Element>().ok()
}

pub use crate::pages::dom::{find, find_all};

/// The field named `name` under `root`.
pub fn named(root: &Element, name: &str) -> Option<Element> {
    find(root, &format!("[name=\"{name}\"]"))
}

/// A field's value: an input's, a text area's or a select's.
pub fn value(field: &Element) -> String {
    if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
        input.value()
    } else if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
        area.value()
    } else if let Some(select) = field.dyn_ref::<HtmlSelectElement>() {
        select.value()
    } else {
        String::new()
    }
}

pub fn set_value(field: &Element, text: &str) {
    if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
        input.set_value(text);
    } else if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(text);
    } else if let Some(select) = field.dyn_ref::<HtmlSelectElement>() {
        select.set_value(text);
    }
}

/// The value of the field named `name`, if the editor has one.
pub fn named_value(root: &Element, name: &str) -> Option<String> {
    named(root, name).map(|field| value(&field))
}

/// Sets or removes a boolean attribute (`hidden`, `disabled`).
pub fn flag(element: &Element, attribute: &str, on: bool) {
    let _ = element.toggle_attribute_with_force(attribute, on);
}

pub fn set(element: &Element, attribute: &str, value: &str) {
    let _ = element.set_attribute(attribute, value);
}

/// A new element with `text` in it.
pub fn create(tag: &str, text: &str) -> Option<Element> {
    let element = document().create_element(tag).ok()?;
    element.set_text_content(Some(text));
    Some(element)
}

/// Replaces the items of the list `list` by `lines`.
pub fn fill_list(list: &Element, lines: impl IntoIterator<Item = String>) {
    list.set_text_content(None);
    for line in lines {
        if let Some(item) = create("li", &line) {
            let _ = list.append_child(&item);
        }
    }
}

/// Applies `edit(value, start, end) -> (new value, selection start, selection end)` to a text
/// field and puts the selection back where the edit says.
pub fn edit_text(field: &Element, edit: impl Fn(&str, u32, u32) -> (String, u32, u32)) {
    if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
        let start = input.selection_start().ok().flatten().unwrap_or(0);
        let end = input.selection_end().ok().flatten().unwrap_or(start);
        let (new, from, to) = edit(&input.value(), start, end);
        input.set_value(&new);
        let _ = input.focus();
        let _ = input.set_selection_range(from, to);
    } else if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
        let start = area.selection_start().ok().flatten().unwrap_or(0);
        let end = area.selection_end().ok().flatten().unwrap_or(start);
        let (new, from, to) = edit(&area.value(), start, end);
        area.set_value(&new);
        let _ = area.focus();
        let _ = area.set_selection_range(from, to);
    }
}

/// Milliseconds on the page's clock, for the render time the preview reports.
pub fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}
