//! What the editor computes from a draft, the same on the server (the page as first drawn) and
//! in the browser (as the merchant types): the previewed email and the live warnings.

use chrono::{DateTime, Utc};
use domain::email::RenderContext;
use domain::email::{language_warnings, render, warnings, DraftTexts, PreviewSample};
use domain::email::{RenderedEmail, SampleDiscount, Warning};
use domain::{Language, TemplateDraft};
use serde::{Deserialize, Serialize};

use crate::api::TemplateEditorData;

/// Languages offered when adding one, besides those of the shop's customers.
const COMMON_LANGUAGES: [&str; 7] = ["fr", "en", "de", "es", "it", "nl", "pt"];

/// The most reassurance items an email shows (the domain's limit).
pub const REASSURANCE_MAX: usize = 6;

/// What the editor starts from in the browser: the saved draft and the sample the server
/// rendered the first preview with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudioSetup {
    pub shop: String,
    pub draft: TemplateDraft,
    /// The language opened: the sample's.
    pub language: Language,
    /// The sample cart, in the language opened, as JSON text. The browser decodes it from
    /// bytes as it decodes the server's answers (`load_preview_sample`), so the WASM holds one
    /// decoder for a sample rather than two (docs/benchmarks.md, "First load").
    pub sample: String,
    /// The sample discount's clock, in whole seconds (`sample_clock`).
    pub now: i64,
    pub customer_languages: Vec<Language>,
}

impl StudioSetup {
    pub fn new(shop: String, data: &TemplateEditorData) -> Self {
        Self {
            shop,
            draft: data.draft.clone(),
            language: data.sample.customer.language,
            sample: serde_json::to_string(&data.sample).unwrap_or_default(),
            now: data.now.timestamp(),
            customer_languages: data.customer_languages.clone(),
        }
    }
}

/// The sample discount the preview starts with.
pub const FIRST_DISCOUNT: SampleDiscount = SampleDiscount::Percent;

/// The sample discount's clock as the page gives it, to the second: the browser reads it as a
/// number, which needs no date parser in its WASM.
pub fn sample_clock(now: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(now, 0).unwrap_or_default()
}

/// The context the preview renders `sample` with: read in `language`, offering the `discount`
/// sample at `now`. Made when one of these changes, not at every keystroke.
pub fn sample_context(
    sample: PreviewSample,
    language: Language,
    discount: SampleDiscount,
    now: DateTime<Utc>,
) -> RenderContext {
    let mut context = sample.context(discount.offer(now));
    context.customer.language = language;
    context
}

/// The draft as the customer of `context` would get it: the very function the server sends
/// emails with.
pub fn preview_email(
    draft: &TemplateDraft,
    context: &RenderContext,
) -> Result<RenderedEmail, String> {
    render(&draft.preview(), context).map_err(|e| e.to_string())
}

/// What the merchant should look at: the texts of `language`, and the customers' languages
/// the draft lacks.
pub fn live_warnings(
    draft: &TemplateDraft,
    language: Language,
    customer_languages: &[Language],
) -> Vec<Warning> {
    let mut found = draft
        .contents
        .get(&language)
        .map(|c| {
            warnings(&DraftTexts {
                subject: &c.subject,
                body: &c.body,
                discount_text: &c.discount_text,
                button_text: &c.button_text,
                unsubscribe_text: &c.unsubscribe_text,
            })
        })
        .unwrap_or_default();
    let filled: Vec<Language> = draft.contents.keys().copied().collect();
    found.extend(language_warnings(&filled, customer_languages));
    found
}

/// The languages a template can add: the customers', then the common ones.
pub fn offered_languages(customer_languages: &[Language]) -> Vec<Language> {
    let mut offered = customer_languages.to_vec();
    for code in COMMON_LANGUAGES {
        if let Ok(language) = Language::parse(code) {
            if !offered.contains(&language) {
                offered.push(language);
            }
        }
    }
    offered
}

/// The preview's widths: the iframe's width in CSS pixels (the desktop view fills the pane).
pub const WIDTHS: [(&str, &str); 3] = [
    ("desktop", "100%"),
    ("tablet", "768px"),
    ("mobile", "375px"),
];

/// "28/100": a one-line text's length against its limit, as the counter shows it.
pub fn counted(text: &str) -> usize {
    text.trim().chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_customers_languages_come_first_then_the_common_ones_once() {
        let de = Language::parse("de").unwrap();
        let offered = offered_languages(&[de, Language::FRENCH]);
        assert_eq!(offered[..2], [de, Language::FRENCH]);
        assert_eq!(offered.len(), 7);
    }

    #[test]
    fn a_counter_ignores_the_spaces_around_and_counts_characters() {
        assert_eq!(counted("  Élan 🛒 "), 6);
    }
}
