//! Sends the draft as it is on screen, with the chosen sample cart, to an address.

use domain::email::SampleDiscount;
use leptos::prelude::*;

use super::state::EditorState;
use crate::api::SendTestEmail;
use crate::error::AppError;
use crate::i18n::use_i18n;

#[component]
pub fn TestEmail(
    state: EditorState,
    sample_id: RwSignal<String>,
    discount: RwSignal<SampleDiscount>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().templates;
    let send = ServerAction::<SendTestEmail>::new();
    let to = RwSignal::new(String::new());
    let result = move || {
        send.value().get().map(|result| match result {
            Ok(address) => (format!("{} {address}", t().test_sent), "ok"),
            Err(AppError::Invalid(message)) => (message, "error"),
            Err(_) => (t().failed.to_owned(), "error"),
        })
    };
    view! {
        <form
            class="test-email"
            on:submit=move |ev| {
                ev.prevent_default();
                send.dispatch(SendTestEmail {
                    shop: crate::shop::current_shop(),
                    draft: state.draft.get_untracked(),
                    sample: sample_id.get_untracked(),
                    language: state.language.get_untracked(),
                    discount: discount.get_untracked(),
                    to: to.get_untracked(),
                });
            }
        >
            <h2>{move || t().test_title}</h2>
            <label>
                <span>{move || t().test_address}</span>
                <input
                    type="email"
                    name="test-to"
                    required
                    prop:value=move || to.get()
                    on:input=move |ev| to.set(event_target_value(&ev))
                />
            </label>
            <button type="submit" disabled=move || send.pending().get()>{move || t().test_send}</button>
            {move || result().map(|(message, class)| view! { <p class=class role="status">{message}</p> })}
        </form>
    }
    .into_any()
}
