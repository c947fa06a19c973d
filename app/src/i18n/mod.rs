//! The admin in French and English, typed: every text is a field of [`Texts`], so a missing
//! translation is a compile error, and both languages ship in the WASM with no loading step.
//!
//! The language comes from the `relance_lang` cookie, else the browser's Accept-Language; the
//! server writes it as `<html lang>`, and hydration reads it back from there so both agree.

mod activity;
mod bulk;
mod calls;
mod campaign_io;
mod codes;
mod connect_log;
mod en;
mod fr;
mod help;
mod keys;
mod negotiate;
mod privacy;
mod reference;
mod reminders;
mod rule_words;
mod rules;
mod sending;
mod settings;
mod setup;
mod shops;
mod sms;
mod statistics;
mod team;
mod templates;
mod texts;
mod timeline;
mod tracker;
mod unsubscribed;
mod webhooks;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use chrono::{DateTime, Utc};
use domain::clock::ShopClock;
use domain::Language;

pub use calls::CallsTexts;
pub use help::HelpTexts;
pub use keys::KeysTexts;
pub use negotiate::{negotiate, COOKIE_NAME};
pub use reminders::ReminderTexts;
pub use rules::{field_path, RuleTexts};
pub use sending::SendingTexts;
pub use settings::SettingsTexts;
pub use setup::SetupTexts;
pub use shops::ShopsTexts;
pub use sms::SmsWords;
pub use statistics::StatisticsTexts;
pub use templates::TemplateTexts;
pub use texts::Texts;
pub use timeline::TimelineTexts;
pub use unsubscribed::UnsubscribedTexts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    Fr,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Fr, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("fr") => Some(Self::Fr),
            Some("en") => Some(Self::En),
            _ => None,
        }
    }

    /// The same language as the email side sees it.
    pub fn language(self) -> Language {
        match self {
            Self::Fr => Language::FRENCH,
            Self::En => Language::ENGLISH,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Self::Fr => &fr::TEXTS,
            Self::En => &en::TEXTS,
        }
    }

    /// The template editor's texts alone: the editor's island reads these, not the whole
    /// admin's, so its WASM carries only them.
    pub fn template_texts(self) -> &'static TemplateTexts {
        match self {
            Self::Fr => &templates::FR,
            Self::En => &templates::EN,
        }
    }
}

/// The admin's current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
    /// The shop's time zone: every date of the admin is shown in it.
    pub clock: StoredValue<ShopClock>,
}

impl I18n {
    /// The texts of the current language (reactive).
    pub fn t(&self) -> &'static Texts {
        self.locale.get().texts()
    }

    /// A moment as the admin shows it: the shop's local time, in the chosen language.
    pub fn date_time(&self, at: DateTime<Utc>) -> String {
        (self.t().date_time)(self.clock.with_value(|clock| clock.local(at)))
    }

    /// The shop's time zone's name, said beside the dates.
    pub fn zone(&self) -> String {
        self.clock.with_value(|clock| clock.zone().to_owned())
    }
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(provide_i18n)
}

/// Creates the language context from the request (server) or the page (browser).
pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        locale: RwSignal::new(initial_locale()),
        clock: StoredValue::new(initial_clock()),
    };
    provide_context(i18n);
    i18n
}

/// The language of this render: from the request's cookie and headers on the server, from
/// `<html lang>` (which the server wrote) in the browser.
pub fn initial_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|parts| {
                let header = |name| {
                    parts
                        .headers
                        .get(name)
                        .and_then(|value| value.to_str().ok())
                };
                negotiate(
                    header(http::header::COOKIE),
                    header(http::header::ACCEPT_LANGUAGE),
                )
            })
            .unwrap_or(Locale::En)
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|lang| Locale::from_code(&lang))
            .unwrap_or(Locale::En)
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Locale::En
    }
}

/// The shop's clock: on the server, as the request carries it (the server puts it there); in
/// the browser, as the server wrote it on the page (`<html data-clock>`).
pub fn initial_clock() -> ShopClock {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<ShopClock>().cloned())
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("data-clock"))
            .and_then(|text| ShopClock::decode(&text))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        ShopClock::default()
    }
}
