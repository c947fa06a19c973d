//! The Connect page's SMS provider: Brevo or a JSON gateway, its sender and key, and the
//! addresses it reports STOP replies and refused numbers to. Drawn on the server with the saved
//! values (never the key); its form is a control, which says a refused field's problem beside it.

use leptos::prelude::*;

use crate::api::{load_sms_provider, SmsProviderLine};
use crate::i18n::use_i18n;
use crate::loaded::Loaded;
use crate::pages::act_form::{FormAct, FormWords};
use crate::pages::controls::ActForm;
use crate::shop::current_shop;

#[component]
pub fn SmsProvider() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().sms;
    let shop = current_shop();
    let line = Loaded::new(|| (), move |_| load_sms_provider(shop.clone()));
    view! {
        <section class="sms-provider" aria-labelledby="sms-title">
            <h2 id="sms-title">{move || t().title}</h2>
            <p class="hint">{move || t().intro}</p>
            {move || Suspend::new(async move {
                line.await.ok().map(|line| view! { <ProviderForm line /> })
            })}
        </section>
    }
}

/// A text field with its label and the line a refusal is said in.
fn text_field(
    id: &'static str,
    name: &'static str,
    kind: &'static str,
    label: &'static str,
    value: String,
) -> impl IntoView {
    let error = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete="off"
                value=value
                aria-describedby=error.clone()
            />
            <span class="field-error" id=error></span>
        </div>
    }
}

#[component]
fn ProviderForm(line: SmsProviderLine) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().sms;
    let json = line.kind.as_deref() == Some("json");
    let words = FormWords {
        done_plain: t.saved.to_owned(),
        failed: i18n.t().settings.failed.to_owned(),
        ..FormWords::default()
    };
    view! {
        <ActForm act=FormAct::SaveSmsProvider words>
            <form class="sms-form" method="post">
                <input type="hidden" name="shop" value=current_shop() />
                {line.kind.is_none().then(|| view! { <p class="hint">{t.not_set}</p> })}
                <div class="field">
                    <label for="sms-kind">{t.kind}</label>
                    <select id="sms-kind" name="kind" aria-describedby="sms-kind-error">
                        <option value="brevo" selected=!json>{t.brevo}</option>
                        <option value="json" selected=json>{t.json}</option>
                    </select>
                    <span class="field-error" id="sms-kind-error"></span>
                </div>
                {text_field("sms-url", "url", "url", t.url, line.url.clone())}
                <small class="hint">{t.url_hint}</small>
                {text_field("sms-sender", "sender", "text", t.sender, line.sender.clone())}
                <small class="hint">{t.sender_hint}</small>
                {text_field("sms-api-key", "api_key", "password", t.api_key, String::new())}
                {line.key_set.then(|| view! { <small class="hint">{t.key_kept}</small> })}
                <button type="submit">{t.save}</button>
            </form>
        </ActForm>
        <dl class="sms-notices">
            <dt>{t.notice_url}</dt>
            <dd>
                <code class="sms-notice-url">{line.notice_url.clone()}</code>
                <small class="hint">{t.notice_hint}</small>
            </dd>
            <dt>{t.signed_url}</dt>
            <dd>
                <code>{line.signed_notice_url.clone()}</code>
                <small class="hint">{t.signed_hint}</small>
            </dd>
        </dl>
        <p class="sms-stopped">{(t.stopped)(line.stopped)}</p>
    }
}
