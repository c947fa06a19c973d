//! Single-use discount codes: what they look like and whether one is still good.

use chrono::{DateTime, Utc};
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
}
