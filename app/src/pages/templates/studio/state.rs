//! The editor's state in the browser.

use chrono::{DateTime, Utc};
use domain::email::{RenderContext, SampleDiscount};
use domain::{DraftProblem, Language, TemplateDraft};
use leptos::prelude::*;

use crate::i18n::TemplateTexts;

/// Where the last save stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Opened,
    Saving,
    Saved,
    Invalid,
    Failed,
}

/// The editor's state.
pub struct Studio {
    pub shop: String,
    pub draft: TemplateDraft,
    /// The draft as last saved: leaving with another asks first.
    pub saved: TemplateDraft,
    /// The language on screen.
    pub language: Language,
    /// The sample cart as the preview renders it: in the language on screen, with the sample
    /// discount chosen (none until it could be read).
    pub sample: Option<RenderContext>,
    pub sample_id: String,
    /// Counts the sample requests, so only the latest answer is shown.
    pub sample_asked: u32,
    pub discount: SampleDiscount,
    pub now: DateTime<Utc>,
    pub customer_languages: Vec<Language>,
    pub problems: Vec<DraftProblem>,
    pub status: Status,
    pub texts: &'static TemplateTexts,
    /// What follows the template's name in the page's title, when the title starts with it
    /// (the editor's own page; not the wizard's).
    pub title_tail: Option<String>,
}

impl Studio {
    pub fn dirty(&self) -> bool {
        self.draft != self.saved
    }

    /// Shows `language`, the sample read in it.
    pub fn show(&mut self, language: Language) {
        self.language = language;
        if let Some(context) = &mut self.sample {
            context.customer.language = language;
        }
    }

    /// Offers the `discount` sample in the preview.
    pub fn offer(&mut self, discount: SampleDiscount) {
        self.discount = discount;
        if let Some(context) = &mut self.sample {
            context.discount = discount.offer(self.now);
        }
    }
}

pub type Handle = StoredValue<Studio, LocalStorage>;
