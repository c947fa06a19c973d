//! What the `ActForm` control does to the server's form in the browser, with plain DOM calls:
//! find the form, mark its fields, fill in a code, add a picked option, guess the time zone.

#[cfg(feature = "hydrate")]
use leptos::prelude::document;

/// Says each problem beside its field, and clears the others (see `form_fields::mark`).
pub(super) fn mark_fields(
    form: Option<&leptos::web_sys::HtmlFormElement>,
    problems: &[(String, String)],
) {
    #[cfg(feature = "hydrate")]
    if let Some(form) = form {
        super::form_fields::mark(form, problems);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (form, problems);
}

/// Writes `code` into the elements of the form's control marked `data-said-code` (the curl
/// example of a new shop's connection carries its key).
pub(super) fn fill_code(form: Option<&leptos::web_sys::HtmlFormElement>, code: Option<&str>) {
    #[cfg(feature = "hydrate")]
    if let (Some(control), Some(code)) = (form.and_then(|f| f.parent_element()), code) {
        if let Ok(places) = control.query_selector_all("[data-said-code]") {
            for index in 0..places.length() {
                if let Some(place) = places.get(index) {
                    place.set_text_content(Some(code));
                }
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (form, code);
}

/// A chosen file's text (empty without one: the server says what it lacks).
pub(super) async fn file_text(file: leptos::wasm_bindgen::JsValue) -> String {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Ok(file) = file.dyn_into::<web_sys::File>() {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                return text.as_string().unwrap_or_default();
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = file;
    String::new()
}

/// The form an event came from: the form itself, or the form of the field it came from.
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
pub(super) fn form_of(
    target: Option<leptos::web_sys::EventTarget>,
) -> Option<leptos::web_sys::HtmlFormElement> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let element = target?.dyn_into::<leptos::web_sys::Element>().ok()?;
        element.closest("form").ok().flatten()?.dyn_into().ok()
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

/// Whether the form was sent by a button with a `formtarget` of its own.
pub(super) fn aimed_elsewhere(event: &leptos::ev::SubmitEvent) -> bool {
    event
        .submitter()
        .is_some_and(|button| button.has_attribute("formtarget"))
}

/// A search field marked `data-append-to="{name}"`: the option of its list picked there is
/// added as a line to the form's field `name` (the rule editor's products), and the search
/// cleared. A value typed that is not one of the options stays to be corrected.
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
pub(super) fn append_pick(target: Option<leptos::web_sys::EventTarget>) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::web_sys::{HtmlInputElement, HtmlTextAreaElement};
        use wasm_bindgen::JsCast;
        let Some(search) = target.and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
            return;
        };
        let (Some(to), Some(list)) = (
            search.get_attribute("data-append-to"),
            search.get_attribute("list"),
        ) else {
            return;
        };
        let picked = search.value();
        let options = document()
            .get_element_by_id(&list)
            .map(|list| list.children())
            .filter(|_| !picked.is_empty());
        let known = options.is_some_and(|options| {
            (0..options.length()).any(|i| {
                options
                    .item(i)
                    .and_then(|option| option.get_attribute("value"))
                    .is_some_and(|value| value == picked)
            })
        });
        let field = form_of(Some(search.clone().into()))
            .and_then(|form| form.query_selector(&format!("textarea[name={to}]")).ok())
            .flatten()
            .and_then(|field| field.dyn_into::<HtmlTextAreaElement>().ok());
        if let (true, Some(field)) = (known, field) {
            let mut lines = field.value();
            if !lines.trim().is_empty() {
                if !lines.ends_with('\n') {
                    lines.push('\n');
                }
            } else {
                lines.clear();
            }
            lines.push_str(&picked);
            field.set_value(&lines);
            search.set_value("");
        }
    }
}

#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
pub(super) fn submits_on_change(target: Option<leptos::web_sys::EventTarget>) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        target
            .and_then(|target| target.dyn_into::<leptos::web_sys::Element>().ok())
            .and_then(|element| element.get_attribute("data-submit"))
            .is_some_and(|when| when == "change")
    }
    #[cfg(not(feature = "hydrate"))]
    false
}

/// Fills a time-zone field marked `data-guess="time-zone"` with the browser's own zone, a good
/// guess for a shop's, unless it was changed since the server drew it.
pub(super) fn guess_zone() {
    #[cfg(feature = "hydrate")]
    {
        use leptos::web_sys::HtmlInputElement;
        use wasm_bindgen::JsCast;
        let field = document()
            .query_selector("input[data-guess=\"time-zone\"]")
            .ok()
            .flatten()
            .and_then(|field| field.dyn_into::<HtmlInputElement>().ok());
        let Some(field) = field.filter(|f| f.value() == f.default_value()) else {
            return;
        };
        let options =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
                .resolved_options();
        if let Some(zone) = js_sys::Reflect::get(&options, &"timeZone".into())
            .ok()
            .and_then(|zone| zone.as_string())
        {
            field.set_value(&zone);
        }
    }
}
