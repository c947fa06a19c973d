//! The demo's tracking history (`relance demo --history`): the reminders the demo campaign
//! would have sent to the carts abandoned before `now`, with opens, clicks (some by mail
//! scanners), unsubscribes, discount codes and orders that used them. It fills the Statistics
//! page, and at scale (`--carts 600000 --days 365`) it is the one-million-delivery benchmark.

use chrono::{DateTime, Duration, Utc};
use domain::engine::{coupon_code, CouponPrefix, CODE_LENGTH};
use domain::{HoldoutShare, SplitTest};
use rust_decimal::Decimal;

use super::seeded::seeded_id;
use crate::db::{DemoBatch, HistoryCoupon, HistoryDelivery, HistoryEvent};

/// The demo campaign's two steps (ids, templates and how long after the last activity each
/// falls due), its control group and its first step's A/B test, as `seed` wrote them.
pub struct HistorySteps<'a> {
    pub campaign_id: &'a str,
    pub holdout: HoldoutShare,
    pub split: Option<&'a SplitTest>,
    /// How long after the last activity a cart counts as abandoned.
    pub abandoned_after: Duration,
    pub steps: [(&'a str, &'a str, Duration); 2],
}

/// The share (in %) of a control cart's orders after its first reminder would have gone that
/// the reminders brought: without them, those orders do not happen.
const RECOVERED_PERCENT: u8 = 40;

/// Adds the history of every cart of `batch` to it; orders after a reminder with a code use
/// the code half of the time.
pub fn add_history(
    rng: &mut fastrand::Rng,
    batch: &mut DemoBatch,
    steps: &HistorySteps<'_>,
    now: DateTime<Utc>,
) {
    let prefix = CouponPrefix::default();
    let order_of: std::collections::HashMap<usize, usize> = batch
        .orders
        .iter()
        .enumerate()
        .map(|(index, order)| (order.cart, index))
        .collect();
    let customers: std::collections::HashMap<&str, (&str, &str)> = batch
        .customers
        .iter()
        .map(|c| {
            let profile = (c.customer.language.code(), c.customer.email.as_str());
            (c.customer_id.as_str(), profile)
        })
        .collect();
    let drawn = !steps.holdout.is_none();
    let mut lost_orders = Vec::new();
    for (index, cart) in batch.carts.iter().enumerate() {
        let Some(customer_id) = cart.customer_id.as_deref() else {
            continue;
        };
        if cart.deleted_at.is_some() {
            continue;
        }
        let (language, email) = customers.get(customer_id).copied().unwrap_or(("fr", ""));
        if steps.holdout.holds_out(steps.campaign_id, email) {
            let (step_id, template_id, delay) = steps.steps[0];
            let due_at = cart.last_activity_at + delay;
            if due_at > now || cart.ordered_at.is_some_and(|ordered| ordered <= due_at) {
                continue;
            }
            batch.history.deliveries.push(HistoryDelivery {
                delivery_id: seeded_id(rng),
                cart: index,
                campaign_id: steps.campaign_id.to_owned(),
                step_id: step_id.to_owned(),
                template_id: template_id.to_owned(),
                language: language.to_owned(),
                abandoned_at: cart.last_activity_at + steps.abandoned_after,
                due_at,
                sent_at: due_at,
                coupon: None,
                control_group: Some(true),
            });
            if let Some(order) = order_of.get(&index) {
                if rng.u8(..100) < RECOVERED_PERCENT {
                    lost_orders.push(*order);
                }
            }
            continue;
        }
        for (position, (step_id, template_id, delay)) in steps.steps.iter().enumerate() {
            let sent_at = cart.last_activity_at + *delay + Duration::seconds(rng.i64(5..900));
            if sent_at > now || cart.ordered_at.is_some_and(|ordered| ordered <= sent_at) {
                break;
            }
            let delivery_id = seeded_id(rng);
            let variant_b = steps
                .split
                .filter(|split| position == 0 && split.takes(step_id, cart.cart.id.as_str()));
            let template_id = variant_b.map_or(*template_id, |split| split.template_id.as_str());
            let coupon = (position == 1).then(|| {
                let mut random = [0u8; CODE_LENGTH];
                for byte in &mut random {
                    *byte = rng.u8(..);
                }
                HistoryCoupon {
                    coupon_id: seeded_id(rng),
                    code: coupon_code(&prefix, random),
                    percent: if cart.cart.total_tax_incl.amount() >= Decimal::from(100) {
                        15
                    } else {
                        10
                    },
                    expires_at: sent_at + Duration::days(7),
                    used: None,
                }
            });
            batch.history.deliveries.push(HistoryDelivery {
                delivery_id: delivery_id.clone(),
                cart: index,
                campaign_id: steps.campaign_id.to_owned(),
                step_id: (*step_id).to_owned(),
                template_id: template_id.to_owned(),
                language: language.to_owned(),
                abandoned_at: cart.last_activity_at + steps.abandoned_after,
                due_at: cart.last_activity_at + *delay,
                sent_at,
                coupon,
                control_group: drawn.then_some(false),
            });
            let delivery = batch.history.deliveries.len() - 1;
            let engaging = variant_b.is_some();
            events(
                rng,
                &mut batch.history.events,
                delivery,
                sent_at,
                now,
                engaging,
            );
        }
        // An order after the second reminder uses its code half of the time.
        if let (Some(order), Some(last)) =
            (order_of.get(&index), batch.history.deliveries.last_mut())
        {
            let order = &mut batch.orders[*order];
            if last.cart == index && last.sent_at < order.ordered_at && rng.bool() {
                if let Some(coupon) = last.coupon.as_mut() {
                    coupon.used = Some((order.external_id.clone(), order.ordered_at));
                    order.coupon_codes.push(coupon.code.clone());
                }
            }
        }
    }
    lose_orders(batch, lost_orders);
}

/// Takes away the control carts' orders that only reminders would have brought: the carts
/// stay abandoned.
fn lose_orders(batch: &mut DemoBatch, mut lost: Vec<usize>) {
    lost.sort_unstable();
    for order in lost.into_iter().rev() {
        let cart = batch.orders.remove(order).cart;
        batch.carts[cart].ordered_at = None;
    }
}

/// What a customer does with one reminder: mail scanners open and click on arrival now and
/// then; people open about four in ten, click a third of those (more with an `engaging`
/// reminder, the A/B test's variant B), and a few unsubscribe.
fn events(
    rng: &mut fastrand::Rng,
    out: &mut Vec<HistoryEvent>,
    delivery: usize,
    sent_at: DateTime<Utc>,
    now: DateTime<Utc>,
    engaging: bool,
) {
    let (open_percent, click_percent) = if engaging { (48, 40) } else { (42, 33) };
    let mut push = |kind: &'static str, at: DateTime<Utc>, scanner: bool, id: String| {
        if at <= now {
            out.push(HistoryEvent {
                event_id: id,
                delivery,
                kind,
                at,
                scanner,
            });
        }
    };
    if rng.u8(..100) < 4 {
        push("open", sent_at + Duration::seconds(2), true, seeded_id(rng));
        push(
            "click",
            sent_at + Duration::seconds(3),
            true,
            seeded_id(rng),
        );
    }
    if rng.u8(..100) < open_percent {
        let opened = sent_at + Duration::seconds(rng.i64(120..20 * 3600));
        push("open", opened, false, seeded_id(rng));
        if rng.u8(..100) < click_percent {
            let clicked = opened + Duration::seconds(rng.i64(10..600));
            push("click", clicked, false, seeded_id(rng));
        }
        if rng.u16(..1000) < 8 {
            let left = opened + Duration::seconds(rng.i64(10..600));
            push("unsubscribe", left, false, seeded_id(rng));
        }
    }
}
