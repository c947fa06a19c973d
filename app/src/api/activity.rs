//! The Activity page: every change to the shop's campaigns, templates, settings, team and
//! keys, filtered by author and dates (the shop's days), newest first; owners only.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The page's filters, as the URL carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityQuery {
    /// An author's address; empty for everyone.
    pub user: String,
    /// YYYY-MM-DD in the shop's time zone, both included; empty for no bound.
    pub from: String,
    pub to: String,
}

impl ActivityQuery {
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            user: get("user").unwrap_or_default(),
            from: get("from").unwrap_or_default(),
            to: get("to").unwrap_or_default(),
        }
    }

    pub fn to_query_string(&self) -> String {
        use domain::format::url_component as enc;
        format!(
            "?user={}&from={}&to={}",
            enc(&self.user),
            enc(&self.from),
            enc(&self.to)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityLine {
    pub at: DateTime<Utc>,
    pub email: String,
    pub action: domain::audit::AuditAction,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityPage {
    pub lines: Vec<ActivityLine>,
    /// Everyone who changed something in the shop, for the filter.
    pub authors: Vec<String>,
    /// The page shows at most this many; the CSV has them all.
    pub limit: usize,
}

/// How many changes the page lists.
pub const ACTIVITY_PAGE: usize = 200;

// JSON: the filters are a nested struct.
#[server(prefix = "/admin/fn", endpoint = "load_activity", input = Json)]
pub async fn load_activity(shop: String, query: ActivityQuery) -> Result<ActivityPage, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    let page = scope.backend.activity(&scope.shop, &query).await?;
    crate::error::with_status(page.map_err(AppError::Invalid))
}
