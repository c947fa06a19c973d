use crate::nav::use_query_map;
use domain::{Currency, DiscountKind, DiscountPolicy, MAX_STEPS};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{
    list_reminders, DeleteReminder, DuplicateReminder, ImportCampaign, ReminderRow, RemindersData,
    SetCampaignPaused, SetEscalation, SetReminderEnabled, StepSaved,
};
use crate::i18n::use_i18n;
use crate::pages::campaign_tools::CampaignTools;
use crate::pages::confirm;
use crate::pages::discount_words::describe;
use crate::pages::reminder_preview::PreviewDialog;
use crate::shop::{current_shop, shop_path};

/// The Reminders tab: the campaign's steps in delay order, with their switches and actions.
#[component]
pub fn RemindersPage() -> impl IntoView {
    let i18n = use_i18n();
    let duplicate = ServerAction::<DuplicateReminder>::new();
    let delete = ServerAction::<DeleteReminder>::new();
    let pause = ServerAction::<SetCampaignPaused>::new();
    let import = ServerAction::<ImportCampaign>::new();
    let shop = current_shop();
    let query = use_query_map();
    let reminders = Resource::new(
        move || {
            (
                query.read().get("rule").unwrap_or_default(),
                duplicate.version().get(),
                delete.version().get(),
                pause.version().get(),
                import.version().get(),
            )
        },
        move |(rule, ..)| list_reminders(shop.clone(), rule),
    );
    let refusal = move || match duplicate.value().get() {
        Some(Ok(StepSaved::Refused(refusal))) => Some((i18n.t().reminders.refusal)(&refusal)),
        _ => None,
    };

    view! {
        <Title text=crate::title::page_title(move || i18n.t().reminders_title) />
        <h1>{move || i18n.t().reminders_title}</h1>
        <p class="intro">{move || i18n.t().reminders_intro}</p>
        <p class="error" role="alert">{refusal}</p>
        <Transition fallback=move || view! { <p aria-busy="true">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match reminders.await {
                    Ok(data) => {
                        let paused = data.paused;
                        let rule = data.rule_id.clone();
                        let check = data.check.clone();
                        view! {
                            <super::rule_tabs::RuleTabs data=data.clone() />
                            <super::launch_check::LaunchCheck problems=check />
                            <CampaignTools rule paused pause import />
                            <RemindersTable data duplicate delete />
                        }
                            .into_any()
                    }
                    Err(error) => super::load_error(error, |t| t.no_shop),
                }
            })}
        </Transition>
    }
}

#[component]
fn RemindersTable(
    data: RemindersData,
    duplicate: ServerAction<DuplicateReminder>,
    delete: ServerAction<DeleteReminder>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let full = data.rows.len() >= MAX_STEPS;
    let create = if full {
        view! {
            <div class="create-reminder">
                <button type="button" disabled=true aria-describedby="limit-reason">
                    {move || t().create}
                </button>
                <p id="limit-reason" class="hint">{move || t().limit_reached}</p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="create-reminder">
                <a
                    href=shop_path(&format!("/reminders/new?rule={}", data.rule_id))
                    class="button"
                >
                    {move || t().create}
                </a>
            </div>
        }
        .into_any()
    };
    let currency = data.currency;
    let escalation = data.escalation;
    let rule = data.rule_id.clone();
    let preview = RwSignal::new(None::<String>);
    let body = if data.rows.is_empty() {
        view! { <p class="empty">{move || i18n.t().no_reminders}</p> }.into_any()
    } else {
        view! {
            <table class="reminders">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t().col_send_after}</th>
                        <th scope="col">{move || i18n.t().col_subject}</th>
                        <th scope="col">{move || i18n.t().col_discount}</th>
                        <th scope="col">{move || i18n.t().col_languages}</th>
                        <th scope="col">{move || i18n.t().col_status}</th>
                        <th scope="col">{move || t().col_actions}</th>
                    </tr>
                </thead>
                {data
                    .rows
                    .into_iter()
                    .map(|row| view! { <ReminderLine row currency preview duplicate delete /> })
                    .collect_view()}
            </table>
        }
        .into_any()
    };
    view! {
        {create}
        <EscalationSwitch rule escalation />
        {body}
        <PreviewDialog preview />
    }
    .into_any()
}

/// The campaign's "discount escalation" switch, saved as it is flipped.
#[component]
fn EscalationSwitch(rule: String, escalation: bool) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let on = RwSignal::new(escalation);
    let save = ServerAction::<SetEscalation>::new();
    // A failed save puts the switch back.
    Effect::new(move |_| {
        if let Some(Err(_)) = save.value().get() {
            on.update(|on| *on = !*on);
        }
    });
    view! {
        <div class="escalation">
            <label class="switch">
                <input
                    type="checkbox"
                    role="switch"
                    name="escalation"
                    aria-describedby="escalation-hint"
                    prop:checked=move || on.get()
                    on:change=move |ev| {
                        let enabled = event_target_checked(&ev);
                        on.set(enabled);
                        save.dispatch(SetEscalation {
                            shop: current_shop(),
                            rule: rule.clone(),
                            enabled,
                        });
                    }
                />
                <span>{move || t().escalation_label}</span>
            </label>
            <p id="escalation-hint" class="hint">{move || t().escalation_hint}</p>
        </div>
    }
}

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

#[component]
fn ReminderLine(
    row: ReminderRow,
    currency: Currency,
    preview: RwSignal<Option<String>>,
    duplicate: ServerAction<DuplicateReminder>,
    delete: ServerAction<DeleteReminder>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let row = StoredValue::new(row);
    let expanded = RwSignal::new(false);
    let delay = move || {
        row.with_value(|r| {
            let delay = (i18n.t().delay)(r.delay_amount, r.delay_unit);
            match r.delay_from {
                domain::DelayFrom::Abandonment => delay,
                domain::DelayFrom::PreviousStep => {
                    format!("{delay} {}", i18n.t().rules.after_previous)
                }
            }
        })
    };
    let subject = move || {
        let language = i18n.locale.get().language();
        row.with_value(|r| {
            r.subject_in(language)
                .map(str::to_owned)
                .unwrap_or_else(|| i18n.t().no_subject.to_owned())
        })
    };
    let discount = move || row.with_value(|r| (i18n.t().discount)(&r.discount, currency));
    let languages = row.with_value(|r| {
        r.languages()
            .into_iter()
            .map(|l| view! { <abbr class="lang" lang=l.code().to_owned()>{l.code().to_uppercase()}</abbr> })
            .collect_view()
    });
    let id = row.with_value(|r| r.id.clone());
    let enabled = RwSignal::new(row.with_value(|r| r.enabled));
    let toggle = ServerAction::<SetReminderEnabled>::new();
    // A failed save puts the switch back.
    Effect::new(move |_| {
        if let Some(Err(_)) = toggle.value().get() {
            enabled.update(|on| *on = !*on);
        }
    });
    let preview_url = row.with_value(|r| {
        let languages = r.languages();
        let language = languages.first().map_or("en", |l| l.code());
        shop_path(&format!(
            "/templates/{}/preview?sample=demo&lang={language}&discount={}",
            r.template_id,
            sample_discount(&r.policy)
        ))
    });
    let thumb_url = preview_url.clone();
    let edit_href = shop_path(&format!("/reminders/{id}"));
    let (id_toggle, id_dup, id_del) = (id.clone(), id.clone(), id.clone());
    let details_id = format!("details-{id}");
    view! {
        <tbody class="reminder" class:expanded=move || expanded.get()>
            <tr
                data-step-id=id.clone()
                on:click=move |ev| {
                    if !inside_controls(&ev) {
                        expanded.update(|e| *e = !*e);
                    }
                }
            >
                <td class="delay">
                    <button
                        type="button"
                        class="expand"
                        aria-expanded=move || expanded.get().to_string()
                        aria-controls=details_id.clone()
                    >
                        {delay}
                    </button>
                </td>
                <td class="subject">
                    {row
                        .with_value(|r| r.call)
                        .then(|| view! { <span class="badge call">{move || i18n.t().calls.channel_call}</span> " " })}
                    {row
                        .with_value(|r| r.webhook)
                        .then(|| view! { <span class="badge webhook">"Webhook"</span> " " })}
                    {row
                        .with_value(|r| r.sms)
                        .then(|| view! { <span class="badge sms">"SMS"</span> " " })}
                    {row
                        .with_value(|r| r.split)
                        .then(|| view! { <span class="badge split">"A/B"</span> " " })}
                    {subject}
                </td>
                <td class="discount">{discount}</td>
                <td class="languages">{languages}</td>
                <td class="status">
                    <label class="switch">
                        <input
                            type="checkbox"
                            role="switch"
                            aria-label=move || t().switch_label
                            prop:checked=move || enabled.get()
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                enabled.set(on);
                                toggle.dispatch(SetReminderEnabled {
                                    shop: current_shop(),
                                    id: id_toggle.clone(),
                                    enabled: on,
                                });
                            }
                        />
                        <span class=move || if enabled.get() { "pill on" } else { "pill off" }>
                            {move || if enabled.get() { i18n.t().status_on } else { i18n.t().status_off }}
                        </span>
                    </label>
                </td>
                <td class="actions">
                    <button type="button" on:click={
                        let url = preview_url.clone();
                        move |_| preview.set(Some(url.clone()))
                    }>{move || t().preview}</button>
                    <a href=edit_href.clone()>{move || t().edit}</a>
                    <button type="button" on:click=move |_| {
                        duplicate.dispatch(DuplicateReminder {
                            shop: current_shop(),
                            id: id_dup.clone(),
                        });
                    }>{move || t().duplicate}</button>
                    <button type="button" class="danger" on:click=move |_| {
                        if confirm(t().confirm_delete) {
                            delete.dispatch(DeleteReminder {
                                shop: current_shop(),
                                id: id_del.clone(),
                            });
                        }
                    }>{move || t().delete}</button>
                </td>
            </tr>
            <tr class="details" id=format!("details-{id}") hidden=move || !expanded.get()>
                <td colspan="6">
                    // Built when first opened: the thumbnail is a server render.
                    {move || {
                        expanded
                            .get()
                            .then(|| {
                                view! {
                                    <StepDetails row=row.get_value() currency thumb_url=thumb_url.clone() />
                                }
                            })
                    }}
                </td>
            </tr>
        </tbody>
    }
    .into_any()
}

#[component]
fn StepDetails(row: ReminderRow, currency: Currency, thumb_url: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().reminders;
    let audience = row.audience;
    let targets = move || {
        let who = if audience.newsletter_only {
            t().newsletter_only
        } else {
            t().everyone
        };
        let profiles = (t().profiles)(
            audience.profiles.active(),
            audience.profiles.inactive(),
            audience.profiles.never_ordered(),
        );
        format!("{who} · {profiles}")
    };
    let policy = row.policy.clone();
    let ranges = move || {
        let language = i18n.locale.get().language();
        let money = |v| domain::format::money(v, currency, language);
        match &policy {
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
                    let what = describe(&range.discount.kind, currency, language, i18n.t());
                    view! { <li>{bounds} " : " {what}</li> }
                })
                .collect_view()
                .into_any(),
            DiscountPolicy::Single { discount } => {
                view! { <li>{describe(&discount.kind, currency, language, i18n.t())}</li> }
                    .into_any()
            }
            DiscountPolicy::None => {
                view! { <li>{(t().kind)(domain::DiscountType::None)}</li> }.into_any()
            }
        }
    };
    let template = row.template_name.clone().unwrap_or_default();
    view! {
        <div class="step-details">
            <iframe class="thumb" src=thumb_url sandbox="" tabindex="-1" title=template.clone()></iframe>
            <dl>
                <dt>{move || t().details_template}</dt>
                <dd>{template}</dd>
                <dt>{move || t().details_targets}</dt>
                <dd>{targets}</dd>
                <dt>{move || t().details_discount}</dt>
                <dd>
                    <ul>{ranges}</ul>
                </dd>
            </dl>
        </div>
    }
    .into_any()
}

/// Whether a click on a reminder's row came from its switch or its buttons and links, which act
/// on their own rather than open the row. The event goes on bubbling, so the Edit link still
/// opens the wizard.
fn inside_controls(ev: &leptos::ev::MouseEvent) -> bool {
    event_target::<leptos::web_sys::Element>(ev)
        .closest(".status, .actions")
        .ok()
        .flatten()
        .is_some()
}
