//! Writes one customer's SMS: the step's text in their language with its tags filled, kept
//! to three SMS whatever the customer's data. The editor's preview runs the same function.

use serde::{Deserialize, Serialize};

use super::length::{measure, SmsLength};
use super::text::{SmsText, SmsTexts, MAX_SEGMENTS, NAME_MAX};
use crate::email::tags::{tokenize, Token};
use crate::email::{tag_text, Field, RenderContext, RenderError, Tag};
use crate::model::Language;

/// A short link as long as the ones Relance sends, for previews.
pub const SAMPLE_LINK: &str = "https://relance.example/m/AZERTYUIOPqsdfghjklmWXCVBN0123456789";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedSms {
    /// The customer's language, or English when the step has no text in theirs.
    pub language: Language,
    pub text: String,
    pub length: SmsLength,
}

fn cut(text: &str, max: usize) -> String {
    text.trim().chars().take(max).collect()
}

/// The text with its tags replaced; names left out when `names` is false.
fn fill(text: &SmsText, context: &RenderContext, language: Language, names: bool) -> String {
    let filled: String = tokenize(text.as_str(), Field::Sms)
        .into_iter()
        .map(|token| match token {
            Token::Text(text) => text.to_owned(),
            Token::Tag(Tag::FirstName | Tag::LastName) if !names => String::new(),
            Token::Tag(tag @ (Tag::FirstName | Tag::LastName)) => {
                cut(&tag_text(context, language, tag), NAME_MAX)
            }
            Token::Tag(tag) => tag_text(context, language, tag),
        })
        .collect();
    // A left-out name must not leave "Bonjour , …".
    filled
        .replace(" ,", ",")
        .replace("  ", " ")
        .trim()
        .to_owned()
}

/// Renders the SMS `texts` say for the customer and cart of `context`; `links.cart` is the
/// short link the message carries.
pub fn render_sms(texts: &SmsTexts, context: &RenderContext) -> Result<RenderedSms, RenderError> {
    let wanted = context.language();
    let (language, text) = texts
        .for_language(wanted)
        .ok_or(RenderError::NoContentForLanguage { wanted })?;
    let full = fill(text, context, language, true);
    let text = if measure(&full).segments <= MAX_SEGMENTS {
        full
    } else {
        // A name outside GSM-7 turns the whole message into UCS-2, which holds less than
        // half: without it the text fits, as it was checked when it was saved.
        let anonymous = fill(text, context, language, false);
        if measure(&anonymous).segments <= MAX_SEGMENTS {
            anonymous
        } else {
            shorten(&anonymous, &context.links.cart)
        }
    };
    Ok(RenderedSms {
        language,
        length: measure(&text),
        text,
    })
}

/// Cuts the words of `text` until it fits, keeping its link whole at the end: the last
/// resort for an address longer than the one the text was checked with.
fn shorten(text: &str, link: &str) -> String {
    let words = text.replace(link, "");
    let mut head: Vec<char> = words.trim().chars().collect();
    loop {
        // "…" is not in GSM-7: it would make the whole message UCS-2.
        let candidate = format!("{}... {link}", head.iter().collect::<String>().trim_end());
        if head.is_empty() || measure(&candidate).segments <= MAX_SEGMENTS {
            return candidate;
        }
        head.pop();
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn texts(fr: &str) -> SmsTexts {
        SmsTexts::new(BTreeMap::from([(
            Language::FRENCH,
            SmsText::parse(fr).unwrap(),
        )]))
        .unwrap()
    }

    #[test]
    fn the_tags_are_filled_and_the_link_written_out() {
        let mut ctx = crate::email::tests::context(Language::FRENCH, 1);
        ctx.customer.language = Language::FRENCH;
        ctx.customer.first_name = "Claire".into();
        ctx.links.cart = SAMPLE_LINK.into();
        let sms = render_sms(
            &texts(
                "{first_name}, votre panier de {nb_product} article(s) : {cart_link} STOP 36111",
            ),
            &ctx,
        )
        .unwrap();
        assert!(
            sms.text.starts_with("Claire, votre panier de "),
            "{}",
            sms.text
        );
        assert!(sms.text.contains(SAMPLE_LINK));
        assert_eq!(sms.length.segments, 1);
        assert_eq!(sms.language, Language::FRENCH);
    }

    #[test]
    fn a_name_that_would_pass_three_sms_is_left_out_and_nothing_ever_passes_three() {
        let mut ctx = crate::email::tests::context(Language::FRENCH, 1);
        ctx.customer.language = Language::FRENCH;
        ctx.links.cart = SAMPLE_LINK.into();
        // Fits in GSM-7 at its worst, but a Chinese name makes it UCS-2 (67 per part).
        let body = format!("Bonjour {{first_name}}, {} {{cart_link}}", "a".repeat(300));
        ctx.customer.first_name = "王小明".into();
        let sms = render_sms(&texts(&body), &ctx).unwrap();
        assert!(!sms.text.contains("王"), "{}", sms.text);
        assert!(sms.text.starts_with("Bonjour, "));
        assert!(sms.length.segments <= MAX_SEGMENTS);
        // An address far longer than any Relance makes: the words are cut, the link kept.
        ctx.links.cart = format!("https://relance.example/m/{}", "x".repeat(200));
        let sms = render_sms(&texts(&body), &ctx).unwrap();
        assert!(sms.text.ends_with(&ctx.links.cart));
        assert!(sms.length.segments <= MAX_SEGMENTS, "{:?}", sms.length);
    }

    #[test]
    fn a_customer_whose_language_has_no_text_nor_english_gets_none() {
        let mut ctx = crate::email::tests::context(Language::FRENCH, 1);
        ctx.customer.language = Language::parse("de").unwrap();
        assert!(matches!(
            render_sms(&texts("Bonjour {cart_link}"), &ctx),
            Err(RenderError::NoContentForLanguage { .. })
        ));
    }
}
