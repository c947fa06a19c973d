use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{Audience, Delay, DiscountPolicy};

/// A campaign holds at most five reminders: more is spam, as the PrestaShop guide says.
pub const MAX_STEPS: usize = 5;

/// One reminder of a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderStep {
    pub id: String,
    pub delay: Delay,
    pub enabled: bool,
    pub audience: Audience,
    pub discount: DiscountPolicy,
    /// The `EmailTemplate` this step sends.
    pub template_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CampaignError {
    #[error("a campaign has at most {MAX_STEPS} reminders")]
    TooManySteps,
    #[error("two reminders are sent after {hours} hours; give each a different delay")]
    SameDelay { hours: u32 },
    #[error("the campaign name is empty or longer than 100 characters")]
    InvalidName,
}

/// A shop's reminder sequence, its steps always in delay order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CampaignWire")]
pub struct Campaign {
    id: String,
    name: String,
    steps: Vec<ReminderStep>,
    /// Discounts go only to sequences that already had a reminder without one.
    escalation: bool,
    /// Paused as a whole: nothing is decided for it, whatever its steps' switches.
    paused: bool,
}

#[derive(Deserialize)]
struct CampaignWire {
    id: String,
    name: String,
    steps: Vec<ReminderStep>,
    #[serde(default)]
    escalation: bool,
    #[serde(default)]
    paused: bool,
}

impl TryFrom<CampaignWire> for Campaign {
    type Error = CampaignError;
    fn try_from(wire: CampaignWire) -> Result<Self, Self::Error> {
        Campaign::new(wire.id, &wire.name, wire.steps)
            .map(|c| c.with_escalation(wire.escalation).with_paused(wire.paused))
    }
}

impl Campaign {
    pub fn new(
        id: String,
        name: &str,
        mut steps: Vec<ReminderStep>,
    ) -> Result<Self, CampaignError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(CampaignError::InvalidName);
        }
        if steps.len() > MAX_STEPS {
            return Err(CampaignError::TooManySteps);
        }
        steps.sort_by_key(|step| step.delay.total_hours());
        if let Some(pair) = steps
            .windows(2)
            .find(|pair| pair[0].delay.total_hours() == pair[1].delay.total_hours())
        {
            return Err(CampaignError::SameDelay {
                hours: pair[0].delay.total_hours(),
            });
        }
        Ok(Self {
            id,
            name: name.to_owned(),
            steps,
            escalation: false,
            paused: false,
        })
    }

    /// The same campaign, paused or running.
    pub fn with_paused(self, paused: bool) -> Self {
        Self { paused, ..self }
    }

    pub fn paused(&self) -> bool {
        self.paused
    }

    /// The same campaign, escalating or not: with escalation, a step's discount is offered
    /// only once a reminder of the same sequence went out without one (so a customer cannot
    /// learn that abandoning a cart brings a code at once).
    pub fn with_escalation(self, escalation: bool) -> Self {
        Self { escalation, ..self }
    }

    pub fn escalation(&self) -> bool {
        self.escalation
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The steps, shortest delay first.
    pub fn steps(&self) -> &[ReminderStep] {
        &self.steps
    }

    /// Adds a step, keeping the delay order; a sixth step is refused.
    pub fn add_step(self, step: ReminderStep) -> Result<Self, CampaignError> {
        let mut steps = self.steps;
        steps.push(step);
        Self::new(self.id, &self.name, steps).map(|c| c.with_escalation(self.escalation))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(id: &str, hours: u32) -> ReminderStep {
        ReminderStep {
            id: id.into(),
            delay: Delay::hours(hours).unwrap(),
            enabled: true,
            audience: Audience::EVERYONE,
            discount: DiscountPolicy::None,
            template_id: "t1".into(),
        }
    }

    #[test]
    fn steps_are_kept_in_delay_order() {
        let campaign = Campaign::new(
            "c".into(),
            "Relance",
            vec![step("b", 24), step("a", 1), step("c", 72)],
        )
        .unwrap();
        let ids: Vec<&str> = campaign.steps().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }

    #[test]
    fn a_sixth_step_is_an_error() {
        let five = (1..=5).map(|h| step(&h.to_string(), h)).collect();
        let campaign = Campaign::new("c".into(), "Relance", five).unwrap();
        assert_eq!(
            campaign.add_step(step("6", 6)),
            Err(CampaignError::TooManySteps)
        );
    }

    #[test]
    fn two_steps_with_the_same_delay_are_rejected() {
        let mut day = step("b", 1);
        day.delay = Delay::days(1).unwrap();
        assert_eq!(
            Campaign::new("c".into(), "Relance", vec![step("a", 24), day]),
            Err(CampaignError::SameDelay { hours: 24 })
        );
    }
}
