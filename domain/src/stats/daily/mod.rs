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

use super::attribution::{credit_among, AttributionRules, Order, SentReminder};
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
        credit_among(order, positions.iter().map(|&p| &reminders[p]), rules)
            .map(|credit| credit.reminder)
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
mod tests;
