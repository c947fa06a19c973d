//! The call screen: who to call and about what (customer, cart, reminders so far, codes,
//! visits), and what staff do from it (`call_actions`): give a code, mail a template, log the
//! outcome.

use crate::loaded::Loaded;
use crate::nav::use_params_map;
use domain::format;
use leptos::prelude::*;
use leptos_meta::Title;

use super::call_actions::{CouponForm, EmailForm, LogForm};
use super::cart::{Customer, TimelineItem};
use crate::api::{load_call, CallScreen, TimelineEntry};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::shop::{current_shop, shop_path};

/// Drawn by the server; its three forms are `ActForm` controls, and the screen is loaded again
/// once one is done, to show it.
#[component]
pub fn CallScreenPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().calls;
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let shop = current_shop();
    let call = Loaded::new(id, move |id| load_call(shop.clone(), id));
    view! {
        <p>
            <a href=shop_path("/calls")>{move || t().back}</a>
        </p>
        {move || Suspend::new(async move {
            match call.await {
                Ok(screen) => view! { <CallView screen /> }.into_any(),
                Err(AppError::NotFound) => {
                    view! { <p class="empty">{move || t().not_found}</p> }.into_any()
                }
                Err(error) => {
                    view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
                }
            }
        })}
    }
}

#[component]
fn CallView(screen: CallScreen) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().calls;
    let language = move || i18n.locale.get().language();
    let currency = screen.currency;
    let money = move |amount| format::money(amount, currency, language());
    let customer = screen.customer.clone();
    let phone = customer.phone.clone();
    let due = screen.due_at;
    let total = screen.total_tax_incl;
    let cart_href = shop_path(&format!("/carts/{}", screen.cart_id));
    let external_id = screen.external_id.clone();
    let title = customer.name.clone();
    view! {
        <Title text=crate::title::page_title(move || format!("{} {}", t().heading, title)) />
        <h1>{move || t().heading} " — " {screen.customer.name.clone()}</h1>
        {phone
            .map(|phone| {
                let tel = format!("tel:{phone}");
                view! {
                    <p class="call-phone">
                        <a class="button" href=tel>{phone}</a>
                    </p>
                }
            })}
        {screen.ordered.then(|| view! { <p class="notice" role="status">{move || t().cart_ordered}</p> })}
        {(screen.stopped && !screen.ordered)
            .then(|| view! { <p class="notice" role="status">{move || t().cart_stopped}</p> })}
        <dl class="facts">
            <div>
                <dt>{move || t().col_due}</dt>
                <dd>{move || i18n.date_time(due)}</dd>
            </div>
            <div>
                <dt>{move || t().col_rule}</dt>
                <dd>{screen.rule.clone()}</dd>
            </div>
            <div>
                <dt>{move || t().col_assignee}</dt>
                <dd>
                    {
                        let assignee = screen.assignee.clone();
                        move || assignee.clone().unwrap_or_else(|| t().anyone.to_owned())
                    }
                </dd>
            </div>
        </dl>
        <div class="call-columns">
            <section>
                <h2>{move || t().customer}</h2>
                <Customer customer=customer.clone() />
                <p class="address">
                    <strong>{move || t().address}</strong>
                    " "
                    {screen.address.clone().unwrap_or_else(|| "—".into())}
                </p>
                <h3>{move || t().coupons}</h3>
                {if screen.active_coupons.is_empty() {
                    view! { <p class="empty">{move || t().no_coupons}</p> }.into_any()
                } else {
                    view! {
                        <ul class="coupons">
                            {screen
                                .active_coupons
                                .iter()
                                .map(|coupon| {
                                    let expires = coupon.expires_at;
                                    view! {
                                        <li>
                                            <code>{coupon.code.clone()}</code>
                                            " — "
                                            {move || (t().expires)(&i18n.date_time(expires))}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
                <h3>{move || t().visits}</h3>
                <ul class="visits">
                    {screen
                        .visits
                        .iter()
                        .map(|visit| {
                            let (at, total, currency) = (visit.at, visit.total, visit.currency);
                            let ordered = visit.ordered;
                            view! {
                                <li>
                                    {move || i18n.date_time(at)}
                                    " — "
                                    {visit.external_id.clone()}
                                    " — "
                                    {move || format::money(total, currency, language())}
                                    {move || ordered.then(|| format!(" ({})", t().ordered))}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
            <section>
                <h2>
                    {move || t().cart} " " <a href=cart_href.clone()>{external_id}</a>
                </h2>
                <table class="items">
                    <tbody>
                        {screen
                            .items
                            .iter()
                            .map(|item| {
                                let line_total = item.line_total;
                                view! {
                                    <tr>
                                        <td>{item.name.clone()}</td>
                                        <td class="num">"× " {item.quantity}</td>
                                        <td class="num">{move || money(line_total)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <p class="total">
                    <strong>{move || money(total)}</strong>
                </p>
                <h3>{move || t().reminders}</h3>
                <Reminders entries=screen.reminders.clone() />
            </section>
        </div>
        <CouponForm screen=screen.clone() />
        <EmailForm screen=screen.clone() />
        <LogForm screen />
    }
}

#[component]
fn Reminders(entries: Vec<TimelineEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().calls;
    if entries.is_empty() {
        return view! { <p class="empty">{move || t().no_reminders}</p> }.into_any();
    }
    // Reminders only: the credit window their lines never show.
    view! {
        <ul class="timeline call-reminders">
            {entries
                .into_iter()
                .map(|entry| view! { <TimelineItem entry window_days=0 /> })
                .collect_view()}
        </ul>
    }
    .into_any()
}
