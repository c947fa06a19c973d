//! The Connect page's webhooks: each platform's URL and secret, pasted (Shopify) or made and
//! renewed by Relance (WooCommerce).

use leptos::prelude::*;

use crate::api::{load_webhooks, SetWebhookSecret, WebhookLine};
use crate::i18n::use_i18n;
use crate::pages::confirm;
use crate::shop::current_shop;

#[component]
pub fn Webhooks() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().webhooks;
    let set = ServerAction::<SetWebhookSecret>::new();
    let shop = current_shop();
    let lines = Resource::new(
        move || set.version().get(),
        move |_| load_webhooks(shop.clone()),
    );
    let status = move || match set.value().get() {
        Some(Ok(())) => Some((t().saved.to_owned(), "saved")),
        Some(Err(error)) => Some((error.to_string(), "error")),
        None => None,
    };
    view! {
        <section class="webhooks" aria-labelledby="webhooks-title">
            <h2 id="webhooks-title">{move || t().title}</h2>
            <p class="hint">{move || t().intro}</p>
            <Transition fallback=|| ()>
                {move || {
                    lines
                        .get()
                        .and_then(Result::ok)
                        .map(|lines| {
                            lines
                                .into_iter()
                                .map(|line| view! { <Platform line set /> })
                                .collect_view()
                        })
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
fn Platform(line: WebhookLine, set: ServerAction<SetWebhookSecret>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().webhooks;
    let pasted = RwSignal::new(String::new());
    let platform = line.platform.clone();
    let name = (i18n.t().webhooks.platform)(&platform);
    let shopify = platform == "shopify";
    let (for_save, for_renew) = (platform.clone(), platform.clone());
    view! {
        <div class="webhook" data-platform=platform.clone()>
            <h3>{name}</h3>
            <dl>
                <dt>{move || t().url}</dt>
                <dd><code class="webhook-url">{line.url.clone()}</code></dd>
                <dt>{move || t().secret}</dt>
                <dd>
                    {match line.secret.clone() {
                        Some(secret) => view! { <code class="webhook-secret">{secret}</code> }.into_any(),
                        None => view! { <span class="hint">{move || t().not_set}</span> }.into_any(),
                    }}
                </dd>
            </dl>
            {if shopify {
                view! {
                    <form
                        class="webhook-paste"
                        on:submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            set.dispatch(SetWebhookSecret {
                                shop: current_shop(),
                                platform: for_save.clone(),
                                value: pasted.get_untracked(),
                            });
                        }
                    >
                        <label>
                            <span>{move || t().paste}</span>
                            <input
                                type="password"
                                autocomplete="off"
                                prop:value=move || pasted.get()
                                on:input=move |ev| pasted.set(event_target_value(&ev))
                            />
                        </label>
                        <button type="submit" disabled=move || pasted.with(String::is_empty)>
                            {move || t().save}
                        </button>
                    </form>
                }
                    .into_any()
            } else {
                view! {
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            if line.secret.is_none() || confirm(t().confirm_renew) {
                                set.dispatch(SetWebhookSecret {
                                    shop: current_shop(),
                                    platform: for_renew.clone(),
                                    value: String::new(),
                                });
                            }
                        }
                    >
                        {move || t().renew}
                    </button>
                }
                    .into_any()
            }}
        </div>
    }
}
