//! Hydrates the admin that the server rendered: the same `App`, now interactive.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy routes (app/src/routes.rs) hydrate once their chunks have arrived.
    leptos::mount::hydrate_lazy(app::App);
}
