//! What each of the editor's events does. One listener per kind of event on the editor's
//! element; the field or button it came from says what to do (its `name` or `data-` attribute).

use domain::email::SampleDiscount;
use domain::{Language, ReassuranceIcon, ReassuranceItem};
use leptos::prelude::*;
use web_sys::{Element, Event, MouseEvent, SubmitEvent};

use super::super::model::WIDTHS;
use super::super::text_tools::{insert_at, wrap};
use super::dom::{edit_text, element, find, find_all, named, set, set_value, value};
use super::fields::{draw_icon, read, rows, write};
use super::state::Handle;
use super::{calls, draw};

/// The editor's element, around whatever an event came from.
fn root_of(target: &Element) -> Option<Element> {
    target.closest(".studio").ok().flatten()
}

/// Reads the form into the draft and draws what follows from it.
fn reread(root: &Element, state: Handle) {
    state.update_value(|s| read(root, &mut s.draft, s.language));
    state.with_value(|s| draw::all(root, s));
    // The page's sample could not be read: the server's, then, once.
    if state.with_value(|s| s.sample.is_none() && s.sample_asked == 0) {
        calls::fetch_sample(root.clone(), state);
    }
}

pub fn input(state: Handle, ev: Event) {
    let Some(target) = element(ev.target()) else {
        return;
    };
    let Some(root) = root_of(&target) else {
        return;
    };
    let name = target.get_attribute("name").unwrap_or_default();
    if name.is_empty() || name == "test-to" {
        return;
    }
    // A colour picked: its text field says it, as the email does.
    if let Some(key) = name.strip_suffix("-picker") {
        if let Some(text) = named(&root, key) {
            set_value(&text, &value(&target).to_ascii_uppercase());
        }
    }
    reread(&root, state);
}

pub fn change(state: Handle, ev: Event) {
    let Some(target) = element(ev.target()) else {
        return;
    };
    let Some(root) = root_of(&target) else {
        return;
    };
    let chosen = value(&target);
    match target.get_attribute("name").as_deref() {
        Some("layout") => reread(&root, state),
        Some("reassurance-icon") => {
            if let Some(row) = target.closest(".reassurance-item").ok().flatten() {
                draw_icon(&row);
            }
            reread(&root, state);
        }
        Some("add-language") => {
            if let Ok(language) = Language::parse(&chosen) {
                add_language(&root, state, language);
            }
        }
        Some("sample") => {
            state.update_value(|s| s.sample_id = chosen);
            calls::fetch_sample(root, state);
        }
        Some("sample-discount") => {
            if let Some(discount) = SampleDiscount::parse(&chosen) {
                state.update_value(|s| s.offer(discount));
                state.with_value(|s| draw::preview(&root, s));
            }
        }
        _ => {}
    }
}

pub fn click(state: Handle, ev: MouseEvent) {
    let Some(button) = element(ev.target()).and_then(|t| t.closest("button").ok().flatten()) else {
        return;
    };
    let Some(root) = root_of(&button) else {
        return;
    };
    let data = |name: &str| button.get_attribute(name);
    if let Some(tab) = data("data-tab") {
        for each in find_all(&root, "[role=\"tab\"]") {
            let selected = each.get_attribute("data-tab").as_deref() == Some(tab.as_str());
            set(&each, "aria-selected", &selected.to_string());
        }
        for panel in find_all(&root, "[data-panel]") {
            let shown = panel.get_attribute("data-panel").as_deref() == Some(tab.as_str());
            super::dom::flag(&panel, "hidden", !shown);
        }
    } else if let Some(tag) = data("data-tag") {
        let token = format!("{{{tag}}}");
        edit_field(&root, &button, state, |text, start, end| {
            let (new, cursor) = insert_at(text, start, end, &token);
            (new, cursor, cursor)
        });
    } else if let Some(marker) = data("data-style") {
        edit_field(&root, &button, state, |text, start, end| {
            wrap(text, start, end, &marker)
        });
    } else if let Some(code) = data("data-language") {
        if let Ok(language) = Language::parse(&code) {
            show_language(&root, state, language);
        }
    } else if let Some(width) = data("data-width") {
        let css = WIDTHS
            .iter()
            .find(|(key, _)| *key == width)
            .map_or("100%", |(_, css)| css);
        if let Some(iframe) = find(&root, ".preview-frame iframe") {
            set(&iframe, "style", &format!("width:{css}"));
        }
        for each in find_all(&root, "[data-width]") {
            let pressed = each.get_attribute("data-width").as_deref() == Some(width.as_str());
            set(&each, "aria-pressed", &pressed.to_string());
        }
    } else {
        match data("data-do").as_deref() {
            Some("save") => calls::save(root, state),
            Some("remove-language") => remove_language(&root, state),
            Some("add-reassurance") => {
                state.update_value(|s| {
                    read(&root, &mut s.draft, s.language);
                    if let Some(content) = s.draft.contents.get_mut(&s.language) {
                        content.reassurance.push(ReassuranceItem {
                            icon: ReassuranceIcon::FreeDelivery,
                            text: String::new(),
                        });
                    }
                });
                redraw_content(&root, state);
            }
            Some("remove-reassurance") => {
                let index = button
                    .closest(".reassurance-item")
                    .ok()
                    .flatten()
                    .and_then(|row| rows(&root).iter().position(|r| *r == row));
                if let Some(index) = index {
                    state.update_value(|s| {
                        read(&root, &mut s.draft, s.language);
                        if let Some(content) = s.draft.contents.get_mut(&s.language) {
                            content.reassurance.remove(index);
                        }
                    });
                    redraw_content(&root, state);
                }
            }
            _ => {}
        }
    }
}

/// Keeps the focus in the text field when a tag or style button is pressed, so its selection
/// is still there when the button acts on it.
pub fn mouse_down(ev: MouseEvent) {
    let on_tool = element(ev.target())
        .and_then(|t| t.closest("button.tag, button.style").ok().flatten())
        .is_some();
    if on_tool {
        ev.prevent_default();
    }
}

pub fn submit(state: Handle, ev: SubmitEvent) {
    let Some(form) = element(ev.target()) else {
        return;
    };
    if form.class_list().contains("test-email") {
        ev.prevent_default();
        if let Some(root) = root_of(&form) {
            calls::send_test(root, state);
        }
    }
}

/// Applies a text tool to the text field of the tool's `.field`.
fn edit_field(
    root: &Element,
    button: &Element,
    state: Handle,
    edit: impl Fn(&str, u32, u32) -> (String, u32, u32),
) {
    let field = button
        .closest(".field")
        .ok()
        .flatten()
        .and_then(|field| find(&field, "textarea, input"));
    if let Some(field) = field {
        edit_text(&field, edit);
        reread(root, state);
    }
}

/// Shows the content of the language on screen again (its reassurance rows changed).
fn redraw_content(root: &Element, state: Handle) {
    state.with_value(|s| {
        if let Some(content) = s.draft.contents.get(&s.language) {
            write(root, content);
        }
        draw::all(root, s);
    });
}

/// Shows `language`'s texts, keeping what was typed in the one on screen.
fn show_language(root: &Element, state: Handle, language: Language) {
    state.update_value(|s| {
        read(root, &mut s.draft, s.language);
        s.show(language);
    });
    state.with_value(|s| draw::languages(root, s));
    redraw_content(root, state);
    calls::fetch_sample(root.clone(), state);
}

/// A new language starts as a copy of the one on screen, ready to translate.
fn add_language(root: &Element, state: Handle, language: Language) {
    state.update_value(|s| {
        read(root, &mut s.draft, s.language);
        if let Some(copy) = s.draft.contents.get(&s.language).cloned() {
            s.draft.contents.entry(language).or_insert(copy);
        }
    });
    show_language(root, state, language);
}

fn remove_language(root: &Element, state: Handle) {
    let (count, question) =
        state.with_value(|s| (s.draft.contents.len(), s.texts.confirm_remove_language));
    if count <= 1 || !crate::pages::confirm(question) {
        return;
    }
    let next = state.try_update_value(|s| {
        s.draft.contents.remove(&s.language);
        s.draft.contents.keys().next().copied()
    });
    if let Some(Some(next)) = next {
        // The removed texts are not read back: show the next language as it was.
        state.update_value(|s| s.show(next));
        state.with_value(|s| draw::languages(root, s));
        redraw_content(root, state);
        calls::fetch_sample(root.clone(), state);
    }
}
