//! Finding the server's elements, for the controls and islands that work on them.

#![cfg(feature = "hydrate")]

use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::Element;

/// The first element under `root` that `selector` matches.
pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// Every element under `root` that `selector` matches, in document order.
pub fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|index| list.get(index))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}
