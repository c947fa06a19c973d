//! `/connect`: the shop's events endpoint, an example request, and its API keys: made here
//! (the secret shown once), listed by prefix, revoked.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{list_api_keys, Connection, KeyLine, KeysPage};
use crate::i18n::use_i18n;
use crate::loaded::Loaded;
use crate::pages::act::{Act, ActWords};
use crate::pages::act_form::{FormAct, FormWords};
use crate::pages::controls::{ActButton, ActForm};
use crate::shop::shop_path;

/// Drawn on the server; its forms and buttons are controls (`controls`).
#[component]
pub fn KeysPageView() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().keys;
    let shop = crate::shop::current_shop();
    let page = Loaded::new(|| (), move |_| list_api_keys(shop.clone()));
    view! {
        <Title text=crate::title::page_title(move || t().title) />
        <h1>{move || t().title}</h1>
        <p class="intro">{move || t().intro}</p>
        {move || Suspend::new(async move {
            match page.await {
                Ok(data) => view! { <Keys data /> }.into_any(),
                Err(error) => super::load_error(error, |t| t.no_shop),
            }
        })}
        <super::connect_log::ConnectLog />
        <super::tracker::Tracker />
        <super::webhooks::Webhooks />
        <super::sms_provider::SmsProvider />
    }
}

#[component]
fn Keys(data: KeysPage) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().keys;
    // The example names no key: a new one is shown once, beside the form that made it.
    let example = Connection {
        shop_slug: String::new(),
        shop_name: String::new(),
        endpoint: data.endpoint.clone(),
        api_key: "rlk_…".to_owned(),
        example_at: data.now,
    }
    .curl_example();
    let words = FormWords {
        done: t.created.to_owned(),
        failed: i18n.t().settings.failed.to_owned(),
        ..FormWords::default()
    };
    view! {
        <section class="panel">
            <dl>
                <dt>{t.endpoint}</dt>
                <dd><code class="endpoint">{data.endpoint.clone()}</code></dd>
            </dl>
            <h2>{t.example}</h2>
            <pre class="curl"><code>{example}</code></pre>
            <p>
                <a href=shop_path("/connect/api")>{i18n.t().reference.link}</a>
            </p>
        </section>
        <section class="panel">
            <h2>{t.create_title}</h2>
            <ActForm act=FormAct::CreateApiKey words>
                <form class="key-form" method="post">
                    <input type="hidden" name="shop" value=crate::shop::current_shop() />
                    <label for="key-name">{t.name_label}</label>
                    <input id="key-name" name="name" aria-describedby="key-name-error" />
                    <p class="field-error" id="key-name-error"></p>
                    <button type="submit">{t.create}</button>
                </form>
            </ActForm>
        </section>
        <section class="panel">
            <h2>{t.keys_title}</h2>
            <KeyTable keys=data.keys />
        </section>
    }
}

#[component]
fn KeyTable(keys: Vec<KeyLine>) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().keys;
    if keys.is_empty() {
        return view! { <p class="empty">{t.none}</p> }.into_any();
    }
    view! {
        <table class="keys">
            <thead>
                <tr>
                    <th scope="col">{t.col_name}</th>
                    <th scope="col">{t.col_prefix}</th>
                    <th scope="col">{t.col_created}</th>
                    <th scope="col">{t.col_last_used}</th>
                    <th scope="col">{t.col_state}</th>
                    <th scope="col"></th>
                </tr>
            </thead>
            <tbody>
                {keys
                    .into_iter()
                    .map(|key| {
                        let live = key.revoked_at.is_none();
                        let last_used = key
                            .last_used_at
                            .map(|at| i18n.date_time(at))
                            .unwrap_or_else(|| t.never.to_owned());
                        view! {
                            <tr data-key=key.prefix.clone()>
                                <td>{key.name}</td>
                                <td><code>{key.prefix.clone()}</code></td>
                                <td>{i18n.date_time(key.created_at)}</td>
                                <td>{last_used}</td>
                                <td>{if live { t.active } else { t.revoked }}</td>
                                <td>
                                    {live.then(|| view! {
                                        <ActButton
                                            act=Act::RevokeApiKey { id: key.id }
                                            words=ActWords {
                                                label: t.revoke.to_owned(),
                                                confirm: Some(t.confirm_revoke.to_owned()),
                                                ..ActWords::default()
                                            }
                                            class="danger".to_owned()
                                        />
                                    })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
