use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{Audience, Delay, DelayFrom, DiscountPolicy, HoldoutShare, SplitTest};
use crate::calls::Channel;
use crate::rules::Conditions;

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
    /// The `EmailTemplate` this step sends (a call step: the one its call screen offers).
    pub template_id: String,
    /// An email, or a call task for staff.
    #[serde(default)]
    pub channel: Channel,
    /// The code collection its codes come from (the merchant's own codes); `None`: codes
    /// Relance makes.
    #[serde(default)]
    pub code_collection: Option<String>,
    /// An A/B test: another template for a share of the carts.
    #[serde(default)]
    pub split: Option<SplitTest>,
}

impl ReminderStep {
    /// The template this cart gets: variant B's when the cart is drawn for it, else its
    /// discount range's own, else the step's.
    pub fn template_for(&self, cart: &crate::model::Cart) -> &str {
        if let Some(split) = self.split.as_ref().filter(|s| s.takes(&self.id, &cart.id)) {
            return &split.template_id;
        }
        self.discount
            .template_for(cart)
            .unwrap_or(&self.template_id)
    }

    /// The discounts this cart's variant offers: variant B's own when the cart is drawn for
    /// it and B tests a discount, else the step's.
    pub fn discount_for(&self, cart: &crate::model::Cart) -> &DiscountPolicy {
        self.split
            .as_ref()
            .filter(|s| s.takes(&self.id, &cart.id))
            .and_then(|s| s.discount.as_ref())
            .unwrap_or(&self.discount)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CampaignError {
    #[error("a campaign has at most {MAX_STEPS} reminders")]
    TooManySteps,
    #[error(
        "two reminders are sent {hours} hours after the abandonment; give each a different delay"
    )]
    SameDelay { hours: u32 },
    #[error("the campaign name is empty or longer than 100 characters")]
    InvalidName,
}

/// A shop's reminder sequence (a rule), its steps always in sending order. Which carts it
/// takes is its priority and conditions' business (`crate::rules`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CampaignWire")]
pub struct Campaign {
    id: String,
    name: String,
    steps: Vec<ReminderStep>,
    /// Each step's earliest time, in hours after the abandonment (`steps`' order).
    #[serde(skip)]
    offsets: Vec<u32>,
    /// Higher first; ties go to the older campaign.
    priority: i32,
    conditions: Conditions,
    /// Discounts go only to sequences that already had a reminder without one.
    escalation: bool,
    /// Paused as a whole: nothing is decided for it, whatever its steps' switches.
    paused: bool,
    /// The share of its customers held out as a control group.
    holdout: HoldoutShare,
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
    #[serde(default)]
    priority: i32,
    #[serde(default)]
    conditions: Conditions,
    #[serde(default)]
    holdout: HoldoutShare,
}

impl TryFrom<CampaignWire> for Campaign {
    type Error = CampaignError;
    fn try_from(wire: CampaignWire) -> Result<Self, Self::Error> {
        Campaign::new(wire.id, &wire.name, wire.steps).map(|c| {
            c.with_escalation(wire.escalation)
                .with_paused(wire.paused)
                .with_rule(wire.priority, wire.conditions)
                .with_holdout(wire.holdout)
        })
    }
}

/// Puts steps in sending order, with each one's earliest offset (hours after abandonment). A
/// step counted from the abandonment goes at its delay; one counted from the previous step
/// goes its delay after whichever step precedes it, and comes first only when no step counts
/// from the abandonment. At each place the earliest possible step goes next.
fn sending_order(steps: Vec<ReminderStep>) -> Result<(Vec<ReminderStep>, Vec<u32>), CampaignError> {
    let mut left = steps;
    let mut ordered = Vec::with_capacity(left.len());
    let mut offsets: Vec<u32> = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let last = offsets.last().copied();
        let any_absolute = left
            .iter()
            .any(|step| step.delay.from() == DelayFrom::Abandonment);
        let offset = |step: &ReminderStep| match step.delay.from() {
            DelayFrom::Abandonment => Some(step.delay.total_hours()),
            DelayFrom::PreviousStep if last.is_none() && any_absolute => None,
            DelayFrom::PreviousStep => Some(last.unwrap_or(0) + step.delay.total_hours()),
        };
        let (index, at) = left
            .iter()
            .enumerate()
            .filter_map(|(index, step)| offset(step).map(|at| (index, at)))
            .min_by_key(|(index, at)| (*at, *index))
            .expect("a step counted from the abandonment, or none is");
        if last.is_some_and(|last| last >= at) {
            return Err(CampaignError::SameDelay { hours: at });
        }
        ordered.push(left.remove(index));
        offsets.push(at);
    }
    Ok((ordered, offsets))
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
        let (steps, offsets) = sending_order(steps)?;
        Ok(Self {
            id,
            name: name.to_owned(),
            steps,
            offsets,
            priority: 0,
            conditions: Conditions::default(),
            escalation: false,
            paused: false,
            holdout: HoldoutShare::NONE,
        })
    }

    /// The same campaign with a control group of `holdout`.
    pub fn with_holdout(self, holdout: HoldoutShare) -> Self {
        Self { holdout, ..self }
    }

    pub fn holdout(&self) -> HoldoutShare {
        self.holdout
    }

    /// The same campaign as a rule: its priority (higher first) and its conditions.
    pub fn with_rule(self, priority: i32, conditions: Conditions) -> Self {
        Self {
            priority,
            conditions,
            ..self
        }
    }

    pub fn priority(&self) -> i32 {
        self.priority
    }

    pub fn conditions(&self) -> &Conditions {
        &self.conditions
    }

    /// When step `index` goes at the earliest, in hours after the abandonment.
    pub fn offset_hours(&self, index: usize) -> u32 {
        self.offsets.get(index).copied().unwrap_or(0)
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
        Self::new(self.id, &self.name, steps).map(|c| {
            c.with_escalation(self.escalation)
                .with_paused(self.paused)
                .with_rule(self.priority, self.conditions)
        })
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
            channel: Default::default(),
            code_collection: None,
            split: None,
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
    fn a_step_counted_from_the_previous_one_goes_its_delay_after_it() {
        let mut day_after = step("b", 24);
        day_after.delay = day_after.delay.counted_from(DelayFrom::PreviousStep);
        let mut three_days_after = step("c", 72);
        three_days_after.delay = three_days_after.delay.counted_from(DelayFrom::PreviousStep);
        let campaign = Campaign::new(
            "c".into(),
            "Relance",
            vec![three_days_after, day_after, step("a", 2)],
        )
        .unwrap();
        let ids: Vec<&str> = campaign.steps().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(
            (0..3).map(|i| campaign.offset_hours(i)).collect::<Vec<_>>(),
            [2, 26, 98]
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
