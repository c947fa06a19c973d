use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{Discount, DiscountKind};
use crate::model::Cart;

/// Which total a discount range compares with the cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueBasis {
    TaxIncluded,
    TaxExcluded,
}

/// Discounts get this many ranges at most; more is a configuration nobody can check by eye.
pub const MAX_RANGES: usize = 10;

/// A discount for carts worth at least `min`; up to the next range's `min`, or up to and
/// including `max` on the last range when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscountRange {
    pub min: Decimal,
    /// Only the last range may end explicitly; on the others it is either absent or equal to
    /// the next range's `min` (anything else is a gap or an overlap).
    pub max: Option<Decimal>,
    pub discount: Discount,
    /// The template carts of this range get instead of the step's: a tier can change the
    /// message, not only the amount.
    #[serde(default)]
    pub template_id: Option<String>,
}

/// Why a list of ranges was refused. Ranges are numbered from 1, as the merchant sees them.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RangesError {
    #[error("add at least one range")]
    Empty,
    #[error("at most {MAX_RANGES} ranges")]
    TooMany,
    #[error("range {range}: the lower bound must be 0 or more")]
    NegativeMin { range: usize },
    #[error("range {range}: it starts at {min}, below range {previous} which starts at {previous_min}; list ranges from the lowest cart value up")]
    Unsorted {
        range: usize,
        min: Decimal,
        previous: usize,
        previous_min: Decimal,
    },
    #[error("range {range}: it starts at {min}, like range {previous}; two ranges cannot overlap")]
    SameStart {
        range: usize,
        min: Decimal,
        previous: usize,
    },
    #[error("range {range}: it ends at {max} but range {next} starts at {next_min}; carts between them would get no discount")]
    Gap {
        range: usize,
        max: Decimal,
        next: usize,
        next_min: Decimal,
    },
    #[error("range {range}: it ends at {max}, after range {next} starts at {next_min}; the ranges overlap")]
    Overlap {
        range: usize,
        max: Decimal,
        next: usize,
        next_min: Decimal,
    },
    #[error("range {range}: its upper bound {max} must be above its lower bound {min}")]
    EmptyRange {
        range: usize,
        min: Decimal,
        max: Decimal,
    },
}

/// Discounts by cart value, checked to be ascending, without gaps and without overlaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DiscountRangesWire")]
pub struct DiscountRanges {
    basis: ValueBasis,
    ranges: Vec<DiscountRange>,
}

#[derive(Deserialize)]
struct DiscountRangesWire {
    basis: ValueBasis,
    ranges: Vec<DiscountRange>,
}

impl TryFrom<DiscountRangesWire> for DiscountRanges {
    type Error = RangesError;
    fn try_from(wire: DiscountRangesWire) -> Result<Self, Self::Error> {
        DiscountRanges::new(wire.basis, wire.ranges)
    }
}

impl RangesError {
    /// The range (numbered from 1) the message belongs next to, if one.
    pub fn range(&self) -> Option<usize> {
        match self {
            Self::Empty | Self::TooMany => None,
            Self::NegativeMin { range }
            | Self::Unsorted { range, .. }
            | Self::SameStart { range, .. }
            | Self::Gap { range, .. }
            | Self::Overlap { range, .. }
            | Self::EmptyRange { range, .. } => Some(*range),
        }
    }
}

impl DiscountRanges {
    pub fn new(basis: ValueBasis, ranges: Vec<DiscountRange>) -> Result<Self, RangesError> {
        if ranges.is_empty() {
            return Err(RangesError::Empty);
        }
        if ranges.len() > MAX_RANGES {
            return Err(RangesError::TooMany);
        }
        for (index, range) in ranges.iter().enumerate() {
            let number = index + 1;
            if range.min < Decimal::ZERO {
                return Err(RangesError::NegativeMin { range: number });
            }
            if let Some(max) = range.max {
                if max <= range.min {
                    return Err(RangesError::EmptyRange {
                        range: number,
                        min: range.min,
                        max,
                    });
                }
            }
            if index == 0 {
                continue;
            }
            let previous = &ranges[index - 1];
            if range.min < previous.min {
                return Err(RangesError::Unsorted {
                    range: number,
                    min: range.min,
                    previous: index,
                    previous_min: previous.min,
                });
            }
            if range.min == previous.min {
                return Err(RangesError::SameStart {
                    range: number,
                    min: range.min,
                    previous: index,
                });
            }
            if let Some(previous_max) = previous.max {
                if previous_max < range.min {
                    return Err(RangesError::Gap {
                        range: index,
                        max: previous_max,
                        next: number,
                        next_min: range.min,
                    });
                }
                if previous_max > range.min {
                    return Err(RangesError::Overlap {
                        range: index,
                        max: previous_max,
                        next: number,
                        next_min: range.min,
                    });
                }
            }
        }
        Ok(Self { basis, ranges })
    }

    pub fn basis(&self) -> ValueBasis {
        self.basis
    }

    pub fn ranges(&self) -> &[DiscountRange] {
        &self.ranges
    }

    /// The discount for a cart worth `value`, or none below the first range or above the last.
    pub fn pick(&self, value: Decimal) -> Option<&Discount> {
        self.pick_range(value).map(|range| &range.discount)
    }

    /// The range a cart worth `value` falls in.
    pub fn pick_range(&self, value: Decimal) -> Option<&DiscountRange> {
        let last = self.ranges.len() - 1;
        self.ranges
            .iter()
            .enumerate()
            .rev()
            .find(|(_, range)| range.min <= value)
            .filter(|(index, range)| match range.max {
                Some(max) if *index == last => value <= max,
                _ => true,
            })
            .map(|(_, range)| range)
    }
}

/// What a reminder step offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum DiscountPolicy {
    None,
    Single { discount: Discount },
    Ranges { ranges: DiscountRanges },
}

/// A one-line description of a policy, for tables; the UI words it in the merchant's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DiscountSummary {
    NoDiscount,
    Percent { percent: Decimal },
    Amount { amount: Decimal },
    FreeShipping,
    FreeGift { name: String },
    DependsOnCartValue,
}

impl DiscountPolicy {
    /// The discount this cart gets, if any.
    pub fn pick(&self, cart: &Cart) -> Option<Discount> {
        match self {
            Self::None => None,
            Self::Single { discount } => Some(discount.clone()),
            Self::Ranges { ranges } => ranges.pick(cart.value(ranges.basis())).cloned(),
        }
    }

    /// The template of the cart's range, when it has its own.
    pub fn template_for(&self, cart: &Cart) -> Option<&str> {
        match self {
            Self::Ranges { ranges } => ranges
                .pick_range(cart.value(ranges.basis()))
                .and_then(|range| range.template_id.as_deref()),
            _ => None,
        }
    }

    /// The same policy with its tiers' templates renamed (an import gives templates new ids).
    pub fn rename_templates(mut self, rename: impl Fn(&str) -> String) -> Self {
        if let Self::Ranges { ranges } = &mut self {
            for range in &mut ranges.ranges {
                range.template_id = range.template_id.as_deref().map(&rename);
            }
        }
        self
    }

    /// Every template a range names.
    pub fn tier_templates(&self) -> Vec<&str> {
        match self {
            Self::Ranges { ranges } => ranges
                .ranges()
                .iter()
                .filter_map(|range| range.template_id.as_deref())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The cart value the code made for this cart needs, and which total it is: the lower
    /// bound of the cart's range (a cart worth less got another discount, or none).
    pub fn minimum(&self, cart: &Cart) -> Option<(Decimal, ValueBasis)> {
        match self {
            Self::None | Self::Single { .. } => None,
            Self::Ranges { ranges } => ranges
                .pick_range(cart.value(ranges.basis()))
                .filter(|range| range.min > Decimal::ZERO)
                .map(|range| (range.min, ranges.basis())),
        }
    }

    pub fn summary(&self) -> DiscountSummary {
        match self {
            Self::None => DiscountSummary::NoDiscount,
            Self::Ranges { .. } => DiscountSummary::DependsOnCartValue,
            Self::Single { discount } => match &discount.kind {
                DiscountKind::Percent { percent } => DiscountSummary::Percent {
                    percent: percent.value(),
                },
                DiscountKind::Amount { amount, .. } => DiscountSummary::Amount { amount: *amount },
                DiscountKind::FreeShipping => DiscountSummary::FreeShipping,
                DiscountKind::FreeGift { gift } => DiscountSummary::FreeGift {
                    name: gift.name().to_owned(),
                },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::{Percent, ValidityDays};
    use rust_decimal::prelude::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn percent(p: &str) -> Discount {
        Discount {
            kind: DiscountKind::Percent {
                percent: Percent::new(dec(p)).unwrap(),
            },
            validity: ValidityDays::new(10).unwrap(),
            combinable: false,
        }
    }

    fn range(min: &str, max: Option<&str>, p: &str) -> DiscountRange {
        DiscountRange {
            min: dec(min),
            max: max.map(dec),
            template_id: None,
            discount: percent(p),
        }
    }

    /// The PrestaShop guide's example: from 1, 50 and 100 EUR.
    fn guide_ranges() -> DiscountRanges {
        DiscountRanges::new(
            ValueBasis::TaxIncluded,
            vec![
                range("1", None, "10"),
                range("50", None, "15"),
                range("100", None, "20"),
            ],
        )
        .unwrap()
    }

    #[test]
    fn pick_returns_the_range_containing_the_value() {
        let ranges = guide_ranges();
        let pick = |v: &str| ranges.pick(dec(v)).map(|d| d.kind.clone());
        assert_eq!(pick("1"), Some(percent("10").kind));
        assert_eq!(pick("49.99"), Some(percent("10").kind));
        assert_eq!(pick("50"), Some(percent("15").kind));
        assert_eq!(pick("100"), Some(percent("20").kind));
        assert_eq!(pick("100000"), Some(percent("20").kind));
    }

    #[test]
    fn a_cart_below_the_first_range_gets_nothing() {
        assert_eq!(guide_ranges().pick(dec("0.99")), None);
    }

    #[test]
    fn a_cart_above_an_explicit_last_upper_bound_gets_nothing() {
        let ranges = DiscountRanges::new(
            ValueBasis::TaxExcluded,
            vec![range("0", Some("50"), "5"), range("50", Some("200"), "10")],
        )
        .unwrap();
        assert!(ranges.pick(dec("200")).is_some());
        assert!(ranges.pick(dec("200.01")).is_none());
    }

    #[test]
    fn unsorted_ranges_are_rejected_naming_both_ranges() {
        let error = DiscountRanges::new(
            ValueBasis::TaxIncluded,
            vec![range("50", None, "10"), range("10", None, "5")],
        )
        .unwrap_err();
        assert!(matches!(
            error,
            RangesError::Unsorted {
                range: 2,
                previous: 1,
                ..
            }
        ));
        assert!(error.to_string().starts_with("range 2:"));
    }

    #[test]
    fn a_gap_between_ranges_is_rejected() {
        let error = DiscountRanges::new(
            ValueBasis::TaxIncluded,
            vec![range("0", Some("40"), "5"), range("50", None, "10")],
        )
        .unwrap_err();
        assert!(matches!(
            error,
            RangesError::Gap {
                range: 1,
                next: 2,
                ..
            }
        ));
    }

    #[test]
    fn overlapping_ranges_are_rejected() {
        let overlap = DiscountRanges::new(
            ValueBasis::TaxIncluded,
            vec![range("0", Some("60"), "5"), range("50", None, "10")],
        );
        assert!(matches!(
            overlap,
            Err(RangesError::Overlap { range: 1, .. })
        ));
        let same_start = DiscountRanges::new(
            ValueBasis::TaxIncluded,
            vec![range("10", None, "5"), range("10", None, "10")],
        );
        assert!(matches!(
            same_start,
            Err(RangesError::SameStart { range: 2, .. })
        ));
    }

    #[test]
    fn empty_negative_or_inverted_ranges_are_rejected() {
        assert_eq!(
            DiscountRanges::new(ValueBasis::TaxIncluded, vec![]),
            Err(RangesError::Empty)
        );
        assert!(matches!(
            DiscountRanges::new(ValueBasis::TaxIncluded, vec![range("-1", None, "5")]),
            Err(RangesError::NegativeMin { range: 1 })
        ));
        assert!(matches!(
            DiscountRanges::new(ValueBasis::TaxIncluded, vec![range("10", Some("10"), "5")]),
            Err(RangesError::EmptyRange { range: 1, .. })
        ));
    }

    #[test]
    fn summaries_name_the_single_discount_or_say_it_depends() {
        assert_eq!(DiscountPolicy::None.summary(), DiscountSummary::NoDiscount);
        assert_eq!(
            DiscountPolicy::Single {
                discount: percent("10")
            }
            .summary(),
            DiscountSummary::Percent { percent: dec("10") }
        );
        assert_eq!(
            DiscountPolicy::Ranges {
                ranges: guide_ranges()
            }
            .summary(),
            DiscountSummary::DependsOnCartValue
        );
    }
}
