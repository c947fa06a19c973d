//! What staff do from the call screen: give a code, mail a template (previewed first, with
//! the code), and log the call's outcome. Drawn by the server; each form is an `ActForm`
//! control, and the screen is loaded again to show what was done. The preview is a plain GET
//! into a sandboxed frame (`/s/{shop}/calls/{id}/email`), so it works without WASM too.

use domain::calls::CallOutcome;
use domain::campaign::DiscountType;
use leptos::prelude::*;

use super::act_form::{FormAct, FormWords};
use super::controls::ActForm;
use crate::api::CallScreen;
use crate::i18n::use_i18n;
use crate::shop::{current_shop, shop_path};

/// The words of a call form: the server says the outcome itself.
fn words() -> FormWords {
    let t = use_i18n().t().settings;
    FormWords {
        refused: t.not_saved.to_owned(),
        failed: t.failed.to_owned(),
        ..FormWords::default()
    }
}

/// The shop and the call, as every call form sends them.
fn hidden(id: &str) -> impl IntoView {
    view! {
        <input type="hidden" name="shop" value=current_shop() />
        <input type="hidden" name="id" value=id.to_owned() />
    }
}

/// A field with its label and the line its problem is said in (`call-{name}-error`).
fn field(name: &'static str, label: &'static str, control: AnyView) -> impl IntoView {
    view! {
        <div class=format!("field call-{name}")>
            <label for=format!("call-{name}")>{label}</label>
            {control}
            <span class="field-error" id=format!("call-{name}-error")></span>
        </div>
    }
}

fn text_input(name: &'static str, value: String, inputmode: Option<&'static str>) -> AnyView {
    view! {
        <input
            id=format!("call-{name}")
            name=name
            type="text"
            inputmode=inputmode
            value=value
            aria-describedby=format!("call-{name}-error")
        />
    }
    .into_any()
}

#[component]
pub fn CouponForm(screen: CallScreen) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().calls;
    let r = i18n.t().reminders;
    let draft = screen.suggested;
    let body = match screen.coupon {
        Some(coupon) => view! {
            <p class="save-status saved">
                {t.given} " " <code data-code=coupon.code.clone()>{coupon.code.clone()}</code>
            </p>
        }
        .into_any(),
        None => {
            let kinds = [
                DiscountType::Percent,
                DiscountType::Amount,
                DiscountType::FreeShipping,
                DiscountType::FreeGift,
            ];
            let kind = view! {
                <select id="call-kind" name="kind" aria-describedby="call-kind-error">
                    {kinds
                        .into_iter()
                        .map(|kind| {
                            view! {
                                <option value=kind.as_str() selected=draft.kind == kind>
                                    {(r.kind)(kind)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            }
            .into_any();
            let validity = view! {
                <input
                    id="call-validity_days"
                    name="validity_days"
                    type="number"
                    min="1"
                    max="365"
                    value=draft.validity_days
                    aria-describedby="call-validity_days-error"
                />
            }
            .into_any();
            view! {
                // The fields a kind has show with it (style: `.call-coupon form:has(…)`).
                <form class="inline-form" method="post" novalidate>
                    {hidden(&screen.id)}
                    <input type="hidden" name="combinable" value=draft.combinable.to_string() />
                    <input type="hidden" name="tax_included" value=draft.tax_included.to_string() />
                    {field("kind", r.discount_type, kind)}
                    {field("value", r.value, text_input("value", draft.value, Some("decimal")))}
                    {field("gift_sku", r.gift_sku, text_input("gift_sku", draft.gift_sku, None))}
                    {field("gift_name", r.gift_name, text_input("gift_name", draft.gift_name, None))}
                    {field("validity_days", r.validity, validity)}
                    <button type="submit">{t.give_coupon}</button>
                </form>
            }
            .into_any()
        }
    };
    view! {
        <section class="call-coupon">
            <h2>{t.give_coupon}</h2>
            <ActForm act=FormAct::GiveCallCoupon words=words()>
                {body}
            </ActForm>
        </section>
    }
}

#[component]
pub fn EmailForm(screen: CallScreen) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().calls;
    let preview = shop_path(&format!("/calls/{}/email", screen.id));
    let chosen = screen.template_id.clone();
    view! {
        <section class="call-email">
            <h2>{t.send_email}</h2>
            {screen
                .email_sent_at
                .map(|at| {
                    view! { <p class="save-status saved">{t.sent} " " {i18n.date_time(at)}</p> }
                })}
            <ActForm act=FormAct::CallEmail words=words()>
                <form class="inline-form" method="post">
                    {hidden(&screen.id)}
                    <div class="field">
                        <label for="call-template">{t.template}</label>
                        <select id="call-template" name="template">
                            {screen
                                .templates
                                .into_iter()
                                .map(|(value, name)| {
                                    let selected = value == chosen;
                                    view! { <option value=value selected=selected>{name}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    // A GET into the frame below, which the control lets the browser send.
                    <button
                        type="submit"
                        class="secondary"
                        formaction=preview
                        formmethod="get"
                        formtarget="call-preview"
                        formnovalidate=true
                    >
                        {t.preview}
                    </button>
                    <button type="submit" disabled=screen.email_sent_at.is_some()>
                        {t.send}
                    </button>
                </form>
            </ActForm>
            <iframe
                class="call-preview"
                name="call-preview"
                sandbox=""
                title=t.preview
                srcdoc=format!("<p style=\"font:14px sans-serif;color:#444\">{}</p>", t.preview_hint)
            ></iframe>
        </section>
    }
}

#[component]
pub fn LogForm(screen: CallScreen) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().calls;
    let body = match (screen.outcome, screen.done_by, screen.done_at) {
        (Some(outcome), Some(by), Some(at)) => view! {
            <p data-outcome=outcome.as_str()>
                <strong>{(t.outcome_name)(outcome)}</strong>
                " — "
                {(t.done_by)(&by, &i18n.date_time(at))}
            </p>
            <p class="notes">{screen.notes}</p>
        }
        .into_any(),
        _ => view! {
            <form method="post" novalidate>
                {hidden(&screen.id)}
                <div class="field">
                    <label for="call-outcome">{t.outcome}</label>
                    <select id="call-outcome" name="outcome" aria-describedby="call-outcome-error">
                        <option value="">"—"</option>
                        {CallOutcome::ALL
                            .into_iter()
                            .map(|o| view! { <option value=o.as_str()>{(t.outcome_name)(o)}</option> })
                            .collect_view()}
                    </select>
                    <span class="field-error" id="call-outcome-error"></span>
                </div>
                <div class="field">
                    <label for="call-notes">{t.notes}</label>
                    <textarea
                        id="call-notes"
                        name="notes"
                        rows="3"
                        maxlength="2000"
                        aria-describedby="call-notes-error"
                    ></textarea>
                    <span class="field-error" id="call-notes-error"></span>
                </div>
                <button type="submit">{t.log}</button>
            </form>
        }
        .into_any(),
    };
    view! {
        <section class="call-log">
            <h2>{t.log_heading}</h2>
            <ActForm act=FormAct::LogCall words=words()>
                {body}
            </ActForm>
        </section>
    }
}
