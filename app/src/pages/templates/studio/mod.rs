//! The editor, live in the browser: one element's events (`wired`), a draft kept in Rust and
//! read from the server-drawn form, and the preview rendered by the domain's function as the
//! merchant types. Plain DOM calls rather than reactive views: this is what lets the editor's
//! page stay a server-rendered form with one small island (docs/benchmarks.md, "First load").

#![cfg(feature = "hydrate")]

mod calls;
mod dom;
mod draw;
mod events;
mod fields;
mod state;

use domain::email::PreviewSample;
use leptos::prelude::*;

use super::model::{sample_clock, sample_context, StudioSetup, FIRST_DISCOUNT};
use super::unsaved::guard_unsaved_changes;
use crate::api::DEMO_SAMPLE;
use state::{Handle, Status, Studio};

/// The editor's element, `children` (the server's form and preview) inside it, its events
/// handled here.
pub fn wired(setup: StudioSetup, children: Children) -> AnyView {
    let texts = crate::i18n::initial_locale().template_texts();
    let language = setup.language;
    let now = sample_clock(setup.now);
    let sample = serde_json::from_slice::<PreviewSample>(setup.sample.as_bytes())
        .ok()
        .map(|sample| sample_context(sample, language, FIRST_DISCOUNT, now));
    let title_tail = document()
        .title()
        .strip_prefix(setup.draft.name.as_str())
        .map(str::to_owned);
    let state: Handle = StoredValue::new_local(Studio {
        shop: setup.shop,
        saved: setup.draft.clone(),
        draft: setup.draft,
        language,
        sample,
        sample_id: DEMO_SAMPLE.to_owned(),
        sample_asked: 0,
        discount: FIRST_DISCOUNT,
        now,
        customer_languages: setup.customer_languages,
        problems: Vec::new(),
        status: Status::Opened,
        texts,
        title_tail,
    });
    guard_unsaved_changes(
        move || state.try_with_value(Studio::dirty).unwrap_or(false),
        texts.confirm_leave,
    );
    view! {
        <div
            class="studio"
            on:input=move |ev| events::input(state, ev)
            on:change=move |ev| events::change(state, ev)
            on:click=move |ev| events::click(state, ev)
            on:mousedown=events::mouse_down
            on:submit=move |ev| events::submit(state, ev)
        >
            {children()}
        </div>
    }
    .into_any()
}
