//! A reminder as the 3-step wizard holds it while the merchant types: plain strings that may
//! be invalid for a moment. `parse` is the one check, run by the server when the wizard's form
//! asks for it (a stage before Next, a pause in typing) and before saving.

use crate::calls::{Channel, WebhookUrl, WebhookUrlError};
use crate::sms::{SmsText, SmsTextError, SmsTexts};
use serde::{Deserialize, Serialize};

use super::{
    Audience, Delay, DelayFrom, DelayUnit, DiscountPolicy, DiscountRange, DiscountRanges,
    ProfileSet, ReminderStep, SplitShare, ValueBasis, MAX_RANGES,
};

mod bounds;
mod discount;
mod issue;
mod split;

pub use bounds::next_range_bounds;
use discount::decimal;
pub use discount::{DiscountDraft, DiscountType};
pub use issue::{Stage, StepIssue};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeDraft {
    pub min: String,
    /// Only the last range has an upper bound (optional): each other one ends where the next
    /// one starts, so ranges can neither overlap nor leave a gap. Ignored on the others.
    pub max: String,
    pub discount: DiscountDraft,
    /// The range's own template; empty: the step's.
    #[serde(default)]
    pub template_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepDraft {
    /// Empty for a new reminder.
    pub id: String,
    pub enabled: bool,
    pub newsletter_only: bool,
    pub active: bool,
    pub inactive: bool,
    pub never_ordered: bool,
    pub delay_amount: String,
    pub delay_unit: DelayUnit,
    /// What the delay counts from.
    #[serde(default)]
    pub delay_from: DelayFrom,
    /// The rule (campaign) a new reminder goes into; empty: the shop's first.
    #[serde(default)]
    pub rule_id: String,
    pub by_cart_value: bool,
    pub single: DiscountDraft,
    pub basis: ValueBasis,
    pub ranges: Vec<RangeDraft>,
    pub template_id: String,
    /// A call task for staff instead of an email.
    #[serde(default)]
    pub call: bool,
    /// The member a call task goes to; empty: any staff of the shop.
    #[serde(default)]
    pub assignee: String,
    /// A signed POST to `webhook_url` instead of an email (unless `call`).
    #[serde(default)]
    pub webhook: bool,
    #[serde(default)]
    pub webhook_url: String,
    /// A text message instead of an email (unless `call` or `webhook`).
    #[serde(default)]
    pub sms: bool,
    /// The SMS text per language code; empty ones are left out.
    #[serde(default)]
    pub sms_texts: std::collections::BTreeMap<String, String>,
    /// An A/B test: `split_template` for `split_share` percent of the carts.
    #[serde(default)]
    pub split: bool,
    #[serde(default)]
    pub split_template: String,
    #[serde(default)]
    pub split_share: String,
    /// Variant B offers `split_discount` instead of the step's discount.
    #[serde(default)]
    pub split_own_discount: bool,
    #[serde(default = "DiscountDraft::none")]
    pub split_discount: DiscountDraft,
    /// The code collection its codes come from; empty: codes Relance makes.
    #[serde(default)]
    pub code_collection: String,
}

/// One problem, tied to its stage and field (`delay`, `single.value`, `ranges[2].min`…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepProblem {
    pub stage: Stage,
    pub field: String,
    pub issue: StepIssue,
}

impl StepDraft {
    /// A new reminder: everyone, one hour, no discount, the given template.
    pub fn new(template_id: &str) -> Self {
        Self {
            id: String::new(),
            enabled: true,
            newsletter_only: false,
            active: true,
            inactive: true,
            never_ordered: true,
            delay_amount: "1".into(),
            delay_unit: DelayUnit::Hours,
            delay_from: DelayFrom::Abandonment,
            rule_id: String::new(),
            by_cart_value: false,
            single: DiscountDraft::none(),
            basis: ValueBasis::TaxIncluded,
            ranges: vec![RangeDraft {
                min: "0".into(),
                max: String::new(),
                discount: DiscountDraft::percent("5"),
                template_id: String::new(),
            }],
            template_id: template_id.into(),
            call: false,
            assignee: String::new(),
            webhook: false,
            webhook_url: String::new(),
            sms: false,
            sms_texts: std::collections::BTreeMap::new(),
            split: false,
            split_template: String::new(),
            split_share: SplitShare::HALF.percent().to_string(),
            split_own_discount: false,
            split_discount: DiscountDraft::none(),
            code_collection: String::new(),
        }
    }

    pub fn from_step(step: &ReminderStep) -> Self {
        let mut draft = Self::new(&step.template_id);
        draft.id = step.id.clone();
        draft.enabled = step.enabled;
        draft.newsletter_only = step.audience.newsletter_only;
        draft.active = step.audience.profiles.active();
        draft.inactive = step.audience.profiles.inactive();
        draft.never_ordered = step.audience.profiles.never_ordered();
        draft.delay_amount = step.delay.amount().to_string();
        draft.delay_unit = step.delay.unit();
        draft.delay_from = step.delay.from();
        draft.call = step.channel.is_call();
        draft.assignee = step.channel.assignee().unwrap_or_default().to_owned();
        if let Some(split) = &step.split {
            draft.split = true;
            draft.split_template = split.template_id.clone();
            draft.split_share = split.share.percent().to_string();
            if let Some(policy) = &split.discount {
                draft.split_own_discount = true;
                draft.split_discount = match policy {
                    DiscountPolicy::Single { discount } => DiscountDraft::from_discount(discount),
                    _ => DiscountDraft::none(),
                };
            }
        }
        if let Some(url) = step.channel.webhook() {
            draft.webhook = true;
            draft.webhook_url = url.as_str().to_owned();
        }
        if let Some(texts) = step.channel.sms() {
            draft.sms = true;
            draft.sms_texts = texts
                .iter()
                .map(|(language, text)| (language.code().to_owned(), text.as_str().to_owned()))
                .collect();
        }
        draft.code_collection = step.code_collection.clone().unwrap_or_default();
        match &step.discount {
            DiscountPolicy::None => {}
            DiscountPolicy::Single { discount } => {
                draft.single = DiscountDraft::from_discount(discount);
            }
            DiscountPolicy::Ranges { ranges } => {
                draft.by_cart_value = true;
                draft.basis = ranges.basis();
                draft.ranges = ranges
                    .ranges()
                    .iter()
                    .map(|range| RangeDraft {
                        min: range.min.normalize().to_string(),
                        max: range
                            .max
                            .map(|max| max.normalize().to_string())
                            .unwrap_or_default(),
                        discount: DiscountDraft::from_discount(&range.discount),
                        template_id: range.template_id.clone().unwrap_or_default(),
                    })
                    .collect();
            }
        }
        draft
    }

    /// A range after the last one, starting 50 above it; the list's upper bound, if any, moves
    /// to the new last range.
    pub fn add_range(&mut self) {
        if self.ranges.len() >= MAX_RANGES {
            return;
        }
        let (min, max) = match self.ranges.last_mut() {
            None => ("0".to_owned(), String::new()),
            Some(last) => next_range_bounds(&last.min, &std::mem::take(&mut last.max)),
        };
        let discount = self
            .ranges
            .last()
            .map_or_else(|| DiscountDraft::percent("5"), |last| last.discount.clone());
        self.ranges.push(RangeDraft {
            min,
            max,
            discount,
            template_id: String::new(),
        });
    }

    /// Every problem of one stage.
    pub fn problems_of(&self, stage: Stage) -> Vec<StepProblem> {
        match self.parse() {
            Ok(_) => Vec::new(),
            Err(problems) => problems.into_iter().filter(|p| p.stage == stage).collect(),
        }
    }

    /// The reminder, or every problem with its stage and field.
    pub fn parse(&self) -> Result<ReminderStep, Vec<StepProblem>> {
        let mut problems = Vec::new();
        let mut push = |stage, field: String, issue| {
            problems.push(StepProblem {
                stage,
                field,
                issue,
            })
        };
        let profiles = ProfileSet::new(self.active, self.inactive, self.never_ordered)
            .map_err(|_| push(Stage::Target, "profiles".into(), StepIssue::NoProfile))
            .ok();
        let delay = self
            .delay_amount
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|amount| *amount >= 1)
            .and_then(|amount| Delay::new(amount, self.delay_unit).ok())
            .map(|delay| delay.counted_from(self.delay_from));
        if delay.is_none() {
            push(Stage::Target, "delay".into(), StepIssue::Delay);
        }
        let discount = if self.by_cart_value {
            let mut ranges = Vec::new();
            let last = self.ranges.len().saturating_sub(1);
            for (index, range) in self.ranges.iter().enumerate() {
                let field = |name: &str| format!("ranges[{index}].{name}");
                let min = decimal(&range.min);
                if min.is_none() {
                    push(Stage::Discount, field("min"), StepIssue::NotANumber);
                }
                let max = if index != last || range.max.trim().is_empty() {
                    Some(None)
                } else {
                    let max = decimal(&range.max);
                    if max.is_none() {
                        push(Stage::Discount, field("max"), StepIssue::NotANumber);
                    }
                    max.map(Some)
                };
                let discount = if range.discount.kind == DiscountType::None {
                    push(
                        Stage::Discount,
                        field("kind"),
                        StepIssue::RangeWithoutDiscount,
                    );
                    None
                } else {
                    match range.discount.parse() {
                        Ok(discount) => discount,
                        Err(found) => {
                            for (name, issue) in found {
                                push(Stage::Discount, field(name), issue);
                            }
                            None
                        }
                    }
                };
                if let (Some(min), Some(max), Some(discount)) = (min, max, discount) {
                    ranges.push(DiscountRange {
                        min,
                        max,
                        discount,
                        template_id: Some(range.template_id.trim())
                            .filter(|id| !id.is_empty())
                            .map(str::to_owned),
                    });
                }
            }
            if ranges.len() == self.ranges.len() {
                match DiscountRanges::new(self.basis, ranges) {
                    Ok(ranges) => Some(DiscountPolicy::Ranges { ranges }),
                    Err(error) => {
                        let field = error
                            .range()
                            .map_or_else(|| "ranges".to_owned(), |n| format!("ranges[{}]", n - 1));
                        push(Stage::Discount, field, StepIssue::Ranges { error });
                        None
                    }
                }
            } else {
                None
            }
        } else {
            match self.single.parse() {
                Ok(None) => Some(DiscountPolicy::None),
                Ok(Some(discount)) => Some(DiscountPolicy::Single { discount }),
                Err(found) => {
                    for (name, issue) in found {
                        push(Stage::Discount, format!("single.{name}"), issue);
                    }
                    None
                }
            }
        };
        if self.template_id.trim().is_empty() {
            push(Stage::Email, "template".into(), StepIssue::NoTemplate);
        }
        let split = self.split.then(|| {
            let variant = split::Variant {
                template: &self.split_template,
                share: &self.split_share,
                discount: self.split_own_discount.then_some(&self.split_discount),
            };
            split::split_test(variant, &self.template_id, &mut push)
        });
        let webhook =
            (self.webhook && !self.call).then(|| match WebhookUrl::parse(&self.webhook_url) {
                Ok(url) => Some(url),
                Err(error) => {
                    let issue = match error {
                        WebhookUrlError::NotEncrypted => StepIssue::WebhookNotEncrypted,
                        WebhookUrlError::NotAWebAddress(_) => StepIssue::WebhookUrl,
                    };
                    push(Stage::Target, "webhook_url".into(), issue);
                    None
                }
            });
        let sms = (self.sms && !self.call && !self.webhook)
            .then(|| sms_texts(&self.sms_texts, &mut push))
            .flatten();
        match (profiles, delay, discount) {
            (Some(profiles), Some(delay), Some(discount)) if problems.is_empty() => {
                Ok(ReminderStep {
                    id: self.id.clone(),
                    delay,
                    enabled: self.enabled,
                    audience: Audience {
                        newsletter_only: self.newsletter_only,
                        profiles,
                    },
                    discount,
                    template_id: self.template_id.trim().to_owned(),
                    channel: match webhook {
                        _ if self.call => Channel::Call {
                            assignee: Some(self.assignee.trim())
                                .filter(|id| !id.is_empty())
                                .map(str::to_owned),
                        },
                        Some(Some(url)) => Channel::Webhook { url },
                        _ => match sms {
                            Some(texts) => Channel::Sms { texts },
                            None => Channel::Email,
                        },
                    },
                    code_collection: Some(self.code_collection.trim())
                        .filter(|id| !id.is_empty())
                        .map(str::to_owned),
                    split: split.flatten(),
                })
            }
            _ => Err(problems),
        }
    }
}

/// An SMS step's texts from the wizard's, each problem pushed under `sms.<language>`.
fn sms_texts(
    drafts: &std::collections::BTreeMap<String, String>,
    push: &mut impl FnMut(Stage, String, StepIssue),
) -> Option<SmsTexts> {
    let mut texts = std::collections::BTreeMap::new();
    let mut failed = false;
    for (code, text) in drafts.iter().filter(|(_, text)| !text.trim().is_empty()) {
        let Ok(language) = crate::model::Language::parse(code) else {
            continue;
        };
        match SmsText::parse(text) {
            Ok(text) => {
                texts.insert(language, text);
            }
            Err(error) => {
                failed = true;
                let issue = match error {
                    SmsTextError::TooLong { segments, .. } => StepIssue::SmsTooLong { segments },
                    SmsTextError::UnknownTag(tag, _) => StepIssue::SmsTag { tag },
                    SmsTextError::Empty | SmsTextError::NoLanguage => StepIssue::SmsEmpty,
                };
                push(Stage::Target, format!("sms.{code}"), issue);
            }
        }
    }
    if texts.is_empty() && !failed {
        push(Stage::Target, "sms".into(), StepIssue::SmsEmpty);
    }
    SmsTexts::new(texts).ok().filter(|_| !failed)
}

#[cfg(test)]
mod tests;
