//! What a rule's reminders earn beyond what its customers would have spent anyway: its carts
//! reminded against its control group's, with a confidence interval on the difference.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One group's carts over the period: those whose first step fell due in it, how many were
/// ordered within the attribution window after, and those orders' revenue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupOutcome {
    pub carts: u64,
    pub converted: u64,
    pub revenue: Decimal,
}

impl GroupOutcome {
    fn rate(&self) -> f64 {
        if self.carts == 0 {
            0.0
        } else {
            self.converted as f64 / self.carts as f64
        }
    }

    fn revenue_per_cart(&self) -> Decimal {
        if self.carts == 0 {
            Decimal::ZERO
        } else {
            self.revenue / Decimal::from(self.carts)
        }
    }
}

/// A sequence drawn for a rule's groups: when its cart counted as abandoned, and the cart's
/// paid orders from then on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawnSequence {
    pub campaign_id: String,
    pub control: bool,
    pub abandoned_at: DateTime<Utc>,
    pub orders: Vec<(DateTime<Utc>, Decimal)>,
}

/// Each rule's reminded and control groups (in that order). A sequence converts when its
/// cart is ordered within `window` of its abandonment, the same test for both groups: no
/// click or open counts, since the control group has none.
pub fn group_outcomes(
    sequences: &[DrawnSequence],
    window: Duration,
) -> BTreeMap<String, [GroupOutcome; 2]> {
    let mut groups: BTreeMap<String, [GroupOutcome; 2]> = BTreeMap::new();
    for sequence in sequences {
        let revenue: Option<Decimal> = sequence
            .orders
            .iter()
            .filter(|(at, _)| *at >= sequence.abandoned_at && *at < sequence.abandoned_at + window)
            .map(|(_, total)| *total)
            .reduce(|a, b| a + b);
        let group = &mut groups.entry(sequence.campaign_id.clone()).or_default()
            [usize::from(sequence.control)];
        group.carts += 1;
        if let Some(revenue) = revenue {
            group.converted += 1;
            group.revenue += revenue;
        }
    }
    groups
}

/// Below this many carts in either group, the comparison says "not enough data yet": the
/// interval would be wider than any lift a reminder can bring.
pub const MIN_GROUP_CARTS: u64 = 30;

/// The comparison of a rule's two groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lift {
    /// Too few carts in a group; how many more each needs.
    NotEnoughData {
        reminded_short: u64,
        control_short: u64,
    },
    Measured(Measured),
}

/// The lift, in percentage points of conversion (two decimals) and in money, with 95 %
/// intervals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measured {
    pub reminded_conversion: Decimal,
    pub control_conversion: Decimal,
    /// Reminded minus control, in percentage points, and its 95 % interval.
    pub lift_points: Decimal,
    pub lift_low: Decimal,
    pub lift_high: Decimal,
    /// The reminded carts' revenue beyond what they would have brought at the control
    /// group's revenue per cart, and that figure at the interval's ends.
    pub incremental_revenue: Decimal,
    pub incremental_low: Decimal,
    pub incremental_high: Decimal,
    /// The interval leaves out zero: the reminders make a difference.
    pub significant: bool,
}

/// z for a two-sided 95 % interval.
const Z: f64 = 1.959_963_984_540_054;

/// The Wilson score interval of `part` out of `whole`.
fn wilson(part: u64, whole: u64) -> (f64, f64) {
    let n = whole as f64;
    let p = part as f64 / n;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// The 95 % interval of `a`'s conversion minus `b`'s: Newcombe's hybrid score method (1998,
/// method 10), which, unlike the textbook normal interval, stays right for small groups and
/// for rates near 0, as a control group's often is.
pub fn difference_interval(a: &GroupOutcome, b: &GroupOutcome) -> (f64, f64) {
    let (p1, p2) = (a.rate(), b.rate());
    let (l1, u1) = wilson(a.converted, a.carts);
    let (l2, u2) = wilson(b.converted, b.carts);
    let d = p1 - p2;
    let low = d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt();
    let high = d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt();
    (low, high)
}

/// A figure shown with two decimals (money, or percentage points).
fn money(value: f64) -> Decimal {
    Decimal::try_from(value).unwrap_or_default().round_dp(2)
}

/// Compares a rule's reminded carts with its control group's.
pub fn lift(reminded: &GroupOutcome, control: &GroupOutcome) -> Lift {
    if reminded.carts < MIN_GROUP_CARTS || control.carts < MIN_GROUP_CARTS {
        return Lift::NotEnoughData {
            reminded_short: MIN_GROUP_CARTS.saturating_sub(reminded.carts),
            control_short: MIN_GROUP_CARTS.saturating_sub(control.carts),
        };
    }
    let (low, high) = difference_interval(reminded, control);
    let difference = reminded.rate() - control.rate();
    let carts = Decimal::from(reminded.carts);
    let incremental = reminded.revenue - control.revenue_per_cart() * carts;
    // The interval in money: the conversion interval's ends, each extra order worth what
    // the reminded group's orders averaged.
    let average_order = if reminded.converted == 0 {
        Decimal::ZERO
    } else {
        reminded.revenue / Decimal::from(reminded.converted)
    };
    let extra_orders = |rate: f64| money(rate * reminded.carts as f64);
    Lift::Measured(Measured {
        reminded_conversion: money(reminded.rate() * 100.0),
        control_conversion: money(control.rate() * 100.0),
        lift_points: money(difference * 100.0),
        lift_low: money(low * 100.0),
        lift_high: money(high * 100.0),
        incremental_revenue: incremental.round_dp(2),
        incremental_low: (extra_orders(low) * average_order).round_dp(2),
        incremental_high: (extra_orders(high) * average_order).round_dp(2),
        significant: low > 0.0 || high < 0.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(carts: u64, converted: u64, revenue: i64) -> GroupOutcome {
        GroupOutcome {
            carts,
            converted,
            revenue: Decimal::from(revenue),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.000_05
    }

    #[test]
    fn the_interval_matches_newcombe_s_published_examples() {
        // Newcombe (1998), Statistics in Medicine 17, table II, method 10; statsmodels'
        // `confint_proportions_2indep(method="newcomb")` gives the same.
        let cases = [
            ((56, 70), (48, 80), (0.0524, 0.3339)),
            ((9, 10), (3, 10), (0.1705, 0.8090)),
            ((6, 7), (2, 7), (0.0582, 0.8062)),
            ((5, 56), (0, 29), (-0.0381, 0.1926)),
            ((0, 10), (0, 20), (-0.1611, 0.2775)),
            ((10, 10), (0, 20), (0.6791, 1.0)),
        ];
        for ((x1, n1), (x2, n2), (low, high)) in cases {
            let (l, h) = difference_interval(&group(n1, x1, 0), &group(n2, x2, 0));
            assert!(
                close((l * 10_000.0).round() / 10_000.0, low),
                "{x1}/{n1}-{x2}/{n2}: {l}"
            );
            assert!(
                close((h * 10_000.0).round() / 10_000.0, high),
                "{x1}/{n1}-{x2}/{n2}: {h}"
            );
        }
    }

    #[test]
    fn a_sequence_converts_when_its_cart_is_ordered_within_the_window_whatever_its_group() {
        let at = |hours: i64| {
            "2026-12-01T10:00:00Z".parse::<DateTime<Utc>>().unwrap() + Duration::hours(hours)
        };
        let drawn = |control, orders: Vec<(i64, i64)>| DrawnSequence {
            campaign_id: "r".into(),
            control,
            abandoned_at: at(0),
            orders: orders
                .into_iter()
                .map(|(h, total)| (at(h), Decimal::from(total)))
                .collect(),
        };
        let groups = group_outcomes(
            &[
                drawn(false, vec![(5, 40), (6, 10)]),
                drawn(false, vec![(-1, 99)]),
                drawn(false, vec![(24 * 7, 99)]),
                drawn(true, vec![(24 * 7 - 1, 30)]),
                drawn(true, vec![]),
            ],
            Duration::days(7),
        );
        assert_eq!(groups["r"], [group(3, 1, 50), group(2, 1, 30)]);
    }

    #[test]
    fn too_few_carts_in_either_group_is_not_enough_data_yet() {
        assert_eq!(
            lift(&group(200, 20, 2_000), &group(12, 0, 0)),
            Lift::NotEnoughData {
                reminded_short: 0,
                control_short: 18
            }
        );
    }

    #[test]
    fn a_clear_lift_is_significant_and_counts_only_the_revenue_beyond_the_control_group() {
        // 900 reminded carts, 12 % ordered for 10,800 €; 100 control carts, 5 % for 500 €.
        let Lift::Measured(measured) = lift(&group(900, 108, 10_800), &group(100, 5, 500)) else {
            panic!("enough data");
        };
        assert_eq!(measured.lift_points, Decimal::from(7));
        assert!(measured.lift_low > Decimal::ZERO && measured.lift_high > measured.lift_points);
        assert!(measured.significant);
        // Without reminders the 900 carts would have brought 900 × 5 € = 4,500 €.
        assert_eq!(measured.incremental_revenue, Decimal::from(6_300));
        assert!(measured.incremental_low < measured.incremental_revenue);
        assert!(measured.incremental_high > measured.incremental_revenue);
    }

    #[test]
    fn the_same_conversion_in_both_groups_is_no_lift_and_not_significant() {
        let Lift::Measured(measured) = lift(&group(300, 30, 3_000), &group(300, 30, 3_000)) else {
            panic!("enough data");
        };
        assert_eq!(measured.lift_points, Decimal::ZERO);
        assert!(measured.lift_low < Decimal::ZERO && measured.lift_high > Decimal::ZERO);
        assert!(!measured.significant);
        assert_eq!(measured.incremental_revenue, Decimal::ZERO);
    }
}
