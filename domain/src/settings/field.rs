//! The Settings form's fields: their names and their text in a draft.

use serde::{Deserialize, Serialize};

use super::SettingsDraft;

/// A field of the form, named as the form and the JSON name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SettingsField {
    ShopName,
    ShopUrl,
    LogoUrl,
    PostalAddress,
    Currency,
    TimeZone,
    DefaultLanguage,
    SenderName,
    SenderEmail,
    ReplyTo,
    SupportEmail,
    CartUrlPattern,
    CouponPrefix,
    ExpiredCouponDays,
    AbandonedAfterMinutes,
    MinGapHours,
    MaxLatenessHours,
    CouponCooldownDays,
    ReEntryDays,
    AttributionWindowDays,
    QuietHoursStart,
    QuietHoursEnd,
}

impl SettingsField {
    pub const ALL: [SettingsField; 22] = [
        Self::ShopName,
        Self::ShopUrl,
        Self::LogoUrl,
        Self::PostalAddress,
        Self::Currency,
        Self::TimeZone,
        Self::DefaultLanguage,
        Self::SenderName,
        Self::SenderEmail,
        Self::ReplyTo,
        Self::SupportEmail,
        Self::CartUrlPattern,
        Self::CouponPrefix,
        Self::ExpiredCouponDays,
        Self::AbandonedAfterMinutes,
        Self::MinGapHours,
        Self::MaxLatenessHours,
        Self::CouponCooldownDays,
        Self::ReEntryDays,
        Self::AttributionWindowDays,
        Self::QuietHoursStart,
        Self::QuietHoursEnd,
    ];

    /// The form's field name (also its JSON name).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ShopName => "shop_name",
            Self::ShopUrl => "shop_url",
            Self::LogoUrl => "logo_url",
            Self::PostalAddress => "postal_address",
            Self::Currency => "currency",
            Self::TimeZone => "time_zone",
            Self::DefaultLanguage => "default_language",
            Self::SenderName => "sender_name",
            Self::SenderEmail => "sender_email",
            Self::ReplyTo => "reply_to",
            Self::SupportEmail => "support_email",
            Self::CartUrlPattern => "cart_url_pattern",
            Self::CouponPrefix => "coupon_prefix",
            Self::ExpiredCouponDays => "expired_coupon_days",
            Self::AbandonedAfterMinutes => "abandoned_after_minutes",
            Self::MinGapHours => "min_gap_hours",
            Self::MaxLatenessHours => "max_lateness_hours",
            Self::CouponCooldownDays => "coupon_cooldown_days",
            Self::ReEntryDays => "re_entry_days",
            Self::AttributionWindowDays => "attribution_window_days",
            Self::QuietHoursStart => "quiet_hours_start",
            Self::QuietHoursEnd => "quiet_hours_end",
        }
    }
}

impl SettingsDraft {
    /// The text of one field, for the form's inputs.
    pub fn value_mut(&mut self, field: SettingsField) -> &mut String {
        use SettingsField as F;
        match field {
            F::ShopName => &mut self.shop_name,
            F::ShopUrl => &mut self.shop_url,
            F::LogoUrl => &mut self.logo_url,
            F::PostalAddress => &mut self.postal_address,
            F::Currency => &mut self.currency,
            F::TimeZone => &mut self.time_zone,
            F::DefaultLanguage => &mut self.default_language,
            F::SenderName => &mut self.sender_name,
            F::SenderEmail => &mut self.sender_email,
            F::ReplyTo => &mut self.reply_to,
            F::SupportEmail => &mut self.support_email,
            F::CartUrlPattern => &mut self.cart_url_pattern,
            F::CouponPrefix => &mut self.coupon_prefix,
            F::ExpiredCouponDays => &mut self.expired_coupon_days,
            F::AbandonedAfterMinutes => &mut self.abandoned_after_minutes,
            F::MinGapHours => &mut self.min_gap_hours,
            F::MaxLatenessHours => &mut self.max_lateness_hours,
            F::CouponCooldownDays => &mut self.coupon_cooldown_days,
            F::ReEntryDays => &mut self.re_entry_days,
            F::AttributionWindowDays => &mut self.attribution_window_days,
            F::QuietHoursStart => &mut self.quiet_hours_start,
            F::QuietHoursEnd => &mut self.quiet_hours_end,
        }
    }

    pub fn value(&self, field: SettingsField) -> &str {
        match field {
            SettingsField::ShopName => &self.shop_name,
            SettingsField::ShopUrl => &self.shop_url,
            SettingsField::LogoUrl => &self.logo_url,
            SettingsField::PostalAddress => &self.postal_address,
            SettingsField::Currency => &self.currency,
            SettingsField::TimeZone => &self.time_zone,
            SettingsField::DefaultLanguage => &self.default_language,
            SettingsField::SenderName => &self.sender_name,
            SettingsField::SenderEmail => &self.sender_email,
            SettingsField::ReplyTo => &self.reply_to,
            SettingsField::SupportEmail => &self.support_email,
            SettingsField::CartUrlPattern => &self.cart_url_pattern,
            SettingsField::CouponPrefix => &self.coupon_prefix,
            SettingsField::ExpiredCouponDays => &self.expired_coupon_days,
            SettingsField::AbandonedAfterMinutes => &self.abandoned_after_minutes,
            SettingsField::MinGapHours => &self.min_gap_hours,
            SettingsField::MaxLatenessHours => &self.max_lateness_hours,
            SettingsField::CouponCooldownDays => &self.coupon_cooldown_days,
            SettingsField::ReEntryDays => &self.re_entry_days,
            SettingsField::AttributionWindowDays => &self.attribution_window_days,
            SettingsField::QuietHoursStart => &self.quiet_hours_start,
            SettingsField::QuietHoursEnd => &self.quiet_hours_end,
        }
    }
}
