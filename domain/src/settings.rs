//! The shop's settings as the Settings form holds them (strings) and as the rest of Relance
//! uses them (typed). `SettingsDraft::parse` is the one check: the browser runs it as the
//! merchant types, the server runs it again before saving.

use serde::{Deserialize, Serialize};

use crate::engine::CouponPrefix;
use crate::{EmailAddress, Language, WebUrl};

/// The bounds of each number, shared by the check and the form's `min`/`max`.
pub const ABANDONED_AFTER_MINUTES: (u32, u32) = (5, 10_080);
pub const MIN_GAP_HOURS: (u32, u32) = (0, 168);
pub const MAX_LATENESS_HOURS: (u32, u32) = (1, 720);
pub const COUPON_COOLDOWN_DAYS: (u32, u32) = (0, 365);
pub const RE_ENTRY_DAYS: (u32, u32) = (0, 90);
pub const ATTRIBUTION_WINDOW_DAYS: (u32, u32) = (1, 90);
pub const EXPIRED_COUPON_DAYS: (u32, u32) = (0, 365);
const NAME_MAX: usize = 120;
const ADDRESS_MAX: usize = 500;

/// Where the recovery link leads: a URL with `{cart_url}` (the cart's own link) and optionally
/// `{code}` (the reminder's coupon code), e.g. `{cart_url}?coupon={code}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartUrlPattern(String);

impl CartUrlPattern {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let pattern = input.trim();
        if !pattern.contains("{cart_url}") {
            return Err(Problem::PatternWithoutCartUrl);
        }
        let rest = pattern.replace("{cart_url}", "").replace("{code}", "");
        if rest.contains('{') || rest.contains('}') {
            return Err(Problem::PatternUnknownTag);
        }
        let sample = pattern
            .replace("{cart_url}", "https://shop.example/cart?id=1")
            .replace("{code}", "RLC-ABCD2345");
        WebUrl::parse(&sample).map_err(|_| Problem::PatternNotUrl)?;
        Ok(Self(pattern.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for CartUrlPattern {
    fn default() -> Self {
        Self("{cart_url}".into())
    }
}

/// The settings, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopSettings {
    pub shop_name: String,
    pub shop_url: WebUrl,
    pub logo_url: Option<WebUrl>,
    pub postal_address: String,
    pub default_language: Language,
    pub sender_name: String,
    pub sender_email: Option<EmailAddress>,
    pub reply_to: Option<EmailAddress>,
    pub support_email: Option<EmailAddress>,
    pub cart_url_pattern: CartUrlPattern,
    pub coupon_prefix: CouponPrefix,
    pub expired_coupon_days: u32,
    pub abandoned_after_minutes: u32,
    pub min_gap_hours: u32,
    pub max_lateness_hours: u32,
    pub coupon_cooldown_days: u32,
    /// A customer gets reminders from at most one restarted sequence per this many days
    /// (0: no limit).
    pub re_entry_days: u32,
    /// An order counts for a reminder opened or clicked this many days before it.
    pub attribution_window_days: u32,
}

/// The Settings form: what the merchant typed, possibly invalid for a moment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsDraft {
    pub shop_name: String,
    pub shop_url: String,
    pub logo_url: String,
    pub postal_address: String,
    pub default_language: String,
    pub sender_name: String,
    pub sender_email: String,
    pub reply_to: String,
    pub support_email: String,
    pub cart_url_pattern: String,
    pub coupon_prefix: String,
    pub expired_coupon_days: String,
    pub abandoned_after_minutes: String,
    pub min_gap_hours: String,
    pub max_lateness_hours: String,
    pub coupon_cooldown_days: String,
    pub re_entry_days: String,
    pub attribution_window_days: String,
}

/// A field of the form, named as the form and the JSON name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SettingsField {
    ShopName,
    ShopUrl,
    LogoUrl,
    PostalAddress,
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
}

impl SettingsField {
    /// The form's field name (also its JSON name).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ShopName => "shop_name",
            Self::ShopUrl => "shop_url",
            Self::LogoUrl => "logo_url",
            Self::PostalAddress => "postal_address",
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
        }
    }
}

/// What is wrong with a value; the admin words it in the merchant's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    Email,
    Url,
    Language,
    /// A whole number from `min` to `max`.
    Number {
        min: u32,
        max: u32,
    },
    Prefix,
    PatternWithoutCartUrl,
    PatternUnknownTag,
    PatternNotUrl,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsProblem {
    pub field: SettingsField,
    pub problem: Problem,
}

fn text(value: &str, max: usize, required: bool) -> Result<String, Problem> {
    let value = value.trim();
    if required && value.is_empty() {
        Err(Problem::Required)
    } else if value.chars().count() > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(value.to_owned())
    }
}

fn optional_email(value: &str) -> Result<Option<EmailAddress>, Problem> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    EmailAddress::parse(value)
        .map(Some)
        .map_err(|_| Problem::Email)
}

fn number(value: &str, (min, max): (u32, u32)) -> Result<u32, Problem> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or(Problem::Number { min, max })
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
        }
    }

    pub fn value(&self, field: SettingsField) -> &str {
        match field {
            SettingsField::ShopName => &self.shop_name,
            SettingsField::ShopUrl => &self.shop_url,
            SettingsField::LogoUrl => &self.logo_url,
            SettingsField::PostalAddress => &self.postal_address,
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
        }
    }

    pub fn from_settings(settings: &ShopSettings) -> Self {
        let email = |e: &Option<EmailAddress>| {
            e.as_ref()
                .map(|e| e.as_str().to_owned())
                .unwrap_or_default()
        };
        Self {
            shop_name: settings.shop_name.clone(),
            shop_url: settings.shop_url.as_str().to_owned(),
            logo_url: settings
                .logo_url
                .as_ref()
                .map(|u| u.as_str().to_owned())
                .unwrap_or_default(),
            postal_address: settings.postal_address.clone(),
            default_language: settings.default_language.code().to_owned(),
            sender_name: settings.sender_name.clone(),
            sender_email: email(&settings.sender_email),
            reply_to: email(&settings.reply_to),
            support_email: email(&settings.support_email),
            cart_url_pattern: settings.cart_url_pattern.as_str().to_owned(),
            coupon_prefix: settings.coupon_prefix.as_str().to_owned(),
            expired_coupon_days: settings.expired_coupon_days.to_string(),
            abandoned_after_minutes: settings.abandoned_after_minutes.to_string(),
            min_gap_hours: settings.min_gap_hours.to_string(),
            max_lateness_hours: settings.max_lateness_hours.to_string(),
            coupon_cooldown_days: settings.coupon_cooldown_days.to_string(),
            re_entry_days: settings.re_entry_days.to_string(),
            attribution_window_days: settings.attribution_window_days.to_string(),
        }
    }

    /// The settings, or every problem with the field it belongs to.
    pub fn parse(&self) -> Result<ShopSettings, Vec<SettingsProblem>> {
        let mut problems = Vec::new();
        let mut check = |field: SettingsField, problem: Option<Problem>| {
            if let Some(problem) = problem {
                problems.push(SettingsProblem { field, problem });
            }
        };
        use SettingsField as F;
        let shop_name = text(&self.shop_name, NAME_MAX, true);
        check(F::ShopName, shop_name.as_ref().err().cloned());
        let shop_url = if self.shop_url.trim().is_empty() {
            Err(Problem::Required)
        } else {
            WebUrl::parse(self.shop_url.trim()).map_err(|_| Problem::Url)
        };
        check(F::ShopUrl, shop_url.as_ref().err().cloned());
        let logo_url = if self.logo_url.trim().is_empty() {
            Ok(None)
        } else {
            WebUrl::parse(self.logo_url.trim())
                .map(Some)
                .map_err(|_| Problem::Url)
        };
        check(F::LogoUrl, logo_url.as_ref().err().cloned());
        let postal_address = text(&self.postal_address, ADDRESS_MAX, false);
        check(F::PostalAddress, postal_address.as_ref().err().cloned());
        let default_language =
            Language::parse(self.default_language.trim()).map_err(|_| Problem::Language);
        check(F::DefaultLanguage, default_language.as_ref().err().cloned());
        let sender_name = text(&self.sender_name, NAME_MAX, false);
        check(F::SenderName, sender_name.as_ref().err().cloned());
        let sender_email = optional_email(&self.sender_email);
        check(F::SenderEmail, sender_email.as_ref().err().cloned());
        let reply_to = optional_email(&self.reply_to);
        check(F::ReplyTo, reply_to.as_ref().err().cloned());
        let support_email = optional_email(&self.support_email);
        check(F::SupportEmail, support_email.as_ref().err().cloned());
        let cart_url_pattern = if self.cart_url_pattern.trim().is_empty() {
            Ok(CartUrlPattern::default())
        } else {
            CartUrlPattern::parse(&self.cart_url_pattern)
        };
        check(F::CartUrlPattern, cart_url_pattern.as_ref().err().cloned());
        let coupon_prefix = CouponPrefix::parse(&self.coupon_prefix).map_err(|_| Problem::Prefix);
        check(F::CouponPrefix, coupon_prefix.as_ref().err().cloned());
        let expired_coupon_days = number(&self.expired_coupon_days, EXPIRED_COUPON_DAYS);
        check(
            F::ExpiredCouponDays,
            expired_coupon_days.as_ref().err().cloned(),
        );
        let abandoned_after_minutes =
            number(&self.abandoned_after_minutes, ABANDONED_AFTER_MINUTES);
        check(
            F::AbandonedAfterMinutes,
            abandoned_after_minutes.as_ref().err().cloned(),
        );
        let min_gap_hours = number(&self.min_gap_hours, MIN_GAP_HOURS);
        check(F::MinGapHours, min_gap_hours.as_ref().err().cloned());
        let max_lateness_hours = number(&self.max_lateness_hours, MAX_LATENESS_HOURS);
        check(
            F::MaxLatenessHours,
            max_lateness_hours.as_ref().err().cloned(),
        );
        let coupon_cooldown_days = number(&self.coupon_cooldown_days, COUPON_COOLDOWN_DAYS);
        check(
            F::CouponCooldownDays,
            coupon_cooldown_days.as_ref().err().cloned(),
        );
        let re_entry_days = number(&self.re_entry_days, RE_ENTRY_DAYS);
        check(F::ReEntryDays, re_entry_days.as_ref().err().cloned());
        let attribution_window_days =
            number(&self.attribution_window_days, ATTRIBUTION_WINDOW_DAYS);
        check(
            F::AttributionWindowDays,
            attribution_window_days.as_ref().err().cloned(),
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        // Every Err was reported above, so `take` only sees Ok values.
        fn take<T>(value: Result<T, Problem>) -> T {
            value.unwrap_or_else(|problem| unreachable!("reported above: {problem:?}"))
        }
        Ok(ShopSettings {
            shop_name: take(shop_name),
            shop_url: take(shop_url),
            logo_url: take(logo_url),
            postal_address: take(postal_address),
            default_language: take(default_language),
            sender_name: take(sender_name),
            sender_email: take(sender_email),
            reply_to: take(reply_to),
            support_email: take(support_email),
            cart_url_pattern: take(cart_url_pattern),
            coupon_prefix: take(coupon_prefix),
            expired_coupon_days: take(expired_coupon_days),
            abandoned_after_minutes: take(abandoned_after_minutes),
            min_gap_hours: take(min_gap_hours),
            max_lateness_hours: take(max_lateness_hours),
            coupon_cooldown_days: take(coupon_cooldown_days),
            re_entry_days: take(re_entry_days),
            attribution_window_days: take(attribution_window_days),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> SettingsDraft {
        SettingsDraft {
            shop_name: "Boutique Émilie".into(),
            shop_url: "https://emilie.example".into(),
            logo_url: String::new(),
            postal_address: "1 rue de la Paix, 75002 Paris".into(),
            default_language: "fr".into(),
            sender_name: "Émilie".into(),
            sender_email: "bonjour@emilie.example".into(),
            reply_to: String::new(),
            support_email: "aide@emilie.example".into(),
            cart_url_pattern: "{cart_url}&coupon={code}".into(),
            coupon_prefix: "emi-".into(),
            expired_coupon_days: "30".into(),
            abandoned_after_minutes: "30".into(),
            min_gap_hours: "12".into(),
            max_lateness_hours: "24".into(),
            coupon_cooldown_days: "30".into(),
            re_entry_days: "7".into(),
            attribution_window_days: "5".into(),
        }
    }

    #[test]
    fn a_complete_form_parses_and_round_trips() {
        let settings = draft().parse().unwrap();
        assert_eq!(settings.coupon_prefix.as_str(), "EMI-");
        assert_eq!(settings.reply_to, None);
        assert_eq!(settings.default_language, Language::FRENCH);
        assert_eq!(
            SettingsDraft::from_settings(&settings).parse().unwrap(),
            settings
        );
    }

    #[test]
    fn every_wrong_field_is_reported_with_its_problem() {
        let mut bad = draft();
        bad.shop_name = "  ".into();
        bad.sender_email = "not an address".into();
        bad.min_gap_hours = "-1".into();
        bad.abandoned_after_minutes = "2".into();
        bad.coupon_prefix = "é!".into();
        let problems = bad.parse().unwrap_err();
        let found: Vec<(SettingsField, Problem)> =
            problems.into_iter().map(|p| (p.field, p.problem)).collect();
        assert_eq!(
            found,
            vec![
                (SettingsField::ShopName, Problem::Required),
                (SettingsField::SenderEmail, Problem::Email),
                (SettingsField::CouponPrefix, Problem::Prefix),
                (
                    SettingsField::AbandonedAfterMinutes,
                    Problem::Number {
                        min: 5,
                        max: 10_080
                    }
                ),
                (
                    SettingsField::MinGapHours,
                    Problem::Number { min: 0, max: 168 }
                ),
            ]
        );
    }

    #[test]
    fn the_cart_url_pattern_needs_the_cart_url_and_only_known_tags() {
        assert_eq!(
            CartUrlPattern::parse("https://shop.example/?code={code}"),
            Err(Problem::PatternWithoutCartUrl)
        );
        assert_eq!(
            CartUrlPattern::parse("{cart_url}?c={coupon}"),
            Err(Problem::PatternUnknownTag)
        );
        assert_eq!(
            CartUrlPattern::parse("javascript:{cart_url}"),
            Err(Problem::PatternNotUrl)
        );
        assert!(CartUrlPattern::parse("{cart_url}?coupon={code}").is_ok());
        // Empty means the cart's own link.
        let mut empty = draft();
        empty.cart_url_pattern = String::new();
        assert_eq!(
            empty.parse().unwrap().cart_url_pattern,
            CartUrlPattern::default()
        );
    }
}
