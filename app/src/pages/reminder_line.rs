//! One step of the Reminders table, drawn on the server: its summary row, and the details row
//! its expander opens (template thumbnail, audience, discount per cart value).

use domain::{Currency, DiscountKind, DiscountPolicy};
use leptos::prelude::*;

use crate::api::ReminderRow;
use crate::i18n::use_i18n;
use crate::pages::act::{Act, ActWords};
use crate::pages::controls::{ActButton, PreviewButton, StepExpander, Switch};
use crate::pages::discount_words::describe;
use crate::pages::reminder_controls::{SwitchTarget, SwitchWords};
use crate::pages::reminder_preview::PreviewWords;
use crate::shop::shop_path;

/// The sample discount the preview shows for a step's policy.
fn sample_discount(policy: &DiscountPolicy) -> &'static str {
    match policy {
        DiscountPolicy::None => "none",
        DiscountPolicy::Ranges { .. } => "percent",
        DiscountPolicy::Single { discount } => match discount.kind {
            DiscountKind::Percent { .. } => "percent",
            DiscountKind::Amount { .. } => "amount",
            DiscountKind::FreeShipping => "free_shipping",
            DiscountKind::FreeGift { .. } => "free_gift",
        },
    }
}

/// The email preview of a step: its template for the demo cart, in its first language.
fn preview_url(row: &ReminderRow) -> String {
    let languages = row.languages();
    let language = languages.first().map_or("en", |l| l.code());
    shop_path(&format!(
        "/templates/{}/preview?sample=demo&lang={language}&discount={}",
        row.template_id,
        sample_discount(&row.policy)
    ))
}

#[component]
pub(crate) fn ReminderLine(
    row: ReminderRow,
    currency: Currency,
    /// The campaign has as many steps as it may: a copy would be refused.
    full: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.t();
    let t = texts.reminders;
    let language = i18n.locale.get_untracked().language();
    let delay = {
        let delay = (texts.delay)(row.delay_amount, row.delay_unit);
        match row.delay_from {
            domain::DelayFrom::Abandonment => delay,
            domain::DelayFrom::PreviousStep => format!("{delay} {}", texts.rules.after_previous),
        }
    };
    let subject = row
        .subject_in(language)
        .map(str::to_owned)
        .unwrap_or_else(|| texts.no_subject.to_owned());
    let discount = (texts.discount)(&row.discount, currency);
    let languages = row
        .languages()
        .into_iter()
        .map(|l| view! { <abbr class="lang" lang=l.code().to_owned()>{l.code().to_uppercase()}</abbr> })
        .collect_view();
    let id = row.id.clone();
    // A stored step's delay is valid: the domain counts its hours.
    let hours = domain::Delay::new(row.delay_amount, row.delay_unit).map_or(0, |d| d.total_hours());
    let preview_url = preview_url(&row);
    let details_id = format!("details-{id}");
    let badges = [
        (row.call, "call", texts.calls.channel_call),
        (row.webhook, "webhook", "Webhook"),
        (row.sms, "sms", "SMS"),
        (row.split, "split", "A/B"),
    ]
    .into_iter()
    .filter(|(shown, ..)| *shown)
    .map(|(_, kind, name)| view! { <span class=format!("badge {kind}")>{name}</span> " " })
    .collect_view();
    let (delete, delete_words) = delete_act(id.clone());
    view! {
        <tbody class="reminder">
            <tr data-step-id=id.clone()>
                <td class="delay">
                    <StepExpander details=details_id.clone() label=delay />
                </td>
                <td class="subject">{badges} {subject}</td>
                <td class="discount">{discount}</td>
                <td class="languages">{languages}</td>
                <td class="status">
                    <Switch
                        target=SwitchTarget::Step { id: id.clone() }
                        on=row.enabled
                        words=SwitchWords {
                            label: t.switch_label.to_owned(),
                            on: texts.status_on.to_owned(),
                            off: texts.status_off.to_owned(),
                        }
                        hint=None
                    />
                </td>
                <td class="actions">
                    <PreviewButton
                        url=preview_url.clone()
                        words=PreviewWords {
                            open: t.preview.to_owned(),
                            close: t.close.to_owned(),
                            desktop: texts.templates.desktop.to_owned(),
                            tablet: texts.templates.tablet.to_owned(),
                            mobile: texts.templates.mobile.to_owned(),
                        }
                    />
                    <a href=shop_path(&format!("/reminders/{id}"))>{t.edit}</a>
                    <ActButton
                        act=Act::DuplicateReminder { id: id.clone() }
                        words=duplicate_words(full, hours)
                        class=String::new()
                    />
                    <ActButton act=delete words=delete_words class="danger".to_owned() />
                </td>
            </tr>
            <tr class="details" id=details_id hidden=true>
                <td colspan="6">
                    <StepDetails row currency thumb_url=preview_url />
                </td>
            </tr>
        </tbody>
    }
}

/// What the expander opens. The thumbnail waits as an empty box with its address in `data-src`
/// until then (`reminder_controls`): it is a server render, only worth its cost when looked at,
/// and a hidden frame would load anyway.
#[component]
fn StepDetails(row: ReminderRow, currency: Currency, thumb_url: String) -> impl IntoView {
    let i18n = use_i18n();
    let texts = i18n.t();
    let t = texts.reminders;
    let language = i18n.locale.get_untracked().language();
    let audience = row.audience;
    let who = if audience.newsletter_only {
        t.newsletter_only
    } else {
        t.everyone
    };
    let profiles = (t.profiles)(
        audience.profiles.active(),
        audience.profiles.inactive(),
        audience.profiles.never_ordered(),
    );
    let money = |v| domain::format::money(v, currency, language);
    let ranges = match &row.policy {
        DiscountPolicy::Ranges { ranges } => ranges
            .ranges()
            .iter()
            .enumerate()
            .map(|(n, range)| {
                // A range ends where the next one starts; the last one at its own bound.
                let end = ranges
                    .ranges()
                    .get(n + 1)
                    .map(|next| next.min)
                    .or(range.max);
                let bounds = match end {
                    Some(end) => format!("{} – {}", money(range.min), money(end)),
                    None => format!("≥ {}", money(range.min)),
                };
                let what = describe(&range.discount.kind, currency, language, texts);
                view! { <li>{bounds} " : " {what}</li> }
            })
            .collect_view()
            .into_any(),
        DiscountPolicy::Single { discount } => {
            view! { <li>{describe(&discount.kind, currency, language, texts)}</li> }.into_any()
        }
        DiscountPolicy::None => {
            view! { <li>{(t.kind)(domain::DiscountType::None)}</li> }.into_any()
        }
    };
    let template = row.template_name.clone().unwrap_or_default();
    view! {
        <div class="step-details">
            <div class="thumb" data-src=thumb_url data-title=template.clone()></div>
            <dl>
                <dt>{t.details_template}</dt>
                <dd>{template}</dd>
                <dt>{t.details_targets}</dt>
                <dd>{format!("{who} · {profiles}")}</dd>
                <dt>{t.details_discount}</dt>
                <dd>
                    <ul>{ranges}</ul>
                </dd>
            </dl>
        </div>
    }
}

/// The Duplicate button of a step: refused with the reason when the campaign is full.
fn duplicate_words(full: bool, delay_hours: u32) -> ActWords {
    let t = use_i18n().t();
    let refusal = if full {
        crate::api::StepRefusal::TooMany
    } else {
        crate::api::StepRefusal::SameDelay { hours: delay_hours }
    };
    ActWords {
        label: t.reminders.duplicate.to_owned(),
        refused: (t.reminders.refusal)(&refusal),
        ..ActWords::default()
    }
}

/// The Delete button of a step, asked first.
fn delete_act(id: String) -> (Act, ActWords) {
    let t = use_i18n().t();
    (
        Act::DeleteReminder { id },
        ActWords {
            label: t.reminders.delete.to_owned(),
            confirm: Some(t.reminders.confirm_delete.to_owned()),
            ..ActWords::default()
        },
    )
}
