//! What the merchant writes for an SMS step, one text per language, checked when it is saved
//! so that no customer's message can pass three SMS.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::length::{measure, SmsLength};
use crate::email::{Field, Tag};
use crate::model::Language;

/// A message takes at most this many SMS, whatever its tags become.
pub const MAX_SEGMENTS: usize = 3;

/// The longest a first or last name is in an SMS; longer ones are cut.
pub const NAME_MAX: usize = 20;

/// The longest short link Relance puts in an SMS (the public address, `/m/` and 34
/// characters of signed token).
pub const LINK_MAX: usize = 80;

/// The characters each tag may take in the message, at most: what "three SMS at most" is
/// checked against when the text is saved.
fn worst_case(tag: Tag) -> usize {
    match tag {
        Tag::FirstName | Tag::LastName => NAME_MAX,
        Tag::Gender => 4,
        Tag::NbProduct => 3,
        Tag::CartLink => LINK_MAX,
        Tag::DiscountCode => 32,
        Tag::DiscountValue => 24,
        Tag::DiscountExpiry => 20,
        Tag::Cart | Tag::ShopLink | Tag::Unsubscribe | Tag::Recommendations => 0,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SmsTextError {
    #[error("the text is empty")]
    Empty,
    #[error("{{{0}}} cannot be used in an SMS (use {1})")]
    UnknownTag(String, String),
    #[error(
        "with its tags filled in, this text can take {segments} SMS ({units} {encoding} \
         characters); keep it to {MAX_SEGMENTS}"
    )]
    TooLong {
        segments: usize,
        units: usize,
        encoding: &'static str,
    },
    #[error("write the SMS in at least one language")]
    NoLanguage,
}

/// The tags an SMS takes, as the merchant types them.
pub fn sms_tags() -> String {
    Field::Sms
        .tags()
        .iter()
        .map(Tag::token)
        .collect::<Vec<_>>()
        .join(", ")
}

/// One language's text of an SMS step, tags included.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SmsText(String);

impl SmsText {
    pub fn parse(input: &str) -> Result<Self, SmsTextError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(SmsTextError::Empty);
        }
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let name = &after[..close];
            let looks_like_tag =
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            let accepted = Tag::from_name(name).is_some_and(|tag| Field::Sms.accepts(tag));
            if looks_like_tag && !accepted {
                return Err(SmsTextError::UnknownTag(name.to_owned(), sms_tags()));
            }
            rest = &after[close + 1..];
        }
        let length = Self::worst_length(text);
        if length.segments > MAX_SEGMENTS {
            return Err(SmsTextError::TooLong {
                segments: length.segments,
                units: length.units,
                encoding: length.encoding.as_str(),
            });
        }
        Ok(Self(text.to_owned()))
    }

    /// The size of `text` when each tag takes its longest value.
    pub fn worst_length(text: &str) -> SmsLength {
        let filled: String = crate::email::tags::tokenize(text, Field::Sms)
            .into_iter()
            .map(|token| match token {
                crate::email::tags::Token::Text(text) => text.to_owned(),
                crate::email::tags::Token::Tag(tag) => "x".repeat(worst_case(tag)),
            })
            .collect();
        measure(&filled)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SmsText {
    type Error = SmsTextError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<SmsText> for String {
    fn from(text: SmsText) -> String {
        text.0
    }
}

/// An SMS step's texts, one per language: the customer's language, else English.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(
    try_from = "BTreeMap<Language, SmsText>",
    into = "BTreeMap<Language, SmsText>"
)]
pub struct SmsTexts(BTreeMap<Language, SmsText>);

impl SmsTexts {
    pub fn new(texts: BTreeMap<Language, SmsText>) -> Result<Self, SmsTextError> {
        if texts.is_empty() {
            return Err(SmsTextError::NoLanguage);
        }
        Ok(Self(texts))
    }

    /// The text for a customer reading `language`, with the language it is written in.
    pub fn for_language(&self, language: Language) -> Option<(Language, &SmsText)> {
        [language, Language::ENGLISH]
            .into_iter()
            .find_map(|candidate| self.0.get(&candidate).map(|text| (candidate, text)))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Language, &SmsText)> {
        self.0.iter()
    }

    pub fn languages(&self) -> impl Iterator<Item = Language> + '_ {
        self.0.keys().copied()
    }
}

impl TryFrom<BTreeMap<Language, SmsText>> for SmsTexts {
    type Error = SmsTextError;
    fn try_from(value: BTreeMap<Language, SmsText>) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<SmsTexts> for BTreeMap<Language, SmsText> {
    fn from(texts: SmsTexts) -> Self {
        texts.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_whose_tags_could_push_it_past_three_sms_is_refused() {
        let short = "Bonjour {first_name}, votre panier vous attend : {cart_link} STOP au 36111";
        assert!(SmsText::parse(short).is_ok());
        // 400 plain characters are three parts of 153 already.
        let long = format!("{} {{cart_link}}", "a".repeat(400));
        let error = SmsText::parse(&long).unwrap_err();
        assert!(
            matches!(error, SmsTextError::TooLong { segments: 4, .. }),
            "{error}"
        );
        assert!(error.to_string().contains("keep it to 3"));
    }

    #[test]
    fn tags_of_emails_only_and_unknown_tags_are_named_in_the_error() {
        let error = SmsText::parse("Votre panier : {cart}").unwrap_err();
        assert!(
            error.to_string().contains("{cart} cannot be used"),
            "{error}"
        );
        assert!(error.to_string().contains("{cart_link}"));
        assert!(SmsText::parse("{prenom} bonjour").is_err());
        // Braces that are not a tag stay text.
        assert!(SmsText::parse("Prix {en promo!} {cart_link}").is_ok());
        assert_eq!(SmsText::parse("   ").unwrap_err(), SmsTextError::Empty);
    }

    #[test]
    fn a_customer_gets_their_language_or_english() {
        let texts = SmsTexts::new(BTreeMap::from([
            (
                Language::ENGLISH,
                SmsText::parse("Hello {cart_link}").unwrap(),
            ),
            (
                Language::FRENCH,
                SmsText::parse("Bonjour {cart_link}").unwrap(),
            ),
        ]))
        .unwrap();
        let german = Language::parse("de").unwrap();
        assert_eq!(
            texts.for_language(Language::FRENCH).unwrap().0,
            Language::FRENCH
        );
        assert_eq!(texts.for_language(german).unwrap().0, Language::ENGLISH);
        assert_eq!(
            SmsTexts::new(BTreeMap::new()).unwrap_err(),
            SmsTextError::NoLanguage
        );
    }
}
