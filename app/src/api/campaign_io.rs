//! The campaign as a whole: pause and resume it, and import one exported from another shop
//! (the export is a plain download, `/s/<slug>/campaign.json`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// How an import went, in the caller's language: the page's import box is an island without
/// the admin's texts, and the typed outcome's problems would bring their decoding into every
/// page's WASM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// The campaign was replaced; otherwise nothing was written.
    pub imported: bool,
    pub headline: String,
    /// The notes to review, or the problems that stopped the import.
    pub lines: Vec<String>,
}

/// Replaces the shop's campaign by the exported one in `document` (the file's text).
#[server(prefix = "/admin/fn", endpoint = "import_campaign")]
pub async fn import_campaign(
    shop: String,
    #[server(default)] rule: String,
    document: String,
) -> Result<ImportReport, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    if document.len() > 2_000_000 {
        return crate::error::with_status(Err(AppError::Invalid(
            "document: an exported campaign is far smaller than 2 MB".into(),
        )));
    }
    let outcome = scope
        .backend
        .import_campaign(
            &scope.shop,
            (!rule.is_empty()).then_some(rule.as_str()),
            &document,
            chrono::Utc::now(),
        )
        .await?;
    if let Ok((steps, templates, _)) = &outcome {
        let after = format!("{steps} reminder(s), switched off; {templates} template(s)");
        scope
            .audit(
                domain::audit::AuditAction::CampaignImported,
                "campaign",
                None,
                Some(after),
            )
            .await;
    }
    let t = crate::i18n::initial_locale().texts().campaign_io;
    Ok(match outcome {
        Ok((steps, templates, review)) => ImportReport {
            imported: true,
            headline: (t.imported)(steps, templates),
            lines: review.iter().map(|note| (t.review)(note)).collect(),
        },
        Err(problems) => {
            expect_context::<leptos_axum::ResponseOptions>()
                .set_status(http::StatusCode::UNPROCESSABLE_ENTITY);
            ImportReport {
                imported: false,
                headline: t.not_imported.to_owned(),
                lines: problems.iter().map(|p| (t.problem)(p)).collect(),
            }
        }
    })
}

/// Pauses or resumes a rule (`rule`; empty: every rule of the shop) as a whole.
#[server(prefix = "/admin/fn", endpoint = "set_campaign_paused")]
pub async fn set_campaign_paused(
    shop: String,
    #[server(default)] rule: String,
    paused: bool,
) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    if !paused {
        // A rule goes on only once its pre-launch check has nothing blocking.
        let blocking = scope
            .backend
            .launch_checks(&scope.shop)
            .await?
            .into_iter()
            .filter(|(id, _)| rule.is_empty() || *id == rule)
            .flat_map(|(_, problems)| problems)
            .filter(domain::rules::LaunchProblem::blocking)
            .count();
        if blocking > 0 {
            return crate::error::with_status(Err(AppError::Invalid(format!(
                "this rule cannot go on: its pre-launch check has {blocking} blocking problem(s), listed on the Rules page"
            ))));
        }
    }
    let changed = scope
        .backend
        .set_campaign_paused(
            &scope.shop,
            (!rule.is_empty()).then_some(rule.as_str()),
            paused,
            chrono::Utc::now(),
        )
        .await?;
    if changed {
        let state = |paused: bool| Some(if paused { "paused" } else { "running" }.to_owned());
        scope
            .audit(
                domain::audit::AuditAction::CampaignPaused,
                "campaign",
                state(!paused),
                state(paused),
            )
            .await;
    }
    crate::error::with_status(if changed {
        Ok(())
    } else {
        Err(AppError::NotFound)
    })
}
