//! An A/B test's two variants compared: each one's funnel, and a two-sided two-proportion
//! z-test on conversion (on clicks while too few orders came to tell).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One variant of a step over the range.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantFunnel {
    pub template_id: String,
    pub sent: u64,
    pub opened: u64,
    pub clicked: u64,
    pub converted: u64,
    pub revenue: Decimal,
}

/// What the test is decided on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SplitMetric {
    Conversion,
    /// Fewer than `MIN_ORDERS` orders in all: clicks tell sooner.
    Clicks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    A,
    B,
}

/// The test's state over the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SplitVerdict {
    /// Fewer than `MIN_SENT` reminders of a variant.
    NotEnoughData,
    Measured {
        metric: SplitMetric,
        /// The two-sided p-value, to four decimals.
        p_value: Decimal,
        /// The better variant when p < 0.05, else none yet.
        winner: Option<Variant>,
    },
}

/// Reminders each variant needs before any verdict.
pub const MIN_SENT: u64 = 30;
/// Orders (both variants) from which conversion decides rather than clicks.
pub const MIN_ORDERS: u64 = 10;

/// erfc, by Numerical Recipes' Chebyshev fit (fractional error below 1.2e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// The two-sided p-value of the difference between `x1 / n1` and `x2 / n2` (pooled z-test).
pub fn two_proportion_p(x1: u64, n1: u64, x2: u64, n2: u64) -> f64 {
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let pooled = (x1 + x2) as f64 / (n1f + n2f);
    let se = (pooled * (1.0 - pooled) * (1.0 / n1f + 1.0 / n2f)).sqrt();
    if se == 0.0 || !se.is_finite() {
        return 1.0;
    }
    let z = (x1 as f64 / n1f - x2 as f64 / n2f) / se;
    erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// Compares variant A (the step's usual template) with variant B.
pub fn compare(a: &VariantFunnel, b: &VariantFunnel) -> SplitVerdict {
    if a.sent < MIN_SENT || b.sent < MIN_SENT {
        return SplitVerdict::NotEnoughData;
    }
    let (metric, xa, xb) = if a.converted + b.converted >= MIN_ORDERS {
        (SplitMetric::Conversion, a.converted, b.converted)
    } else {
        (SplitMetric::Clicks, a.clicked, b.clicked)
    };
    let p = two_proportion_p(xa, a.sent, xb, b.sent);
    let winner = (p < 0.05).then(|| {
        if xa as f64 / a.sent as f64 >= xb as f64 / b.sent as f64 {
            Variant::A
        } else {
            Variant::B
        }
    });
    SplitVerdict::Measured {
        metric,
        p_value: Decimal::try_from(p).unwrap_or(Decimal::ONE).round_dp(4),
        winner,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn funnel(sent: u64, clicked: u64, converted: u64) -> VariantFunnel {
        VariantFunnel {
            sent,
            clicked,
            converted,
            ..VariantFunnel::default()
        }
    }

    #[test]
    fn the_p_value_matches_statsmodels_proportions_ztest() {
        // statsmodels.stats.proportion.proportions_ztest([200, 250], [1000, 1000]), etc.
        for ((x1, x2), p) in [
            ((200, 250), 0.007_419_649),
            ((30, 45), 0.077_484_865),
            ((5, 5), 1.0),
        ] {
            let n = if x1 == 5 { 100 } else { 1_000 };
            let got = two_proportion_p(x1, n, x2, n);
            assert!((got - p).abs() < 1e-6, "{x1}/{x2}: {got}");
        }
    }

    #[test]
    fn a_clear_difference_in_orders_names_the_winner() {
        let verdict = compare(&funnel(1_000, 300, 200), &funnel(1_000, 300, 250));
        assert_eq!(
            verdict,
            SplitVerdict::Measured {
                metric: SplitMetric::Conversion,
                p_value: Decimal::new(74, 4),
                winner: Some(Variant::B),
            }
        );
    }

    #[test]
    fn without_orders_clicks_decide_and_a_small_difference_names_no_winner() {
        let SplitVerdict::Measured { metric, winner, .. } =
            compare(&funnel(1_000, 30, 2), &funnel(1_000, 45, 3))
        else {
            panic!("enough data");
        };
        assert_eq!(metric, SplitMetric::Clicks);
        assert_eq!(winner, None);
        assert_eq!(
            compare(&funnel(29, 20, 10), &funnel(500, 1, 0)),
            SplitVerdict::NotEnoughData
        );
    }
}
