//! The first run: the owner's account and the first shop, then "Connect your shop" with a
//! fresh API key shown once. Drawn by the server; the form is an `ActForm` control, and the
//! connection details, drawn here too, show once the shop is made, with its key filled in.

use domain::settings::{NewShopDraft, NewShopField, SetupField};
use leptos::prelude::*;
use leptos_meta::Title;

use super::act_form::{FormAct, FormWords};
use super::controls::ActForm;
use crate::api::Connection;
use crate::i18n::use_i18n;
use crate::layout::LanguageSwitch;

const OWNER_FIELDS: [(SetupField, &str, &str); 2] = [
    (SetupField::Email, "email", "username"),
    (SetupField::Password, "password", "new-password"),
];

/// How each field of a new shop is typed.
fn kind(field: NewShopField) -> &'static str {
    match field {
        NewShopField::Url => "url",
        NewShopField::SenderEmail => "email",
        _ => "text",
    }
}

/// One field, with the server's starting value, and the line its problem is said in.
pub(super) fn field(
    prefix: &str,
    field: SetupField,
    kind: &'static str,
    autocomplete: &'static str,
    value: String,
) -> impl IntoView {
    let label = (use_i18n().t().setup.label)(field);
    let id = format!("{prefix}-{}", field.as_str());
    let error_id = format!("{id}-error");
    let guess = (field == SetupField::Shop(NewShopField::TimeZone)).then_some("time-zone");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=field.as_str()
                type=kind
                autocomplete=autocomplete
                value=value
                data-guess=guess
                aria-describedby=error_id.clone()
            />
            <p class="field-error" id=error_id></p>
        </div>
    }
}

/// A new shop's fields, starting from euros, the admin's language and Paris time (the
/// control puts the browser's own zone in).
pub(super) fn shop_fields(prefix: &'static str) -> impl IntoView {
    let language = use_i18n().locale.get_untracked().code();
    let mut draft = NewShopDraft::starting(language, "Europe/Paris".to_owned());
    NewShopField::ALL
        .into_iter()
        .map(|shop_field| {
            let value = std::mem::take(draft.value_mut(shop_field));
            field(
                prefix,
                SetupField::Shop(shop_field),
                kind(shop_field),
                "off",
                value,
            )
        })
        .collect_view()
}

/// The words of a form that makes a shop.
pub(super) fn shop_words() -> FormWords {
    let i18n = use_i18n();
    let t = i18n.t().setup;
    FormWords {
        done: t.connect_intro.to_owned(),
        open: t.open_admin.to_owned(),
        refused: t.not_saved.to_owned(),
        failed: i18n.t().settings.failed.to_owned(),
        ..FormWords::default()
    }
}

#[component]
pub fn SetupPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().setup;
    view! {
        <Title text=crate::title::page_title(move || t.title) />
        <main class="login-page setup-page">
            <div class="login-card setup-card">
                <div class="login-head">
                    <img src="/logo.svg" alt="" width="40" height="40" />
                    <h1>{t.title}</h1>
                </div>
                <p class="intro">{t.intro}</p>
                <ActForm act=FormAct::CompleteSetup words=shop_words()>
                    <form class="setup-form" method="post" novalidate>
                        <fieldset>
                            <legend>{t.section_owner}</legend>
                            {OWNER_FIELDS
                                .into_iter()
                                .map(|(setup_field, kind, autocomplete)| {
                                    field("setup", setup_field, kind, autocomplete, String::new())
                                })
                                .collect_view()}
                        </fieldset>
                        <fieldset>
                            <legend>{t.section_shop}</legend>
                            {shop_fields("setup")}
                        </fieldset>
                        <button type="submit" class="primary">{t.submit}</button>
                    </form>
                    <Connect />
                </ActForm>
                <LanguageSwitch />
            </div>
        </main>
    }
}

/// "Connect your shop": the fresh key (shown once, filled in by the control), the endpoint and
/// a request that works. Shown once the shop is made (style: `.act-form:has(…)`).
#[component]
pub(super) fn Connect() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().setup;
    let (endpoint, now) = endpoint_now();
    let (before, after) = Connection {
        shop_slug: String::new(),
        shop_name: String::new(),
        endpoint: endpoint.clone(),
        api_key: String::new(),
        example_at: now,
    }
    .curl_around_key();
    view! {
        <section class="connect" aria-labelledby="connect-title">
            <h2 id="connect-title">{t.connect_title}</h2>
            <dl>
                <dt>{t.key_label}</dt>
                <dd><code class="api-key" data-said-code=""></code></dd>
                <dt>{t.endpoint_label}</dt>
                <dd><code class="endpoint">{endpoint}</code></dd>
            </dl>
            <p class="hint">{t.key_once}</p>
            <h3>{t.curl_label}</h3>
            <pre class="curl"><code>{before}<span data-said-code=""></span>{after}</code></pre>
            <p>{t.next_steps}</p>
        </section>
    }
}

/// Where events go, and now: the example's cart was active at the moment the page was drawn.
fn endpoint_now() -> (String, chrono::DateTime<chrono::Utc>) {
    #[cfg(feature = "ssr")]
    {
        let endpoint = crate::backend::backend()
            .map(|backend| backend.events_endpoint())
            .unwrap_or_default();
        (endpoint, chrono::Utc::now())
    }
    // Drawn by the server only.
    #[cfg(not(feature = "ssr"))]
    (String::new(), chrono::DateTime::<chrono::Utc>::MIN_UTC)
}
