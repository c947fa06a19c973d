//! How the step reaches the customer: an email, a call task for the team (to one member or to
//! anyone), a signed POST to the merchant's address, or an SMS.

use leptos::prelude::*;

use crate::i18n::use_i18n;

use super::state::{error_line, WizardState};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Email,
    Call,
    Webhook,
    Sms,
}

#[component]
pub fn ChannelChoice(
    state: WizardState,
    members: StoredValue<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().calls;
    let draft = state.draft;
    let kind = move || {
        draft.with(|d| match (d.call, d.webhook, d.sms) {
            (true, _, _) => Kind::Call,
            (false, true, _) => Kind::Webhook,
            (false, false, true) => Kind::Sms,
            _ => Kind::Email,
        })
    };
    let choose = move |chosen: Kind| {
        draft.update(|d| {
            d.call = chosen == Kind::Call;
            d.webhook = chosen == Kind::Webhook;
            d.sms = chosen == Kind::Sms;
        })
    };
    let radio = move |value: &'static str,
                      chosen: Kind,
                      label: fn(&crate::i18n::CallsTexts) -> &'static str| {
        view! {
            <label class="check">
                <input
                    type="radio"
                    name="channel"
                    value=value
                    prop:checked=move || kind() == chosen
                    on:change=move |_| choose(chosen)
                />
                {move || label(t())}
            </label>
        }
    };
    view! {
        <fieldset class="field">
            <legend>{move || t().step_channel}</legend>
            <div class="choices">
                {radio("email", Kind::Email, |t| t.channel_email)}
                {radio("call", Kind::Call, |t| t.channel_call)}
                {radio("webhook", Kind::Webhook, |t| t.channel_webhook)}
                <label class="check">
                    <input
                        type="radio"
                        name="channel"
                        value="sms"
                        prop:checked=move || kind() == Kind::Sms
                        on:change=move |_| choose(Kind::Sms)
                    />
                    {move || i18n.t().sms.channel}
                </label>
            </div>
            <div hidden=move || kind() != Kind::Call>
                <p class="hint">{move || t().call_hint}</p>
                <label for="step-assignee">{move || t().assignee}</label>
                <select
                    id="step-assignee"
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        draft.update(|d| d.assignee = chosen);
                    }
                >
                    <option value="" selected=move || draft.with(|d| d.assignee.is_empty())>
                        {move || t().anyone}
                    </option>
                    {members
                        .get_value()
                        .into_iter()
                        .map(|(id, email)| {
                            let chosen = id.clone();
                            view! {
                                <option value=id selected=move || draft.with(|d| d.assignee == chosen)>
                                    {email}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                {error_line(state, "assignee")}
            </div>
            <div hidden=move || kind() != Kind::Webhook>
                <p class="hint">{move || t().webhook_hint}</p>
                <label for="step-webhook-url">{move || t().webhook_url}</label>
                <input
                    id="step-webhook-url"
                    type="url"
                    placeholder="https://"
                    aria-describedby="step-webhook-url-error"
                    prop:value=move || draft.with(|d| d.webhook_url.clone())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        draft.update(|d| d.webhook_url = value);
                    }
                />
                {error_line(state, "webhook_url")}
                <p class="hint">
                    {move || t().webhook_secret}
                    " "
                    <code class="webhook-secret">{move || state.webhook_secret.get_value()}</code>
                </p>
            </div>
            <div hidden=move || kind() != Kind::Sms>
                <super::sms::SmsTextsField state />
            </div>
        </fieldset>
    }
}
