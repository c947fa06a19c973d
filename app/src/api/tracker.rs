//! The Connect page's storefront tracker: its public key, the origins it is accepted from, and
//! the snippet to paste. Owners only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackerLine {
    pub public_key: String,
    /// Where the script is served: `<public URL>/t.js`.
    pub script_url: String,
    pub allowed_origins: Vec<String>,
}

/// What to change in the tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrackerChange {
    /// The origins, as typed: one per line.
    Origins(String),
    /// A new public key: pages with the old snippet stop sending.
    NewKey,
}

/// The snippet a shop pastes before `</body>`, with examples of the calls its pages make.
pub fn snippet(line: &TrackerLine) -> String {
    format!(
        r#"<script>
  window.relance = window.relance || function () {{ (relance.q = relance.q || []).push(arguments); }};
  // When the cart changes (amounts as shown, tax included):
  // relance('cart', {{ currency: 'EUR', total: '59.80', url: location.href, items: [
  //   {{ sku: 'MUG-1', name: 'Mug', unit_price: '29.90', quantity: 2, image_url: '…', product_url: '…' }} ] }});
  // When the customer agrees to be reminded (or mark a checkbox with data-relance-consent):
  // relance('consent', true);
  // On the order confirmation page:
  // relance('order', {{ id: '1042', total: '59.80' }});
</script>
<script async src="{}" data-key="{}"></script>"#,
        line.script_url, line.public_key
    )
}

#[server(prefix = "/admin/fn", endpoint = "load_tracker")]
pub async fn load_tracker(shop: String) -> Result<TrackerLine, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    Ok(scope.backend.tracker(&scope.shop).await?)
}

/// Saves the origins the tracker is accepted from, typed one per line.
#[server(prefix = "/admin/fn", endpoint = "save_tracker_origins")]
pub async fn save_tracker_origins(shop: String, origins: String) -> Result<(), AppError> {
    change(shop, TrackerChange::Origins(origins), "origins").await
}

/// Gives the tracker a new public key: pages with the old snippet stop sending.
#[server(prefix = "/admin/fn", endpoint = "renew_tracker_key")]
pub async fn renew_tracker_key(shop: String) -> Result<(), AppError> {
    change(shop, TrackerChange::NewKey, "new key").await
}

#[cfg(feature = "ssr")]
async fn change(shop: String, change: TrackerChange, what: &str) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    let outcome = scope
        .backend
        .change_tracker(&scope.shop, change, chrono::Utc::now())
        .await?;
    if outcome.is_ok() {
        scope
            .audit(
                domain::audit::AuditAction::TrackerChanged,
                "tracker",
                None,
                Some(what.to_owned()),
            )
            .await;
    }
    crate::error::with_status(outcome.map_err(AppError::Invalid))
}
