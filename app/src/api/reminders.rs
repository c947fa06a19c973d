use domain::{
    Audience, Campaign, Currency, DelayUnit, DiscountPolicy, DiscountSummary, EmailTemplate,
    Language, ReminderStep, StepDraft, StepProblem,
};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One line of the Reminders table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReminderRow {
    pub id: String,
    pub delay_amount: u32,
    pub delay_unit: DelayUnit,
    pub delay_from: domain::DelayFrom,
    /// The subject in each language the template has, in language-code order.
    pub subjects: Vec<(Language, String)>,
    pub discount: DiscountSummary,
    pub enabled: bool,
    pub template_name: Option<String>,
    pub template_id: String,
    pub audience: Audience,
    pub policy: DiscountPolicy,
    /// A call task for staff instead of an email.
    #[serde(default)]
    pub call: bool,
    /// A signed POST to the merchant's address instead of an email.
    #[serde(default)]
    pub webhook: bool,
    /// A text message instead of an email.
    #[serde(default)]
    pub sms: bool,
    /// An A/B test is running on it.
    #[serde(default)]
    pub split: bool,
}

/// A rule as the Reminders page's tabs name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleTab {
    pub id: String,
    pub name: String,
    pub paused: bool,
}

/// What the Reminders page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemindersData {
    pub shop_name: String,
    /// The rule shown (empty when the shop has none).
    pub rule_id: String,
    /// Every rule of the shop, in priority order.
    pub rules: Vec<RuleTab>,
    /// The shown rule's pre-launch check.
    pub check: Vec<domain::rules::LaunchProblem>,
    pub currency: Currency,
    /// The campaign's discounts escalate (see `Campaign::with_escalation`).
    pub escalation: bool,
    /// Paused as a whole (see `Campaign::paused`).
    pub paused: bool,
    pub rows: Vec<ReminderRow>,
}

impl ReminderRow {
    pub fn new(step: &ReminderStep, templates: &[EmailTemplate]) -> Self {
        let template = templates.iter().find(|t| t.id == step.template_id);
        Self {
            id: step.id.clone(),
            delay_amount: step.delay.amount(),
            delay_unit: step.delay.unit(),
            delay_from: step.delay.from(),
            subjects: template
                .map(|t| {
                    t.contents
                        .iter()
                        .map(|(language, content)| (*language, content.subject.as_str().to_owned()))
                        .collect()
                })
                .unwrap_or_default(),
            discount: step.discount.summary(),
            enabled: step.enabled,
            template_name: template.map(|t| t.name.clone()),
            template_id: step.template_id.clone(),
            audience: step.audience,
            policy: step.discount.clone(),
            call: step.channel.is_call(),
            webhook: step.channel.webhook().is_some(),
            sms: step.channel.sms().is_some(),
            split: step.split.is_some(),
        }
    }

    /// The subject in `language`, else English, else the first there is.
    pub fn subject_in(&self, language: Language) -> Option<&str> {
        let find = |wanted: Language| {
            self.subjects
                .iter()
                .find(|(l, _)| *l == wanted)
                .map(|(_, s)| s.as_str())
        };
        find(language)
            .or_else(|| find(Language::ENGLISH))
            .or_else(|| self.subjects.first().map(|(_, s)| s.as_str()))
    }

    pub fn languages(&self) -> Vec<Language> {
        self.subjects.iter().map(|(l, _)| *l).collect()
    }
}

impl RemindersData {
    pub fn new(
        shop_name: &str,
        currency: Currency,
        campaign: Option<&Campaign>,
        campaigns: &[Campaign],
        templates: &[EmailTemplate],
    ) -> Self {
        Self {
            shop_name: shop_name.to_owned(),
            rule_id: campaign.map(|c| c.id().to_owned()).unwrap_or_default(),
            rules: domain::rules::in_priority_order(campaigns)
                .into_iter()
                .map(|c| RuleTab {
                    id: c.id().to_owned(),
                    name: c.name().to_owned(),
                    paused: c.paused(),
                })
                .collect(),
            check: Vec::new(),
            currency,
            escalation: campaign.is_some_and(Campaign::escalation),
            paused: campaign.is_some_and(Campaign::paused),
            rows: campaign
                .map(|c| {
                    c.steps()
                        .iter()
                        .map(|s| ReminderRow::new(s, templates))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// The reminder steps of the shop's rule `rule` (empty: its first), in sending order.
#[server(prefix = "/admin/fn", endpoint = "list_reminders")]
pub async fn list_reminders(
    shop: String,
    #[server(default)] rule: String,
) -> Result<RemindersData, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    let rule = (!rule.is_empty()).then_some(rule.as_str());
    let Some(found) = scope.backend.shop_campaign(&scope.shop, rule).await? else {
        return Err(AppError::NotFound);
    };
    let mut data = RemindersData::new(
        &found.shop.name,
        found.shop.currency,
        found.campaign.as_ref(),
        &found.campaigns,
        &found.templates,
    );
    data.check = scope
        .backend
        .launch_checks(&scope.shop)
        .await?
        .into_iter()
        .find(|(id, _)| *id == data.rule_id)
        .map(|(_, problems)| problems)
        .unwrap_or_default();
    Ok(data)
}

/// A template the wizard's third stage can pick.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateChoice {
    pub id: String,
    pub name: String,
    pub languages: Vec<Language>,
}

/// What the wizard opens with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReminderEditor {
    pub draft: StepDraft,
    pub templates: Vec<TemplateChoice>,
    pub currency: Currency,
    /// The shop's members (id, email): a call step may be assigned to one.
    #[serde(default)]
    pub members: Vec<(String, String)>,
    /// The shop's code collections (id, name, codes left).
    #[serde(default)]
    pub collections: Vec<(String, String, u64)>,
    /// What webhook steps are signed with (members who edit reminders see it).
    #[serde(default)]
    pub webhook_secret: String,
}

/// Why the campaign refused a reminder that is valid on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepRefusal {
    /// A sixth reminder.
    TooMany,
    /// Another reminder already goes out after this many hours.
    SameDelay {
        hours: u32,
    },
    UnknownTemplate,
    /// The code collection is not the shop's (or was removed).
    UnknownCollection,
}

/// What saving (or duplicating) a reminder came to, as the backend reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepSaved {
    Saved { id: String },
    NotFound,
    Refused(StepRefusal),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepOutcome {
    Saved {
        id: String,
    },
    /// Nothing saved: every problem, with its stage and field.
    Invalid {
        problems: Vec<StepProblem>,
    },
    Refused(StepRefusal),
}

/// The wizard's data: a reminder to edit, or a new one (`id` empty).
#[server(prefix = "/admin/fn", endpoint = "load_reminder_editor")]
pub async fn load_reminder_editor(
    shop: String,
    id: String,
    #[server(default)] rule: String,
) -> Result<ReminderEditor, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            let Some(found) = scope.backend.shop_campaign(&scope.shop, None).await? else {
                return Err(AppError::NotFound);
            };
            let templates: Vec<TemplateChoice> = scope
                .backend
                .template_summaries(&scope.shop)
                .await?
                .into_iter()
                .map(|t| TemplateChoice {
                    id: t.id,
                    name: t.name,
                    languages: t.languages,
                })
                .collect();
            let draft = if id.is_empty() {
                let mut draft = StepDraft::new(templates.first().map_or("", |t| t.id.as_str()));
                draft.rule_id = found
                    .campaigns
                    .iter()
                    .find(|c| c.id() == rule)
                    .or(found.campaign.as_ref())
                    .map(|c| c.id().to_owned())
                    .unwrap_or_default();
                draft
            } else {
                let (campaign, step) = found
                    .campaigns
                    .iter()
                    .find_map(|c| Some((c, c.steps().iter().find(|s| s.id == id)?)))
                    .ok_or(AppError::NotFound)?;
                let mut draft = StepDraft::from_step(step);
                draft.rule_id = campaign.id().to_owned();
                draft
            };
            let members = scope
                .backend
                .team(&scope.shop, &scope.admin.user_id, chrono::Utc::now())
                .await?
                .members
                .into_iter()
                .map(|m| (m.user_id, m.email))
                .collect();
            let collections = scope
                .backend
                .code_collections(&scope.shop)
                .await?
                .into_iter()
                .map(|c| (c.id, c.name, c.left))
                .collect();
            Ok(ReminderEditor {
                draft,
                templates,
                currency: found.shop.currency,
                members,
                collections,
                webhook_secret: scope.backend.step_webhook_secret(&scope.shop).await?,
            })
        }
        .await,
    )
}

// JSON: the ranges are a nested list.
#[server(prefix = "/admin/fn", endpoint = "save_reminder", input = Json)]
pub async fn save_reminder(shop: String, draft: StepDraft) -> Result<StepOutcome, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            let step = match draft.parse() {
                Ok(step) => step,
                Err(problems) => return Ok(StepOutcome::Invalid { problems }),
            };
            if let Some(assignee) = step.channel.assignee() {
                let team = scope
                    .backend
                    .team(&scope.shop, &scope.admin.user_id, chrono::Utc::now())
                    .await?;
                if !team.members.iter().any(|m| m.user_id == assignee) {
                    return Ok(StepOutcome::Invalid {
                        problems: vec![domain::StepProblem {
                            stage: domain::Stage::Target,
                            field: "assignee".into(),
                            issue: domain::StepIssue::UnknownAssignee,
                        }],
                    });
                }
            }
            let before = super::audited::step(&scope, &step.id).await;
            match scope
                .backend
                .save_step(
                    &scope.shop,
                    (!draft.rule_id.is_empty()).then_some(draft.rule_id.as_str()),
                    &step,
                    chrono::Utc::now(),
                )
                .await?
            {
                StepSaved::Saved { id } => {
                    let after = super::audited::step(&scope, &id).await;
                    scope
                        .audit(
                            domain::audit::AuditAction::ReminderSaved,
                            &id,
                            before,
                            after,
                        )
                        .await;
                    Ok(StepOutcome::Saved { id })
                }
                StepSaved::Refused(refusal) => Ok(StepOutcome::Refused(refusal)),
                StepSaved::NotFound => Err(AppError::NotFound),
            }
        }
        .await,
    )
}

/// The dashboard's switch: saved at once.
#[server(prefix = "/admin/fn", endpoint = "set_reminder_enabled")]
pub async fn set_reminder_enabled(shop: String, id: String, enabled: bool) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            if scope
                .backend
                .set_step_enabled(&scope.shop, &id, enabled, chrono::Utc::now())
                .await?
            {
                let (before, after) = (
                    super::audited::switch(!enabled),
                    super::audited::switch(enabled),
                );
                scope
                    .audit(
                        domain::audit::AuditAction::ReminderSwitched,
                        &id,
                        before,
                        after,
                    )
                    .await;
                Ok(())
            } else {
                Err(AppError::NotFound)
            }
        }
        .await,
    )
}

/// The campaign's escalation switch: saved at once.
#[server(prefix = "/admin/fn", endpoint = "set_escalation")]
pub async fn set_escalation(
    shop: String,
    #[server(default)] rule: String,
    enabled: bool,
) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            if scope
                .backend
                .set_escalation(
                    &scope.shop,
                    (!rule.is_empty()).then_some(rule.as_str()),
                    enabled,
                    chrono::Utc::now(),
                )
                .await?
            {
                let (before, after) = (
                    super::audited::switch(!enabled),
                    super::audited::switch(enabled),
                );
                scope
                    .audit(
                        domain::audit::AuditAction::EscalationSwitched,
                        "campaign",
                        before,
                        after,
                    )
                    .await;
                Ok(())
            } else {
                Err(AppError::NotFound)
            }
        }
        .await,
    )
}

#[server(prefix = "/admin/fn", endpoint = "delete_reminder")]
pub async fn delete_reminder(shop: String, id: String) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            let before = super::audited::step(&scope, &id).await;
            if scope.backend.delete_step(&scope.shop, &id).await? {
                scope
                    .audit(
                        domain::audit::AuditAction::ReminderDeleted,
                        &id,
                        before,
                        None,
                    )
                    .await;
                Ok(())
            } else {
                Err(AppError::NotFound)
            }
        }
        .await,
    )
}

/// A disabled copy one day later (the first free delay), to edit before turning it on.
#[server(prefix = "/admin/fn", endpoint = "duplicate_reminder")]
pub async fn duplicate_reminder(shop: String, id: String) -> Result<StepSaved, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            match scope
                .backend
                .duplicate_step(&scope.shop, &id, chrono::Utc::now())
                .await?
            {
                StepSaved::NotFound => Err(AppError::NotFound),
                StepSaved::Saved { id: copy } => {
                    let after = super::audited::step(&scope, &copy).await;
                    scope
                        .audit(
                            domain::audit::AuditAction::ReminderDuplicated,
                            &id,
                            None,
                            after,
                        )
                        .await;
                    Ok(StepSaved::Saved { id: copy })
                }
                other => Ok(other),
            }
        }
        .await,
    )
}
