//! Which reminder gets the credit for an order.

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;

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

/// How credit is given (Klaviyo's attribution window; scanners left out unless asked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttributionRules {
    pub window: Duration,
    pub include_scanners: bool,
}

impl Default for AttributionRules {
    fn default() -> Self {
        Self {
            window: Duration::days(5),
            include_scanners: false,
        }
    }
}

impl SentReminder {
    /// Opened or clicked by a person (or by anything, with scanners included) within `window`
    /// before `at`.
    pub fn engaged_before(&self, at: DateTime<Utc>, rules: &AttributionRules) -> bool {
        self.opens
            .iter()
            .chain(&self.clicks)
            .filter(|touch| rules.include_scanners || !touch.scanner)
            .any(|touch| touch.at <= at && touch.at >= at - rules.window)
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

/// The reminder credited with `order`: the one whose code the order used; else the last
/// reminder of its cart sent before the order and opened or clicked within the window before
/// it; else none.
pub fn attribute<'a>(
    order: &Order,
    reminders: &'a [SentReminder],
    rules: &AttributionRules,
) -> Option<&'a SentReminder> {
    attribute_among(order, reminders, rules)
}

/// [`attribute`] over any ordered selection of reminders that holds the order's cart's
/// reminders and those carrying the codes it used (the daily figures pass just those).
pub(super) fn attribute_among<'a, I>(
    order: &Order,
    reminders: I,
    rules: &AttributionRules,
) -> Option<&'a SentReminder>
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
    if by_coupon.is_some() {
        return by_coupon;
    }
    let cart_id = order.cart_id.as_deref()?;
    reminders
        .into_iter()
        .filter(|reminder| reminder.cart_id == cart_id && reminder.sent_at <= order.ordered_at)
        .filter(|reminder| reminder.engaged_before(order.ordered_at, rules))
        .max_by_key(|reminder| reminder.sent_at)
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

    #[test]
    fn the_last_reminder_opened_within_the_window_gets_the_order() {
        let mut first = reminder("d1", "c1", "s1", "2026-11-01T10:00:00Z");
        first.opens.push(person("2026-11-01T11:00:00Z"));
        let mut second = reminder("d2", "c1", "s2", "2026-11-02T10:00:00Z");
        second.clicks.push(person("2026-11-02T12:00:00Z"));
        let reminders = [first, second];

        let credited = attribute(
            &order("c1", "2026-11-03T09:00:00Z", 80),
            &reminders,
            &AttributionRules::default(),
        );

        assert_eq!(credited.map(|r| r.delivery_id.as_str()), Some("d2"));
    }

    #[test]
    fn an_order_after_the_window_is_credited_to_nobody() {
        let mut sent = reminder("d1", "c1", "s1", "2026-11-01T10:00:00Z");
        sent.opens.push(person("2026-11-01T11:00:00Z"));
        let reminders = [sent];

        let late = order("c1", "2026-11-06T11:00:01Z", 80);

        assert_eq!(
            attribute(&late, &reminders, &AttributionRules::default()),
            None
        );
        let wider = AttributionRules {
            window: Duration::days(7),
            ..AttributionRules::default()
        };
        assert!(attribute(&late, &reminders, &wider).is_some());
    }

    #[test]
    fn a_scanner_click_earns_nothing_unless_scanners_are_shown() {
        let mut sent = reminder("d1", "c1", "s1", "2026-11-01T10:00:00Z");
        sent.clicks.push(Touch {
            at: at("2026-11-01T10:00:03Z"),
            scanner: true,
        });
        let reminders = [sent];
        let ordered = order("c1", "2026-11-01T18:00:00Z", 50);

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
