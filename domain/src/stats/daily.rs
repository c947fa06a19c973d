//! The figures of one day, stored, and the figures of a range summed from them.
//!
//! Big shops have millions of deliveries: the Statistics page cannot recount them on every
//! load. Every figure is therefore split into per-day parts that add up exactly to the
//! definitions of [`headline`](super::headline) and [`funnel`](super::funnel). The one
//! difficulty is counting each cart and customer once over a range: a day's row remembers the
//! day of that cart's (customer's) previous reminder, and a range counts only the rows whose
//! previous reminder is before the range starts, i.e. the first reminder inside it.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::attribution::{attribute_among, AttributionRules, Order, SentReminder};
use super::figures::{Funnel, FunnelKey, Headline, Period, Rate};

/// Who a reach row counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    /// Carts reminded that day; converted = ordered at or after that day's first reminder.
    Cart,
    /// Customers reminded that day; converted = unsubscribed at or after it.
    Customer,
}

impl Subject {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cart => "cart",
            Self::Customer => "customer",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "cart" => Some(Self::Cart),
            "customer" => Some(Self::Customer),
            _ => None,
        }
    }
}

/// Carts or customers first reminded on a day since `prev_day`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    pub subject: Subject,
    /// The day of the previous reminder of the same cart (customer), if any.
    pub prev_day: Option<NaiveDate>,
    pub reached: u64,
    pub converted: u64,
    /// The reached carts' value (carts only).
    pub value: Decimal,
}

/// Orders of the day credited to a reminder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Credit {
    pub orders: u64,
    pub revenue: Decimal,
}

/// The reminders of one step and template sent on the day, and what became of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDay {
    /// Counted with the opens and clicks of probable scanners.
    pub scanners: bool,
    pub step_id: String,
    pub template_id: String,
    pub sent: u64,
    pub opened: u64,
    pub clicked: u64,
    pub converted: u64,
    pub revenue: Decimal,
}

/// Everything the Statistics page needs from one day of the shop's calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayStats {
    pub day: NaiveDate,
    pub carts_created: u64,
    pub carts_abandoned: u64,
    /// Without, then with, probable scanners.
    pub credited: [Credit; 2],
    pub steps: Vec<StepDay>,
    pub reach: Vec<Reach>,
}

/// The raw facts a day is computed from. The caller gives every reminder of the carts and
/// customers reminded that day and of the carts ordered that day, every order of those carts,
/// and the orders and reminders linked to them by a coupon code.
pub struct DayFacts<'a> {
    pub day: NaiveDate,
    pub period: Period,
    pub carts_created: u64,
    pub carts_abandoned: u64,
    pub reminders: &'a [SentReminder],
    pub orders: &'a [Order],
    pub cart_values: &'a HashMap<String, Decimal>,
}

/// Computes one day; `day_of` turns a moment into the shop's calendar day.
pub fn day_stats(
    facts: &DayFacts<'_>,
    rules: &AttributionRules,
    day_of: impl Fn(DateTime<Utc>) -> NaiveDate,
) -> DayStats {
    let period = facts.period;
    let index = Index::new(facts);
    let today: Vec<&SentReminder> = facts
        .reminders
        .iter()
        .filter(|r| period.contains(r.sent_at))
        .collect();

    let mut credited = [Credit::default(); 2];
    let mut steps = Vec::new();
    for scanners in [false, true] {
        let rules = AttributionRules {
            include_scanners: scanners,
            ..*rules
        };
        let credit = &mut credited[usize::from(scanners)];
        let mut credits: HashMap<&str, Decimal> = HashMap::new();
        for order in facts.orders {
            let Some(reminder) = index.attribute(facts, order, &rules) else {
                continue;
            };
            *credits.entry(reminder.delivery_id.as_str()).or_default() += order.total;
            if period.contains(order.ordered_at) {
                credit.orders += 1;
                credit.revenue += order.total;
            }
        }
        let mut by_step: BTreeMap<(&str, &str), StepDay> = BTreeMap::new();
        for reminder in &today {
            let row = by_step
                .entry((reminder.step_id.as_str(), reminder.template_id.as_str()))
                .or_insert_with(|| StepDay {
                    scanners,
                    step_id: reminder.step_id.clone(),
                    template_id: reminder.template_id.clone(),
                    sent: 0,
                    opened: 0,
                    clicked: 0,
                    converted: 0,
                    revenue: Decimal::ZERO,
                });
            row.sent += 1;
            row.opened += u64::from(reminder.opened(&rules));
            row.clicked += u64::from(reminder.clicked(&rules));
            if let Some(revenue) = credits.get(reminder.delivery_id.as_str()) {
                row.converted += 1;
                row.revenue += *revenue;
            }
        }
        steps.extend(by_step.into_values());
    }

    let mut reach = reach_of(
        Subject::Cart,
        facts,
        &index.by_cart,
        &today,
        &day_of,
        |cart, first| {
            index
                .orders_by_cart
                .get(cart)
                .is_some_and(|orders| orders.iter().any(|o| o.ordered_at >= first))
        },
    );
    reach.extend(reach_of(
        Subject::Customer,
        facts,
        &index.by_customer,
        &today,
        &day_of,
        |customer, first| {
            Index::reminders(facts, index.by_customer.get(customer))
                .any(|r| r.unsubscribed_at.is_some_and(|at| at >= first))
        },
    ));

    DayStats {
        day: facts.day,
        carts_created: facts.carts_created,
        carts_abandoned: facts.carts_abandoned,
        credited,
        steps,
        reach,
    }
}

/// The facts grouped once, as positions in `facts.reminders`, so a big day costs a pass over
/// them rather than a pass per order, cart or customer.
struct Index<'a> {
    by_cart: HashMap<&'a str, Vec<usize>>,
    by_customer: HashMap<&'a str, Vec<usize>>,
    /// By upper-case code.
    by_code: HashMap<String, Vec<usize>>,
    orders_by_cart: HashMap<&'a str, Vec<&'a Order>>,
}

impl<'a> Index<'a> {
    fn new(facts: &DayFacts<'a>) -> Self {
        let mut index = Index {
            by_cart: HashMap::new(),
            by_customer: HashMap::new(),
            by_code: HashMap::new(),
            orders_by_cart: HashMap::new(),
        };
        for (position, reminder) in facts.reminders.iter().enumerate() {
            index
                .by_cart
                .entry(reminder.cart_id.as_str())
                .or_default()
                .push(position);
            index
                .by_customer
                .entry(reminder.customer_id.as_str())
                .or_default()
                .push(position);
            if let Some(code) = &reminder.coupon_code {
                index
                    .by_code
                    .entry(code.to_ascii_uppercase())
                    .or_default()
                    .push(position);
            }
        }
        for order in facts.orders {
            if let Some(cart) = order.cart_id.as_deref() {
                index.orders_by_cart.entry(cart).or_default().push(order);
            }
        }
        index
    }

    /// The reminders at `positions`, in the facts' order.
    fn reminders(
        facts: &DayFacts<'a>,
        positions: Option<&'a Vec<usize>>,
    ) -> impl Iterator<Item = &'a SentReminder> + Clone {
        let reminders: &'a [SentReminder] = facts.reminders;
        positions.into_iter().flatten().map(move |&p| &reminders[p])
    }

    /// `attribute` over the only reminders that can get the order, in the facts' order.
    fn attribute(
        &self,
        facts: &DayFacts<'a>,
        order: &Order,
        rules: &AttributionRules,
    ) -> Option<&'a SentReminder> {
        let mut positions: Vec<usize> = order
            .cart_id
            .as_deref()
            .and_then(|cart| self.by_cart.get(cart))
            .cloned()
            .unwrap_or_default();
        for code in &order.coupon_codes {
            if let Some(found) = self.by_code.get(&code.trim().to_ascii_uppercase()) {
                positions.extend(found);
            }
        }
        positions.sort_unstable();
        positions.dedup();
        let reminders: &'a [SentReminder] = facts.reminders;
        attribute_among(order, positions.iter().map(|&p| &reminders[p]), rules)
    }
}

fn reach_of<'a>(
    subject: Subject,
    facts: &DayFacts<'a>,
    groups: &'a HashMap<&str, Vec<usize>>,
    today: &[&SentReminder],
    day_of: &impl Fn(DateTime<Utc>) -> NaiveDate,
    converted: impl Fn(&str, DateTime<Utc>) -> bool,
) -> Vec<Reach> {
    let key = |r: &SentReminder| match subject {
        Subject::Cart => r.cart_id.clone(),
        Subject::Customer => r.customer_id.clone(),
    };
    let mut first: BTreeMap<String, DateTime<Utc>> = BTreeMap::new();
    for reminder in today {
        first
            .entry(key(reminder))
            .and_modify(|at| *at = (*at).min(reminder.sent_at))
            .or_insert(reminder.sent_at);
    }
    let mut rows: BTreeMap<Option<NaiveDate>, Reach> = BTreeMap::new();
    for (id, first_at) in first {
        let prev_day = Index::reminders(facts, groups.get(id.as_str()))
            .filter(|r| r.sent_at < facts.period.from)
            .map(|r| r.sent_at)
            .max()
            .map(day_of);
        let row = rows.entry(prev_day).or_insert(Reach {
            subject,
            prev_day,
            reached: 0,
            converted: 0,
            value: Decimal::ZERO,
        });
        row.reached += 1;
        row.converted += u64::from(converted(&id, first_at));
        if subject == Subject::Cart {
            row.value += facts.cart_values.get(&id).copied().unwrap_or_default();
        }
    }
    rows.into_values().collect()
}

/// The headline figures of the days `from..=to`, from their stored parts.
pub fn headline_of_days(
    days: &[DayStats],
    from: NaiveDate,
    to: NaiveDate,
    scanners: bool,
) -> Headline {
    let in_range = || days.iter().filter(|d| d.day >= from && d.day <= to);
    let mut created = 0;
    let mut abandoned = 0;
    let mut revenue = Decimal::ZERO;
    let mut carts = Rate::default();
    let mut customers = Rate::default();
    let mut reminded_value = Decimal::ZERO;
    for day in in_range() {
        created += day.carts_created;
        abandoned += day.carts_abandoned;
        revenue += day.credited[usize::from(scanners)].revenue;
        for reach in &day.reach {
            if reach.prev_day.is_some_and(|prev| prev >= from) {
                continue;
            }
            let rate = match reach.subject {
                Subject::Cart => {
                    reminded_value += reach.value;
                    &mut carts
                }
                Subject::Customer => &mut customers,
            };
            rate.part += reach.converted;
            rate.whole += reach.reached;
        }
    }
    Headline {
        abandoned: Rate {
            part: abandoned,
            whole: created,
        },
        finalised: carts,
        revenue,
        revenue_share: (reminded_value > Decimal::ZERO)
            .then(|| (revenue * Decimal::from(100) / reminded_value).round_dp(1)),
        unsubscribed: customers,
    }
}

/// The funnels of the days `from..=to` by step or by template, from their stored parts.
pub fn funnels_of_days(
    days: &[DayStats],
    from: NaiveDate,
    to: NaiveDate,
    scanners: bool,
    key: FunnelKey,
) -> Vec<Funnel> {
    let mut funnels: BTreeMap<&str, Funnel> = BTreeMap::new();
    for step in days
        .iter()
        .filter(|d| d.day >= from && d.day <= to)
        .flat_map(|d| &d.steps)
        .filter(|s| s.scanners == scanners)
    {
        let id = match key {
            FunnelKey::Step => step.step_id.as_str(),
            FunnelKey::Template => step.template_id.as_str(),
        };
        let funnel = funnels.entry(id).or_insert_with(|| Funnel {
            key: id.to_owned(),
            ..Funnel::default()
        });
        funnel.sent += step.sent;
        funnel.opened += step.opened;
        funnel.clicked += step.clicked;
        funnel.converted += step.converted;
        funnel.revenue += step.revenue;
    }
    funnels.into_values().collect()
}

/// One point of the line chart: a day's credited revenue and conversion of reminded carts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPoint {
    pub day: NaiveDate,
    pub revenue: Decimal,
    pub conversion: Rate,
}

/// Every day of `from..=to` (days without a stored row are zero).
pub fn series_of_days(
    days: &[DayStats],
    from: NaiveDate,
    to: NaiveDate,
    scanners: bool,
) -> Vec<DayPoint> {
    let by_day: HashMap<NaiveDate, &DayStats> = days.iter().map(|d| (d.day, d)).collect();
    from.iter_days()
        .take_while(|day| *day <= to)
        .map(|day| {
            let mut point = DayPoint {
                day,
                revenue: Decimal::ZERO,
                conversion: Rate::default(),
            };
            if let Some(stats) = by_day.get(&day) {
                point.revenue = stats.credited[usize::from(scanners)].revenue;
                for reach in stats.reach.iter().filter(|r| r.subject == Subject::Cart) {
                    point.conversion.part += reach.converted;
                    point.conversion.whole += reach.reached;
                }
            }
            point
        })
        .collect()
}

#[cfg(test)]
mod tests {
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
            // Ordered on c1 two days later: only the scanner touched d2, so nobody without
            // scanners, d2 with them.
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

    fn stored_days(
        carts: &[CartFact],
        reminders: &[SentReminder],
        orders: &[Order],
    ) -> Vec<DayStats> {
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
                        carts_abandoned: carts.iter().filter(|c| count(c.abandoned_at)).count()
                            as u64,
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
    fn scanners_change_the_funnel_and_the_credit_only_when_shown() {
        let (carts, reminders, orders) = history();
        let days = stored_days(&carts, &reminders, &orders);
        let (from, to) = (day("2026-11-01"), day("2026-11-30"));

        let people = headline_of_days(&days, from, to, false);
        let everything = headline_of_days(&days, from, to, true);

        // c1's order goes to d1 (opened by a person) or, counting the scanner's click, to
        // the later d2: the same revenue, credited to another step.
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
        assert_eq!(step2(false).converted, 1);
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
}
