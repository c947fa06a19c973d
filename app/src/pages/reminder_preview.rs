//! The Reminders table's Preview button: a step's email for the demo cart, in a dialog, at
//! three widths. A control, with its words as props.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The preview's words, in the page's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewWords {
    pub open: String,
    pub close: String,
    pub desktop: String,
    pub tablet: String,
    pub mobile: String,
}

/// The button, and the dialog it opens over the page with the server's render at `url`.
#[component]
pub fn PreviewButtonView(url: String, words: PreviewWords) -> impl IntoView {
    let shown = RwSignal::new(false);
    let width = RwSignal::new(600u32);
    let words = StoredValue::new(words);
    let widths = move || {
        words.with_value(|w| {
            [
                (w.desktop.clone(), 600u32),
                (w.tablet.clone(), 768),
                (w.mobile.clone(), 375),
            ]
        })
    };
    let word = move |pick: fn(&PreviewWords) -> &String| words.with_value(|w| pick(w).clone());
    view! {
        <button type="button" on:click=move |_| shown.set(true)>
            {word(|w| &w.open)}
        </button>
        <Show when=move || shown.get()>
            <div class="modal-backdrop" on:click=move |_| shown.set(false)>
                <div
                    class="modal"
                    role="dialog"
                    aria-modal="true"
                    aria-label=word(|w| &w.open)
                    on:click=|ev| ev.stop_propagation()
                >
                    <div class="preview-toolbar">
                        {widths()
                            .into_iter()
                            .map(|(label, w)| {
                                view! {
                                    <button
                                        type="button"
                                        aria-pressed=move || (width.get() == w).to_string()
                                        on:click=move |_| width.set(w)
                                    >
                                        {label}
                                    </button>
                                }
                            })
                            .collect_view()}
                        <button type="button" class="close" on:click=move |_| shown.set(false)>
                            {word(|w| &w.close)}
                        </button>
                    </div>
                    <iframe
                        class="preview-frame"
                        src=url.clone()
                        sandbox=""
                        title=word(|w| &w.open)
                        style=move || format!("width: {}px", width.get())
                    ></iframe>
                </div>
            </div>
        </Show>
    }
}
