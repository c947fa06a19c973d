//! Email templates: the list, the editor's data, saving, and test emails.

use chrono::{DateTime, Utc};
use domain::email::{PreviewSample, SampleDiscount};
use domain::{Currency, DraftProblem, Language, Layout, TemplateDraft};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One line of the template list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateSummary {
    pub id: String,
    pub name: String,
    pub layout: Layout,
    pub languages: Vec<Language>,
    /// How many reminders send it; it cannot be deleted while this is above zero.
    pub used_by: u32,
    pub updated_at: DateTime<Utc>,
}

/// A cart the preview can show, besides the built-in demo cart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleCart {
    pub id: String,
    pub label: String,
    pub total: Decimal,
    pub currency: Currency,
}

/// Which cart the preview shows: the demo one or a real abandoned cart.
pub const DEMO_SAMPLE: &str = "demo";

/// Everything the editor needs to open a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateEditorData {
    pub draft: TemplateDraft,
    /// "1 hour", "1 day": the reminders that send it.
    pub used_by: Vec<String>,
    pub samples: Vec<SampleCart>,
    /// The languages of the shop's customers, most common first.
    pub customer_languages: Vec<Language>,
    /// The demo cart, rendered first without a round trip.
    pub sample: PreviewSample,
    pub now: DateTime<Utc>,
}

/// The editor's answer when a save is refused: every problem, next to its field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SaveOutcome {
    Saved,
    Invalid { problems: Vec<DraftProblem> },
}

#[server(prefix = "/admin/fn", endpoint = "list_templates")]
pub async fn list_templates(shop: String) -> Result<Vec<TemplateSummary>, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    crate::error::with_status(
        async move { Ok(scope.backend.template_summaries(&scope.shop).await?) }.await,
    )
}

#[server(prefix = "/admin/fn", endpoint = "load_template_editor")]
pub async fn load_template_editor(
    shop: String,
    id: String,
) -> Result<TemplateEditorData, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            scope
                .backend
                .template_editor(&scope.shop, &id, Utc::now())
                .await?
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}

/// The customer and cart of `sample` (`demo` or a cart id), without discount: the browser
/// adds the sample discount and the language being edited, then renders.
#[server(prefix = "/admin/fn", endpoint = "load_preview_sample", input = Json)]
pub async fn load_preview_sample(
    shop: String,
    sample: String,
    language: Language,
) -> Result<PreviewSample, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            scope
                .backend
                .preview_context(&scope.shop, &sample, language)
                .await?
                .map(PreviewSample::from)
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}

// JSON: a draft is nested (languages, reassurance items), more than a form encodes well.
#[server(prefix = "/admin/fn", endpoint = "save_template", input = Json)]
pub async fn save_template(shop: String, draft: TemplateDraft) -> Result<SaveOutcome, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            let template = match draft.parse() {
                Ok(template) => template,
                Err(problems) => return Ok(SaveOutcome::Invalid { problems }),
            };
            let now = Utc::now();
            let before = super::audited::template(&scope, &template.id).await;
            if scope
                .backend
                .save_template(&scope.shop, &template, now)
                .await?
            {
                let after = Some(domain::audit::template_summary(&template));
                scope
                    .audit(
                        domain::audit::AuditAction::TemplateSaved,
                        &template.id,
                        before,
                        after,
                    )
                    .await;
                Ok(SaveOutcome::Saved)
            } else {
                Err(AppError::NotFound)
            }
        }
        .await,
    )
}

/// A new template with starter texts in French and English; returns its id.
#[server(prefix = "/admin/fn", endpoint = "create_template")]
pub async fn create_template(shop: String, name: String) -> Result<String, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 100 {
                return Err(AppError::Invalid(
                    "give the template a name of 1 to 100 characters".into(),
                ));
            }
            let id = scope
                .backend
                .create_template(&scope.shop, name, None, Utc::now())
                .await?
                .ok_or(AppError::NotFound)?;
            let after = super::audited::template(&scope, &id).await;
            scope
                .audit(
                    domain::audit::AuditAction::TemplateCreated,
                    &id,
                    None,
                    after,
                )
                .await;
            Ok(id)
        }
        .await,
    )
}

/// A copy of template `id` named "… (copy)"; returns the copy's id.
#[server(prefix = "/admin/fn", endpoint = "duplicate_template")]
pub async fn duplicate_template(shop: String, id: String) -> Result<String, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            let copy = scope
                .backend
                .create_template(&scope.shop, "", Some(&id), Utc::now())
                .await?
                .ok_or(AppError::NotFound)?;
            let after = super::audited::template(&scope, &copy).await;
            scope
                .audit(
                    domain::audit::AuditAction::TemplateCreated,
                    &copy,
                    None,
                    after,
                )
                .await;
            Ok(copy)
        }
        .await,
    )
}

#[server(prefix = "/admin/fn", endpoint = "delete_template")]
pub async fn delete_template(shop: String, id: String) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            let before = super::audited::template(&scope, &id).await;
            match scope.backend.delete_template(&scope.shop, &id).await? {
                TemplateDeletion::Deleted => {
                    scope
                        .audit(
                            domain::audit::AuditAction::TemplateDeleted,
                            &id,
                            before,
                            None,
                        )
                        .await;
                    Ok(())
                }
                TemplateDeletion::NotFound => Err(AppError::NotFound),
                TemplateDeletion::InUse(count) => Err(AppError::Invalid(format!(
                    "{count} reminder(s) send this template: choose another template for them first"
                ))),
            }
        }
        .await,
    )
}

/// What deleting a template did.
pub enum TemplateDeletion {
    Deleted,
    NotFound,
    InUse(u32),
}

/// Renders the draft for the sample on the server and sends it to `to` with "[TEST]" first in
/// the subject, through the configured mailer.
#[server(prefix = "/admin/fn", endpoint = "send_test_email", input = Json)]
pub async fn send_test_email(
    shop: String,
    draft: TemplateDraft,
    sample: String,
    language: Language,
    discount: SampleDiscount,
    to: String,
) -> Result<String, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            let to = domain::EmailAddress::parse(&to).map_err(|e| AppError::Invalid(e.message))?;
            let template = draft.parse().map_err(|problems| {
                AppError::Invalid(
                    problems
                        .into_iter()
                        .map(|p| p.message)
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })?;
            let backend = scope.backend.clone();
            let now = Utc::now();
            let mut context = backend
                .preview_context(&scope.shop, &sample, language)
                .await?
                .ok_or(AppError::NotFound)?;
            context.discount = discount.offer(now);
            let mut email = domain::email::render(&template, &context)
                .map_err(|error| AppError::Invalid(error.to_string()))?;
            email.subject = format!("[TEST] {}", email.subject);
            backend.send_email(&scope.shop, to.as_str(), &email).await?;
            Ok(to.as_str().to_owned())
        }
        .await,
    )
}
