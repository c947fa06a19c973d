use crate::loaded::Loaded;
use crate::nav::use_params_map;
use domain::format;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{
    load_cart, load_cart_rule, CartDetail, CartRuleData, CustomerBlock, TimelineEntry,
};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::act::{Act, ActWords};
use crate::pages::controls::ActButton;
use crate::shop::{current_shop, shop_path};

/// One cart: its customer, its items, what happened to it, and "send the next reminder now".
/// Drawn on the server; its buttons are controls, and a queued reminder loads the page again,
/// its timeline showing the request.
#[component]
pub fn CartPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    let shop = current_shop();
    let cart = Loaded::new(
        move || id.clone(),
        move |id| {
            let shop = shop.clone();
            async move {
                let detail = load_cart(shop.clone(), id.clone()).await?;
                let rule = match detail.customer {
                    Some(_) => load_cart_rule(shop, id).await.ok().flatten(),
                    None => None,
                };
                Ok::<_, AppError>((detail, rule))
            }
        },
    );

    view! {
        <p>
            <a href=shop_path("/carts")>{move || i18n.t().back_to_carts}</a>
        </p>
        {move || Suspend::new(async move {
            match cart.await {
                Ok((detail, rule)) => view! { <CartView detail rule /> }.into_any(),
                Err(AppError::NotFound) => {
                    view! { <p class="empty">{move || i18n.t().cart_not_found}</p> }.into_any()
                }
                Err(_) => {
                    view! { <p class="error" role="alert">{move || i18n.t().load_failed}</p> }
                        .into_any()
                }
            }
        })}
    }
}

#[component]
fn CartView(detail: CartDetail, rule: Option<CartRuleData>) -> impl IntoView {
    let i18n = use_i18n();
    let currency = detail.currency;
    let language = move || i18n.locale.get().language();
    let money = move |amount| format::money(amount, currency, language());
    let status = detail.status;
    let (created, activity, abandoned, next) = (
        detail.created_at,
        detail.last_activity_at,
        detail.abandoned_at,
        detail.next_reminder_at,
    );
    let (incl, excl, shipping) = (
        detail.total_tax_incl,
        detail.total_tax_excl,
        detail.shipping,
    );
    let can_send = detail.can_send_next_reminder();
    let pending = detail.reminder_pending;
    let external_id = detail.external_id.clone();
    let privacy = (detail.can_administer && detail.customer.is_some()).then(|| detail.id.clone());
    view! {
        <Title text=crate::title::page_title(move || format!("{} {}", i18n.t().cart_heading, external_id)) />
        <h1>{move || i18n.t().cart_heading} " " {detail.external_id.clone()}</h1>
        <dl class="facts">
            <div>
                <dt>{move || i18n.t().label_state}</dt>
                <dd>
                    <span class=format!("state {}", status.as_str()) data-status=status.as_str()>
                        {move || (i18n.t().status)(status)}
                    </span>
                </dd>
            </div>
            <div>
                <dt>{move || i18n.t().label_created}</dt>
                <dd>{move || i18n.date_time(created)}</dd>
            </div>
            <div>
                <dt>{move || i18n.t().col_last_activity}</dt>
                <dd>{move || i18n.date_time(activity)}</dd>
            </div>
            {(detail.sequence > 1)
                .then(|| {
                    let (sequence, since) = (detail.sequence, detail.sequence_started_at);
                    view! {
                        <div>
                            <dt>{move || i18n.t().label_sequence}</dt>
                            <dd data-sequence=sequence>
                                {move || {
                                    (i18n.t().sequence_since)(sequence, since.map(|at| i18n.date_time(at)).as_deref())
                                }}
                            </dd>
                        </div>
                    }
                })}
            {abandoned
                .map(|at| {
                    view! {
                        <div>
                            <dt>{move || i18n.t().label_abandoned_at}</dt>
                            <dd data-abandoned-at=at.to_rfc3339()>
                                {move || i18n.date_time(at)}
                            </dd>
                        </div>
                    }
                })}
            {next
                .map(|due| {
                    view! {
                        <div>
                            <dt>{move || i18n.t().label_next_reminder}</dt>
                            <dd>{move || i18n.date_time(due)}</dd>
                        </div>
                    }
                })}
        </dl>
        {detail
            .reminders_stopped_at
            .map(|at| {
                view! {
                    <p class="notice stopped" role="status" data-stopped-at=at.to_rfc3339()>
                        {move || i18n.t().bulk.stopped_notice}
                    </p>
                }
            })}
        <section class="send-now">
            {if pending {
                view! { <p class="notice" role="status">{move || i18n.t().send_now_pending}</p> }
                    .into_any()
            } else if can_send {
                view! {
                    <ActButton
                        act=Act::SendNextReminder { id: detail.id.clone() }
                        words=ActWords {
                            label: i18n.t().send_now_button.to_owned(),
                            refused: i18n.t().load_failed.to_owned(),
                            ..ActWords::default()
                        }
                        class="primary".to_owned()
                    />
                }
                    .into_any()
            } else {
                view! { <p class="hint">{move || i18n.t().send_now_unavailable}</p> }.into_any()
            }}
        </section>
        <div class="cart-columns">
            <section class="panel">
                <h2>{move || i18n.t().section_customer}</h2>
                {match detail.customer.clone() {
                    Some(customer) => view! { <Customer customer /> }.into_any(),
                    None => view! { <p class="hint">{move || i18n.t().guest_cart}</p> }.into_any(),
                }}
            </section>
            {privacy
                .map(|cart_id| view! { <super::cart_privacy::CustomerPrivacy cart_id /> })}
            <section class="panel timeline">
                <h2>{move || i18n.t().section_timeline}</h2>
                <ol>
                    {let window_days = detail.attribution_window_days;
                    detail
                        .timeline
                        .clone()
                        .into_iter()
                        .map(|entry| view! { <TimelineItem entry window_days /> })
                        .collect_view()}
                </ol>
            </section>
        </div>
        {rule.map(|data| view! { <super::cart_rule::WhyThisRule data /> })}
        <section class="panel">
            <h2>{move || i18n.t().section_items}</h2>
            <table class="items">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t().col_product}</th>
                        <th scope="col">{move || i18n.t().col_unit_price}</th>
                        <th scope="col">{move || i18n.t().col_quantity}</th>
                        <th scope="col">{move || i18n.t().col_stock}</th>
                        <th scope="col">{move || i18n.t().col_line_total}</th>
                    </tr>
                </thead>
                <tbody>
                    {detail
                        .items
                        .clone()
                        .into_iter()
                        .map(|item| {
                            let (price, total) = (item.unit_price, item.line_total);
                            view! {
                                <tr>
                                    <td class="product">
                                        {item
                                            .image_url
                                            .clone()
                                            .map(|src| {
                                                view! { <img src=src alt="" width="48" height="48" loading="lazy" /> }
                                            })}
                                        <span>
                                            <strong>{item.name.clone()}</strong>
                                            <small>{item.sku.clone()} " · " {item.description.clone()}</small>
                                        </span>
                                    </td>
                                    <td class="num">{move || money(price)}</td>
                                    <td class="num">{item.quantity}</td>
                                    <td class="num">{item.stock.map(|s| s.to_string()).unwrap_or_default()}</td>
                                    <td class="num">{move || money(total)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="4">{move || i18n.t().total_excl_label}</th>
                        <td class="num">{move || money(excl)}</td>
                    </tr>
                    <tr>
                        <th scope="row" colspan="4">{move || i18n.t().shipping_label}</th>
                        <td class="num">{move || money(shipping)}</td>
                    </tr>
                    <tr>
                        <th scope="row" colspan="4">{move || i18n.t().total_incl_label}</th>
                        <td class="num">
                            <strong>{move || money(incl)}</strong>
                        </td>
                    </tr>
                </tfoot>
            </table>
            {detail
                .url
                .clone()
                .map(|url| {
                    view! {
                        <p>
                            <a href=url rel="noopener noreferrer" target="_blank">
                                {move || i18n.t().open_in_shop}
                            </a>
                        </p>
                    }
                })}
        </section>
    }
}

#[component]
pub(crate) fn Customer(customer: CustomerBlock) -> impl IntoView {
    let i18n = use_i18n();
    let newsletter = customer.newsletter;
    let (known_since, last_order) = (customer.known_since, customer.last_order_at);
    let orders = customer.orders_count;
    view! {
        <p class="customer-name">
            <strong>{customer.name.clone()}</strong>
            " "
            <small>"#" {customer.external_id.clone()}</small>
        </p>
        <dl class="facts stacked">
            <div>
                <dt>{move || i18n.t().label_email}</dt>
                <dd>{customer.email.clone()}</dd>
            </div>
            <div>
                <dt>{move || i18n.t().label_phone}</dt>
                <dd>{customer.phone.clone().unwrap_or_else(|| "—".into())}</dd>
            </div>
            <div>
                <dt>{move || i18n.t().label_language}</dt>
                <dd>{customer.language.code().to_uppercase()}</dd>
            </div>
            <div>
                <dt>{move || i18n.t().label_country}</dt>
                <dd>{customer.country.clone().unwrap_or_else(|| "—".into())}</dd>
            </div>
            <div>
                <dt>{move || i18n.t().label_time_zone}</dt>
                <dd>{customer.time_zone.clone().unwrap_or_else(|| "—".into())}</dd>
            </div>
            <div>
                <dt>{move || i18n.t().label_groups}</dt>
                <dd>{customer.groups.join(", ")}</dd>
            </div>
            <div>
                <dt>{move || i18n.t().label_newsletter}</dt>
                <dd>{move || if newsletter { i18n.t().yes } else { i18n.t().no }}</dd>
            </div>
            <div>
                <dt>{move || i18n.t().label_orders}</dt>
                <dd>{orders}</dd>
            </div>
            <div>
                <dt>{move || i18n.t().label_last_order}</dt>
                <dd>
                    {move || last_order.map(|at| i18n.date_time(at)).unwrap_or_else(|| "—".into())}
                </dd>
            </div>
            <div>
                <dt>{move || i18n.t().label_known_since}</dt>
                <dd>{move || i18n.date_time(known_since)}</dd>
            </div>
        </dl>
    }
}

#[component]
pub(crate) fn TimelineItem(entry: TimelineEntry, window_days: u32) -> impl IntoView {
    let i18n = use_i18n();
    let at = entry.at();
    let text = move || {
        let t = i18n.t();
        match &entry {
            TimelineEntry::Created { .. } => t.timeline_created.to_owned(),
            TimelineEntry::Event {
                event_type,
                outcome,
                ..
            } => (t.timeline_event)(event_type, outcome),
            TimelineEntry::Order {
                order_id,
                total,
                currency,
                status,
                credited,
                ..
            } => {
                let credit = match credited {
                    Some(credit) => (t.timeline.credited)(
                        &(t.delay)(credit.delay_amount, credit.delay_unit),
                        credit.rule,
                        window_days,
                    ),
                    None => (t.timeline.not_credited)(*status).to_owned(),
                };
                format!(
                    "{} · {} · {credit}",
                    (t.timeline.order)(order_id, *status),
                    format::money(*total, *currency, i18n.locale.get().language())
                )
            }
            TimelineEntry::Webhook {
                url,
                attempt,
                status_code,
                error,
                ..
            } => (t.timeline.webhook)(url, *attempt, *status_code, error.as_deref()),
            TimelineEntry::ReminderRequested { by, handled, .. } => {
                (t.timeline_request)(by, *handled)
            }
            TimelineEntry::Call {
                outcome,
                by,
                done_at,
                ..
            } => match (outcome, by, done_at) {
                (Some(outcome), Some(by), Some(at)) => format!(
                    "{} · {} · {}",
                    t.calls.timeline_call,
                    (t.calls.outcome_name)(*outcome),
                    (t.calls.done_by)(by, &i18n.date_time(*at))
                ),
                _ => format!("{} · {}", t.calls.timeline_call, t.calls.timeline_open),
            },
            TimelineEntry::Reminder {
                delay_amount,
                delay_unit,
                status,
                reason,
                code,
                redeemed_by,
                opened_at,
                clicked_at,
                led_to,
                ..
            } => {
                let mut parts = vec![(t.timeline_reminder)(
                    &(t.delay)(*delay_amount, *delay_unit),
                    status,
                    reason.as_deref(),
                )];
                if let Some(code) = code {
                    parts.push((t.timeline_coupon)(code, redeemed_by.as_deref()));
                }
                if let Some(opened) = opened_at {
                    parts.push((t.timeline.opened)(&i18n.date_time(*opened)));
                }
                if let Some(clicked) = clicked_at {
                    parts.push((t.timeline.clicked)(&i18n.date_time(*clicked)));
                }
                if let Some(led_to) = led_to {
                    parts.push((t.timeline.led_to)(&led_to.order_id, led_to.rule));
                }
                parts.join(" · ")
            }
        }
    };
    view! {
        <li>
            <time datetime=at.to_rfc3339()>{move || i18n.date_time(at)}</time>
            <span>{text}</span>
        </li>
    }
}
