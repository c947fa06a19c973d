//! An A/B test of a step: another template (its own subject and content) for a share of the
//! step's carts, drawn stably per cart, until the merchant promotes the winner.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::draw::draw;

/// The share of carts that get the variant, from 1 to 99 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct SplitShare(u8);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SplitShareError {
    #[error("the variant's share is a whole percentage from 1 to 99")]
    OutOfRange,
}

impl SplitShare {
    pub const HALF: SplitShare = SplitShare(50);

    pub fn new(percent: u8) -> Result<Self, SplitShareError> {
        (1..=99)
            .contains(&percent)
            .then_some(Self(percent))
            .ok_or(SplitShareError::OutOfRange)
    }

    pub fn parse(text: &str) -> Result<Self, SplitShareError> {
        text.trim()
            .trim_end_matches('%')
            .trim()
            .parse::<u8>()
            .map_err(|_| SplitShareError::OutOfRange)
            .and_then(Self::new)
    }

    pub fn percent(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for SplitShare {
    type Error = SplitShareError;
    fn try_from(percent: u8) -> Result<Self, Self::Error> {
        Self::new(percent)
    }
}

impl From<SplitShare> for u8 {
    fn from(share: SplitShare) -> u8 {
        share.0
    }
}

/// Variant B of a step: its template, for `share` of the carts, and the discount it offers
/// instead of the step's, when it tests one (`DiscountPolicy::None`: no discount at all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitTest {
    pub template_id: String,
    pub share: SplitShare,
    #[serde(default)]
    pub discount: Option<super::DiscountPolicy>,
}

impl SplitTest {
    /// Whether the cart (the shop's id for it) gets variant B of step `step_id`.
    pub fn takes(&self, step_id: &str, cart_id: &str) -> bool {
        draw(step_id, cart_id) < u64::from(self.share.0) * 100
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cart_keeps_its_variant_and_the_share_is_about_what_was_asked() {
        let test = SplitTest {
            template_id: "b".into(),
            share: SplitShare::new(30).unwrap(),
            discount: None,
        };
        let carts: Vec<String> = (0..100_000).map(|i| format!("cart-{i}")).collect();
        let taken = carts.iter().filter(|c| test.takes("step-1", c)).count();
        // Four standard deviations of 100,000 draws at 30 % (σ = 145).
        assert!((29_420..=30_580).contains(&taken), "{taken}");
        assert_eq!(
            test.takes("step-1", "cart-7"),
            test.takes("step-1", "cart-7")
        );
        // Another step draws afresh.
        let both = carts
            .iter()
            .filter(|c| test.takes("step-1", c) && test.takes("step-2", c))
            .count();
        // Independent draws: 9 % of the carts, give or take four σ (σ = 90).
        assert!((8_640..=9_360).contains(&both), "{both}");
    }

    #[test]
    fn the_share_is_between_one_and_ninety_nine_percent() {
        assert_eq!(SplitShare::parse("25 %").unwrap().percent(), 25);
        for bad in ["0", "100", "", "half", "-5"] {
            assert!(SplitShare::parse(bad).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<SplitShare>("0").is_err());
    }
}
