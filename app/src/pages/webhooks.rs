//! The Connect page's webhooks: each platform's URL and secret, pasted (Shopify) or made and
//! renewed by Relance (WooCommerce). Drawn on the server; its form and buttons are controls.

use leptos::prelude::*;

use crate::api::{load_webhooks, WebhookLine};
use crate::i18n::use_i18n;
use crate::loaded::Loaded;
use crate::pages::act::{Act, ActWords};
use crate::pages::act_form::{FormAct, FormWords};
use crate::pages::controls::{ActButton, ActForm};
use crate::shop::current_shop;

#[component]
pub fn Webhooks() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().webhooks;
    let shop = current_shop();
    let lines = Loaded::new(|| (), move |_| load_webhooks(shop.clone()));
    view! {
        <section class="webhooks" aria-labelledby="webhooks-title">
            <h2 id="webhooks-title">{move || t().title}</h2>
            <p class="hint">{move || t().intro}</p>
            {move || Suspend::new(async move {
                lines.await.ok().map(|lines| {
                    lines
                        .into_iter()
                        .map(|line| view! { <Platform line /> })
                        .collect_view()
                })
            })}
        </section>
    }
}

#[component]
fn Platform(line: WebhookLine) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().webhooks;
    let platform = line.platform.clone();
    let name = (t.platform)(&platform);
    let shopify = platform == "shopify";
    let secret = match line.secret.clone() {
        Some(secret) => view! { <code class="webhook-secret">{secret}</code> }.into_any(),
        None => view! { <span class="hint">{t.not_set}</span> }.into_any(),
    };
    let change = if shopify {
        let platform = platform.clone();
        let words = FormWords {
            done_plain: t.saved.to_owned(),
            failed: i18n.t().settings.failed.to_owned(),
            ..FormWords::default()
        };
        view! {
            <ActForm act=FormAct::SetWebhookSecret words>
                <form class="webhook-paste" method="post">
                    <input type="hidden" name="shop" value=current_shop() />
                    <input type="hidden" name="platform" value=platform />
                    <label>
                        <span>{t.paste}</span>
                        <input type="password" name="value" autocomplete="off" required />
                    </label>
                    <button type="submit">{t.save}</button>
                </form>
            </ActForm>
        }
        .into_any()
    } else {
        view! {
            <ActButton
                act=Act::SetWebhookSecret {
                    platform: platform.clone(),
                    value: String::new(),
                }
                words=ActWords {
                    label: t.renew.to_owned(),
                    // Renewing a secret in use stops the shop's webhooks until it has the new one.
                    confirm: line.secret.is_some().then(|| t.confirm_renew.to_owned()),
                    done: Some(t.saved.to_owned()),
                    ..ActWords::default()
                }
                class="secondary".to_owned()
            />
        }
        .into_any()
    };
    view! {
        <div class="webhook" data-platform=platform.clone()>
            <h3>{name}</h3>
            <dl>
                <dt>{t.url}</dt>
                <dd><code class="webhook-url">{line.url.clone()}</code></dd>
                <dt>{t.secret}</dt>
                <dd>{secret}</dd>
            </dl>
            {change}
        </div>
    }
}
