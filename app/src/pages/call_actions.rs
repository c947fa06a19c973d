//! What staff do from the call screen: give a code, mail a template (previewed first, with
//! the code), and log the call's outcome.

use domain::calls::CallOutcome;
use domain::campaign::DiscountType;
use leptos::prelude::*;

use crate::api::{
    CallEmail, CallEmailOutcome, CallLogged, CallScreen, CouponGiven, GiveCallCoupon, LogCall,
};
use crate::i18n::use_i18n;
use crate::shop::current_shop;

#[component]
pub fn CouponForm(screen: CallScreen, give: ServerAction<GiveCallCoupon>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().calls;
    let r = move || i18n.t().reminders;
    let draft = RwSignal::new(screen.suggested.clone());
    let id = screen.id.clone();
    let currency = screen.currency;
    let problem = move |field: &'static str| {
        move || match give.value().get() {
            Some(Ok(CouponGiven::Invalid(problems))) => problems
                .iter()
                .find(|(f, _)| f == field)
                .map(|(_, issue)| (r().issue)(issue, currency)),
            _ => None,
        }
    };
    let shown = move || match (give.value().get(), screen.coupon.clone()) {
        (Some(Ok(CouponGiven::Given(c))), _) => Some((t().given, c.code)),
        (Some(Ok(CouponGiven::AlreadyGiven(c))), _) | (_, Some(c)) => {
            Some((t().already_given, c.code))
        }
        _ => None,
    };
    let kinds = [
        (DiscountType::Percent, "percent"),
        (DiscountType::Amount, "amount"),
        (DiscountType::FreeShipping, "free_shipping"),
        (DiscountType::FreeGift, "free_gift"),
    ];
    view! {
        <section class="call-coupon">
            <h2>{move || t().give_coupon}</h2>
            {move || match shown() {
                Some((label, code)) => {
                    view! {
                        <p class="save-status saved" role="status">
                            {label} " " <code data-code=code.clone()>{code.clone()}</code>
                        </p>
                    }
                        .into_any()
                }
                None => {
                    let id = id.clone();
                    view! {
                        <form
                            class="inline-form"
                            on:submit=move |ev| {
                                ev.prevent_default();
                                give.dispatch(GiveCallCoupon {
                                    shop: current_shop(),
                                    id: id.clone(),
                                    discount: draft.get_untracked(),
                                });
                            }
                        >
                            <div class="field">
                                <label for="call-kind">{move || r().discount_type}</label>
                                <select
                                    id="call-kind"
                                    on:change=move |ev| {
                                        let value = event_target_value(&ev);
                                        let kind = kinds
                                            .iter()
                                            .find(|(_, name)| *name == value)
                                            .map_or(DiscountType::Percent, |(k, _)| *k);
                                        draft.update(|d| d.kind = kind);
                                    }
                                >
                                    {kinds
                                        .iter()
                                        .map(|(kind, name)| {
                                            let kind = *kind;
                                            view! {
                                                <option value=*name selected=move || draft.with(|d| d.kind == kind)>
                                                    {move || (r().kind)(kind)}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                                <span class="field-error">{problem("kind")}</span>
                            </div>
                            <div
                                class="field"
                                hidden=move || {
                                    draft.with(|d| !matches!(d.kind, DiscountType::Percent | DiscountType::Amount))
                                }
                            >
                                <label for="call-value">{move || r().value}</label>
                                <input
                                    id="call-value"
                                    type="text"
                                    inputmode="decimal"
                                    prop:value=move || draft.with(|d| d.value.clone())
                                    on:input=move |ev| draft.update(|d| d.value = event_target_value(&ev))
                                />
                                <span class="field-error">{problem("value")}</span>
                            </div>
                            <div class="field" hidden=move || draft.with(|d| d.kind != DiscountType::FreeGift)>
                                <label for="call-gift-sku">{move || r().gift_sku}</label>
                                <input
                                    id="call-gift-sku"
                                    type="text"
                                    prop:value=move || draft.with(|d| d.gift_sku.clone())
                                    on:input=move |ev| draft.update(|d| d.gift_sku = event_target_value(&ev))
                                />
                                <span class="field-error">{problem("gift_sku")}</span>
                            </div>
                            <div class="field" hidden=move || draft.with(|d| d.kind != DiscountType::FreeGift)>
                                <label for="call-gift-name">{move || r().gift_name}</label>
                                <input
                                    id="call-gift-name"
                                    type="text"
                                    prop:value=move || draft.with(|d| d.gift_name.clone())
                                    on:input=move |ev| draft.update(|d| d.gift_name = event_target_value(&ev))
                                />
                                <span class="field-error">{problem("gift_name")}</span>
                            </div>
                            <div class="field">
                                <label for="call-validity">{move || r().validity}</label>
                                <input
                                    id="call-validity"
                                    type="number"
                                    min="1"
                                    max="365"
                                    prop:value=move || draft.with(|d| d.validity_days.clone())
                                    on:input=move |ev| {
                                        draft.update(|d| d.validity_days = event_target_value(&ev))
                                    }
                                />
                                <span class="field-error">{problem("validity_days")}</span>
                            </div>
                            <button type="submit">{move || t().give_coupon}</button>
                        </form>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
pub fn EmailForm(screen: CallScreen, run: ServerAction<CallEmail>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().calls;
    let template = RwSignal::new(screen.template_id.clone());
    let id = screen.id.clone();
    let shop = current_shop();
    let ask = move |send: bool| {
        run.dispatch(CallEmail {
            shop: shop.clone(),
            id: id.clone(),
            template: template.get_untracked(),
            send,
        });
    };
    let ask_preview = ask.clone();
    let sent_at = screen.email_sent_at;
    let status = move || match run.value().get() {
        Some(Ok(CallEmailOutcome::Sent)) => Some((t().sent.to_owned(), "saved")),
        Some(Ok(CallEmailOutcome::AlreadySent)) => Some((t().already_sent.to_owned(), "error")),
        Some(Ok(CallEmailOutcome::NoContent)) => Some((t().no_content.to_owned(), "error")),
        Some(Ok(CallEmailOutcome::Unsubscribed)) => Some((t().unsubscribed.to_owned(), "error")),
        Some(Ok(CallEmailOutcome::NotSent(why))) => Some(((t().not_sent)(&why), "error")),
        Some(Err(error)) => Some((error.to_string(), "error")),
        _ => None,
    };
    let preview = move || match run.value().get() {
        Some(Ok(CallEmailOutcome::Preview(email))) => Some(email),
        _ => None,
    };
    view! {
        <section class="call-email">
            <h2>{move || t().send_email}</h2>
            {sent_at
                .map(|at| {
                    view! { <p class="save-status saved">{move || t().sent} " " {move || i18n.date_time(at)}</p> }
                })}
            <div class="inline-form">
                <div class="field">
                    <label for="call-template">{move || t().template}</label>
                    <select
                        id="call-template"
                        on:change=move |ev| template.set(event_target_value(&ev))
                    >
                        {screen
                            .templates
                            .iter()
                            .map(|(value, name)| {
                                let value = value.clone();
                                let chosen = value.clone();
                                view! {
                                    <option value=value selected=move || template.with(|t| *t == chosen)>
                                        {name.clone()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <button type="button" class="secondary" on:click=move |_| ask_preview(false)>
                    {move || t().preview}
                </button>
                <button
                    type="button"
                    disabled=sent_at.is_some()
                    on:click=move |_| ask(true)
                >
                    {move || t().send}
                </button>
            </div>
            {move || {
                status()
                    .map(|(text, tone)| {
                        view! { <p class=format!("save-status {tone}") role="status">{text}</p> }
                    })
            }}
            {move || {
                preview()
                    .map(|email| {
                        view! {
                            <p class="preview-subject">
                                <strong>{email.subject.clone()}</strong>
                            </p>
                            <iframe class="call-preview" sandbox="" title=email.subject srcdoc=email.html></iframe>
                        }
                    })
            }}
        </section>
    }
}

#[component]
pub fn LogForm(screen: CallScreen, log: ServerAction<LogCall>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().calls;
    let result = move || match log.value().get() {
        Some(Ok(CallLogged::Invalid(error))) => Some(((t().log_error)(error).to_owned(), "error")),
        Some(Ok(CallLogged::AlreadyDone)) => Some((t().already_logged.to_owned(), "error")),
        Some(Ok(CallLogged::Logged { stopped: true })) => {
            Some((t().logged_stopped.to_owned(), "saved"))
        }
        Some(Ok(CallLogged::Logged { stopped: false })) => {
            Some((t().logged_goes_on.to_owned(), "saved"))
        }
        Some(Err(error)) => Some((error.to_string(), "error")),
        None => None,
    };
    let status = move || {
        result().map(|(text, tone)| {
            view! { <p class=format!("save-status {tone}") role="status">{text}</p> }
        })
    };
    if let (Some(outcome), Some(by), Some(at)) = (screen.outcome, screen.done_by, screen.done_at) {
        let notes = screen.notes.clone();
        return view! {
            <section class="call-log">
                <h2>{move || t().log_heading}</h2>
                {status}
                <p data-outcome=outcome.as_str()>
                    <strong>{move || (t().outcome_name)(outcome)}</strong>
                    " — "
                    {move || (t().done_by)(&by, &i18n.date_time(at))}
                </p>
                <p class="notes">{notes}</p>
            </section>
        }
        .into_any();
    }
    let outcome = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let id = screen.id.clone();
    view! {
        <section class="call-log">
            <h2>{move || t().log_heading}</h2>
            <form on:submit=move |ev| {
                ev.prevent_default();
                log.dispatch(LogCall {
                    shop: current_shop(),
                    id: id.clone(),
                    outcome: outcome.get_untracked(),
                    notes: notes.get_untracked(),
                });
            }>
                <div class="field">
                    <label for="call-outcome">{move || t().outcome}</label>
                    <select id="call-outcome" on:change=move |ev| outcome.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {CallOutcome::ALL
                            .into_iter()
                            .map(|o| view! { <option value=o.as_str()>{move || (t().outcome_name)(o)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="call-notes">{move || t().notes}</label>
                    <textarea
                        id="call-notes"
                        rows="3"
                        maxlength="2000"
                        prop:value=notes
                        on:input=move |ev| notes.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <button type="submit">{move || t().log}</button>
            </form>
            {status}
        </section>
    }
    .into_any()
}
