//! A discount in a few words, as the Reminders page's details and the Statistics page's A/B
//! tests name it.

use domain::{Currency, DiscountKind};

use crate::api::Offer;
use crate::i18n::Texts;

/// One discount: "10 %", "5,00 €", "Free shipping", "Free gift: Mug".
pub fn describe(
    kind: &DiscountKind,
    currency: Currency,
    language: domain::Language,
    t: &Texts,
) -> String {
    describe_offer(&Offer::of(kind), currency, language, t)
}

/// A discount as the wire names it.
pub fn describe_offer(
    offer: &Offer,
    currency: Currency,
    language: domain::Language,
    t: &Texts,
) -> String {
    match offer {
        Offer::None => (t.reminders.kind)(domain::DiscountType::None).into(),
        Offer::Percent(percent) => domain::format::percent(*percent, language),
        Offer::Amount(amount) => domain::format::money(*amount, currency, language),
        Offer::FreeShipping => (t.reminders.kind)(domain::DiscountType::FreeShipping).into(),
        Offer::FreeGift(name) => format!(
            "{}: {name}",
            (t.reminders.kind)(domain::DiscountType::FreeGift)
        ),
    }
}

/// A policy's offers, each cart-value range's in turn: "5 % / 10 % / 15 %".
pub fn describe_offers(
    offers: &[Offer],
    currency: Currency,
    language: domain::Language,
    t: &Texts,
) -> String {
    offers
        .iter()
        .map(|offer| describe_offer(offer, currency, language, t))
        .collect::<Vec<_>>()
        .join(" / ")
}
