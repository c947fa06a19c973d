//! A rule's control group: a share of its customers gets nothing, so Statistics can tell what
//! the reminders earn beyond the orders that would have come anyway.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::draw::draw;

/// The share of a rule's customers held out, in whole percent from 0 (no control group) to
/// [`HoldoutShare::MAX`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct HoldoutShare(u8);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HoldoutError {
    #[error("the control group is a whole percentage from 0 to 50")]
    OutOfRange,
}

impl HoldoutShare {
    /// A new rule's share: enough to measure within weeks on a typical shop, small enough
    /// that few customers go without.
    pub const DEFAULT: HoldoutShare = HoldoutShare(10);
    /// Beyond half, the control group would be the rule.
    pub const MAX: u8 = 50;
    pub const NONE: HoldoutShare = HoldoutShare(0);

    pub fn new(percent: u8) -> Result<Self, HoldoutError> {
        (percent <= Self::MAX)
            .then_some(Self(percent))
            .ok_or(HoldoutError::OutOfRange)
    }

    /// The editor's text: a whole number, "%" allowed.
    pub fn parse(text: &str) -> Result<Self, HoldoutError> {
        let digits = text.trim().trim_end_matches('%').trim();
        digits
            .parse::<u8>()
            .map_err(|_| HoldoutError::OutOfRange)
            .and_then(Self::new)
    }

    pub fn percent(self) -> u8 {
        self.0
    }

    pub fn is_none(self) -> bool {
        self.0 == 0
    }

    /// Whether the customer with this address is in the rule's control group. The draw is a
    /// hash of the rule and the address, so a customer stays in the same group for the rule
    /// whatever cart, process or day, and is drawn afresh for another rule.
    pub fn holds_out(self, campaign_id: &str, email: &str) -> bool {
        draw(campaign_id, &email.trim().to_ascii_lowercase()) < u64::from(self.0) * 100
    }
}

impl TryFrom<u8> for HoldoutShare {
    type Error = HoldoutError;
    fn try_from(percent: u8) -> Result<Self, Self::Error> {
        Self::new(percent)
    }
}

impl From<HoldoutShare> for u8 {
    fn from(share: HoldoutShare) -> u8 {
        share.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_is_a_whole_percentage_up_to_half() {
        assert_eq!(HoldoutShare::parse("10").unwrap().percent(), 10);
        assert_eq!(HoldoutShare::parse(" 25 % ").unwrap().percent(), 25);
        assert_eq!(HoldoutShare::parse("0").unwrap(), HoldoutShare::NONE);
        for bad in ["51", "-1", "10.5", "", "ten", "300"] {
            assert!(HoldoutShare::parse(bad).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<HoldoutShare>("60").is_err());
        assert_eq!(serde_json::to_string(&HoldoutShare::DEFAULT).unwrap(), "10");
    }

    #[test]
    fn no_share_holds_nobody_out_and_half_holds_out_about_half() {
        let emails: Vec<String> = (0..100_000).map(|i| format!("c{i}@example.com")).collect();
        let held = |share: u8, rule: &str| {
            let share = HoldoutShare::new(share).unwrap();
            emails.iter().filter(|e| share.holds_out(rule, e)).count()
        };
        assert_eq!(held(0, "rule-a"), 0);
        for (share, rule) in [(10, "rule-a"), (10, "rule-b"), (50, "rule-a")] {
            let expected = 100_000 * usize::from(share) / 100;
            let count = held(share, rule);
            // Four standard deviations of a binomial draw.
            let p = f64::from(share) / 100.0;
            let margin = 4.0 * (100_000.0 * p * (1.0 - p)).sqrt();
            assert!(
                (count as f64 - expected as f64).abs() < margin,
                "{share} % of {rule}: {count}"
            );
        }
    }

    #[test]
    fn a_customer_keeps_their_group_for_a_rule_whatever_the_address_s_case() {
        let share = HoldoutShare::new(50).unwrap();
        let first = share.holds_out("rule-a", "Marie@Example.com");
        assert_eq!(share.holds_out("rule-a", "marie@example.com"), first);
        // A larger share keeps everyone a smaller one held out.
        let emails: Vec<String> = (0..1_000).map(|i| format!("c{i}@example.com")).collect();
        let ten = HoldoutShare::new(10).unwrap();
        assert!(emails
            .iter()
            .filter(|e| ten.holds_out("rule-a", e))
            .all(|e| share.holds_out("rule-a", e)));
    }

    #[test]
    fn the_draw_is_the_same_on_every_machine_and_release() {
        // Pinned: a change here would move customers between groups of running tests.
        let places: Vec<u64> = ["a@x.fr", "b@x.fr", "c@x.fr"]
            .iter()
            .map(|e| draw("rule-a", e))
            .collect();
        assert_eq!(places, PINNED);
    }

    const PINNED: [u64; 3] = [4797, 5318, 9813];
}
