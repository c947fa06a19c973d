//! Which reminder gets the credit for an order.

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An open or a click, and whether it looks like a mail scanner (within seconds of sending).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touch {
    pub at: DateTime<Utc>,
    pub scanner: bool,
}

/// A reminder that went out, with what the customer did with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentReminder {
    pub delivery_id: String,
    pub cart_id: String,
    pub customer_id: String,
    pub step_id: String,
    pub template_id: String,
    pub sent_at: DateTime<Utc>,
    pub opens: Vec<Touch>,
    pub clicks: Vec<Touch>,
    pub coupon_code: Option<String>,
    pub unsubscribed_at: Option<DateTime<Utc>>,
}

/// An order as the shop reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// `None` for an order of a cart Relance never saw: it still counts in the totals.
    pub cart_id: Option<String>,
    pub ordered_at: DateTime<Utc>,
    pub total: Decimal,
    pub coupon_codes: Vec<String>,
}

/// How credit is given: an order within `window` after a reminder's send or a person's click
/// on it (Klaviyo's attribution window; scanners' clicks left out unless asked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttributionRules {
    pub window: Duration,
    pub include_scanners: bool,
}

impl Default for AttributionRules {
    fn default() -> Self {
        Self {
            window: Duration::days(7),
            include_scanners: false,
        }
    }
}

/// Why a reminder gets an order's credit; Statistics and the cart page say which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditRule {
    /// The order spent the reminder's code.
    Code,
    /// The order came within the window after a person clicked the reminder.
    Click,
    /// The order came within the window after the reminder was sent.
    Send,
}

/// The reminder credited with an order, and by which rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution<'a> {
    pub reminder: &'a SentReminder,
    pub rule: CreditRule,
}

impl SentReminder {
    /// Whether an order at `at` comes within the window of this reminder, and why: after its
    /// send, else after a click by a person (by anything, with scanners included).
    fn window_rule(&self, at: DateTime<Utc>, rules: &AttributionRules) -> Option<CreditRule> {
        if self.sent_at > at {
            return None;
        }
        if at <= self.sent_at + rules.window {
            return Some(CreditRule::Send);
        }
        self.clicks
            .iter()
            .filter(|touch| rules.include_scanners || !touch.scanner)
            .any(|touch| touch.at <= at && at <= touch.at + rules.window)
            .then_some(CreditRule::Click)
    }

    pub fn opened(&self, rules: &AttributionRules) -> bool {
        self.opens
            .iter()
            .chain(&self.clicks)
            .any(|touch| rules.include_scanners || !touch.scanner)
    }

    pub fn clicked(&self, rules: &AttributionRules) -> bool {
        self.clicks
            .iter()
            .any(|touch| rules.include_scanners || !touch.scanner)
    }
}

/// The reminder credited with `order`: the one whose code the order spent; else the last
/// reminder of its cart the order came within the window of (after its send or a click);
/// else none. Only paid orders are given (see `Order`).
pub fn attribute<'a>(
    order: &Order,
    reminders: &'a [SentReminder],
    rules: &AttributionRules,
) -> Option<&'a SentReminder> {
    credit_among(order, reminders, rules).map(|credit| credit.reminder)
}

/// [`attribute`], with the rule that gave the credit.
pub fn attribution<'a>(
    order: &Order,
    reminders: &'a [SentReminder],
    rules: &AttributionRules,
) -> Option<Attribution<'a>> {
    credit_among(order, reminders, rules)
}

/// [`attribute`] over any ordered selection of reminders that holds the order's cart's
/// reminders and those carrying the codes it used (the daily figures pass just those).
pub(super) fn credit_among<'a, I>(
    order: &Order,
    reminders: I,
    rules: &AttributionRules,
) -> Option<Attribution<'a>>
where
    I: IntoIterator<Item = &'a SentReminder> + Clone,
{
    let by_coupon = reminders.clone().into_iter().find(|reminder| {
        reminder.sent_at <= order.ordered_at
            && reminder.coupon_code.as_ref().is_some_and(|code| {
                order
                    .coupon_codes
                    .iter()
                    .any(|used| used.eq_ignore_ascii_case(code))
            })
    });
    if let Some(reminder) = by_coupon {
        return Some(Attribution {
            reminder,
            rule: CreditRule::Code,
        });
    }
    let cart_id = order.cart_id.as_deref()?;
    reminders
        .into_iter()
        .filter(|reminder| reminder.cart_id == cart_id)
        .filter_map(|reminder| {
            let rule = reminder.window_rule(order.ordered_at, rules)?;
            Some(Attribution { reminder, rule })
        })
        .max_by_key(|credit| credit.reminder.sent_at)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    pub fn reminder(id: &str, cart: &str, step: &str, sent: &str) -> SentReminder {
        SentReminder {
            delivery_id: id.into(),
            cart_id: cart.into(),
            customer_id: format!("cu-{cart}"),
            step_id: step.into(),
            template_id: format!("t-{step}"),
            sent_at: at(sent),
            opens: Vec::new(),
            clicks: Vec::new(),
            coupon_code: None,
            unsubscribed_at: None,
        }
    }

    pub fn order(cart: &str, when: &str, total: i64) -> Order {
        Order {
            cart_id: Some(cart.into()),
            ordered_at: at(when),
            total: Decimal::from(total),
            coupon_codes: Vec::new(),
        }
    }

    fn person(when: &str) -> Touch {
        Touch {
            at: at(when),
            scanner: false,
        }
    }

    fn credited(
        order: &Order,
        reminders: &[SentReminder],
        rules: &AttributionRules,
    ) -> Option<(String, CreditRule)> {
        attribution(order, reminders, rules).map(|c| (c.reminder.delivery_id.clone(), c.rule))
    }

    #[test]
    fn the_last_reminder_sent_within_the_window_gets_the_order_opened_or_not() {
        let mut first = reminder("d1", "c1", "s1", "2026-11-01T10:00:00Z");
        first.opens.push(person("2026-11-01T11:00:00Z"));
        let second = reminder("d2", "c1", "s2", "2026-11-02T10:00:00Z");
        let reminders = [first, second];

        assert_eq!(
            credited(
                &order("c1", "2026-11-03T09:00:00Z", 80),
                &reminders,
                &AttributionRules::default()
            ),
            Some(("d2".into(), CreditRule::Send))
        );
    }

    #[test]
    fn an_order_seven_days_after_the_send_counts_and_a_second_later_only_after_a_click() {
        let sent = reminder("d1", "c1", "s1", "2026-11-01T10:00:00Z");
        let on_time = order("c1", "2026-11-08T10:00:00Z", 80);
        let late = order("c1", "2026-11-08T10:00:01Z", 80);
        let rules = AttributionRules::default();

        assert_eq!(
            credited(&on_time, std::slice::from_ref(&sent), &rules),
            Some(("d1".into(), CreditRule::Send))
        );
        assert_eq!(credited(&late, std::slice::from_ref(&sent), &rules), None);
        let mut clicked = sent.clone();
        clicked.clicks.push(person("2026-11-05T10:00:00Z"));
        assert_eq!(
            credited(&late, &[clicked], &rules),
            Some(("d1".into(), CreditRule::Click))
        );
        let shorter = AttributionRules {
            window: Duration::days(5),
            ..rules
        };
        assert_eq!(credited(&on_time, &[sent], &shorter), None);
    }

    #[test]
    fn a_scanner_click_extends_nothing_unless_scanners_are_shown() {
        let mut sent = reminder("d1", "c1", "s1", "2026-11-01T10:00:00Z");
        sent.clicks.push(Touch {
            at: at("2026-11-05T10:00:00Z"),
            scanner: true,
        });
        let reminders = [sent];
        let ordered = order("c1", "2026-11-10T18:00:00Z", 50);

        assert_eq!(
            attribute(&ordered, &reminders, &AttributionRules::default()),
            None
        );
        let with_scanners = AttributionRules {
            include_scanners: true,
            ..AttributionRules::default()
        };
        assert!(attribute(&ordered, &reminders, &with_scanners).is_some());
        assert!(!reminders[0].clicked(&AttributionRules::default()));
    }

    #[test]
    fn an_order_using_the_reminder_code_is_credited_without_any_click() {
        let mut with_code = reminder("d1", "c1", "s2", "2026-11-01T10:00:00Z");
        with_code.coupon_code = Some("RLC-7K2M9QXP".into());
        let reminders = [with_code];
        let mut ordered = order("c9", "2026-11-20T10:00:00Z", 120);
        ordered.coupon_codes = vec!["rlc-7k2m9qxp".into()];

        let credited = attribute(&ordered, &reminders, &AttributionRules::default());

        assert_eq!(credited.map(|r| r.delivery_id.as_str()), Some("d1"));
    }

    #[test]
    fn a_reminder_sent_after_the_order_never_gets_it() {
        let mut after = reminder("d1", "c1", "s1", "2026-11-02T10:00:00Z");
        after.opens.push(person("2026-11-02T11:00:00Z"));
        let reminders = [after];
        assert_eq!(
            attribute(
                &order("c1", "2026-11-01T10:00:00Z", 10),
                &reminders,
                &AttributionRules::default()
            ),
            None
        );
    }
}
