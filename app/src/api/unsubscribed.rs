//! The Unsubscribed list: addresses that get no reminder (one-click, unsubscribe page,
//! permanent bounce), with search, CSV export (`/s/<slug>/unsubscribed.csv`) and removal.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const UNSUBSCRIBED_PAGE_SIZE: u32 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsubscribedLine {
    pub email: String,
    /// `one_click`, `unsubscribe_page`, `permanent_bounce` or `merchant`.
    pub reason: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsubscribedPage {
    pub lines: Vec<UnsubscribedLine>,
    pub total: u64,
    pub page: u32,
}

#[server(prefix = "/admin/fn", endpoint = "list_unsubscribed")]
pub async fn list_unsubscribed(
    shop: String,
    search: String,
    page: u32,
) -> Result<UnsubscribedPage, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    crate::error::with_status(
        async move {
            Ok(scope
                .backend
                .unsubscribed(&scope.shop, &search, page.max(1))
                .await?)
        }
        .await,
    )
}

/// For a customer who asks to receive reminders again.
#[server(prefix = "/admin/fn", endpoint = "remove_unsubscribed")]
pub async fn remove_unsubscribed(shop: String, email: String) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            if scope
                .backend
                .remove_unsubscribed(&scope.shop, &email)
                .await?
            {
                scope
                    .audit(
                        domain::audit::AuditAction::UnsubscribeRemoved,
                        &email,
                        None,
                        None,
                    )
                    .await;
                Ok(())
            } else {
                Err(AppError::NotFound)
            }
        }
        .await,
    )
}
