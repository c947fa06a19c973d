//! A discount as the wizard's form holds it: one select and plain strings, parsed by `parse`.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::issue::StepIssue;
use crate::campaign::{Discount, DiscountKind, GiftError, GiftProduct, Percent, ValidityDays};

/// What the discount gives, as the form's select says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountType {
    None,
    Percent,
    Amount,
    FreeShipping,
    FreeGift,
}

impl DiscountType {
    pub const ALL: [Self; 5] = [
        Self::None,
        Self::Percent,
        Self::Amount,
        Self::FreeShipping,
        Self::FreeGift,
    ];

    /// The name a form's select sends.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Percent => "percent",
            Self::Amount => "amount",
            Self::FreeShipping => "free_shipping",
            Self::FreeGift => "free_gift",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscountDraft {
    pub kind: DiscountType,
    pub value: String,
    pub validity_days: String,
    pub combinable: bool,
    /// For an amount: taken off the price with tax.
    pub tax_included: bool,
    /// For a free gift: the product's SKU and the name the email shows.
    #[serde(default)]
    pub gift_sku: String,
    #[serde(default)]
    pub gift_name: String,
}

pub(super) fn decimal(text: &str) -> Option<Decimal> {
    // French keyboards type a comma.
    Decimal::from_str(text.trim().replace(',', ".").as_str()).ok()
}

impl DiscountDraft {
    pub fn none() -> Self {
        Self {
            kind: DiscountType::None,
            value: String::new(),
            validity_days: "7".into(),
            combinable: false,
            tax_included: true,
            gift_sku: String::new(),
            gift_name: String::new(),
        }
    }

    pub fn percent(value: &str) -> Self {
        Self {
            kind: DiscountType::Percent,
            value: value.into(),
            ..Self::none()
        }
    }

    pub fn from_discount(discount: &Discount) -> Self {
        let mut draft = Self {
            validity_days: discount.validity.days().to_string(),
            combinable: discount.combinable,
            ..Self::none()
        };
        match &discount.kind {
            DiscountKind::Percent { percent } => {
                draft.kind = DiscountType::Percent;
                draft.value = percent.value().normalize().to_string();
            }
            DiscountKind::Amount {
                amount,
                tax_included,
            } => {
                draft.kind = DiscountType::Amount;
                draft.value = amount.normalize().to_string();
                draft.tax_included = *tax_included;
            }
            DiscountKind::FreeShipping => draft.kind = DiscountType::FreeShipping,
            DiscountKind::FreeGift { gift } => {
                draft.kind = DiscountType::FreeGift;
                draft.gift_sku = gift.sku().to_owned();
                draft.gift_name = gift.name().to_owned();
            }
        }
        draft
    }

    /// The discount (`None` for "no discount"), or the problems by field suffix.
    pub fn parse(&self) -> Result<Option<Discount>, Vec<(&'static str, StepIssue)>> {
        let mut problems = Vec::new();
        let kind = match self.kind {
            DiscountType::None => return Ok(None),
            DiscountType::FreeShipping => Some(DiscountKind::FreeShipping),
            DiscountType::FreeGift => match GiftProduct::new(&self.gift_sku, &self.gift_name) {
                Ok(gift) => Some(DiscountKind::FreeGift { gift }),
                Err(GiftError::Sku) => {
                    problems.push(("gift_sku", StepIssue::GiftSku));
                    None
                }
                Err(GiftError::Name) => {
                    problems.push(("gift_name", StepIssue::GiftName));
                    None
                }
            },
            DiscountType::Percent => match decimal(&self.value) {
                None => {
                    problems.push(("value", StepIssue::NotANumber));
                    None
                }
                Some(value) => Percent::new(value)
                    .map(|percent| DiscountKind::Percent { percent })
                    .map_err(|_| problems.push(("value", StepIssue::Percent)))
                    .ok(),
            },
            DiscountType::Amount => match decimal(&self.value) {
                None => {
                    problems.push(("value", StepIssue::NotANumber));
                    None
                }
                Some(value) => DiscountKind::amount(value, self.tax_included)
                    .map_err(|_| problems.push(("value", StepIssue::AmountNotPositive)))
                    .ok(),
            },
        };
        // The name's problem too, when the SKU already failed: both fields show theirs.
        if self.kind == DiscountType::FreeGift
            && problems.iter().all(|(field, _)| *field != "gift_name")
            && GiftProduct::check_name(&self.gift_name).is_err()
        {
            problems.push(("gift_name", StepIssue::GiftName));
        }
        let validity = self
            .validity_days
            .trim()
            .parse::<u32>()
            .ok()
            .and_then(|days| ValidityDays::new(days).ok());
        if validity.is_none() {
            problems.push(("validity_days", StepIssue::Validity));
        }
        match (kind, validity) {
            (Some(kind), Some(validity)) if problems.is_empty() => Ok(Some(Discount {
                kind,
                validity,
                combinable: self.combinable,
            })),
            _ => Err(problems),
        }
    }
}
