//! The editor's live warnings: things that are allowed but probably not what the merchant wants.

use super::tags::{unknown_tags, Field, Tag};
use crate::model::template::SUBJECT_MAX;
use crate::model::Language;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// `{word}` that this field does not replace: it would be sent as typed.
    UnknownTag {
        field: Field,
        tag: String,
    },
    /// The link is still added after the text, but the sentence around it will read oddly.
    UnsubscribeMissing,
    SubjectEmpty,
    SubjectTooLong {
        length: usize,
    },
    /// Customers in this language get the English version.
    FallsBackToEnglish {
        language: Language,
    },
    /// Customers in this language get no email: no content in it nor in English.
    NotSent {
        language: Language,
    },
}

/// The texts of one language as typed, before any check (the subject may still be invalid).
pub struct DraftTexts<'a> {
    pub subject: &'a str,
    pub body: &'a str,
    pub discount_text: &'a str,
    pub button_text: &'a str,
    pub unsubscribe_text: &'a str,
}

pub fn warnings(texts: &DraftTexts<'_>) -> Vec<Warning> {
    let mut found = Vec::new();
    let subject_length = texts.subject.trim().chars().count();
    if subject_length == 0 {
        found.push(Warning::SubjectEmpty);
    } else if subject_length > SUBJECT_MAX {
        found.push(Warning::SubjectTooLong {
            length: subject_length,
        });
    }
    for (field, text) in [
        (Field::Subject, texts.subject),
        (Field::Body, texts.body),
        (Field::DiscountText, texts.discount_text),
        (Field::ButtonText, texts.button_text),
        (Field::UnsubscribeText, texts.unsubscribe_text),
    ] {
        for tag in unknown_tags(text, field) {
            found.push(Warning::UnknownTag { field, tag });
        }
    }
    if !texts.unsubscribe_text.contains(&Tag::Unsubscribe.token()) {
        found.push(Warning::UnsubscribeMissing);
    }
    found
}

/// For each language the shop's customers use, whether they get their own, the English or no
/// version of a template filled in `filled`.
pub fn language_warnings(filled: &[Language], customer_languages: &[Language]) -> Vec<Warning> {
    let has_english = filled.contains(&Language::ENGLISH);
    customer_languages
        .iter()
        .filter(|language| !filled.contains(language))
        .map(|&language| {
            if has_english {
                Warning::FallsBackToEnglish { language }
            } else {
                Warning::NotSent { language }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(subject: &'a str, body: &'a str, unsubscribe: &'a str) -> DraftTexts<'a> {
        DraftTexts {
            subject,
            body,
            discount_text: "",
            button_text: "",
            unsubscribe_text: unsubscribe,
        }
    }

    #[test]
    fn a_clean_text_has_no_warning() {
        assert!(warnings(&texts("Hi {first_name}", "{cart}", "Bye: {unsubscribe}")).is_empty());
    }

    #[test]
    fn unknown_tags_missing_unsubscribe_and_subject_length_are_warned() {
        let long = "x".repeat(101);
        let found = warnings(&texts(&long, "Hi {prenom} {discount_code}", "Bye"));
        assert_eq!(
            found,
            vec![
                Warning::SubjectTooLong { length: 101 },
                Warning::UnknownTag {
                    field: Field::Body,
                    tag: "prenom".into()
                },
                Warning::UnknownTag {
                    field: Field::Body,
                    tag: "discount_code".into()
                },
                Warning::UnsubscribeMissing,
            ]
        );
        assert_eq!(
            warnings(&texts(" ", "", "{unsubscribe}")),
            vec![Warning::SubjectEmpty]
        );
    }

    #[test]
    fn languages_without_content_fall_back_to_english_or_are_not_sent() {
        let german = Language::parse("de").unwrap();
        let customers = [Language::FRENCH, german];
        assert_eq!(
            language_warnings(&[Language::FRENCH, Language::ENGLISH], &customers),
            vec![Warning::FallsBackToEnglish { language: german }]
        );
        assert_eq!(
            language_warnings(&[Language::FRENCH], &customers),
            vec![Warning::NotSent { language: german }]
        );
    }
}
