//! A campaign as a document to copy it between shops: its steps and the templates they send,
//! every language included, in the editors' own draft shapes. Reading one back runs the same
//! checks as the editors, so a hand-edited file cannot bring in what the admin would refuse.

use serde::{Deserialize, Serialize};

use super::{
    Campaign, DiscountKind, DiscountPolicy, HoldoutShare, ReminderStep, StepDraft, StepProblem,
};
use crate::model::DraftProblem;
use crate::rules::{Condition, Conditions};
use crate::{Currency, EmailTemplate, TemplateDraft};

/// What a document says it is, so another JSON file is told apart at once.
pub const FORMAT: &str = "relance.campaign";
/// The newest version this build writes and reads.
pub const VERSION: u32 = 1;

/// The exported campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignDocument {
    pub format: String,
    pub version: u32,
    pub name: String,
    /// The currency of the shop it came from: the discounts' amounts are in it.
    pub currency: Currency,
    pub escalation: bool,
    /// The rule's priority and conditions (files from before rules have none: every cart).
    #[serde(default)]
    pub priority: i32,
    #[serde(default)]
    pub conditions: Vec<Condition>,
    /// The rule's control group (files from before control groups have none).
    #[serde(default)]
    pub holdout: HoldoutShare,
    pub steps: Vec<StepDraft>,
    /// The templates the steps send, each once.
    pub templates: Vec<TemplateDraft>,
}

/// Why a document cannot be imported; nothing is written then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportProblem {
    /// Not JSON, or not shaped as a campaign document: serde's message.
    Unreadable { message: String },
    /// A JSON file of something else.
    NotACampaign,
    /// Written by a newer Relance.
    NewerVersion { version: u32 },
    /// Step `step` (from 1) is not valid.
    Step {
        step: usize,
        problems: Vec<StepProblem>,
    },
    /// Template `template` (from 1) is not valid.
    Template {
        template: usize,
        problems: Vec<DraftProblem>,
    },
    /// Step `step` sends a template the document does not hold.
    MissingTemplate { step: usize },
    /// The steps together are not a campaign (too many, two with the same delay).
    Campaign { message: String },
    /// Condition `condition` (from 1) of the rule is not valid.
    Condition { condition: usize, message: String },
}

/// Something to look at after an import: it is done, but may not mean what it meant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReviewNote {
    /// Step `step`'s discount counts in `from` (amounts or cart-value ranges), the shop in `to`.
    Currency {
        step: usize,
        from: Currency,
        to: Currency,
    },
}

/// A document that passed every check, ready to write into a shop.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedImport {
    pub name: String,
    pub escalation: bool,
    pub holdout: HoldoutShare,
    pub priority: i32,
    pub conditions: Conditions,
    /// Their ids as in the document; the shop gives them its own.
    pub templates: Vec<EmailTemplate>,
    /// Switched off: an imported reminder is read before it sends.
    pub steps: Vec<ReminderStep>,
    pub review: Vec<ReviewNote>,
}

impl CampaignDocument {
    /// The document of `campaign`, with the templates its steps send.
    pub fn of(campaign: &Campaign, currency: Currency, templates: &[EmailTemplate]) -> Self {
        // Every template a step may send: its own, its discount tiers', its A/B variant's.
        let sends = |step: &ReminderStep, id: &str| {
            step.template_id == id
                || step.discount.tier_templates().contains(&id)
                || step.split.as_ref().is_some_and(|s| s.template_id == id)
        };
        let used: Vec<&EmailTemplate> = templates
            .iter()
            .filter(|t| campaign.steps().iter().any(|s| sends(s, &t.id)))
            .collect();
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            name: campaign.name().to_owned(),
            currency,
            escalation: campaign.escalation(),
            priority: campaign.priority(),
            conditions: campaign.conditions().as_slice().to_vec(),
            holdout: campaign.holdout(),
            steps: campaign
                .steps()
                .iter()
                .map(|step| StepDraft {
                    // A member and a code collection are one shop's: an imported call step
                    // goes to any staff, and its codes are made by Relance.
                    assignee: String::new(),
                    code_collection: String::new(),
                    ..StepDraft::from_step(step)
                })
                .collect(),
            templates: used.into_iter().map(TemplateDraft::from_template).collect(),
        }
    }

    /// Whether a document's header names a campaign this build reads; the server parses the
    /// JSON, header first, then the whole document.
    pub fn accept(format: Option<&str>, version: Option<u32>) -> Result<(), ImportProblem> {
        if format != Some(FORMAT) {
            return Err(ImportProblem::NotACampaign);
        }
        match version {
            Some(version) if version > VERSION => Err(ImportProblem::NewerVersion { version }),
            _ => Ok(()),
        }
    }

    /// Every step and template checked as the editors check them, for a shop in
    /// `currency`; every problem found, or what to review.
    pub fn check(&self, currency: Currency) -> Result<CheckedImport, Vec<ImportProblem>> {
        let mut problems = Vec::new();
        let mut templates = Vec::new();
        for (index, draft) in self.templates.iter().enumerate() {
            match draft.parse() {
                Ok(template) => templates.push(template),
                Err(found) => problems.push(ImportProblem::Template {
                    template: index + 1,
                    problems: found,
                }),
            }
        }
        let mut steps = Vec::new();
        let mut review = Vec::new();
        for (index, draft) in self.steps.iter().enumerate() {
            let step = index + 1;
            let known = |id: &str| self.templates.iter().any(|t| t.id == id);
            let tiers_known = draft
                .ranges
                .iter()
                .all(|r| r.template_id.is_empty() || known(&r.template_id));
            let split_known = !draft.split || known(&draft.split_template);
            if !known(&draft.template_id) || (draft.by_cart_value && !tiers_known) || !split_known {
                problems.push(ImportProblem::MissingTemplate { step });
                continue;
            }
            match draft.parse() {
                Ok(parsed) => {
                    if self.currency != currency && counts_in_currency(&parsed.discount) {
                        review.push(ReviewNote::Currency {
                            step,
                            from: self.currency,
                            to: currency,
                        });
                    }
                    steps.push(ReminderStep {
                        enabled: false,
                        ..parsed
                    });
                }
                Err(found) => problems.push(ImportProblem::Step {
                    step,
                    problems: found,
                }),
            }
        }
        if problems.is_empty() {
            if let Err(error) = Campaign::new(String::new(), &self.name, steps.clone()) {
                problems.push(ImportProblem::Campaign {
                    message: error.to_string(),
                });
            }
        }
        let conditions =
            Conditions::new(self.conditions.clone()).map_err(|error| ImportProblem::Condition {
                condition: error.index + 1,
                message: error.error.message,
            });
        let conditions = match conditions {
            Ok(conditions) => conditions,
            Err(problem) => {
                problems.push(problem);
                Conditions::default()
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(CheckedImport {
            name: self.name.trim().to_owned(),
            escalation: self.escalation,
            holdout: self.holdout,
            priority: self.priority,
            conditions,
            templates,
            steps,
            review,
        })
    }
}

/// Whether a discount means an amount of money: a fixed amount, or ranges of cart value.
fn counts_in_currency(policy: &DiscountPolicy) -> bool {
    match policy {
        DiscountPolicy::None => false,
        DiscountPolicy::Single { discount } => matches!(discount.kind, DiscountKind::Amount { .. }),
        DiscountPolicy::Ranges { .. } => true,
    }
}

#[cfg(test)]
mod tests;
