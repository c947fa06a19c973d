//! The Connect page's SMS provider: Brevo or a JSON gateway, its sender and key, and the
//! addresses it reports STOP replies and refused numbers to.

use leptos::prelude::*;

use crate::api::{load_sms_provider, SaveSmsProvider, SmsProviderForm, SmsProviderLine};
use crate::i18n::use_i18n;
use crate::shop::current_shop;

#[component]
pub fn SmsProvider() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().sms;
    let save = ServerAction::<SaveSmsProvider>::new();
    let shop = current_shop();
    // Reloaded after a save that took: a refused one keeps what the merchant typed.
    let saved = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(()))) {
            saved.update(|n| *n += 1);
        }
    });
    let line = Resource::new(
        move || saved.get(),
        move |_| load_sms_provider(shop.clone()),
    );
    view! {
        <section class="sms-provider" aria-labelledby="sms-title">
            <h2 id="sms-title">{move || t().title}</h2>
            <p class="hint">{move || t().intro}</p>
            <Transition fallback=|| ()>
                {move || {
                    line.get()
                        .and_then(Result::ok)
                        .map(|line| view! { <ProviderForm line save /> })
                }}
            </Transition>
        </section>
    }
}

/// The field a refusal names (`field: why`), if it is one of the form's.
fn refused_field(error: &crate::error::AppError) -> Option<String> {
    match error {
        crate::error::AppError::Invalid(text) => text
            .split_once(':')
            .map(|(field, _)| field.trim().to_owned())
            .filter(|f| ["kind", "url", "sender", "api_key"].contains(&f.as_str())),
        _ => None,
    }
}

#[component]
fn ProviderForm(line: SmsProviderLine, save: ServerAction<SaveSmsProvider>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().sms;
    let form = RwSignal::new(SmsProviderForm {
        kind: line.kind.clone().unwrap_or_else(|| "brevo".into()),
        url: line.url.clone(),
        sender: line.sender.clone(),
        api_key: String::new(),
    });
    let refused = move || save.value().get().and_then(|r| r.err());
    let problem = move |field: &'static str| {
        refused()
            .and_then(|e| refused_field(&e))
            .filter(|f| f == field)
            .map(|f| (t().problem)(&f))
    };
    let status = move || match save.value().get() {
        Some(Ok(())) => Some((t().saved.to_owned(), "saved")),
        Some(Err(error)) if refused_field(&error).is_none() => Some((error.to_string(), "error")),
        _ => None,
    };
    let json = move || form.with(|f| f.kind == "json");
    let text = move |id: &'static str,
                     kind: &'static str,
                     label: fn(&crate::i18n::SmsWords) -> &'static str,
                     get: fn(&SmsProviderForm) -> &String,
                     set: fn(&mut SmsProviderForm, String)| {
        let initial = form.with_untracked(|f| get(f).clone());
        let field = id.trim_start_matches("sms-").replace('-', "_");
        let field: &'static str = match field.as_str() {
            "url" => "url",
            "sender" => "sender",
            _ => "api_key",
        };
        view! {
            <div class="field">
                <label for=id>{move || label(t())}</label>
                <input
                    id=id
                    type=kind
                    autocomplete="off"
                    value=initial
                    prop:value=move || form.with(|f| get(f).clone())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        form.update(|f| set(f, value));
                    }
                    aria-invalid=move || problem(field).is_some().to_string()
                    aria-describedby=format!("{id}-error")
                />
                <span class="field-error" id=format!("{id}-error")>{move || problem(field)}</span>
            </div>
        }
    };
    view! {
        <form
            class="sms-form"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                save.dispatch(SaveSmsProvider {
                    shop: current_shop(),
                    form: form.get_untracked(),
                });
            }
        >
            {(line.kind.is_none()).then(|| view! { <p class="hint">{move || t().not_set}</p> })}
            <div class="field">
                <label for="sms-kind">{move || t().kind}</label>
                <select
                    id="sms-kind"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        form.update(|f| f.kind = value);
                    }
                >
                    <option value="brevo" selected=move || !json()>{move || t().brevo}</option>
                    <option value="json" selected=json>{move || t().json}</option>
                </select>
                <span class="field-error" id="sms-kind-error">{move || problem("kind")}</span>
            </div>
            {text("sms-url", "url", |t| t.url, |f| &f.url, |f, v| f.url = v)}
            <small class="hint" hidden=json>{move || t().url_hint}</small>
            {text("sms-sender", "text", |t| t.sender, |f| &f.sender, |f, v| f.sender = v)}
            <small class="hint">{move || t().sender_hint}</small>
            {text("sms-api-key", "password", |t| t.api_key, |f| &f.api_key, |f, v| f.api_key = v)}
            {line.key_set.then(|| view! { <small class="hint">{move || t().key_kept}</small> })}
            <button type="submit">{move || t().save}</button>
            {move || {
                status()
                    .map(|(text, tone)| {
                        view! { <p class=format!("save-status {tone}") role="status">{text}</p> }
                    })
            }}
        </form>
        <dl class="sms-notices">
            <dt>{move || t().notice_url}</dt>
            <dd>
                <code class="sms-notice-url">{line.notice_url.clone()}</code>
                <small class="hint">{move || t().notice_hint}</small>
            </dd>
            <dt>{move || t().signed_url}</dt>
            <dd>
                <code>{line.signed_notice_url.clone()}</code>
                <small class="hint">{move || t().signed_hint}</small>
            </dd>
        </dl>
        <p class="sms-stopped">{move || (t().stopped)(line.stopped)}</p>
    }
}
