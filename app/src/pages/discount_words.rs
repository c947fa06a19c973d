//! A discount in a few words, as the Reminders page's details and the Statistics page's A/B
//! tests name it.

use domain::{Currency, DiscountKind, DiscountPolicy};

use crate::i18n::Texts;

/// One discount: "10 %", "5,00 €", "Free shipping", "Free gift: Mug".
pub fn describe(
    kind: &DiscountKind,
    currency: Currency,
    language: domain::Language,
    t: &Texts,
) -> String {
    match kind {
        DiscountKind::Percent { percent } => domain::format::percent(percent.value(), language),
        DiscountKind::Amount { amount, .. } => domain::format::money(*amount, currency, language),
        DiscountKind::FreeShipping => (t.reminders.kind)(domain::DiscountType::FreeShipping).into(),
        DiscountKind::FreeGift { gift } => format!(
            "{}: {}",
            (t.reminders.kind)(domain::DiscountType::FreeGift),
            gift.name()
        ),
    }
}

/// A step's discount policy: none, one discount, or each cart-value range's, lowest first.
pub fn describe_policy(
    policy: &DiscountPolicy,
    currency: Currency,
    language: domain::Language,
    t: &Texts,
) -> String {
    match policy {
        DiscountPolicy::None => (t.reminders.kind)(domain::DiscountType::None).into(),
        DiscountPolicy::Single { discount } => describe(&discount.kind, currency, language, t),
        DiscountPolicy::Ranges { ranges } => ranges
            .ranges()
            .iter()
            .map(|range| describe(&range.discount.kind, currency, language, t))
            .collect::<Vec<_>>()
            .join(" / "),
    }
}
