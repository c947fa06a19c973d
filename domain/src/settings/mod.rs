//! The shop's settings as the Settings form holds them (strings) and as the rest of Relance
//! uses them (typed). `SettingsDraft::parse` is the one check: the browser runs it as the
//! merchant types, the server runs it again before saving.

use serde::{Deserialize, Serialize};

use crate::engine::{parse_time, CouponPrefix, QuietHours};
use crate::{Currency, EmailAddress, Language, WebUrl};

mod field;
mod new_shop;
mod setup;
pub use field::SettingsField;
pub use new_shop::{is_iso_4217, slug_of, NewShop, NewShopDraft, NewShopField, NewShopProblem};
pub use setup::{Setup, SetupDraft, SetupField, SetupProblem, MIN_PASSWORD_CHARS};

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
    pub currency: Currency,
    /// An IANA name the server knows (checked on the server).
    pub time_zone: String,
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
    /// A paid order counts for a reminder sent or clicked this many days before it.
    pub attribution_window_days: u32,
    /// No reminder goes out in this daily window of the customer's local time (`None`: any
    /// time).
    pub quiet_hours: Option<QuietHours>,
    /// Only customers who gave their consent (`customer.newsletter`) get reminders.
    #[serde(default)]
    pub require_consent: bool,
}

/// The Settings form: what the merchant typed, possibly invalid for a moment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsDraft {
    pub shop_name: String,
    pub shop_url: String,
    pub logo_url: String,
    pub postal_address: String,
    pub currency: String,
    pub time_zone: String,
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
    /// "21:00" and "08:00"; both empty for no quiet hours.
    pub quiet_hours_start: String,
    pub quiet_hours_end: String,
    #[serde(default)]
    pub require_consent: bool,
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
    /// A time of day, "21:00".
    Time,
    /// Quiet hours that end when they start.
    SameTime,
    /// Not an active ISO 4217 currency code.
    Currency,
    /// Not an IANA time zone the server knows.
    TimeZone,
    /// A password shorter than `min` characters.
    PasswordTooShort {
        min: usize,
    },
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

/// Both times, or neither for no quiet hours.
fn quiet_hours(start: &str, end: &str) -> Result<Option<QuietHours>, (SettingsField, Problem)> {
    use SettingsField as F;
    let time = |field, text: &str| match text.trim() {
        "" => Err((field, Problem::Required)),
        text => parse_time(text).map_err(|_| (field, Problem::Time)),
    };
    if start.trim().is_empty() && end.trim().is_empty() {
        return Ok(None);
    }
    let start = time(F::QuietHoursStart, start)?;
    let end = time(F::QuietHoursEnd, end)?;
    QuietHours::new(start, end)
        .map(Some)
        .map_err(|_| (F::QuietHoursEnd, Problem::SameTime))
}

/// Whether `zone` has the shape of an IANA name (`Europe/Paris`, `UTC`): all the browser can
/// check; the server checks that the zone exists.
pub fn zone_shape(zone: &str) -> bool {
    !zone.is_empty()
        && zone.len() <= 64
        && zone
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c))
}

impl SettingsDraft {
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
            currency: settings.currency.code().to_owned(),
            time_zone: settings.time_zone.clone(),
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
            quiet_hours_start: settings
                .quiet_hours
                .map(|q| q.start().format("%H:%M").to_string())
                .unwrap_or_default(),
            quiet_hours_end: settings
                .quiet_hours
                .map(|q| q.end().format("%H:%M").to_string())
                .unwrap_or_default(),
            require_consent: settings.require_consent,
        }
    }

    /// The settings, or every problem with the field it belongs to. `known_zone` says whether
    /// a time zone name exists (the browser can only check its shape; the server checks it).
    pub fn parse(
        &self,
        known_zone: impl Fn(&str) -> bool,
    ) -> Result<ShopSettings, Vec<SettingsProblem>> {
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
        let currency = Currency::parse(&self.currency.trim().to_ascii_uppercase())
            .ok()
            .filter(|c| is_iso_4217(*c))
            .ok_or(Problem::Currency);
        check(F::Currency, currency.as_ref().err().cloned());
        let time_zone = Some(self.time_zone.trim().to_owned())
            .filter(|zone| known_zone(zone))
            .ok_or(Problem::TimeZone);
        check(F::TimeZone, time_zone.as_ref().err().cloned());
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
        let quiet_hours = quiet_hours(&self.quiet_hours_start, &self.quiet_hours_end);
        if let Err((field, problem)) = &quiet_hours {
            check(*field, Some(problem.clone()));
        }
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
            currency: take(currency),
            time_zone: take(time_zone),
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
            quiet_hours: quiet_hours.unwrap_or_default(),
            require_consent: self.require_consent,
        })
    }
}

#[cfg(test)]
mod tests;
