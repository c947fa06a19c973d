//! The Carts list's bulk actions on the selected carts ("Actions groupées").

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The most carts one bulk action takes: a page of the list is 25.
pub const MAX_BULK: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BulkAction {
    /// Stop their reminders: nothing more is decided for them, a queued one is passed over.
    Stop,
    /// Start their sequence again from the first reminder (stopped carts start again too).
    Restart,
    /// Their next reminder now, as the cart page's button does.
    SendNext,
}

impl BulkAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stop => "stop",
            Self::Restart => "restart",
            Self::SendNext => "send_next",
        }
    }
}

/// Applies `action` to the selected carts (internal ids); how many it changed. Stopping and
/// restarting are for those who edit; asking for the next reminder, like the cart page's
/// button, for every member.
#[server(prefix = "/admin/fn", endpoint = "bulk_carts", input = Json)]
pub async fn bulk_carts(
    shop: String,
    action: BulkAction,
    ids: Vec<String>,
) -> Result<u64, AppError> {
    let needs = match action {
        BulkAction::SendNext => domain::team::Permission::See,
        BulkAction::Stop | BulkAction::Restart => domain::team::Permission::Edit,
    };
    let scope = super::scope::scope(&shop, needs).await?;
    if ids.is_empty() || ids.len() > MAX_BULK {
        return crate::error::with_status(Err(AppError::Invalid(format!(
            "ids: select from 1 to {MAX_BULK} carts"
        ))));
    }
    let changed = scope
        .backend
        .bulk_carts(
            &scope.shop,
            action,
            &ids,
            &scope.admin.user_id,
            chrono::Utc::now(),
        )
        .await?;
    scope
        .audit(
            domain::audit::AuditAction::CartsBulkAction,
            action.as_str(),
            None,
            Some(format!("{changed} of {} carts", ids.len())),
        )
        .await;
    Ok(changed)
}
