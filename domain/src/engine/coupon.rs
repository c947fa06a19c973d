//! Single-use discount codes: what they look like and whether one is still good.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::ParseError;

/// 32 characters without look-alikes (no 0/O, no 1/I): a customer can copy a code by hand.
pub const CODE_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// 8 characters from 32: 2^40 codes, so guessing one is hopeless and collisions are rare.
pub const CODE_LENGTH: usize = 8;

/// The merchant's prefix (`RLC-` by default): 1 to 10 letters, digits, `-` or `_`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CouponPrefix(String);

impl CouponPrefix {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let prefix = input.trim().to_ascii_uppercase();
        let valid = (1..=10).contains(&prefix.len())
            && prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if valid {
            Ok(Self(prefix))
        } else {
            Err(ParseError::new(format!(
                "\"{}\" is not a code prefix: 1 to 10 letters, digits, - or _",
                input.trim()
            )))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for CouponPrefix {
    fn default() -> Self {
        Self("RLC-".to_owned())
    }
}

impl TryFrom<String> for CouponPrefix {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CouponPrefix> for String {
    fn from(value: CouponPrefix) -> Self {
        value.0
    }
}

/// A code made of `prefix` and eight characters picked by `random` (the caller's random
/// source: the operating system's in production, a fixed sequence in tests).
pub fn coupon_code(prefix: &CouponPrefix, random: [u8; CODE_LENGTH]) -> String {
    let mut code = String::with_capacity(prefix.0.len() + CODE_LENGTH);
    code.push_str(&prefix.0);
    // 256 is a multiple of 32, so keeping the low five bits is uniform.
    code.extend(
        random
            .iter()
            .map(|byte| CODE_ALPHABET[usize::from(byte & 31)] as char),
    );
    code
}

/// What a shop learns when it checks a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CouponState {
    Valid,
    Expired,
    Used,
}

/// A code is used once; an unused one is good until its expiry (exclusive).
pub fn coupon_state(
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> CouponState {
    if used_at.is_some() {
        CouponState::Used
    } else if now >= expires_at {
        CouponState::Expired
    } else {
        CouponState::Valid
    }
}

/// What a code's redemption is checked against: its terms and who it was made for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponTerms {
    pub expires_at: DateTime<Utc>,
    /// The order that spent it, if one did.
    pub used_by_order: Option<String>,
    /// The customer the reminder went to: the shop's id for them and their address.
    pub customer_id: String,
    pub email: String,
    /// The cart value the code needs (the lower bound of its discount range), if any.
    pub minimum: Option<Decimal>,
}

/// An order asking to spend a code: the shop's order id, who orders (its customer id, its
/// email or both; at least one is needed to check the code is theirs) and the cart's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedeemAttempt<'a> {
    pub order_id: &'a str,
    pub customer_id: Option<&'a str>,
    pub email: Option<&'a str>,
    pub cart_total: Decimal,
}

/// A redemption accepted: the code is spent now, or this same order had spent it already.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Redeemed {
    Now,
    AlreadyByThisOrder,
}

/// Why a code cannot be spent. The names are stable: the API answers them as `reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum RedeemRefusal {
    Expired,
    AlreadyUsed,
    OtherCustomer,
    /// Nothing says who orders, so the code cannot be checked to be theirs.
    CustomerUnknown,
    BelowMinimum {
        minimum: Decimal,
    },
}

impl RedeemRefusal {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Expired => "expired",
            Self::AlreadyUsed => "already_used",
            Self::OtherCustomer => "other_customer",
            Self::CustomerUnknown => "customer_unknown",
            Self::BelowMinimum { .. } => "below_minimum",
        }
    }
}

/// Whether `attempt` may spend a code with these `terms` at `now`, as a shop's checkout checks
/// it: once (the same order asking again gets the same yes), before it expires, by the
/// customer it was made for, on a cart worth at least its minimum.
pub fn redeem(
    terms: &CouponTerms,
    attempt: &RedeemAttempt<'_>,
    now: DateTime<Utc>,
) -> Result<Redeemed, RedeemRefusal> {
    match terms.used_by_order.as_deref() {
        Some(order) if order == attempt.order_id => return Ok(Redeemed::AlreadyByThisOrder),
        Some(_) => return Err(RedeemRefusal::AlreadyUsed),
        None => {}
    }
    if now >= terms.expires_at {
        return Err(RedeemRefusal::Expired);
    }
    if attempt.customer_id.is_none() && attempt.email.is_none() {
        return Err(RedeemRefusal::CustomerUnknown);
    }
    let other_id = attempt
        .customer_id
        .is_some_and(|id| id.trim() != terms.customer_id);
    let other_email = attempt
        .email
        .is_some_and(|email| !email.trim().eq_ignore_ascii_case(&terms.email));
    if other_id || other_email {
        return Err(RedeemRefusal::OtherCustomer);
    }
    match terms.minimum {
        Some(minimum) if attempt.cart_total < minimum => {
            Err(RedeemRefusal::BelowMinimum { minimum })
        }
        _ => Ok(Redeemed::Now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn a_code_is_the_prefix_and_eight_unambiguous_characters() {
        let code = coupon_code(&CouponPrefix::default(), [0, 1, 31, 32, 255, 8, 23, 24]);
        assert_eq!(code, "RLC-AB9A9JZ2");
        let code = coupon_code(&CouponPrefix::default(), [0; 8]);
        assert_eq!(code, "RLC-AAAAAAAA");
        for random in [[7u8; 8], [200; 8], [13; 8]] {
            let code = coupon_code(&CouponPrefix::parse("promo").unwrap(), random);
            assert!(code.starts_with("PROMO"));
            assert!(!code[5..].contains(['0', 'O', '1', 'I']));
            assert_eq!(code.len(), 13);
        }
    }

    #[test]
    fn prefixes_are_short_and_plain() {
        assert!(CouponPrefix::parse("RLC-").is_ok());
        assert!(CouponPrefix::parse("").is_err());
        assert!(CouponPrefix::parse("TOO-LONG-PREFIX").is_err());
        assert!(CouponPrefix::parse("a b").is_err());
    }

    #[test]
    fn a_code_is_valid_until_it_expires_or_is_used() {
        let expiry = Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap();
        let before = expiry - Duration::seconds(1);
        assert_eq!(coupon_state(expiry, None, before), CouponState::Valid);
        assert_eq!(coupon_state(expiry, None, expiry), CouponState::Expired);
        assert_eq!(
            coupon_state(expiry, Some(before), before),
            CouponState::Used
        );
    }

    fn terms() -> CouponTerms {
        CouponTerms {
            expires_at: Utc.with_ymd_and_hms(2026, 12, 10, 0, 0, 0).unwrap(),
            used_by_order: None,
            customer_id: "cu-7".into(),
            email: "john@example.com".into(),
            minimum: Some(Decimal::new(50, 0)),
        }
    }

    fn attempt(order: &str) -> RedeemAttempt<'_> {
        RedeemAttempt {
            order_id: order,
            customer_id: Some("cu-7"),
            email: None,
            cart_total: Decimal::new(6951, 2),
        }
    }

    #[test]
    fn a_code_is_spent_once_and_the_same_order_asking_again_gets_the_same_yes() {
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap();
        assert_eq!(redeem(&terms(), &attempt("o-1"), now), Ok(Redeemed::Now));
        let spent = CouponTerms {
            used_by_order: Some("o-1".into()),
            ..terms()
        };
        assert_eq!(
            redeem(&spent, &attempt("o-1"), now),
            Ok(Redeemed::AlreadyByThisOrder)
        );
        assert_eq!(
            redeem(&spent, &attempt("o-2"), now),
            Err(RedeemRefusal::AlreadyUsed)
        );
    }

    #[test]
    fn an_expired_code_another_customer_s_or_a_cart_below_the_minimum_is_refused() {
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap();
        let later = Utc.with_ymd_and_hms(2026, 12, 10, 0, 0, 0).unwrap();
        assert_eq!(
            redeem(&terms(), &attempt("o-1"), later),
            Err(RedeemRefusal::Expired)
        );
        let mary = RedeemAttempt {
            customer_id: None,
            email: Some("mary@example.com"),
            ..attempt("o-1")
        };
        assert_eq!(
            redeem(&terms(), &mary, now),
            Err(RedeemRefusal::OtherCustomer)
        );
        let john_by_email = RedeemAttempt {
            customer_id: None,
            email: Some(" John@Example.com"),
            ..attempt("o-1")
        };
        assert_eq!(redeem(&terms(), &john_by_email, now), Ok(Redeemed::Now));
        let nobody = RedeemAttempt {
            customer_id: None,
            ..attempt("o-1")
        };
        assert_eq!(
            redeem(&terms(), &nobody, now),
            Err(RedeemRefusal::CustomerUnknown)
        );
        let small = RedeemAttempt {
            cart_total: Decimal::new(4999, 2),
            ..attempt("o-1")
        };
        assert_eq!(
            redeem(&terms(), &small, now),
            Err(RedeemRefusal::BelowMinimum {
                minimum: Decimal::new(50, 0)
            })
        );
    }
}
