//! `/connect`: the shop's events endpoint, an example request, and its API keys: made here
//! (the secret shown once), listed by prefix, revoked.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{
    list_api_keys, Connection, CreateApiKey, KeyCreated, KeyLine, KeysPage, RevokeApiKey,
};
use crate::i18n::use_i18n;
use crate::pages::confirm;
use crate::shop::shop_path;

#[component]
pub fn KeysPageView() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().keys;
    let create = ServerAction::<CreateApiKey>::new();
    let revoke = ServerAction::<RevokeApiKey>::new();
    let shop = crate::shop::current_shop();
    let page = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        move |_| list_api_keys(shop.clone()),
    );
    view! {
        <Title text=crate::title::page_title(move || t().title) />
        <h1>{move || t().title}</h1>
        <p class="intro">{move || t().intro}</p>
        <Transition fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(data) => view! { <Keys data create revoke /> }.into_any(),
                    Err(error) => super::load_error(error, |t| t.no_shop),
                }
            })}
        </Transition>
        <super::connect_log::ConnectLog />
        <super::tracker::Tracker />
        <super::webhooks::Webhooks />
        <super::sms_provider::SmsProvider />
    }
}

#[component]
fn Keys(
    data: KeysPage,
    create: ServerAction<CreateApiKey>,
    revoke: ServerAction<RevokeApiKey>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().keys;
    let name = RwSignal::new(String::new());
    let created = move || match create.value().get() {
        Some(Ok(KeyCreated::Created { secret })) => Some(secret),
        _ => None,
    };
    let bad_name = move || matches!(create.value().get(), Some(Ok(KeyCreated::BadName)));
    let (endpoint, now) = (data.endpoint.clone(), data.now);
    let example = move || {
        Connection {
            shop_slug: String::new(),
            shop_name: String::new(),
            endpoint: endpoint.clone(),
            api_key: created().unwrap_or_else(|| "rlk_…".to_owned()),
            example_at: now,
        }
        .curl_example()
    };
    view! {
        <section class="panel">
            <dl>
                <dt>{move || t().endpoint}</dt>
                <dd><code class="endpoint">{data.endpoint.clone()}</code></dd>
            </dl>
            <h2>{move || t().example}</h2>
            <pre class="curl"><code>{example}</code></pre>
            <p>
                <a href=shop_path("/connect/api")>{move || i18n.t().reference.link}</a>
            </p>
        </section>
        <section class="panel">
            <h2>{move || t().create_title}</h2>
            <form
                class="key-form"
                on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    create.dispatch(CreateApiKey {
                        shop: crate::shop::current_shop(),
                        name: name.get_untracked(),
                    });
                }
            >
                <label for="key-name">{move || t().name_label}</label>
                <input
                    id="key-name"
                    name="name"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    aria-invalid=move || bad_name().to_string()
                    aria-describedby="key-name-error"
                />
                <p class="field-error" id="key-name-error">
                    {move || bad_name().then(|| t().bad_name)}
                </p>
                <button type="submit" disabled=move || create.pending().get()>
                    {move || t().create}
                </button>
            </form>
            {move || {
                created()
                    .map(|secret| {
                        view! {
                            <div class="new-key" role="status">
                                <code class="api-key">{secret}</code>
                                <p class="hint">{move || t().created}</p>
                            </div>
                        }
                    })
            }}
        </section>
        <section class="panel">
            <h2>{move || t().keys_title}</h2>
            <KeyTable keys=data.keys revoke />
        </section>
    }
}

#[component]
fn KeyTable(keys: Vec<KeyLine>, revoke: ServerAction<RevokeApiKey>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().keys;
    if keys.is_empty() {
        return view! { <p class="empty">{move || t().none}</p> }.into_any();
    }
    view! {
        <table class="keys">
            <thead>
                <tr>
                    <th scope="col">{move || t().col_name}</th>
                    <th scope="col">{move || t().col_prefix}</th>
                    <th scope="col">{move || t().col_created}</th>
                    <th scope="col">{move || t().col_last_used}</th>
                    <th scope="col">{move || t().col_state}</th>
                    <th scope="col"></th>
                </tr>
            </thead>
            <tbody>
                {keys
                    .into_iter()
                    .map(|key| {
                        let id = key.id.clone();
                        let live = key.revoked_at.is_none();
                        view! {
                            <tr data-key=key.prefix.clone()>
                                <td>{key.name}</td>
                                <td><code>{key.prefix.clone()}</code></td>
                                <td>{move || i18n.date_time(key.created_at)}</td>
                                <td>
                                    {move || {
                                        key.last_used_at
                                            .map(|at| i18n.date_time(at))
                                            .unwrap_or_else(|| t().never.to_owned())
                                    }}
                                </td>
                                <td>{move || if live { t().active } else { t().revoked }}</td>
                                <td>
                                    <Show when=move || live>
                                        <button
                                            type="button"
                                            class="danger"
                                            on:click={
                                                let id = id.clone();
                                                move |_| {
                                                    if confirm(t().confirm_revoke) {
                                                        revoke.dispatch(RevokeApiKey {
                                                            shop: crate::shop::current_shop(),
                                                            id: id.clone(),
                                                        });
                                                    }
                                                }
                                            }
                                        >
                                            {move || t().revoke}
                                        </button>
                                    </Show>
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
