use domain::{
    Campaign, Currency, DelayUnit, DiscountSummary, EmailTemplate, Language, ReminderStep,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One line of the Reminders table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReminderRow {
    pub id: String,
    pub delay_amount: u32,
    pub delay_unit: DelayUnit,
    /// The subject in each language the template has, in language-code order.
    pub subjects: Vec<(Language, String)>,
    pub discount: DiscountSummary,
    pub enabled: bool,
    pub template_name: Option<String>,
}

/// What the Reminders page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemindersData {
    pub shop_name: String,
    pub currency: Currency,
    pub rows: Vec<ReminderRow>,
}

impl ReminderRow {
    pub fn new(step: &ReminderStep, templates: &[EmailTemplate]) -> Self {
        let template = templates.iter().find(|t| t.id == step.template_id);
        Self {
            id: step.id.clone(),
            delay_amount: step.delay.amount(),
            delay_unit: step.delay.unit(),
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
        templates: &[EmailTemplate],
    ) -> Self {
        Self {
            shop_name: shop_name.to_owned(),
            currency,
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

/// The current shop's reminder steps, in delay order.
#[server(prefix = "/admin/fn", endpoint = "list_reminders")]
pub async fn list_reminders() -> Result<RemindersData, AppError> {
    let Some(found) = crate::backend::backend()?.shop_campaign().await? else {
        return Err(AppError::NotFound);
    };
    Ok(RemindersData::new(
        &found.shop.name,
        found.shop.currency,
        found.campaign.as_ref(),
        &found.templates,
    ))
}
