//! The per-staff report: calls each member logged over a period, how many reached the
//! customer, and the orders and revenue that followed a call within the attribution window.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Rate;
use crate::calls::CallOutcome;

/// A logged call and the paid orders of its cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFact {
    pub task_id: String,
    /// Who logged it.
    pub by: String,
    pub done_at: DateTime<Utc>,
    pub outcome: CallOutcome,
    /// The cart's paid orders: when, and their total.
    pub orders: Vec<(DateTime<Utc>, Decimal)>,
}

/// One member's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffLine {
    pub member: String,
    pub calls: u64,
    /// Calls where staff spoke with the customer.
    pub reached: u64,
    /// Calls followed by an order of the cart within the window.
    pub orders: u64,
    pub revenue: Decimal,
}

impl StaffLine {
    /// Calls followed by an order, in percent of the calls.
    pub fn conversion(&self) -> Option<Decimal> {
        Rate {
            part: self.orders,
            whole: self.calls,
        }
        .percent()
    }
}

/// Each member's calls, by member name. An order counts for a call when it is the cart's first
/// paid order at or after the call and within `window` of it; a call counts once whatever the
/// orders after it.
pub fn staff_lines(facts: &[CallFact], window: Duration) -> Vec<StaffLine> {
    let mut lines: BTreeMap<&str, StaffLine> = BTreeMap::new();
    for fact in facts {
        let line = lines.entry(fact.by.as_str()).or_insert_with(|| StaffLine {
            member: fact.by.clone(),
            calls: 0,
            reached: 0,
            orders: 0,
            revenue: Decimal::ZERO,
        });
        line.calls += 1;
        line.reached += u64::from(fact.outcome.reached());
        let order = fact
            .orders
            .iter()
            .filter(|(at, _)| *at >= fact.done_at && *at <= fact.done_at + window)
            .min_by_key(|(at, _)| *at);
        if let Some((_, total)) = order {
            line.orders += 1;
            line.revenue += total;
        }
    }
    lines.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 12, 0, 0).unwrap()
    }

    fn fact(by: &str, day: u32, outcome: CallOutcome, orders: &[(u32, i64)]) -> CallFact {
        CallFact {
            task_id: format!("{by}-{day}"),
            by: by.into(),
            done_at: at(day),
            outcome,
            orders: orders
                .iter()
                .map(|(d, total)| (at(*d), Decimal::from(*total)))
                .collect(),
        }
    }

    #[test]
    fn an_order_counts_for_a_call_only_after_it_and_within_the_window() {
        let facts = [
            fact("marie", 2, CallOutcome::WillOrder, &[(3, 120), (4, 80)]),
            fact("marie", 2, CallOutcome::NoAnswer, &[(1, 50)]),
            fact("marie", 2, CallOutcome::CallBack, &[(20, 70)]),
            fact("paul", 5, CallOutcome::NotInterested, &[]),
        ];
        let lines = staff_lines(&facts, Duration::days(7));
        assert_eq!(
            lines,
            [
                StaffLine {
                    member: "marie".into(),
                    calls: 3,
                    reached: 2,
                    orders: 1,
                    revenue: Decimal::from(120),
                },
                StaffLine {
                    member: "paul".into(),
                    calls: 1,
                    reached: 1,
                    orders: 0,
                    revenue: Decimal::ZERO,
                },
            ]
        );
        assert_eq!(
            lines[0].conversion().map(|r| r.round_dp(1)),
            Some(Decimal::new(333, 1))
        );
        assert_eq!(lines[1].conversion(), Some(Decimal::ZERO));
    }
}
