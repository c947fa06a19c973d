//! Draws what the draft implies: the preview, the counters, the field checks, the warnings,
//! the save's problems and status, and the languages.

use domain::{HexColor, WebUrl};
use web_sys::Element;

use super::super::editor_form::{language_button, language_title};
use super::super::model::REASSURANCE_MAX;
use super::super::model::{counted, live_warnings, offered_languages, preview_email};
use super::dom::{create, fill_list, find, find_all, flag, named, named_value, now_ms, set};
use super::fields::rows;
use super::state::{Status, Studio};

/// Everything but the languages, which change only when one is added, removed or shown.
pub fn all(root: &Element, studio: &Studio) {
    preview(root, studio);
    counters(root);
    checks(root);
    warnings(root, studio);
    problems(root, studio);
    status(root, studio);
    if let Some(heading) = find(root, "[data-name]") {
        heading.set_text_content(Some(&studio.draft.name));
    }
    if let Some(tail) = &studio.title_tail {
        leptos::prelude::document().set_title(&format!("{}{tail}", studio.draft.name));
    }
    if let Some(add) = find(root, "button[data-do=\"add-reassurance\"]") {
        flag(&add, "disabled", rows(root).len() >= REASSURANCE_MAX);
    }
}

/// The email as the customer would get it, with how long rendering it took.
pub fn preview(root: &Element, studio: &Studio) {
    // Without a sample yet, the server's preview stays until one arrives.
    let Some(sample) = &studio.sample else {
        return;
    };
    let started = now_ms();
    let email = preview_email(&studio.draft, sample);
    let micros = ((now_ms() - started) * 1000.0).max(0.0) as u64;
    let (subject, html, error) = match email {
        Ok(email) => (email.subject, email.html, None),
        Err(error) => (String::new(), String::new(), Some(error)),
    };
    if let Some(strong) = find(root, "[data-testid=\"preview-subject\"]") {
        strong.set_text_content(Some(&subject));
    }
    if let Some(line) = find(root, ".preview-error") {
        flag(&line, "hidden", error.is_none());
        line.set_text_content(error.as_deref());
    }
    if let Some(frame) = find(root, ".preview-frame") {
        set(&frame, "data-render-us", &micros.to_string());
        if let Some(iframe) = find(&frame, "iframe") {
            set(&iframe, "srcdoc", &html);
        }
    }
    if let Some(link) = find(root, "a.open-saved") {
        let href = crate::shop::shop_path(&format!(
            "/templates/{}/preview?sample={}&lang={}&discount={}",
            studio.draft.id,
            studio.sample_id,
            studio.language.code(),
            studio.discount.as_str()
        ));
        set(&link, "href", &href);
    }
}

/// "17/100" under each one-line text.
fn counters(root: &Element) {
    for counter in find_all(root, "[data-max]") {
        let id = counter.id();
        let name = id.trim_end_matches("-counter");
        let max: usize = counter
            .get_attribute("data-max")
            .and_then(|max| max.parse().ok())
            .unwrap_or(0);
        let length = counted(&named_value(root, name).unwrap_or_default());
        counter.set_text_content(Some(&format!("{length}/{max}")));
        set(
            &counter,
            "class",
            if length > max {
                "counter over"
            } else {
                "counter"
            },
        );
    }
}

/// The colours' and the social links' formats, said as they are typed.
fn checks(root: &Element) {
    for line in find_all(root, "[data-live]") {
        let key = line.get_attribute("data-live").unwrap_or_default();
        let Some(field) = named(root, &key) else {
            continue;
        };
        let text = super::dom::value(&field);
        let error = if key.ends_with("_color") {
            let parsed = HexColor::parse(&text);
            // The picker only understands lower-case #rrggbb; black while the text is invalid.
            if let Some(picker) = named(root, &format!("{key}-picker")) {
                let shown = parsed
                    .as_ref()
                    .map(|c| c.as_str().to_ascii_lowercase())
                    .unwrap_or_else(|_| "#000000".into());
                super::dom::set_value(&picker, &shown);
            }
            parsed.err().map(|e| e.message)
        } else if text.trim().is_empty() {
            None
        } else {
            WebUrl::parse(&text).err().map(|e| e.message)
        };
        set(&field, "aria-invalid", &error.is_some().to_string());
        line.set_text_content(error.as_deref());
    }
}

fn warnings(root: &Element, studio: &Studio) {
    let found = live_warnings(&studio.draft, studio.language, &studio.customer_languages);
    let (Some(ok), Some(list)) = (find(root, ".warnings p.ok"), find(root, ".warnings ul")) else {
        return;
    };
    flag(&ok, "hidden", !found.is_empty());
    flag(&list, "hidden", found.is_empty());
    fill_list(&list, found.iter().map(|w| (studio.texts.warning)(w)));
}

/// What the last save refused: beside each field of the language on screen, and all of them
/// above the editor.
pub fn problems(root: &Element, studio: &Studio) {
    for line in find_all(root, "[data-problem]") {
        let field = line.get_attribute("data-problem").unwrap_or_default();
        let message = studio
            .problems
            .iter()
            .find(|p| p.field == field && p.language.is_none_or(|l| l == studio.language))
            .map(|p| p.message.as_str());
        line.set_text_content(message);
    }
    let Some(block) = find(root, ".problems") else {
        return;
    };
    flag(&block, "hidden", studio.problems.is_empty());
    if let Some(list) = find(&block, "ul") {
        fill_list(
            &list,
            studio.problems.iter().map(|p| {
                let language = p
                    .language
                    .map(|l| format!("[{}] ", l.code().to_ascii_uppercase()))
                    .unwrap_or_default();
                format!(
                    "{language}{} : {}",
                    (studio.texts.field)(&p.field),
                    p.message
                )
            }),
        );
    }
}

/// Saving, saved, unsaved changes, or what to fix.
pub fn status(root: &Element, studio: &Studio) {
    let t = studio.texts;
    let (text, class) = match studio.status {
        Status::Saving => (t.saving, "saving"),
        Status::Failed => (t.failed, "error"),
        Status::Invalid => (t.fix_problems, "error"),
        _ if studio.dirty() => (t.unsaved, "dirty"),
        Status::Saved => (t.saved, "saved"),
        Status::Opened => ("", ""),
    };
    if let Some(line) = find(root, ".save-status") {
        line.set_text_content(Some(text));
        set(&line, "class", &format!("save-status {class}"));
    }
    if let Some(save) = find(root, "button[data-do=\"save\"]") {
        flag(&save, "disabled", studio.status == Status::Saving);
    }
}

/// The buttons of the languages the template is filled in, the languages it can add, and
/// whether the one on screen can be removed.
pub fn languages(root: &Element, studio: &Studio) {
    let t = studio.texts;
    let filled: Vec<_> = studio.draft.contents.keys().copied().collect();
    if let Some(buttons) = find(root, ".language-buttons") {
        buttons.set_text_content(None);
        for &language in &filled {
            let Some(button) = create("button", &language_button(language)) else {
                continue;
            };
            set(&button, "type", "button");
            set(&button, "data-language", language.code());
            set(
                &button,
                "aria-pressed",
                &(language == studio.language).to_string(),
            );
            set(&button, "title", &language_title(t, language));
            let _ = buttons.append_child(&button);
        }
    }
    if let Some(select) = named(root, "add-language") {
        for option in find_all(&select, "option[value]:not([value=\"\"])") {
            option.remove();
        }
        for language in offered_languages(&studio.customer_languages) {
            if filled.contains(&language) {
                continue;
            }
            if let Some(option) = create("option", &(t.language_name)(language)) {
                set(&option, "value", language.code());
                let _ = select.append_child(&option);
            }
        }
        super::dom::set_value(&select, "");
    }
    if let Some(remove) = find(root, "button[data-do=\"remove-language\"]") {
        flag(&remove, "disabled", filled.len() <= 1);
    }
}
