use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{HexColor, Language, ParseError, WebUrl};

/// Subjects longer than this are cut by most mail apps, and the PrestaShop module caps them too.
pub const SUBJECT_MAX: usize = 100;
/// The text of the unsubscribe link.
pub const LINK_TEXT_MAX: usize = 100;
/// A reassurance item's short text.
pub const REASSURANCE_TEXT_MAX: usize = 80;
pub const REASSURANCE_MAX_ITEMS: usize = 6;
/// Long enough for any reminder, short enough to keep the email well under Gmail's clipping size.
pub const BODY_MAX: usize = 5_000;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemplateError {
    #[error("the template name is empty or longer than 100 characters")]
    InvalidName,
    #[error("{language}: the subject is empty")]
    EmptySubject { language: Language },
    #[error("{language}: {field} has {length} characters, at most {max} are allowed")]
    TooLong {
        language: Language,
        field: &'static str,
        length: usize,
        max: usize,
    },
    #[error("{language}: at most {REASSURANCE_MAX_ITEMS} reassurance items")]
    TooManyReassuranceItems { language: Language },
    #[error("the template has no content in any language")]
    NoContent,
}

/// The three designs merchants choose from, as in the PrestaShop module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    Boxy,
    Sendy,
    Puffy,
}

impl Layout {
    pub const ALL: [Layout; 3] = [Layout::Boxy, Layout::Sendy, Layout::Puffy];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Boxy => "boxy",
            Self::Sendy => "sendy",
            Self::Puffy => "puffy",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|layout| layout.as_str() == input.trim().to_ascii_lowercase())
            .ok_or_else(|| ParseError::new(format!("\"{input}\" is not boxy, sendy or puffy")))
    }
}

/// An email subject: not empty, at most [`SUBJECT_MAX`] characters (counted as people count them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Subject(String);

impl Subject {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let trimmed = input.trim();
        let length = trimmed.chars().count();
        if length == 0 {
            return Err(ParseError::new("the subject is empty"));
        }
        if length > SUBJECT_MAX {
            return Err(ParseError::new(format!(
                "the subject has {length} characters, at most {SUBJECT_MAX} are allowed"
            )));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(ParseError::new("the subject must fit on one line"));
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Subject {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Subject> for String {
    fn from(value: Subject) -> Self {
        value.0
    }
}

/// The icons a reassurance item can show next to its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReassuranceIcon {
    FreeDelivery,
    FastDelivery,
    SecurePayment,
    CustomerService,
    EasyReturns,
    Warranty,
    Quality,
    GiftWrapping,
    MadeLocally,
    EcoFriendly,
    LoyaltyPoints,
    ClickAndCollect,
}

impl ReassuranceIcon {
    pub const ALL: [ReassuranceIcon; 12] = [
        Self::FreeDelivery,
        Self::FastDelivery,
        Self::SecurePayment,
        Self::CustomerService,
        Self::EasyReturns,
        Self::Warranty,
        Self::Quality,
        Self::GiftWrapping,
        Self::MadeLocally,
        Self::EcoFriendly,
        Self::LoyaltyPoints,
        Self::ClickAndCollect,
    ];

    /// The name in URLs and JSON (`free_delivery`).
    pub fn slug(self) -> &'static str {
        match self {
            Self::FreeDelivery => "free_delivery",
            Self::FastDelivery => "fast_delivery",
            Self::SecurePayment => "secure_payment",
            Self::CustomerService => "customer_service",
            Self::EasyReturns => "easy_returns",
            Self::Warranty => "warranty",
            Self::Quality => "quality",
            Self::GiftWrapping => "gift_wrapping",
            Self::MadeLocally => "made_locally",
            Self::EcoFriendly => "eco_friendly",
            Self::LoyaltyPoints => "loyalty_points",
            Self::ClickAndCollect => "click_and_collect",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|icon| icon.slug() == slug)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReassuranceItem {
    pub icon: ReassuranceIcon,
    pub text: String,
}

/// Links to the shop's social pages; each is optional and only http(s).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocialLinks {
    pub facebook: Option<WebUrl>,
    pub instagram: Option<WebUrl>,
    pub x: Option<WebUrl>,
}

/// What a template says in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateContent {
    pub subject: Subject,
    /// The message, in the template markup (plain text with bold and italic only).
    pub body: String,
    /// Shown only when the cart gets a discount; may use the discount tags.
    pub discount_text: String,
    /// The button is shown only when this is set.
    pub button_text: String,
    pub reassurance: Vec<ReassuranceItem>,
    pub social: SocialLinks,
    /// Text around the `{unsubscribe}` tag.
    pub unsubscribe_text: String,
    pub unsubscribe_link_text: String,
}

impl TemplateContent {
    /// Checks the lengths that keep an email readable and within what mail apps show.
    pub fn check(&self, language: Language) -> Result<(), TemplateError> {
        let too_long = |field: &'static str, value: &str, max: usize| {
            let length = value.chars().count();
            if length > max {
                Err(TemplateError::TooLong {
                    language,
                    field,
                    length,
                    max,
                })
            } else {
                Ok(())
            }
        };
        too_long("the body", &self.body, BODY_MAX)?;
        too_long("the discount text", &self.discount_text, BODY_MAX)?;
        too_long("the button text", &self.button_text, LINK_TEXT_MAX)?;
        too_long("the unsubscribe text", &self.unsubscribe_text, BODY_MAX)?;
        too_long(
            "the unsubscribe link text",
            &self.unsubscribe_link_text,
            LINK_TEXT_MAX,
        )?;
        if self.reassurance.len() > REASSURANCE_MAX_ITEMS {
            return Err(TemplateError::TooManyReassuranceItems { language });
        }
        for item in &self.reassurance {
            too_long("a reassurance text", &item.text, REASSURANCE_TEXT_MAX)?;
        }
        Ok(())
    }
}

/// A reusable, named email design with its texts per language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailTemplate {
    pub id: String,
    pub name: String,
    pub layout: Layout,
    pub primary_color: HexColor,
    pub secondary_color: HexColor,
    pub contents: BTreeMap<Language, TemplateContent>,
}

impl EmailTemplate {
    pub fn new(
        id: String,
        name: &str,
        layout: Layout,
        primary_color: HexColor,
        secondary_color: HexColor,
        contents: BTreeMap<Language, TemplateContent>,
    ) -> Result<Self, TemplateError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(TemplateError::InvalidName);
        }
        if contents.is_empty() {
            return Err(TemplateError::NoContent);
        }
        for (language, content) in &contents {
            content.check(*language)?;
        }
        Ok(Self {
            id,
            name: name.to_owned(),
            layout,
            primary_color,
            secondary_color,
            contents,
        })
    }

    /// The languages that have content, in code order.
    pub fn languages(&self) -> Vec<Language> {
        self.contents.keys().copied().collect()
    }

    /// The content for `language`, else English, else nothing: a customer is never sent a
    /// language they may not read other than the English fallback (the PrestaShop rule).
    pub fn content_for(&self, language: Language) -> Option<(Language, &TemplateContent)> {
        [language, Language::ENGLISH]
            .into_iter()
            .find_map(|candidate| self.contents.get(&candidate).map(|c| (candidate, c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn content(subject: &str) -> TemplateContent {
        TemplateContent {
            subject: Subject::parse(subject).unwrap(),
            body: "Bonjour {first_name}".into(),
            discount_text: String::new(),
            button_text: "Finaliser ma commande".into(),
            reassurance: vec![ReassuranceItem {
                icon: ReassuranceIcon::SecurePayment,
                text: "Paiement sécurisé".into(),
            }],
            social: SocialLinks::default(),
            unsubscribe_text: "Pour vous désinscrire, {unsubscribe}".into(),
            unsubscribe_link_text: "cliquez ici".into(),
        }
    }

    fn template(languages: &[Language]) -> EmailTemplate {
        let contents = languages
            .iter()
            .map(|language| (*language, content("N'oubliez pas votre panier !")))
            .collect();
        EmailTemplate::new(
            "t1".into(),
            "Boxy bleu",
            Layout::Boxy,
            HexColor::parse("#1A73E8").unwrap(),
            HexColor::parse("#F4B400").unwrap(),
            contents,
        )
        .unwrap()
    }

    #[test]
    fn a_subject_of_exactly_one_hundred_characters_is_accepted_and_one_more_is_not() {
        assert!(Subject::parse(&"é".repeat(100)).is_ok());
        let error = Subject::parse(&"é".repeat(101)).unwrap_err();
        assert!(error.message.contains("101"));
    }

    #[test]
    fn an_empty_or_multi_line_subject_is_rejected() {
        assert!(Subject::parse("   ").is_err());
        assert!(Subject::parse("one\ntwo").is_err());
    }

    #[test]
    fn content_falls_back_to_english_then_to_nothing() {
        let both = template(&[Language::FRENCH, Language::ENGLISH]);
        let german = Language::parse("de").unwrap();
        assert_eq!(both.content_for(german).unwrap().0, Language::ENGLISH);
        assert_eq!(
            both.content_for(Language::FRENCH).unwrap().0,
            Language::FRENCH
        );
        let french_only = template(&[Language::FRENCH]);
        assert!(french_only.content_for(german).is_none());
    }

    #[test]
    fn a_template_without_content_or_with_a_long_link_text_is_rejected() {
        let color = HexColor::parse("#000000").unwrap();
        let empty = EmailTemplate::new(
            "t".into(),
            "x",
            Layout::Sendy,
            color.clone(),
            color.clone(),
            BTreeMap::new(),
        );
        assert_eq!(empty, Err(TemplateError::NoContent));

        let mut long = content("Hi");
        long.unsubscribe_link_text = "x".repeat(101);
        let contents = BTreeMap::from([(Language::ENGLISH, long)]);
        assert!(matches!(
            EmailTemplate::new(
                "t".into(),
                "x",
                Layout::Puffy,
                color.clone(),
                color,
                contents
            ),
            Err(TemplateError::TooLong { max: 100, .. })
        ));
    }

    #[test]
    fn there_are_twelve_reassurance_icons() {
        assert_eq!(ReassuranceIcon::ALL.len(), 12);
    }
}
