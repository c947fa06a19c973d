//! Hydrates the islands of the admin page the server rendered (`app`'s `#[island]`s).

// The islands live in `app`: linking it keeps their hydration functions exported.
extern crate app;

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // A page drawn by a page island is marked hydrated by that island; a page with none (not
    // found) is whole as the server sent it.
    let document = leptos::prelude::document();
    let page_island = document
        .query_selector(r#"leptos-island[data-component*="View_"]"#)
        .ok()
        .flatten();
    if page_island.is_none() {
        if let Some(app) = document.query_selector(".app").ok().flatten() {
            let _ = app.set_attribute("data-hydrated", "true");
        }
    }
}
