//! A shop as set-up and `relance shop create` make it: what the merchant typed, checked field
//! by field. The time zone is checked against the server's zone database, passed in, so this
//! stays pure and small enough for the browser.

use serde::{Deserialize, Serialize};

use super::Problem;
use crate::{Currency, EmailAddress, Language, WebUrl};

/// Active ISO 4217 codes (2025), so a typo such as "EUE" is refused rather than stored.
const ISO_4217: &str = "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB \
    BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB \
    EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD \
    JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP \
    MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON \
    RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP \
    TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG";

/// Whether `currency` is an active ISO 4217 currency.
pub fn is_iso_4217(currency: Currency) -> bool {
    ISO_4217
        .split_whitespace()
        .any(|code| code == currency.code())
}

const NAME_MAX: usize = 120;
const SLUG_MAX: usize = 40;

/// The shop's part of admin URLs (`/s/<slug>/carts`): its name in lower-case ASCII letters,
/// digits and dashes ("Boutique Émilie" → "boutique-emilie").
pub fn slug_of(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            other => other,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(SLUG_MAX).collect();
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "shop".to_owned()
    } else {
        slug
    }
}

/// What the merchant typed for a new shop.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewShopDraft {
    pub name: String,
    pub url: String,
    pub currency: String,
    pub time_zone: String,
    pub language: String,
    pub sender_name: String,
    pub sender_email: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NewShopField {
    Name,
    Url,
    Currency,
    TimeZone,
    Language,
    SenderName,
    SenderEmail,
}

impl NewShopField {
    pub const ALL: [Self; 7] = [
        Self::Name,
        Self::Url,
        Self::Currency,
        Self::TimeZone,
        Self::Language,
        Self::SenderName,
        Self::SenderEmail,
    ];

    /// The form's field name, and the CLI's option without its dashes.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Url => "url",
            Self::Currency => "currency",
            Self::TimeZone => "time_zone",
            Self::Language => "language",
            Self::SenderName => "sender_name",
            Self::SenderEmail => "sender_email",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewShopProblem {
    pub field: NewShopField,
    pub problem: Problem,
}

/// A new shop's identity, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewShop {
    pub name: String,
    pub url: WebUrl,
    pub currency: Currency,
    /// An IANA name the server knows.
    pub time_zone: String,
    pub language: Language,
    pub sender_name: String,
    pub sender_email: Option<EmailAddress>,
}

impl NewShopDraft {
    /// The draft a form sent, read field by field with `value` (by the fields' names).
    pub fn from_form(value: impl Fn(&str) -> String) -> Self {
        let mut draft = Self::default();
        for field in NewShopField::ALL {
            *draft.value_mut(field) = value(field.as_str());
        }
        draft
    }

    /// A blank form with what can be guessed: euros, the admin's language, the browser's zone.
    pub fn starting(language: &str, time_zone: String) -> Self {
        Self {
            currency: "EUR".into(),
            language: language.into(),
            time_zone,
            ..Self::default()
        }
    }

    /// The text of one field, for the form's inputs.
    pub fn value_mut(&mut self, field: NewShopField) -> &mut String {
        match field {
            NewShopField::Name => &mut self.name,
            NewShopField::Url => &mut self.url,
            NewShopField::Currency => &mut self.currency,
            NewShopField::TimeZone => &mut self.time_zone,
            NewShopField::Language => &mut self.language,
            NewShopField::SenderName => &mut self.sender_name,
            NewShopField::SenderEmail => &mut self.sender_email,
        }
    }

    /// The shop, or every problem with its field. `known_zone` says whether the server's zone
    /// database has a name (the browser, which has none, passes `|_| true`).
    pub fn parse(&self, known_zone: impl Fn(&str) -> bool) -> Result<NewShop, Vec<NewShopProblem>> {
        use NewShopField as F;
        let mut problems = Vec::new();
        let mut report = |field, problem| problems.push(NewShopProblem { field, problem });
        let name = self.name.trim();
        if name.is_empty() {
            report(F::Name, Problem::Required);
        } else if name.chars().count() > NAME_MAX {
            report(F::Name, Problem::TooLong { max: NAME_MAX });
        }
        let url = WebUrl::parse(self.url.trim()).ok();
        if url.is_none() {
            report(F::Url, Problem::Url);
        }
        let currency = Currency::parse(&self.currency)
            .ok()
            .filter(|c| is_iso_4217(*c));
        if currency.is_none() {
            report(F::Currency, Problem::Currency);
        }
        let time_zone = self.time_zone.trim();
        if time_zone.is_empty() || !known_zone(time_zone) {
            report(F::TimeZone, Problem::TimeZone);
        }
        let language = Language::parse(self.language.trim()).ok();
        if language.is_none() {
            report(F::Language, Problem::Language);
        }
        let sender_name = self.sender_name.trim();
        if sender_name.chars().count() > NAME_MAX {
            report(F::SenderName, Problem::TooLong { max: NAME_MAX });
        }
        let sender_email = match self.sender_email.trim() {
            "" => None,
            text => {
                let email = EmailAddress::parse(text).ok();
                if email.is_none() {
                    report(F::SenderEmail, Problem::Email);
                }
                email
            }
        };
        match (url, currency, language) {
            (Some(url), Some(currency), Some(language)) if problems.is_empty() => Ok(NewShop {
                name: name.to_owned(),
                url,
                currency,
                time_zone: time_zone.to_owned(),
                language,
                sender_name: sender_name.to_owned(),
                sender_email,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> NewShopDraft {
        NewShopDraft {
            name: "Boutique Émilie".into(),
            url: "https://emilie.example".into(),
            currency: "chf".into(),
            time_zone: "Europe/Zurich".into(),
            language: "fr".into(),
            sender_name: "Émilie".into(),
            sender_email: "bonjour@emilie.example".into(),
        }
    }

    #[test]
    fn a_complete_draft_gives_the_shop_with_its_currency_in_capitals() {
        let shop = draft().parse(|zone| zone == "Europe/Zurich").unwrap();
        assert_eq!(shop.currency.code(), "CHF");
        assert_eq!(shop.name, "Boutique Émilie");
        assert_eq!(
            shop.sender_email.unwrap().as_str(),
            "bonjour@emilie.example"
        );
    }

    #[test]
    fn every_bad_field_is_named_with_its_problem() {
        let bad = NewShopDraft {
            name: " ".into(),
            url: "ftp://emilie.example".into(),
            currency: "EUE".into(),
            time_zone: "Mars/Olympus".into(),
            language: "french".into(),
            sender_name: String::new(),
            sender_email: "not an address".into(),
        };
        let problems: Vec<(NewShopField, Problem)> = bad
            .parse(|_| false)
            .unwrap_err()
            .into_iter()
            .map(|p| (p.field, p.problem))
            .collect();
        assert_eq!(
            problems,
            [
                (NewShopField::Name, Problem::Required),
                (NewShopField::Url, Problem::Url),
                (NewShopField::Currency, Problem::Currency),
                (NewShopField::TimeZone, Problem::TimeZone),
                (NewShopField::Language, Problem::Language),
                (NewShopField::SenderEmail, Problem::Email),
            ]
        );
    }

    #[test]
    fn slugs_are_lower_case_ascii_with_dashes() {
        assert_eq!(slug_of("Boutique Émilie"), "boutique-emilie");
        assert_eq!(slug_of("  L'Atelier -- Café & Co  "), "l-atelier-cafe-co");
        assert_eq!(slug_of("日本"), "shop");
        assert_eq!(slug_of(&"a".repeat(60)).len(), 40);
    }

    #[test]
    fn only_active_iso_4217_codes_are_currencies() {
        assert!(is_iso_4217(Currency::parse("EUR").unwrap()));
        assert!(is_iso_4217(Currency::parse("JPY").unwrap()));
        assert!(!is_iso_4217(Currency::parse("EUE").unwrap()));
    }
}
