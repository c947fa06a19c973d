//! How a coupon's terms are written: its kind and value columns, its minimum's basis, its end.

use chrono::{DateTime, Duration, Utc};
use domain::{Discount, DiscountKind, ValueBasis};

use super::money::to_db;

/// How `coupons.min_order_basis` names a total.
pub fn basis_name(basis: ValueBasis) -> &'static str {
    match basis {
        ValueBasis::TaxIncluded => "tax_incl",
        ValueBasis::TaxExcluded => "tax_excl",
    }
}

pub fn coupon_columns(discount: &Discount) -> (&'static str, Option<i64>, bool) {
    match discount.kind {
        DiscountKind::Percent { percent } => ("percent", to_db(percent.value()).ok(), false),
        DiscountKind::Amount {
            amount,
            tax_included,
        } => ("amount", to_db(amount).ok(), tax_included),
        DiscountKind::FreeShipping => ("free_shipping", None, false),
    }
}

/// When a code given `now` expires.
pub fn expires_at(discount: &Discount, now: DateTime<Utc>) -> DateTime<Utc> {
    now + Duration::days(i64::from(discount.validity.days()))
}
