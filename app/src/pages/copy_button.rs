//! A copy button: puts a value on the clipboard, and says so. Its words come as props.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A copy button's words, in the page's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyWords {
    pub copy: String,
    pub copied: String,
}

/// Puts `text` on the clipboard, and says so.
#[component]
pub fn CopyButtonView(text: String, words: CopyWords) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window().navigator().clipboard().write_text(&text);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &text;
        copied.set(true);
    };
    let CopyWords {
        copy: idle,
        copied: done,
    } = words;
    view! {
        <button type="button" class="secondary" on:click=copy>
            {move || if copied.get() { done.clone() } else { idle.clone() }}
        </button>
    }
}
