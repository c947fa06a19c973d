//! The check a rule gets before it is switched on, as a whole: every reminder has its
//! template and text in the customers' languages, no unknown tag, an unsubscribe link, no
//! coupon that expires before the next reminder, a sender, and no rule before it that always
//! wins in its place.

use serde::{Deserialize, Serialize};

use super::condition::Condition;
use super::in_priority_order;
use crate::campaign::{Campaign, DiscountPolicy};
use crate::email::{warnings, DraftTexts, Warning};
use crate::model::{EmailTemplate, Language};

/// What the check knows of the shop besides its rules.
pub struct LaunchContext<'a> {
    pub templates: &'a [EmailTemplate],
    /// The languages the shop's customers use, its default language first.
    pub languages: &'a [Language],
    /// The shop sends from an address of its own (Settings), not the operator's default.
    pub has_sender: bool,
    /// The shop's code collections and the codes each has left.
    pub collections: &'a [(String, u64)],
    /// The shop has an SMS provider (Connect page).
    pub has_sms_provider: bool,
}

/// A collection with fewer codes left than this is flagged before it runs out.
pub const FEW_CODES: u64 = 20;

/// One finding of the check; `step` counts from 1 in sending order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LaunchProblem {
    /// No reminder is on: the rule keeps its carts and sends nothing.
    NoReminder,
    TemplateMissing {
        step: usize,
    },
    /// Customers in this language get this reminder in English.
    FallsBackToEnglish {
        step: usize,
        language: Language,
    },
    /// Customers in this language get no reminder: no text in it nor in English.
    NotSent {
        step: usize,
        language: Language,
    },
    UnknownTag {
        step: usize,
        language: Language,
        tag: String,
    },
    UnsubscribeMissing {
        step: usize,
        language: Language,
    },
    /// The step's coupon expires `days` days after it is sent, before the next reminder.
    CouponExpiresFirst {
        step: usize,
        days: u32,
        next_after_hours: u32,
    },
    /// A rule tried before this one holds whenever this one does: this one never runs.
    Shadowed {
        by: String,
    },
    NoSender,
    /// The step's code collection has `left` codes left (none: its reminders go without).
    CodesRunningOut {
        step: usize,
        left: u64,
    },
    /// An SMS step, and no SMS provider: its messages wait until one is set.
    NoSmsProvider {
        step: usize,
    },
}

impl LaunchProblem {
    /// Whether the rule cannot be switched on until it is fixed (the others are warnings).
    pub fn blocking(&self) -> bool {
        matches!(self, Self::TemplateMissing { .. } | Self::UnknownTag { .. })
    }
}

/// The shortest validity of the coupons a step can give, in days.
fn shortest_validity(policy: &DiscountPolicy) -> Option<u32> {
    match policy {
        DiscountPolicy::None => None,
        DiscountPolicy::Single { discount } => Some(discount.validity.days()),
        DiscountPolicy::Ranges { ranges } => ranges
            .ranges()
            .iter()
            .map(|range| range.discount.validity.days())
            .min(),
    }
}

/// Whether `earlier`'s conditions are among `later`'s: whenever `later` holds, so does
/// `earlier`. A "first time for this customer" condition depends on the rule it is in, so a
/// rule with one is never said to shadow.
fn shadows(earlier: &Campaign, later: &Campaign) -> bool {
    let conditions = earlier.conditions().as_slice();
    !conditions.contains(&Condition::FirstTimeForCustomer)
        && conditions
            .iter()
            .all(|c| later.conditions().as_slice().contains(c))
}

/// Checks `campaign`, one of `all` the shop's rules.
pub fn launch_check(
    campaign: &Campaign,
    all: &[Campaign],
    context: &LaunchContext<'_>,
) -> Vec<LaunchProblem> {
    let mut problems = Vec::new();
    let steps: Vec<(usize, &crate::campaign::ReminderStep)> = campaign
        .steps()
        .iter()
        .enumerate()
        .filter(|(_, step)| step.enabled)
        .collect();
    if steps.is_empty() {
        problems.push(LaunchProblem::NoReminder);
    }
    for (position, (index, step)) in steps.iter().enumerate() {
        let number = position + 1;
        match step.channel.sms() {
            Some(texts) => sms_problems(texts, number, context, &mut problems),
            None => email_problems(step, number, context, &mut problems),
        }
        if let Some(collection) = &step.code_collection {
            let left = context
                .collections
                .iter()
                .find(|(id, _)| id == collection)
                .map_or(0, |(_, left)| *left);
            if left < FEW_CODES {
                problems.push(LaunchProblem::CodesRunningOut { step: number, left });
            }
        }
        let next = steps.get(position + 1);
        // Variant B's own discount may be the one that runs out first.
        let shortest = std::iter::once(&step.discount)
            .chain(step.split.as_ref().and_then(|s| s.discount.as_ref()))
            .filter_map(shortest_validity)
            .min();
        if let (Some(days), Some((next_index, _))) = (shortest, next) {
            let gap = campaign
                .offset_hours(*next_index)
                .saturating_sub(campaign.offset_hours(*index));
            if days * 24 < gap {
                problems.push(LaunchProblem::CouponExpiresFirst {
                    step: number,
                    days,
                    next_after_hours: gap,
                });
            }
        }
    }
    for earlier in in_priority_order(all) {
        if earlier.id() == campaign.id() {
            break;
        }
        if !earlier.paused() && shadows(earlier, campaign) {
            problems.push(LaunchProblem::Shadowed {
                by: earlier.name().to_owned(),
            });
        }
    }
    if !context.has_sender {
        problems.push(LaunchProblem::NoSender);
    }
    problems
}

/// The problems of a step's templates: its own and those of its discount tiers.
fn email_problems(
    step: &crate::campaign::ReminderStep,
    number: usize,
    context: &LaunchContext<'_>,
    problems: &mut Vec<LaunchProblem>,
) {
    let mut ids = vec![step.template_id.as_str()];
    for id in step.discount.tier_templates() {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    for id in ids {
        match context.templates.iter().find(|t| t.id == id) {
            None => problems.push(LaunchProblem::TemplateMissing { step: number }),
            Some(template) => template_problems(template, number, context.languages, problems),
        }
    }
}

/// An SMS step's problems: no provider, a customer language without text.
fn sms_problems(
    texts: &crate::sms::SmsTexts,
    number: usize,
    context: &LaunchContext<'_>,
    problems: &mut Vec<LaunchProblem>,
) {
    if !context.has_sms_provider {
        problems.push(LaunchProblem::NoSmsProvider { step: number });
    }
    for &language in context.languages {
        match texts.for_language(language) {
            None => problems.push(LaunchProblem::NotSent {
                step: number,
                language,
            }),
            Some((used, _)) if used != language => {
                problems.push(LaunchProblem::FallsBackToEnglish {
                    step: number,
                    language,
                })
            }
            Some(_) => {}
        }
    }
}

/// What is wrong with one template of step `number`: a customer language without text (or
/// falling back to English), an unknown tag, no unsubscribe link. Each finding once.
fn template_problems(
    template: &EmailTemplate,
    number: usize,
    languages: &[Language],
    problems: &mut Vec<LaunchProblem>,
) {
    let mut push = |problem: LaunchProblem| {
        if !problems.contains(&problem) {
            problems.push(problem);
        }
    };
    for &language in languages {
        match template.content_for(language) {
            None => push(LaunchProblem::NotSent {
                step: number,
                language,
            }),
            Some((used, _)) if used != language => push(LaunchProblem::FallsBackToEnglish {
                step: number,
                language,
            }),
            Some(_) => {}
        }
    }
    for (&language, content) in &template.contents {
        let texts = DraftTexts {
            subject: content.subject.as_str(),
            body: &content.body,
            discount_text: &content.discount_text,
            button_text: &content.button_text,
            unsubscribe_text: &content.unsubscribe_text,
        };
        for warning in warnings(&texts) {
            match warning {
                Warning::UnknownTag { tag, .. } => push(LaunchProblem::UnknownTag {
                    step: number,
                    language,
                    tag,
                }),
                Warning::UnsubscribeMissing => push(LaunchProblem::UnsubscribeMissing {
                    step: number,
                    language,
                }),
                _ => {}
            }
        }
    }
}
