//! The Settings page: load the form, save it (checked again here, whatever the browser did).

use chrono::{DateTime, Utc};
use domain::settings::{SettingsDraft, SettingsProblem};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SettingsOutcome {
    Saved {
        at: DateTime<Utc>,
    },
    /// Nothing was saved: every problem, next to its field.
    Invalid {
        problems: Vec<SettingsProblem>,
    },
}

#[server(prefix = "/admin/fn", endpoint = "load_settings")]
pub async fn load_settings(shop: String) -> Result<SettingsDraft, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            let settings = scope
                .backend
                .settings(&scope.shop)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok(SettingsDraft::from_settings(&settings))
        }
        .await,
    )
}

#[server(prefix = "/admin/fn", endpoint = "save_settings", input = Json)]
pub async fn save_settings(
    shop: String,
    draft: SettingsDraft,
) -> Result<SettingsOutcome, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            let settings = match draft.parse(|zone| scope.backend.known_zone(zone)) {
                Ok(settings) => settings,
                Err(problems) => return Ok(SettingsOutcome::Invalid { problems }),
            };
            let now = Utc::now();
            let before = scope.backend.settings(&scope.shop).await?;
            if scope
                .backend
                .save_settings(&scope.shop, &settings, now)
                .await?
            {
                if let Some(before) = before {
                    let (was, is) = domain::audit::settings_changes(
                        &SettingsDraft::from_settings(&before),
                        &SettingsDraft::from_settings(&settings),
                    );
                    if !is.is_empty() {
                        scope
                            .audit(
                                domain::audit::AuditAction::SettingsSaved,
                                "settings",
                                Some(was),
                                Some(is),
                            )
                            .await;
                    }
                }
                Ok(SettingsOutcome::Saved { at: now })
            } else {
                Err(AppError::NotFound)
            }
        }
        .await,
    )
}

/// The support address the Help tab shows (Settings), if the shop set one.
#[server(prefix = "/admin/fn", endpoint = "support_contact")]
pub async fn support_contact(shop: String) -> Result<Option<String>, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    crate::error::with_status(
        async move {
            Ok(scope
                .backend
                .settings(&scope.shop)
                .await?
                .and_then(|settings| settings.support_email)
                .map(|email| email.as_str().to_owned()))
        }
        .await,
    )
}
