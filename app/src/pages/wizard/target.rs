//! The first stage, drawn by the server: how the step reaches the customer (email, a call task,
//! a webhook, an SMS: the chosen one's fields show with it), who gets it and when.

use domain::sms::sms_tags;
use domain::{DelayFrom, DelayUnit, StepDraft};
use leptos::prelude::*;

use super::fields::{anchor, check, error_line, field_id, yes_no};
use crate::i18n::use_i18n;

pub fn target_stage(
    draft: &StepDraft,
    members: Vec<(String, String)>,
    secret: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().reminders;
    let rules = i18n.t().rules;
    view! {
        {channel(draft, members, secret)}
        <fieldset class="field">
            <legend>{t.exclude_non_subscribers}</legend>
            {yes_no(t, "newsletter_only", draft.newsletter_only)}
        </fieldset>
        <fieldset class="field" aria-describedby="step-profiles-error">
            <legend>{t.profiles_label}</legend>
            {anchor("profiles")}
            {check("active", t.active, draft.active)}
            {check("inactive", t.inactive, draft.inactive)}
            {check("never_ordered", t.never_ordered, draft.never_ordered)}
            {error_line("profiles")}
        </fieldset>
        <div class="field">
            <label for="step-delay">{t.send_after}</label>
            <div class="inline">
                <input
                    id="step-delay"
                    name="delay"
                    type="number"
                    min="1"
                    inputmode="numeric"
                    value=draft.delay_amount.clone()
                    aria-describedby="step-delay-error"
                />
                <select name="delay_unit" aria-label=t.send_after>
                    {[DelayUnit::Hours, DelayUnit::Days]
                        .into_iter()
                        .map(|unit| {
                            let value = if unit == DelayUnit::Days { "days" } else { "hours" };
                            view! {
                                <option value=value selected=draft.delay_unit == unit>
                                    {(t.unit)(unit)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            {error_line("delay")}
            <label class="delay-from">
                <span>{rules.delay_from}</span>
                <select name="delay_from">
                    <option
                        value="abandonment"
                        selected=draft.delay_from == DelayFrom::Abandonment
                    >
                        {rules.from_abandonment}
                    </option>
                    <option
                        value="previous_step"
                        selected=draft.delay_from == DelayFrom::PreviousStep
                    >
                        {rules.from_previous}
                    </option>
                </select>
            </label>
        </div>
    }
}

fn channel(draft: &StepDraft, members: Vec<(String, String)>, secret: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().calls;
    let chosen = match (draft.call, draft.webhook, draft.sms) {
        (true, _, _) => "call",
        (false, true, _) => "webhook",
        (false, false, true) => "sms",
        _ => "email",
    };
    let radio = move |value: &'static str, label: &'static str| {
        view! {
            <label class="check">
                <input type="radio" name="channel" value=value checked=chosen == value />
                {label}
            </label>
        }
    };
    let assignee = draft.assignee.clone();
    view! {
        <fieldset class="field channel">
            <legend>{t.step_channel}</legend>
            <div class="choices">
                {radio("email", t.channel_email)}
                {radio("call", t.channel_call)}
                {radio("webhook", t.channel_webhook)}
                {radio("sms", i18n.t().sms.channel)}
            </div>
            <div class="channel-call">
                <p class="hint">{t.call_hint}</p>
                <label for="step-assignee">{t.assignee}</label>
                <select id="step-assignee" name="assignee" aria-describedby="step-assignee-error">
                    <option value="" selected=assignee.is_empty()>{t.anyone}</option>
                    {members
                        .into_iter()
                        .map(|(id, email)| {
                            let selected = id == assignee;
                            view! { <option value=id selected=selected>{email}</option> }
                        })
                        .collect_view()}
                </select>
                {error_line("assignee")}
            </div>
            <div class="channel-webhook">
                <p class="hint">{t.webhook_hint}</p>
                <label for="step-webhook-url">{t.webhook_url}</label>
                <input
                    id="step-webhook-url"
                    name="webhook_url"
                    type="url"
                    placeholder="https://"
                    value=draft.webhook_url.clone()
                    aria-describedby="step-webhook-url-error"
                />
                {error_line("webhook_url")}
                <p class="hint">
                    {t.webhook_secret} " " <code class="webhook-secret">{secret}</code>
                </p>
            </div>
            <div class="channel-sms">{sms_texts(draft)}</div>
        </fieldset>
    }
}

/// One text per language (French, English, and any other the step has), each with the count of
/// SMS it can take once its tags are filled in; the control counts again as it is typed.
fn sms_texts(draft: &StepDraft) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().sms;
    let mut codes = vec!["fr".to_owned(), "en".to_owned()];
    codes.extend(
        draft
            .sms_texts
            .keys()
            .filter(|c| !["fr", "en"].contains(&c.as_str()))
            .cloned(),
    );
    view! {
        <div class="sms-texts">
            <p class="hint">{t.step_hint}</p>
            {codes
                .into_iter()
                .map(|code| {
                    let name = format!("sms.{code}");
                    let id = field_id(&name);
                    let text = draft.sms_texts.get(&code).cloned().unwrap_or_default();
                    let (count, over) = crate::pages::sms_count::sms_count(t.counter, &text);
                    view! {
                        <div class="field sms-language" data-language=code.clone()>
                            <label for=id.clone()>{(t.text_for)(&code)}</label>
                            <textarea
                                id=id.clone()
                                name=name.clone()
                                rows="3"
                                data-sms-count=format!("{id}-count")
                                aria-describedby=format!("{id}-error {id}-count")
                            >
                                {text}
                            </textarea>
                            <small class="sms-count" class:over=over id=format!("{id}-count") aria-live="polite">
                                {count}
                            </small>
                            {error_line(&name)}
                        </div>
                    }
                })
                .collect_view()}
            {anchor("sms")}
            {error_line("sms")}
            <p class="hint">{t.tags} " " <code>{sms_tags()}</code></p>
        </div>
    }
}
