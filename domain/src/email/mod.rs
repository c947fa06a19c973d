//! The one email renderer: the server sends what it returns and the admin's live preview
//! (the same code compiled to WASM) shows it, so the merchant sees exactly what is sent.

mod context;
pub mod contrast;
mod html;
pub mod icons;
pub mod markup;
pub mod tags;
mod text;
mod view;
pub mod warnings;
mod words;

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use context::{
    EmailLinks, OfferedDiscount, PreviewSample, Recipient, RenderContext, SampleDiscount,
};
pub use tags::{Field, Tag};
pub use view::safe_href;
pub use warnings::{language_warnings, warnings, DraftTexts, Warning};

use crate::model::{EmailTemplate, Language};

/// Gmail clips messages whose HTML is larger than this.
pub const GMAIL_CLIP_BYTES: usize = 102 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedEmail {
    /// The language the email is written in: the customer's, or English as the fallback.
    pub language: Language,
    pub subject: String,
    pub html: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RenderError {
    #[error("the template has no content in {wanted} nor in English")]
    NoContentForLanguage { wanted: Language },
    #[error("the email could not be written: {0}")]
    Template(String),
}

/// Renders `template` for the customer, cart, discount and links in `context`.
pub fn render(
    template: &EmailTemplate,
    context: &RenderContext,
) -> Result<RenderedEmail, RenderError> {
    let wanted = context.language();
    let (language, content) = template
        .content_for(wanted)
        .ok_or(RenderError::NoContentForLanguage { wanted })?;
    let view = view::build(
        (&template.primary_color, &template.secondary_color),
        content,
        language,
        context,
    );
    let html = html::write(template.layout, &view)
        .map_err(|error| RenderError::Template(error.to_string()))?;
    Ok(RenderedEmail {
        language,
        subject: view.subject.clone(),
        text: text::write(&view),
        html,
    })
}

/// A tag's value as plain text, links written out as their address: what an SMS shows. The
/// same values as the email's, so both channels say the same discount, date and civility.
pub(crate) fn tag_text(context: &RenderContext, language: Language, tag: Tag) -> String {
    match view::tag_value(context, language, words::words(language), tag) {
        markup::Value::Text(text) => text,
        markup::Value::Link { href, .. } => href,
        markup::Value::Cart | markup::Value::Recommendations => String::new(),
    }
}

#[cfg(test)]
mod contrast_tests;
#[cfg(test)]
mod recommend_tests;
#[cfg(test)]
pub(crate) mod tests;
