//! A template as the editor holds it while the merchant types: plain strings that may be
//! invalid for a moment. `parse` is the real check (the server runs it again before saving);
//! `preview` makes the best showable template out of any draft.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::template::SUBJECT_MAX;
use super::{
    EmailTemplate, HexColor, Language, Layout, ReassuranceItem, SocialLinks, Subject,
    TemplateContent, WebUrl,
};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentDraft {
    pub subject: String,
    pub body: String,
    pub discount_text: String,
    pub button_text: String,
    pub reassurance: Vec<ReassuranceItem>,
    pub facebook: String,
    pub instagram: String,
    pub x: String,
    pub unsubscribe_text: String,
    pub unsubscribe_link_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateDraft {
    pub id: String,
    pub name: String,
    pub layout: Layout,
    pub primary_color: String,
    pub secondary_color: String,
    pub contents: BTreeMap<Language, ContentDraft>,
}

/// One problem in a draft, tied to the field the editor shows it next to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftProblem {
    /// `None` for fields of the whole template (name, colours).
    pub language: Option<Language>,
    pub field: String,
    pub message: String,
}

fn url_text(url: &Option<WebUrl>) -> String {
    url.as_ref()
        .map(|u| u.as_str().to_owned())
        .unwrap_or_default()
}

impl ContentDraft {
    pub fn from_content(content: &TemplateContent) -> Self {
        Self {
            subject: content.subject.as_str().to_owned(),
            body: content.body.clone(),
            discount_text: content.discount_text.clone(),
            button_text: content.button_text.clone(),
            reassurance: content.reassurance.clone(),
            facebook: url_text(&content.social.facebook),
            instagram: url_text(&content.social.instagram),
            x: url_text(&content.social.x),
            unsubscribe_text: content.unsubscribe_text.clone(),
            unsubscribe_link_text: content.unsubscribe_link_text.clone(),
        }
    }

    fn content(&self, subject: Subject, social: SocialLinks) -> TemplateContent {
        TemplateContent {
            subject,
            body: self.body.clone(),
            discount_text: self.discount_text.clone(),
            button_text: self.button_text.clone(),
            reassurance: self.reassurance.clone(),
            social,
            unsubscribe_text: self.unsubscribe_text.clone(),
            unsubscribe_link_text: self.unsubscribe_link_text.clone(),
        }
    }

    fn parse(
        &self,
        language: Language,
        problems: &mut Vec<DraftProblem>,
    ) -> Option<TemplateContent> {
        let mut problem = |field: &str, message: String| {
            problems.push(DraftProblem {
                language: Some(language),
                field: field.to_owned(),
                message,
            })
        };
        let subject = Subject::parse(&self.subject)
            .map_err(|error| problem("subject", error.message))
            .ok();
        let mut url = |field: &str, text: &str| {
            if text.trim().is_empty() {
                return Some(None);
            }
            WebUrl::parse(text)
                .map(Some)
                .map_err(|error| problem(field, error.message))
                .ok()
        };
        let social = SocialLinks {
            facebook: url("facebook", &self.facebook)?,
            instagram: url("instagram", &self.instagram)?,
            x: url("x", &self.x)?,
        };
        let content = self.content(subject?, social);
        match content.check(language) {
            Ok(()) => Some(content),
            Err(error) => {
                problem("content", error.to_string());
                None
            }
        }
    }

    /// What the preview shows: invalid links are left out and an unusable subject is cut or
    /// replaced, so the preview never stops while the merchant types.
    fn preview(&self) -> TemplateContent {
        let cut: String = self.subject.trim().chars().take(SUBJECT_MAX).collect();
        let subject = Subject::parse(&cut.replace(char::is_control, " "))
            .or_else(|_| Subject::parse("…"))
            .expect("an ellipsis is a valid subject");
        let url = |text: &str| WebUrl::parse(text).ok();
        let social = SocialLinks {
            facebook: url(&self.facebook),
            instagram: url(&self.instagram),
            x: url(&self.x),
        };
        self.content(subject, social)
    }
}

impl TemplateDraft {
    pub fn from_template(template: &EmailTemplate) -> Self {
        Self {
            id: template.id.clone(),
            name: template.name.clone(),
            layout: template.layout,
            primary_color: template.primary_color.as_str().to_owned(),
            secondary_color: template.secondary_color.as_str().to_owned(),
            contents: template
                .contents
                .iter()
                .map(|(language, content)| (*language, ContentDraft::from_content(content)))
                .collect(),
        }
    }

    /// The saved form, or every problem found (not just the first).
    pub fn parse(&self) -> Result<EmailTemplate, Vec<DraftProblem>> {
        let mut problems = Vec::new();
        let mut color = |field: &str, text: &str| {
            HexColor::parse(text)
                .map_err(|error| {
                    problems.push(DraftProblem {
                        language: None,
                        field: field.to_owned(),
                        message: error.message,
                    })
                })
                .ok()
        };
        let primary = color("primary_color", &self.primary_color);
        let secondary = color("secondary_color", &self.secondary_color);
        let contents: BTreeMap<Language, TemplateContent> = self
            .contents
            .iter()
            .filter_map(|(language, draft)| {
                draft
                    .parse(*language, &mut problems)
                    .map(|content| (*language, content))
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        let (Some(primary), Some(secondary)) = (primary, secondary) else {
            unreachable!("a colour that failed to parse left a problem");
        };
        EmailTemplate::new(
            self.id.clone(),
            &self.name,
            self.layout,
            primary,
            secondary,
            contents,
        )
        .map_err(|error| {
            vec![DraftProblem {
                language: None,
                field: "template".to_owned(),
                message: error.to_string(),
            }]
        })
    }

    /// The template the live preview renders, whatever state the draft is in.
    pub fn preview(&self) -> EmailTemplate {
        let color = |text: &str, fallback: &str| {
            HexColor::parse(text).unwrap_or_else(|_| HexColor::parse(fallback).expect("valid"))
        };
        EmailTemplate {
            id: self.id.clone(),
            name: self.name.clone(),
            layout: self.layout,
            primary_color: color(&self.primary_color, "#1A73E8"),
            secondary_color: color(&self.secondary_color, "#F4B400"),
            contents: self
                .contents
                .iter()
                .map(|(language, draft)| (*language, draft.preview()))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> TemplateDraft {
        TemplateDraft {
            id: "t".into(),
            name: "Relance".into(),
            layout: Layout::Boxy,
            primary_color: "#1a73e8".into(),
            secondary_color: "#F4B400".into(),
            contents: BTreeMap::from([(
                Language::FRENCH,
                ContentDraft {
                    subject: "Votre panier".into(),
                    body: "Bonjour".into(),
                    discount_text: String::new(),
                    button_text: "Voir".into(),
                    reassurance: vec![],
                    facebook: String::new(),
                    instagram: "https://instagram.com/x".into(),
                    x: String::new(),
                    unsubscribe_text: "{unsubscribe}".into(),
                    unsubscribe_link_text: "ici".into(),
                },
            )]),
        }
    }

    #[test]
    fn a_valid_draft_parses_and_round_trips() {
        let template = draft().parse().unwrap();
        assert_eq!(template.primary_color.as_str(), "#1A73E8");
        let again = TemplateDraft::from_template(&template);
        assert_eq!(again.parse().unwrap(), template);
    }

    #[test]
    fn every_problem_of_a_draft_is_reported_with_its_field() {
        let mut bad = draft();
        bad.primary_color = "blue".into();
        let content = bad.contents.get_mut(&Language::FRENCH).unwrap();
        content.subject = String::new();
        content.facebook = "javascript:alert(1)".into();
        let problems = bad.parse().unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["primary_color", "subject", "facebook"]);
    }

    #[test]
    fn the_preview_shows_something_for_any_draft() {
        let mut bad = draft();
        bad.primary_color = "#12".into();
        let content = bad.contents.get_mut(&Language::FRENCH).unwrap();
        content.subject = "x".repeat(150);
        content.x = "not a url".into();
        let preview = bad.preview();
        assert_eq!(preview.primary_color.as_str(), "#1A73E8");
        let shown = &preview.contents[&Language::FRENCH];
        assert_eq!(shown.subject.as_str().chars().count(), SUBJECT_MAX);
        assert!(shown.social.x.is_none());
        bad.contents.get_mut(&Language::FRENCH).unwrap().subject = "  ".into();
        assert_eq!(
            bad.preview().contents[&Language::FRENCH].subject.as_str(),
            "…"
        );
    }
}
