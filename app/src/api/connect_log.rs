//! The Connect page's log: the last requests the shop's sources sent, with their result, and a
//! test event sent through the same path. Owners only.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectLogLine {
    pub at: DateTime<Utc>,
    /// `api`, `tracker`, `shopify`, `woocommerce` or `test`.
    pub source: String,
    pub summary: String,
    /// `accepted`, `duplicate` or `refused`.
    pub result: String,
    pub reason: Option<String>,
}

#[server(prefix = "/admin/fn", endpoint = "load_connect_log")]
pub async fn load_connect_log(shop: String) -> Result<Vec<ConnectLogLine>, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    Ok(scope.backend.connect_log(&scope.shop).await?)
}

/// Sends a cart event without a customer (so nothing is ever mailed for it) through ingestion,
/// as a shop's integration would: it shows in Carts and in the log.
#[server(prefix = "/admin/fn", endpoint = "send_test_event")]
pub async fn send_test_event(shop: String) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    let outcome = scope.backend.send_test_event(&scope.shop).await?;
    crate::error::with_status(outcome.map_err(AppError::Invalid))
}
