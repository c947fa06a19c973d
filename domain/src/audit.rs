//! The activity log's vocabulary: what was changed, and a short before/after of it. The
//! server writes an entry for every change to campaigns, templates, discounts, settings,
//! users, keys and shops; owners read them on the Activity page.

use serde::{Deserialize, Serialize};

use crate::campaign::{Discount, DiscountKind, DiscountPolicy, ReminderStep};
use crate::settings::{SettingsDraft, SettingsField};
use crate::EmailTemplate;

/// What a change was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    ReminderSaved,
    ReminderSwitched,
    ReminderDuplicated,
    ReminderDeleted,
    EscalationSwitched,
    CampaignPaused,
    CampaignImported,
    TemplateSaved,
    TemplateCreated,
    TemplateDeleted,
    SettingsSaved,
    UnsubscribeRemoved,
    KeyCreated,
    KeyRevoked,
    CronTokenRenewed,
    ShopCreated,
    MemberInvited,
    MemberAdded,
    RoleChanged,
    MemberRemoved,
    InvitationAccepted,
    WebhookSecretSet,
    TrackerChanged,
    CustomerExported,
    CustomerErased,
    DataRequested,
    RuleSaved,
    RuleDeleted,
    RuleRerouted,
    CartsBulkAction,
    CallLogged,
    CallCouponGiven,
    CallEmailSent,
    CodesImported,
    CodesDeleted,
    SmsProviderSet,
}

impl AuditAction {
    pub const ALL: [AuditAction; 36] = [
        Self::ReminderSaved,
        Self::ReminderSwitched,
        Self::ReminderDuplicated,
        Self::ReminderDeleted,
        Self::EscalationSwitched,
        Self::CampaignPaused,
        Self::CampaignImported,
        Self::TemplateSaved,
        Self::TemplateCreated,
        Self::TemplateDeleted,
        Self::SettingsSaved,
        Self::UnsubscribeRemoved,
        Self::KeyCreated,
        Self::KeyRevoked,
        Self::CronTokenRenewed,
        Self::ShopCreated,
        Self::MemberInvited,
        Self::MemberAdded,
        Self::RoleChanged,
        Self::MemberRemoved,
        Self::InvitationAccepted,
        Self::WebhookSecretSet,
        Self::TrackerChanged,
        Self::CustomerExported,
        Self::CustomerErased,
        Self::DataRequested,
        Self::RuleSaved,
        Self::RuleDeleted,
        Self::RuleRerouted,
        Self::CartsBulkAction,
        Self::CallLogged,
        Self::CallCouponGiven,
        Self::CallEmailSent,
        Self::CodesImported,
        Self::CodesDeleted,
        Self::SmsProviderSet,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ReminderSaved => "reminder_saved",
            Self::ReminderSwitched => "reminder_switched",
            Self::ReminderDuplicated => "reminder_duplicated",
            Self::ReminderDeleted => "reminder_deleted",
            Self::EscalationSwitched => "escalation_switched",
            Self::CampaignPaused => "campaign_paused",
            Self::CampaignImported => "campaign_imported",
            Self::TemplateSaved => "template_saved",
            Self::TemplateCreated => "template_created",
            Self::TemplateDeleted => "template_deleted",
            Self::SettingsSaved => "settings_saved",
            Self::UnsubscribeRemoved => "unsubscribe_removed",
            Self::KeyCreated => "key_created",
            Self::KeyRevoked => "key_revoked",
            Self::CronTokenRenewed => "cron_token_renewed",
            Self::ShopCreated => "shop_created",
            Self::MemberInvited => "member_invited",
            Self::MemberAdded => "member_added",
            Self::RoleChanged => "role_changed",
            Self::MemberRemoved => "member_removed",
            Self::InvitationAccepted => "invitation_accepted",
            Self::WebhookSecretSet => "webhook_secret_set",
            Self::TrackerChanged => "tracker_changed",
            Self::CustomerExported => "customer_exported",
            Self::CustomerErased => "customer_erased",
            Self::DataRequested => "data_requested",
            Self::RuleSaved => "rule_saved",
            Self::RuleDeleted => "rule_deleted",
            Self::RuleRerouted => "rule_rerouted",
            Self::CartsBulkAction => "carts_bulk_action",
            Self::CallLogged => "call_logged",
            Self::CallCouponGiven => "call_coupon_given",
            Self::CallEmailSent => "call_email_sent",
            Self::CodesImported => "codes_imported",
            Self::CodesDeleted => "codes_deleted",
            Self::SmsProviderSet => "sms_provider_set",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.as_str() == text)
    }
}

/// The fields a settings save changed, as "field: value" lines before and after (secrets
/// have none among the settings; every value is the merchant's own).
pub fn settings_changes(before: &SettingsDraft, after: &SettingsDraft) -> (String, String) {
    let mut was = Vec::new();
    let mut now = Vec::new();
    for field in SettingsField::ALL {
        let (old, new) = (before.value(field).trim(), after.value(field).trim());
        if old != new {
            was.push(format!("{}: {old}", field.as_str()));
            now.push(format!("{}: {new}", field.as_str()));
        }
    }
    (was.join("\n"), now.join("\n"))
}

fn discount_text(discount: &Discount) -> String {
    let what = match &discount.kind {
        DiscountKind::Percent { percent } => format!("{}%", percent.value().normalize()),
        DiscountKind::Amount {
            amount,
            tax_included,
        } => format!(
            "{} off ({})",
            amount.normalize(),
            if *tax_included {
                "tax incl."
            } else {
                "tax excl."
            }
        ),
        DiscountKind::FreeShipping => "free shipping".to_owned(),
        DiscountKind::FreeGift { gift } => format!("free gift {} ({})", gift.sku(), gift.name()),
    };
    format!("{what}, valid {} days", discount.validity.days())
}

/// A reminder in one line: its delay, switch, audience, discount and template.
pub fn step_summary(step: &ReminderStep) -> String {
    let discount = match &step.discount {
        DiscountPolicy::None => "no discount".to_owned(),
        DiscountPolicy::Single { discount } => discount_text(discount),
        DiscountPolicy::Ranges { ranges } => ranges
            .ranges()
            .iter()
            .map(|range| {
                let max = range
                    .max
                    .map(|m| m.normalize().to_string())
                    .unwrap_or_default();
                format!(
                    "{}–{max}: {}",
                    range.min.normalize(),
                    discount_text(&range.discount)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    };
    format!(
        "after {} h, {}, {}, {discount}, template {}",
        step.delay.total_hours(),
        if step.enabled { "on" } else { "off" },
        if step.audience.newsletter_only {
            "newsletter subscribers"
        } else {
            "everyone"
        },
        step.template_id
    )
}

/// A template in a few lines: name, design, and the subject in each language.
pub fn template_summary(template: &EmailTemplate) -> String {
    let mut lines = vec![format!(
        "{} ({}, {} / {})",
        template.name,
        template.layout.as_str(),
        template.primary_color.as_str(),
        template.secondary_color.as_str()
    )];
    lines.extend(
        template.contents.iter().map(|(language, content)| {
            format!("{}: {}", language.code(), content.subject.as_str())
        }),
    );
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_reads_back_from_its_name() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(AuditAction::parse("dropped_tables"), None);
    }

    #[test]
    fn a_reminder_reads_in_one_line() {
        let mut draft = crate::StepDraft::new("t1");
        draft.single = crate::DiscountDraft::percent("10");
        let step = draft.parse().unwrap();
        assert_eq!(
            step_summary(&step),
            "after 1 h, on, everyone, 10%, valid 7 days, template t1"
        );
    }

    #[test]
    fn a_settings_save_records_only_the_fields_it_changed() {
        let before = SettingsDraft {
            shop_name: "Émilie".into(),
            currency: "EUR".into(),
            min_gap_hours: "12".into(),
            ..SettingsDraft::default()
        };
        let after = SettingsDraft {
            currency: "CHF".into(),
            min_gap_hours: "24".into(),
            ..before.clone()
        };
        let (was, now) = settings_changes(&before, &after);
        assert_eq!(was, "currency: EUR\nmin_gap_hours: 12");
        assert_eq!(now, "currency: CHF\nmin_gap_hours: 24");
    }
}
