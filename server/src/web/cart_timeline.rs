//! The cart page's timeline: every event, order, reminder and request, oldest first, each
//! order with the reminder it credits by the Statistics rules (`domain::stats::attribution`).

use std::collections::HashMap;

use app::api::{Credited, LedTo, TimelineEntry};
use chrono::{DateTime, Duration, Utc};
use domain::lifecycle::OrderStatus;
use domain::stats::{attribution, AttributionRules, Order, SentReminder, Touch};
use domain::{Currency, DelayUnit};

use crate::db::cart_detail::{CartDetailRows, DeliveryRow};
use crate::db::money::from_db;

fn delay_unit(row: &DeliveryRow) -> DelayUnit {
    if row.delay_unit == "days" {
        DelayUnit::Days
    } else {
        DelayUnit::Hours
    }
}

/// The cart's sent reminders as the attribution rules see them.
fn sent_reminders(rows: &CartDetailRows) -> Vec<SentReminder> {
    let mut clicks: HashMap<&str, Vec<Touch>> = HashMap::new();
    for click in &rows.clicks {
        clicks.entry(&click.delivery_id).or_default().push(Touch {
            at: click.occurred_at,
            scanner: click.probable_scanner,
        });
    }
    rows.deliveries
        .iter()
        .filter_map(|d| {
            Some(SentReminder {
                delivery_id: d.delivery_id.clone(),
                cart_id: rows.cart.cart_id.clone(),
                customer_id: String::new(),
                step_id: d.step_id.clone(),
                template_id: String::new(),
                sent_at: d.sent_at?,
                opens: Vec::new(),
                clicks: clicks.remove(d.delivery_id.as_str()).unwrap_or_default(),
                coupon_code: d.code.clone(),
                unsubscribed_at: None,
            })
        })
        .collect()
}

/// Everything that happened to the cart, oldest first; credits counted with an attribution
/// window of `window_days`, people's clicks only (as Statistics by default).
pub fn timeline(rows: CartDetailRows, currency: Currency, window_days: u32) -> Vec<TimelineEntry> {
    let rules = AttributionRules {
        window: Duration::days(i64::from(window_days)),
        include_scanners: false,
    };
    let reminders = sent_reminders(&rows);
    // Each paid order's credit: (order id, delivery id, rule).
    let credits: Vec<(String, String, domain::stats::CreditRule)> = rows
        .orders
        .iter()
        .filter(|o| OrderStatus::parse(&o.status).is_some_and(|s| s.counts()))
        .filter_map(|o| {
            let order = Order {
                cart_id: o.cart_id.clone(),
                ordered_at: o.ordered_at,
                total: from_db(o.total_tax_incl),
                coupon_codes: serde_json::from_str(&o.spent_codes_json).unwrap_or_default(),
            };
            let credit = attribution(&order, &reminders, &rules)?;
            Some((
                o.external_id.clone(),
                credit.reminder.delivery_id.clone(),
                credit.rule,
            ))
        })
        .collect();
    let delivery_by_id: HashMap<&str, &DeliveryRow> = rows
        .deliveries
        .iter()
        .map(|d| (d.delivery_id.as_str(), d))
        .collect();
    let credited = |order_id: &str| {
        credits
            .iter()
            .find(|(order, ..)| order == order_id)
            .and_then(|(_, delivery, rule)| {
                let d = delivery_by_id.get(delivery.as_str())?;
                Some(Credited {
                    delay_amount: u32::try_from(d.delay_amount).unwrap_or(0),
                    delay_unit: delay_unit(d),
                    rule: *rule,
                })
            })
    };
    let led_to = |delivery_id: &str| {
        credits
            .iter()
            .find(|(_, delivery, _)| delivery == delivery_id)
            .map(|(order, _, rule)| LedTo {
                order_id: order.clone(),
                rule: *rule,
            })
    };
    let created: DateTime<Utc> = rows.cart.created_at;
    let mut timeline: Vec<TimelineEntry> = std::iter::once(TimelineEntry::Created { at: created })
        .chain(rows.events.iter().map(|e| TimelineEntry::Event {
            at: e.occurred_at,
            event_id: e.event_id.clone(),
            event_type: e.event_type.clone(),
            outcome: e.outcome.clone(),
        }))
        .chain(rows.orders.iter().map(|o| TimelineEntry::Order {
            at: o.ordered_at,
            order_id: o.external_id.clone(),
            total: from_db(o.total_tax_incl),
            currency: Currency::parse(&o.currency).unwrap_or(currency),
            status: OrderStatus::parse(&o.status).unwrap_or(OrderStatus::Paid),
            credited: credited(&o.external_id),
        }))
        .chain(rows.deliveries.iter().map(|d| TimelineEntry::Reminder {
            at: d.sent_at.unwrap_or(d.updated_at),
            delay_amount: u32::try_from(d.delay_amount).unwrap_or(0),
            delay_unit: delay_unit(d),
            status: d.status.clone(),
            reason: d.skip_reason.clone().or_else(|| d.last_error.clone()),
            code: d.code.clone(),
            redeemed_by: d.used_by_order.clone(),
            opened_at: d.opened_at,
            clicked_at: d.clicked_at,
            led_to: led_to(&d.delivery_id),
        }))
        .chain(
            rows.webhook_attempts
                .iter()
                .map(|a| TimelineEntry::Webhook {
                    at: a.attempted_at,
                    url: a.url.clone(),
                    attempt: u32::try_from(a.attempt).unwrap_or(0),
                    status_code: a.status_code.and_then(|s| u16::try_from(s).ok()),
                    error: a.error.clone(),
                }),
        )
        .chain(
            rows.requests
                .iter()
                .map(|r| TimelineEntry::ReminderRequested {
                    at: r.requested_at,
                    by: r.email.clone(),
                    handled: r.handled_at.is_some(),
                }),
        )
        .collect();
    timeline.sort_by_key(TimelineEntry::at);
    timeline
}
