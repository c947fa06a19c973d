//! How a discount's terms are written, in `coupons` and `step_discounts` alike: its kind, value
//! and gift columns, its minimum's basis, its end. The one mapping both ways.

use chrono::{DateTime, Duration, Utc};
use domain::{Discount, DiscountKind, GiftProduct, Percent, ValueBasis};
use rust_decimal::Decimal;

use super::DbError;

/// How `coupons.min_order_basis` names a total.
pub fn basis_name(basis: ValueBasis) -> &'static str {
    match basis {
        ValueBasis::TaxIncluded => "tax_incl",
        ValueBasis::TaxExcluded => "tax_excl",
    }
}

/// A discount kind as its columns hold it.
pub struct KindColumns<'a> {
    pub kind: &'static str,
    /// The percentage or the amount; none for free shipping or a gift.
    pub value: Option<Decimal>,
    pub tax_included: bool,
    pub gift_sku: Option<&'a str>,
    pub gift_name: Option<&'a str>,
}

pub fn kind_columns(kind: &DiscountKind) -> KindColumns<'_> {
    let plain = |kind, value, tax_included| KindColumns {
        kind,
        value,
        tax_included,
        gift_sku: None,
        gift_name: None,
    };
    match kind {
        DiscountKind::Percent { percent } => plain("percent", Some(percent.value()), false),
        DiscountKind::Amount {
            amount,
            tax_included,
        } => plain("amount", Some(*amount), *tax_included),
        DiscountKind::FreeShipping => plain("free_shipping", None, false),
        DiscountKind::FreeGift { gift } => KindColumns {
            kind: "free_gift",
            value: None,
            tax_included: false,
            gift_sku: Some(gift.sku()),
            gift_name: Some(gift.name()),
        },
    }
}

/// The kind back from its columns; anything else is a corrupt row.
pub fn kind_of(
    kind: &str,
    value: Option<Decimal>,
    tax_included: bool,
    gift_sku: Option<&str>,
    gift_name: Option<&str>,
) -> Result<DiscountKind, DbError> {
    Ok(match (kind, value) {
        ("percent", Some(value)) => DiscountKind::Percent {
            percent: Percent::new(value).map_err(DbError::corrupt)?,
        },
        ("amount", Some(amount)) => {
            DiscountKind::amount(amount, tax_included).map_err(DbError::corrupt)?
        }
        ("free_shipping", _) => DiscountKind::FreeShipping,
        ("free_gift", _) => DiscountKind::FreeGift {
            gift: GiftProduct::new(gift_sku.unwrap_or_default(), gift_name.unwrap_or_default())
                .map_err(DbError::corrupt)?,
        },
        (other, _) => return Err(DbError::corrupt(format!("discount kind {other:?}"))),
    })
}

/// When a code given `now` expires.
pub fn expires_at(discount: &Discount, now: DateTime<Utc>) -> DateTime<Utc> {
    now + Duration::days(i64::from(discount.validity.days()))
}
