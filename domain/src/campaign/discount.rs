use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::gift::GiftProduct;
use crate::model::money::check_amount;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DiscountError {
    #[error("a percentage must be above 0 and at most 100 (got {0})")]
    PercentOutOfRange(Decimal),
    #[error("a percentage has at most 2 decimals (got {0})")]
    PercentTooPrecise(Decimal),
    #[error("an amount must be above 0 (got {0})")]
    AmountNotPositive(Decimal),
    #[error("invalid amount: {0}")]
    InvalidAmount(String),
    #[error("a code is valid for 1 to 365 days (got {0})")]
    ValidityOutOfRange(u32),
}

/// A percentage off: above 0, at most 100, two decimals at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Decimal", into = "Decimal")]
pub struct Percent(Decimal);

impl Percent {
    pub fn new(value: Decimal) -> Result<Self, DiscountError> {
        let value = value.normalize();
        if value <= Decimal::ZERO || value > Decimal::ONE_HUNDRED {
            return Err(DiscountError::PercentOutOfRange(value));
        }
        if value.scale() > 2 {
            return Err(DiscountError::PercentTooPrecise(value));
        }
        Ok(Self(value))
    }

    pub fn value(&self) -> Decimal {
        self.0
    }
}

impl TryFrom<Decimal> for Percent {
    type Error = DiscountError;
    fn try_from(value: Decimal) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Percent> for Decimal {
    fn from(value: Percent) -> Self {
        value.0
    }
}

/// How many days a discount code stays valid after it is sent: 1 to 365.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct ValidityDays(u32);

impl ValidityDays {
    pub fn new(days: u32) -> Result<Self, DiscountError> {
        if (1..=365).contains(&days) {
            Ok(Self(days))
        } else {
            Err(DiscountError::ValidityOutOfRange(days))
        }
    }

    pub fn days(&self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for ValidityDays {
    type Error = DiscountError;
    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<ValidityDays> for u32 {
    fn from(value: ValidityDays) -> Self {
        value.0
    }
}

/// What a discount gives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DiscountKind {
    Percent {
        percent: Percent,
    },
    /// A fixed amount in the shop's currency, taken off the price with or without tax.
    Amount {
        amount: Decimal,
        tax_included: bool,
    },
    FreeShipping,
    /// A product added to the order at no charge (the shop's cart rule gives it for the code).
    FreeGift {
        gift: GiftProduct,
    },
}

impl DiscountKind {
    pub fn amount(amount: Decimal, tax_included: bool) -> Result<Self, DiscountError> {
        let amount =
            check_amount(amount).map_err(|e| DiscountError::InvalidAmount(e.to_string()))?;
        if amount <= Decimal::ZERO {
            return Err(DiscountError::AmountNotPositive(amount));
        }
        Ok(Self::Amount {
            amount,
            tax_included,
        })
    }
}

/// One discount: what it gives, how long its code lasts, and whether it adds to other codes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Discount {
    pub kind: DiscountKind,
    pub validity: ValidityDays,
    pub combinable: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::prelude::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn percentages_above_zero_up_to_one_hundred_are_accepted() {
        assert!(Percent::new(dec("0.01")).is_ok());
        assert!(Percent::new(dec("100")).is_ok());
        assert_eq!(Percent::new(dec("10.50")).unwrap().value(), dec("10.5"));
    }

    #[test]
    fn zero_negative_or_over_one_hundred_percent_is_rejected() {
        for bad in ["0", "-5", "100.01", "250"] {
            assert_eq!(
                Percent::new(dec(bad)),
                Err(DiscountError::PercentOutOfRange(dec(bad).normalize())),
                "{bad}"
            );
        }
        assert!(matches!(
            Percent::new(dec("12.345")),
            Err(DiscountError::PercentTooPrecise(_))
        ));
    }

    #[test]
    fn a_fixed_amount_must_be_positive() {
        assert!(DiscountKind::amount(dec("20"), true).is_ok());
        assert_eq!(
            DiscountKind::amount(dec("0"), true),
            Err(DiscountError::AmountNotPositive(dec("0")))
        );
        assert!(DiscountKind::amount(dec("-3"), false).is_err());
    }

    #[test]
    fn validity_is_one_to_three_hundred_sixty_five_days() {
        assert!(ValidityDays::new(1).is_ok());
        assert!(ValidityDays::new(365).is_ok());
        assert!(ValidityDays::new(0).is_err());
        assert!(ValidityDays::new(366).is_err());
    }

    #[test]
    fn deserialising_a_percent_runs_the_same_check() {
        let parsed: Result<Percent, _> = serde_json::from_str("\"150\"");
        assert!(parsed.is_err());
    }
}
