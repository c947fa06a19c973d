use chrono::Duration;

use super::super::attribution::tests::{at, order, reminder};
use super::super::figures::{funnel, headline, CartFact};
use super::super::Touch;
use super::*;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn touch(when: &str, scanner: bool) -> Touch {
    Touch {
        at: at(when),
        scanner,
    }
}

/// Three weeks of a small shop: two steps, repeat customers, a scanner, a coupon order on
/// another cart, an order of an unknown cart, an unsubscribe, a late order.
fn history() -> (Vec<CartFact>, Vec<SentReminder>, Vec<Order>) {
    let cart = |id: &str, created: &str, value: i64| CartFact {
        cart_id: id.into(),
        created_at: at(created),
        abandoned_at: Some(at(created) + Duration::minutes(30)),
        value: Decimal::from(value),
    };
    let carts = vec![
        cart("c1", "2026-11-01T08:00:00Z", 100),
        cart("c2", "2026-11-01T09:00:00Z", 40),
        cart("c3", "2026-11-03T22:00:00Z", 75),
        cart("c4", "2026-11-06T10:00:00Z", 60),
        cart("c5", "2026-11-10T10:00:00Z", 90),
        CartFact {
            abandoned_at: None,
            ..cart("c6", "2026-11-11T10:00:00Z", 20)
        },
    ];
    let mut reminders = Vec::new();
    let mut r = reminder("d1", "c1", "s1", "2026-11-01T09:00:00Z");
    r.opens.push(touch("2026-11-01T09:00:02Z", true));
    r.opens.push(touch("2026-11-01T12:00:00Z", false));
    reminders.push(r);
    let mut r = reminder("d2", "c1", "s2", "2026-11-02T08:30:00Z");
    r.clicks.push(touch("2026-11-02T08:30:03Z", true));
    r.coupon_code = Some("RLC-AAAA".into());
    reminders.push(r);
    let mut r = reminder("d3", "c2", "s1", "2026-11-01T10:00:00Z");
    r.customer_id = "cu-c1".into();
    r.clicks.push(touch("2026-11-01T18:00:00Z", false));
    reminders.push(r);
    let mut r = reminder("d4", "c3", "s1", "2026-11-03T23:00:00Z");
    r.unsubscribed_at = Some(at("2026-11-04T07:00:00Z"));
    reminders.push(r);
    let mut r = reminder("d5", "c4", "s1", "2026-11-06T11:00:00Z");
    r.template_id = "t-other".into();
    r.opens.push(touch("2026-11-06T11:30:00Z", false));
    reminders.push(r);
    let mut r = reminder("d6", "c4", "s2", "2026-11-07T10:00:00Z");
    r.coupon_code = Some("RLC-BBBB".into());
    reminders.push(r);
    reminders.push(reminder("d7", "c5", "s1", "2026-11-10T11:00:00Z"));
    let mut r = reminder("d8", "c5", "s2", "2026-11-11T10:00:00Z");
    r.customer_id = "cu-c4".into();
    r.opens.push(touch("2026-11-11T10:00:01Z", true));
    reminders.push(r);

    let mut orders = vec![
        // Opened by a person then ordered: credited to d3 (the click).
        order("c2", "2026-11-01T20:00:00Z", 40),
        // Ordered on c1 a day after d2 was sent (only a scanner touched it): d2's.
        order("c1", "2026-11-03T09:00:00Z", 100),
        // Unknown cart using d6's code: credited by the coupon, no click needed.
        Order {
            cart_id: None,
            ordered_at: at("2026-11-08T15:00:00Z"),
            total: Decimal::from(55),
            coupon_codes: vec!["RLC-BBBB".into()],
        },
        // c5 ordered long after the window.
        order("c5", "2026-11-20T10:00:00Z", 90),
        // A cart never reminded.
        order("c6", "2026-11-11T11:00:00Z", 20),
    ];
    orders[1].coupon_codes.push("NOT-OURS".into());
    (carts, reminders, orders)
}

fn stored_days(carts: &[CartFact], reminders: &[SentReminder], orders: &[Order]) -> Vec<DayStats> {
    let values: HashMap<String, Decimal> =
        carts.iter().map(|c| (c.cart_id.clone(), c.value)).collect();
    day("2026-10-30")
        .iter_days()
        .take_while(|d| *d <= day("2026-11-25"))
        .map(|d| {
            let from = d.and_hms_opt(0, 0, 0).unwrap().and_utc();
            let period = Period {
                from,
                to: from + Duration::days(1),
            };
            let count = |at: Option<DateTime<Utc>>| at.is_some_and(|at| period.contains(at));
            day_stats(
                &DayFacts {
                    day: d,
                    period,
                    carts_created: carts.iter().filter(|c| count(Some(c.created_at))).count()
                        as u64,
                    carts_abandoned: carts.iter().filter(|c| count(c.abandoned_at)).count() as u64,
                    reminders,
                    orders,
                    cart_values: &values,
                },
                &AttributionRules::default(),
                |at| at.date_naive(),
            )
        })
        .collect()
}

#[test]
fn stored_days_add_up_to_the_definitions_for_every_range() {
    let (carts, reminders, orders) = history();
    let days = stored_days(&carts, &reminders, &orders);
    let first = day("2026-10-31");
    let last = day("2026-11-22");
    let mut checked = 0;
    for from in first.iter_days().take_while(|d| *d <= last) {
        for to in from.iter_days().take_while(|d| *d <= last) {
            let period = Period {
                from: from.and_hms_opt(0, 0, 0).unwrap().and_utc(),
                to: (to + Duration::days(1))
                    .and_hms_opt(0, 0, 0)
                    .unwrap()
                    .and_utc(),
            };
            for scanners in [false, true] {
                let rules = AttributionRules {
                    include_scanners: scanners,
                    ..AttributionRules::default()
                };
                assert_eq!(
                    headline_of_days(&days, from, to, scanners),
                    headline(period, &carts, &reminders, &orders, &rules),
                    "{from}..={to} scanners {scanners}"
                );
                for key in [FunnelKey::Step, FunnelKey::Template] {
                    assert_eq!(
                        funnels_of_days(&days, from, to, scanners, key),
                        funnel(period, &reminders, &orders, &rules, key),
                        "{from}..={to} scanners {scanners}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 23 * 24);
}

#[test]
fn a_customer_reminded_on_two_days_counts_once_in_a_range_covering_both() {
    let (carts, reminders, orders) = history();
    let days = stored_days(&carts, &reminders, &orders);

    let both = headline_of_days(&days, day("2026-11-01"), day("2026-11-02"), false);
    let second = headline_of_days(&days, day("2026-11-02"), day("2026-11-02"), false);

    // cu-c1 was reminded on the 1st (c1 and c2) and the 2nd (c1).
    assert_eq!(both.unsubscribed.whole, 1);
    assert_eq!(both.finalised, Rate { part: 2, whole: 2 });
    assert_eq!(second.unsubscribed.whole, 1);
    assert_eq!(second.finalised, Rate { part: 1, whole: 1 });
}

#[test]
fn scanners_change_the_funnel_only_when_shown_and_never_a_send_s_credit() {
    let (carts, reminders, orders) = history();
    let days = stored_days(&carts, &reminders, &orders);
    let (from, to) = (day("2026-11-01"), day("2026-11-30"));

    let people = headline_of_days(&days, from, to, false);
    let everything = headline_of_days(&days, from, to, true);

    // c1's order comes within the window of d2's send: d2 gets it whether or not the
    // scanner's click is shown.
    assert_eq!(people.revenue, Decimal::from(195));
    assert_eq!(everything.revenue, Decimal::from(195));
    let step2 = |scanners| {
        funnels_of_days(&days, from, to, scanners, FunnelKey::Step)
            .into_iter()
            .find(|f| f.key == "s2")
            .unwrap()
    };
    assert_eq!((step2(false).opened, step2(false).clicked), (0, 0));
    assert_eq!((step2(true).opened, step2(true).clicked), (2, 1));
    assert_eq!(step2(false).converted, 2);
    assert_eq!(step2(true).converted, 2);
}

#[test]
fn the_series_has_every_day_of_the_range() {
    let (carts, reminders, orders) = history();
    let days = stored_days(&carts, &reminders, &orders);

    let series = series_of_days(&days, day("2026-11-01"), day("2026-11-08"), false);

    assert_eq!(series.len(), 8);
    assert_eq!(series[0].revenue, Decimal::from(40));
    assert_eq!(series[0].conversion, Rate { part: 2, whole: 2 });
    assert_eq!(series[7].revenue, Decimal::from(55));
    assert_eq!(series[4].conversion, Rate::default());
}
