//! The headline figures of a period and the per-step / per-template funnels.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::attribution::{attribute, AttributionRules, Order, SentReminder};

/// `[from, to)`: the shop's days turned into UTC moments by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Period {
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        at >= self.from && at < self.to
    }
}

/// A part of a whole; no percentage when the whole is empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rate {
    pub part: u64,
    pub whole: u64,
}

impl Rate {
    pub fn percent(&self) -> Option<Decimal> {
        (self.whole > 0).then(|| {
            (Decimal::from(self.part) * Decimal::from(100) / Decimal::from(self.whole)).round_dp(1)
        })
    }
}

/// A cart, as the figures need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartFact {
    pub cart_id: String,
    pub created_at: DateTime<Utc>,
    /// When it became abandoned, if it did.
    pub abandoned_at: Option<DateTime<Utc>>,
    /// Its value (tax included) when last seen.
    pub value: Decimal,
}

/// The four figures of the Statistics page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    /// Carts that became abandoned in the period / carts created in it.
    pub abandoned: Rate,
    /// Carts reminded in the period then ordered / carts reminded in it.
    pub finalised: Rate,
    /// Orders of the period credited to a reminder.
    pub revenue: Decimal,
    /// That revenue against the value of the carts reminded in the period, in percent.
    pub revenue_share: Option<Decimal>,
    /// Customers reminded in the period who unsubscribed at or after their first reminder of
    /// it / customers reminded in it.
    pub unsubscribed: Rate,
}

pub fn headline(
    period: Period,
    carts: &[CartFact],
    reminders: &[SentReminder],
    orders: &[Order],
    rules: &AttributionRules,
) -> Headline {
    let created = carts
        .iter()
        .filter(|c| period.contains(c.created_at))
        .count() as u64;
    let abandoned = carts
        .iter()
        .filter(|c| c.abandoned_at.is_some_and(|at| period.contains(at)))
        .count() as u64;

    let in_period: Vec<&SentReminder> = reminders
        .iter()
        .filter(|r| period.contains(r.sent_at))
        .collect();
    let mut first_reminder: HashMap<&str, DateTime<Utc>> = HashMap::new();
    for reminder in &in_period {
        first_reminder
            .entry(reminder.cart_id.as_str())
            .and_modify(|at| *at = (*at).min(reminder.sent_at))
            .or_insert(reminder.sent_at);
    }
    let finalised = first_reminder
        .iter()
        .filter(|(cart, first)| {
            orders
                .iter()
                .any(|o| o.cart_id.as_deref() == Some(**cart) && o.ordered_at >= **first)
        })
        .count() as u64;

    let revenue: Decimal = orders
        .iter()
        .filter(|o| period.contains(o.ordered_at))
        .filter(|o| attribute(o, reminders, rules).is_some())
        .map(|o| o.total)
        .sum();
    let reminded_value: Decimal = carts
        .iter()
        .filter(|c| first_reminder.contains_key(c.cart_id.as_str()))
        .map(|c| c.value)
        .sum();

    // A customer counts once, from their first reminder of the period; they count as
    // unsubscribed when they left at or after it, from whichever reminder.
    let mut first_of_customer: HashMap<&str, DateTime<Utc>> = HashMap::new();
    for reminder in &in_period {
        first_of_customer
            .entry(reminder.customer_id.as_str())
            .and_modify(|at| *at = (*at).min(reminder.sent_at))
            .or_insert(reminder.sent_at);
    }
    let unsubscribed_customers = first_of_customer
        .iter()
        .filter(|(customer, first)| {
            reminders.iter().any(|r| {
                r.customer_id == **customer && r.unsubscribed_at.is_some_and(|at| at >= **first)
            })
        })
        .count() as u64;

    Headline {
        abandoned: Rate {
            part: abandoned,
            whole: created,
        },
        finalised: Rate {
            part: finalised,
            whole: first_reminder.len() as u64,
        },
        revenue,
        revenue_share: (reminded_value > Decimal::ZERO)
            .then(|| (revenue * Decimal::from(100) / reminded_value).round_dp(1)),
        unsubscribed: Rate {
            part: unsubscribed_customers,
            whole: first_of_customer.len() as u64,
        },
    }
}

/// What a funnel groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunnelKey {
    Step,
    Template,
}

/// Sent > opened > clicked > converted, and the revenue of the conversions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Funnel {
    pub key: String,
    pub sent: u64,
    pub opened: u64,
    pub clicked: u64,
    pub converted: u64,
    pub revenue: Decimal,
}

/// One funnel per step (or template) for the reminders sent in the period, their conversions
/// counted by attribution whenever the order came.
pub fn funnel(
    period: Period,
    reminders: &[SentReminder],
    orders: &[Order],
    rules: &AttributionRules,
    key: FunnelKey,
) -> Vec<Funnel> {
    let key_of = |r: &SentReminder| match key {
        FunnelKey::Step => r.step_id.clone(),
        FunnelKey::Template => r.template_id.clone(),
    };
    let mut funnels: BTreeMap<String, Funnel> = BTreeMap::new();
    for reminder in reminders.iter().filter(|r| period.contains(r.sent_at)) {
        let entry = funnels.entry(key_of(reminder)).or_insert_with(|| Funnel {
            key: key_of(reminder),
            ..Funnel::default()
        });
        entry.sent += 1;
        entry.opened += u64::from(reminder.opened(rules));
        entry.clicked += u64::from(reminder.clicked(rules));
    }
    let mut credited: HashSet<&str> = HashSet::new();
    for order in orders {
        let Some(reminder) = attribute(order, reminders, rules) else {
            continue;
        };
        if !period.contains(reminder.sent_at) {
            continue;
        }
        if let Some(entry) = funnels.get_mut(&key_of(reminder)) {
            if credited.insert(reminder.delivery_id.as_str()) {
                entry.converted += 1;
            }
            entry.revenue += order.total;
        }
    }
    funnels.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::super::attribution::tests::{at, order, reminder};
    use super::super::Touch;
    use super::*;

    fn november() -> Period {
        Period {
            from: at("2026-11-01T00:00:00Z"),
            to: at("2026-12-01T00:00:00Z"),
        }
    }

    fn cart(id: &str, created: &str, abandoned: Option<&str>, value: i64) -> CartFact {
        CartFact {
            cart_id: id.into(),
            created_at: at(created),
            abandoned_at: abandoned.map(at),
            value: Decimal::from(value),
        }
    }

    fn opened(mut r: SentReminder, when: &str) -> SentReminder {
        r.opens.push(Touch {
            at: at(when),
            scanner: false,
        });
        r
    }

    #[test]
    fn the_four_figures_of_a_hand_made_month() {
        let carts = [
            cart(
                "c1",
                "2026-11-02T10:00:00Z",
                Some("2026-11-02T10:30:00Z"),
                100,
            ),
            cart(
                "c2",
                "2026-11-03T10:00:00Z",
                Some("2026-11-03T10:30:00Z"),
                50,
            ),
            cart("c3", "2026-11-04T10:00:00Z", None, 30),
            cart(
                "c4",
                "2026-10-30T10:00:00Z",
                Some("2026-10-30T10:30:00Z"),
                70,
            ),
        ];
        let mut unsubscriber = reminder("d2", "c2", "s1", "2026-11-03T11:30:00Z");
        unsubscriber.unsubscribed_at = Some(at("2026-11-03T12:00:00Z"));
        let reminders = [
            opened(
                reminder("d1", "c1", "s1", "2026-11-02T11:30:00Z"),
                "2026-11-02T12:00:00Z",
            ),
            unsubscriber,
            // Reminded in October: not in November's figures.
            reminder("d4", "c4", "s1", "2026-10-30T11:30:00Z"),
        ];
        let orders = [
            order("c1", "2026-11-02T13:00:00Z", 100),
            order("c3", "2026-11-04T11:00:00Z", 30),
        ];

        let figures = headline(
            november(),
            &carts,
            &reminders,
            &orders,
            &AttributionRules::default(),
        );

        assert_eq!(figures.abandoned, Rate { part: 2, whole: 3 });
        assert_eq!(figures.abandoned.percent(), Some(Decimal::new(667, 1)));
        assert_eq!(figures.finalised, Rate { part: 1, whole: 2 });
        assert_eq!(figures.revenue, Decimal::from(100));
        // 100 credited against the 150 of the two reminded carts.
        assert_eq!(figures.revenue_share, Some(Decimal::new(667, 1)));
        assert_eq!(figures.unsubscribed, Rate { part: 1, whole: 2 });
    }

    #[test]
    fn funnels_per_step_count_each_stage_and_the_credited_revenue() {
        let mut clicked = reminder("d3", "c3", "s2", "2026-11-05T10:00:00Z");
        clicked.clicks.push(Touch {
            at: at("2026-11-05T10:10:00Z"),
            scanner: false,
        });
        let reminders = [
            opened(
                reminder("d1", "c1", "s1", "2026-11-02T11:30:00Z"),
                "2026-11-02T12:00:00Z",
            ),
            reminder("d2", "c2", "s1", "2026-11-03T11:30:00Z"),
            clicked,
        ];
        let orders = [
            order("c1", "2026-11-02T13:00:00Z", 100),
            order("c3", "2026-11-05T11:00:00Z", 40),
            // Never opened, but ordered half an hour after the send: credited by the send.
            order("c2", "2026-11-03T12:00:00Z", 60),
        ];

        let steps = funnel(
            november(),
            &reminders,
            &orders,
            &AttributionRules::default(),
            FunnelKey::Step,
        );

        assert_eq!(
            steps,
            vec![
                Funnel {
                    key: "s1".into(),
                    sent: 2,
                    opened: 1,
                    clicked: 0,
                    converted: 2,
                    revenue: Decimal::from(160),
                },
                Funnel {
                    key: "s2".into(),
                    sent: 1,
                    opened: 1,
                    clicked: 1,
                    converted: 1,
                    revenue: Decimal::from(40),
                },
            ]
        );
        let templates = funnel(
            november(),
            &reminders,
            &orders,
            &AttributionRules::default(),
            FunnelKey::Template,
        );
        assert_eq!(
            templates.iter().map(|f| f.key.as_str()).collect::<Vec<_>>(),
            ["t-s1", "t-s2"]
        );
    }

    #[test]
    fn an_empty_period_has_no_percentages() {
        let empty = headline(november(), &[], &[], &[], &AttributionRules::default());
        assert_eq!(empty.abandoned.percent(), None);
        assert_eq!(empty.revenue_share, None);
        assert_eq!(empty.revenue, Decimal::ZERO);
    }
}
