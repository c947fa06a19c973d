//! The first run: the owner's account and the first shop, then "Connect your shop" with a
//! fresh API key shown once.

use domain::settings::{NewShopDraft, NewShopField, SetupDraft, SetupField};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{CompleteSetup, Connection, SetupOutcome};
use crate::i18n::use_i18n;
use crate::layout::LanguageSwitch;
use crate::pages::draft_field::DraftField;

const OWNER_FIELDS: [(SetupField, &str, &str); 2] = [
    (SetupField::Email, "email", "username"),
    (SetupField::Password, "password", "new-password"),
];

pub(super) const SHOP_FIELDS: [(NewShopField, &str); 7] = [
    (NewShopField::Name, "text"),
    (NewShopField::Url, "url"),
    (NewShopField::Currency, "text"),
    (NewShopField::TimeZone, "text"),
    (NewShopField::Language, "text"),
    (NewShopField::SenderName, "text"),
    (NewShopField::SenderEmail, "email"),
];

/// The browser's own time zone, a good guess for the shop's.
pub(super) fn guessed_zone() -> String {
    #[cfg(feature = "hydrate")]
    {
        let options =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
                .resolved_options();
        js_sys::Reflect::get(&options, &"timeZone".into())
            .ok()
            .and_then(|zone| zone.as_string())
            .unwrap_or_else(|| "Europe/Paris".to_owned())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        "Europe/Paris".to_owned()
    }
}

#[component]
pub fn SetupPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().setup;
    let draft = RwSignal::new(SetupDraft::default());
    Effect::new(move |_| {
        let language = i18n.locale.get_untracked().code();
        draft.update(|d| d.shop = NewShopDraft::starting(language, guessed_zone()));
    });
    let action = ServerAction::<CompleteSetup>::new();
    let outcome = move || action.value().get();
    let problem_of = move |field: SetupField| {
        outcome().and_then(|result| match result {
            Ok(SetupOutcome::Invalid { problems }) => problems
                .into_iter()
                .find(|p| p.field == field)
                .map(|p| (i18n.t().settings.problem)(&p.problem)),
            _ => None,
        })
    };
    let status = move || match outcome() {
        _ if action.pending().get() => t().saving.to_owned(),
        Some(Ok(SetupOutcome::Invalid { .. })) => t().not_saved.to_owned(),
        Some(Ok(SetupOutcome::AlreadySetUp)) => t().already.to_owned(),
        Some(Err(error)) => error.to_string(),
        _ => String::new(),
    };
    let input = move |field: SetupField, kind: &'static str, autocomplete: &'static str| {
        view! {
            <DraftField
                id=format!("setup-{}", field.as_str())
                name=field.as_str()
                kind
                autocomplete
                label=Signal::derive(move || (t().label)(field).to_owned())
                value=Signal::derive(move || draft.with(|d| d.clone().value_mut(field).clone()))
                on_input=Callback::new(move |text| draft.update(|d| *d.value_mut(field) = text))
                problem=Signal::derive(move || problem_of(field))
            />
        }
    };
    let form = move || {
        view! {
            <form
                class="setup-form"
                novalidate
                on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    action.dispatch(CompleteSetup { draft: draft.get_untracked() });
                }
            >
                <fieldset>
                    <legend>{move || t().section_owner}</legend>
                    {OWNER_FIELDS
                        .into_iter()
                        .map(|(field, kind, autocomplete)| input(field, kind, autocomplete))
                        .collect_view()}
                </fieldset>
                <fieldset>
                    <legend>{move || t().section_shop}</legend>
                    {SHOP_FIELDS
                        .into_iter()
                        .map(|(field, kind)| input(SetupField::Shop(field), kind, "off"))
                        .collect_view()}
                </fieldset>
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || t().submit}
                </button>
                <p class="save-status" role="status">{status}</p>
            </form>
        }
    };
    view! {
        <Title text=crate::title::page_title(move || t().title) />
        <main class="login-page setup-page">
            <div class="login-card setup-card">
                <div class="login-head">
                    <img src="/logo.svg" alt="" width="40" height="40" />
                    <h1>{move || t().title}</h1>
                </div>
                {move || match outcome() {
                    Some(Ok(SetupOutcome::Done(connection))) => {
                        view! { <Connect connection /> }.into_any()
                    }
                    _ => view! { <p class="intro">{move || t().intro}</p> {form()} }.into_any(),
                }}
                <LanguageSwitch />
            </div>
        </main>
    }
}

/// "Connect your shop": the fresh key (shown once), the endpoint and a request that works.
#[component]
pub(super) fn Connect(connection: Connection) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().setup;
    let curl = connection.curl_example();
    let name = connection.shop_name.clone();
    let open = format!("/s/{}", connection.shop_slug);
    view! {
        <section class="connect" aria-labelledby="connect-title">
            <h2 id="connect-title">{move || t().connect_title}</h2>
            <p>{move || (t().connect_intro)(&name)}</p>
            <dl>
                <dt>{move || t().key_label}</dt>
                <dd><code class="api-key">{connection.api_key.clone()}</code></dd>
                <dt>{move || t().endpoint_label}</dt>
                <dd><code class="endpoint">{connection.endpoint.clone()}</code></dd>
            </dl>
            <p class="hint">{move || t().key_once}</p>
            <h3>{move || t().curl_label}</h3>
            <pre class="curl"><code>{curl}</code></pre>
            <p>{move || t().next_steps}</p>
            <a class="button" href=open rel="external">{move || t().open_admin}</a>
        </section>
    }
}
