//! The draft and the form: read what is typed into the draft, write a language's texts back
//! into the fields when another language is shown.

use domain::email::icons::shapes;
use domain::{ContentDraft, Language, Layout, ReassuranceIcon, ReassuranceItem, TemplateDraft};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTemplateElement};

use super::dom::{find, find_all, named, named_value, set_value, value};

/// The texts of a language, by their fields' names.
const TEXTS: [&str; 9] = [
    "subject",
    "body",
    "discount_text",
    "button_text",
    "facebook",
    "instagram",
    "x",
    "unsubscribe_text",
    "unsubscribe_link_text",
];

fn text_mut<'a>(content: &'a mut ContentDraft, name: &str) -> Option<&'a mut String> {
    Some(match name {
        "subject" => &mut content.subject,
        "body" => &mut content.body,
        "discount_text" => &mut content.discount_text,
        "button_text" => &mut content.button_text,
        "facebook" => &mut content.facebook,
        "instagram" => &mut content.instagram,
        "x" => &mut content.x,
        "unsubscribe_text" => &mut content.unsubscribe_text,
        "unsubscribe_link_text" => &mut content.unsubscribe_link_text,
        _ => return None,
    })
}

/// Reads the whole form into `draft`, the texts into `language`'s.
pub fn read(root: &Element, draft: &mut TemplateDraft, language: Language) {
    if let Some(name) = named_value(root, "template-name") {
        draft.name = name;
    }
    if let Some(layout) = find(root, "input[name=\"layout\"]:checked")
        .and_then(|radio| Layout::parse(&value(&radio)).ok())
    {
        draft.layout = layout;
    }
    if let Some(color) = named_value(root, "primary_color") {
        draft.primary_color = color;
    }
    if let Some(color) = named_value(root, "secondary_color") {
        draft.secondary_color = color;
    }
    let Some(content) = draft.contents.get_mut(&language) else {
        return;
    };
    for name in TEXTS {
        if let (Some(text), Some(slot)) = (named_value(root, name), text_mut(content, name)) {
            *slot = text;
        }
    }
    content.reassurance = rows(root)
        .iter()
        .map(|row| ReassuranceItem {
            icon: row_icon(row),
            text: find(row, "input")
                .map(|input| value(&input))
                .unwrap_or_default(),
        })
        .collect();
}

/// Shows `content`'s texts in the fields.
pub fn write(root: &Element, content: &ContentDraft) {
    let mut content = content.clone();
    for name in TEXTS {
        if let (Some(field), Some(text)) = (named(root, name), text_mut(&mut content, name)) {
            set_value(&field, text);
        }
    }
    draw_rows(root, &content.reassurance);
}

pub fn rows(root: &Element) -> Vec<Element> {
    find_all(root, "fieldset.reassurance > .reassurance-item")
}

/// The kind a reassurance row's select names.
pub fn row_icon(row: &Element) -> ReassuranceIcon {
    find(row, "select")
        .and_then(|select| ReassuranceIcon::from_slug(&value(&select)))
        .unwrap_or(ReassuranceIcon::FreeDelivery)
}

/// Draws a row's icon as its select names it.
pub fn draw_icon(row: &Element) {
    if let Some(svg) = find(row, "svg") {
        svg.set_inner_html(shapes(row_icon(row)));
    }
}

/// Replaces the reassurance rows by `items`, each a copy of the server's new row.
pub fn draw_rows(root: &Element, items: &[ReassuranceItem]) {
    for row in rows(root) {
        row.remove();
    }
    let add = find(root, "button[data-do=\"add-reassurance\"]");
    let model = find(root, "template.reassurance-new")
        .and_then(|t| t.dyn_into::<HtmlTemplateElement>().ok())
        .and_then(|t| t.content().first_element_child());
    let (Some(add), Some(model)) = (add, model) else {
        return;
    };
    for item in items {
        let Some(row) = model
            .clone_node_with_deep(true)
            .ok()
            .and_then(|n| n.dyn_into::<Element>().ok())
        else {
            continue;
        };
        if let Some(select) = find(&row, "select") {
            set_value(&select, item.icon.slug());
        }
        if let Some(input) = find(&row, "input") {
            set_value(&input, &item.text);
        }
        draw_icon(&row);
        let _ = add.before_with_node_1(&row);
    }
}
