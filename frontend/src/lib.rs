//! Hydrates the islands of the admin page the server rendered (`app`'s `#[island]`s).

// The islands live in `app`: linking it keeps their hydration functions exported.
extern crate app;

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // The islands hydrate after this returns, and mark the page once the last one has; a page
    // without any is whole as the server sent it.
    app::islands::mark_if_no_island();
}
