//! The guard against leaving the editor with unsaved changes.

#![cfg(feature = "hydrate")]

use leptos::prelude::*;

/// Asks before the page is left with unsaved changes: on reload or close (the browser's own
/// dialog) and on any link inside the admin (ours, in the capture phase, so a refusal stops the
/// click before the link is followed).
pub fn guard_unsaved_changes(dirty: impl Fn() -> bool + Copy + 'static, message: &'static str) {
    {
        use wasm_bindgen::{closure::Closure, JsCast};

        let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if dirty() {
                ev.prevent_default();
                ev.set_return_value("");
            }
        });
        let on_click =
            Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
                if !dirty() {
                    return;
                }
                let link = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("a[href]").ok().flatten());
                let Some(link) = link else { return };
                if link.get_attribute("target").as_deref() == Some("_blank") {
                    return;
                }
                if !window().confirm_with_message(message).unwrap_or(true) {
                    ev.prevent_default();
                    ev.stop_immediate_propagation();
                }
            });
        let document = document();
        let _ = document.add_event_listener_with_callback_and_bool(
            "click",
            on_click.as_ref().unchecked_ref(),
            true,
        );
        // Browser handles are not `Send`; the cleanup runs on this same (only) thread.
        let listener = send_wrapper::SendWrapper::new((document, on_click));
        on_cleanup(move || {
            unload.remove();
            let (document, on_click) = listener.take();
            let _ = document.remove_event_listener_with_callback_and_bool(
                "click",
                on_click.as_ref().unchecked_ref(),
                true,
            );
        });
    }
}
