//! The Connect page's storefront tracker: the snippet to paste, its public key (renewable) and
//! the origins it is accepted from.

use leptos::prelude::*;

use crate::api::{load_tracker, snippet, RenewTrackerKey, SaveTrackerOrigins, TrackerLine};
use crate::i18n::use_i18n;
use crate::pages::confirm;
use crate::shop::current_shop;

#[component]
pub fn Tracker() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().tracker;
    let save = ServerAction::<SaveTrackerOrigins>::new();
    let renew = ServerAction::<RenewTrackerKey>::new();
    let shop = current_shop();
    let line = Resource::new(
        move || (save.version().get(), renew.version().get()),
        move |_| load_tracker(shop.clone()),
    );
    let status = move || match save.value().get().or_else(|| renew.value().get()) {
        Some(Ok(())) => Some((t().saved.to_owned(), "saved")),
        Some(Err(error)) => Some((error.to_string(), "error")),
        None => None,
    };
    view! {
        <section class="tracker" aria-labelledby="tracker-title">
            <h2 id="tracker-title">{move || t().title}</h2>
            <p class="hint">{move || t().intro}</p>
            <Transition fallback=|| ()>
                {move || {
                    line.get().and_then(Result::ok).map(|line| view! { <TrackerForm line save renew /> })
                }}
            </Transition>
            {move || {
                status()
                    .map(|(text, tone)| {
                        view! { <p class=format!("save-status {tone}") role="status">{text}</p> }
                    })
            }}
        </section>
    }
}

#[component]
fn TrackerForm(
    line: TrackerLine,
    save: ServerAction<SaveTrackerOrigins>,
    renew: ServerAction<RenewTrackerKey>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().tracker;
    let origins = RwSignal::new(line.allowed_origins.join("\n"));
    let none = line.allowed_origins.is_empty();
    let code = snippet(&line);
    view! {
        <dl>
            <dt>{move || t().public_key}</dt>
            <dd><code class="tracker-key">{line.public_key.clone()}</code></dd>
        </dl>
        <form
            class="tracker-origins"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                save.dispatch(SaveTrackerOrigins {
                    shop: current_shop(),
                    origins: origins.get_untracked(),
                });
            }
        >
            <label>
                <span>{move || t().origins}</span>
                <textarea
                    name="allowed_origins"
                    rows="3"
                    prop:value=move || origins.get()
                    on:input=move |ev| origins.set(event_target_value(&ev))
                ></textarea>
                <small class="hint">{move || t().origins_hint}</small>
            </label>
            {none.then(|| view! { <p class="hint warning">{move || t().no_origin}</p> })}
            <button type="submit">{move || t().save}</button>
        </form>
        <h3>{move || t().snippet}</h3>
        <pre class="tracker-snippet"><code>{code}</code></pre>
        <button
            type="button"
            class="secondary"
            on:click=move |_| {
                if confirm(t().confirm_new_key) {
                    renew.dispatch(RenewTrackerKey { shop: current_shop() });
                }
            }
        >
            {move || t().new_key}
        </button>
    }
}
