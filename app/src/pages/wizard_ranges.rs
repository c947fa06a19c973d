//! The wizard's cart-value ranges in the browser (`wizard_live`): a range added from the
//! server's template row, numbered after the last and started where the domain starts one, a
//! range removed, and a range with a problem of its own marked as a whole.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlFormElement, HtmlInputElement, HtmlSelectElement};

use crate::pages::dom::{find, find_all};
use crate::pages::wizard::NEW_RANGE;

const MAX_RANGES: usize = domain::MAX_RANGES;
/// A range's discount fields, which a new range copies from the last one.
const DISCOUNT_FIELDS: [&str; 7] = [
    "kind",
    "value",
    "validity_days",
    "combinable",
    "tax_included",
    "gift_sku",
    "gift_name",
];

/// A range with a problem of its own is marked as a whole.
pub fn mark_ranges(form: &HtmlFormElement, problems: &[(String, String)]) {
    for range in find_all(form, "fieldset.range") {
        let n = range.get_attribute("data-range").unwrap_or_default();
        let own = format!("ranges[{n}]");
        let invalid = problems.iter().any(|(f, _)| *f == own);
        let _ = range.class_list().toggle_with_force("invalid", invalid);
    }
}

/// A range from the template row, numbered after the last one.
pub fn add_range(form: &HtmlFormElement, range_title: &str) {
    let ranges = find_all(form, "fieldset.range");
    if ranges.len() >= MAX_RANGES {
        return;
    }
    let next = ranges
        .iter()
        .filter_map(|r| r.get_attribute("data-range")?.parse::<usize>().ok())
        .max()
        .map_or(0, |n| n + 1);
    let Some(template) = find(form, "template.new-range")
        .and_then(|t| t.dyn_into::<web_sys::HtmlTemplateElement>().ok())
    else {
        return;
    };
    let html = template
        .inner_html()
        .replace(&format!("ranges[{NEW_RANGE}]"), &format!("ranges[{next}]"))
        .replace(
            &format!("step-ranges-{NEW_RANGE}-"),
            &format!("step-ranges-{next}-"),
        )
        .replace(
            &format!("data-range=\"{NEW_RANGE}\""),
            &format!("data-range=\"{next}\""),
        );
    let _ = template.insert_adjacent_html("beforebegin", &html);
    // The new range starts where the domain starts one (after the last, with its discount),
    // and takes the last one's upper bound.
    if let (Some(last), Some(added)) = (ranges.last(), find_all(form, "fieldset.range").pop()) {
        let (min, max) =
            domain::next_range_bounds(&range_value(last, "min"), &range_value(last, "max"));
        set_range_value(last, "max", "");
        set_range_value(&added, "min", &min);
        set_range_value(&added, "max", &max);
        for field in DISCOUNT_FIELDS {
            set_range_value(&added, field, &range_value(last, field));
        }
    }
    // The new range's title stands for its place: the template's says none.
    if let Some(added) = find_all(form, "fieldset.range").pop() {
        if let Some(legend) = find(&added, "[data-range-title]") {
            legend.set_text_content(Some(
                &range_title.replace("{n}", &(ranges.len() + 1).to_string()),
            ));
        }
    }
}

/// The value of the range's field `field` (`min`, `kind`…).
fn range_value(range: &Element, field: &str) -> String {
    let n = range.get_attribute("data-range").unwrap_or_default();
    let selector = format!("[name=\"ranges[{n}].{field}\"]");
    match find(range, &selector) {
        Some(e) => match e.dyn_into::<HtmlInputElement>() {
            Ok(input) if input.type_() == "checkbox" => input.checked().to_string(),
            Ok(input) => input.value(),
            Err(e) => e
                .dyn_into::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default(),
        },
        None => String::new(),
    }
}

fn set_range_value(range: &Element, field: &str, value: &str) {
    let n = range.get_attribute("data-range").unwrap_or_default();
    let selector = format!("[name=\"ranges[{n}].{field}\"]");
    let Some(element) = find(range, &selector) else {
        return;
    };
    match element.dyn_into::<HtmlInputElement>() {
        Ok(input) if input.type_() == "checkbox" => input.set_checked(value == "true"),
        Ok(input) => input.set_value(value),
        Err(element) => {
            if let Ok(select) = element.dyn_into::<HtmlSelectElement>() {
                select.set_value(value);
            }
        }
    }
}

/// The range of the `button`, unless it is the only one.
pub fn remove_range(form: &HtmlFormElement, button: &Element) {
    if find_all(form, "fieldset.range").len() > 1 {
        if let Some(range) = button.closest("fieldset.range").ok().flatten() {
            range.remove();
        }
    }
}
