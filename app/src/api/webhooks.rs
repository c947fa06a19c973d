//! The Connect page's webhooks: the URL to give Shopify or WooCommerce, and the shop's secret
//! for each (pasted for Shopify, made by Relance for WooCommerce, rotated at will). Owners only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookLine {
    /// `shopify` or `woocommerce`.
    pub platform: String,
    pub url: String,
    /// `None` until set: the platform's webhooks are refused until then.
    pub secret: Option<String>,
}

#[server(prefix = "/admin/fn", endpoint = "load_webhooks")]
pub async fn load_webhooks(shop: String) -> Result<Vec<WebhookLine>, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    Ok(scope.backend.webhooks(&scope.shop).await?)
}

/// Sets the platform's secret to `value`, or to a new random one when `value` is empty.
#[server(prefix = "/admin/fn", endpoint = "set_webhook_secret")]
pub async fn set_webhook_secret(
    shop: String,
    platform: String,
    value: String,
) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    let value = Some(value.trim()).filter(|v| !v.is_empty());
    let outcome = scope
        .backend
        .set_webhook_secret(&scope.shop, &platform, value, chrono::Utc::now())
        .await?;
    if outcome.is_ok() {
        let what = if value.is_some() { "set" } else { "renewed" };
        scope
            .audit(
                domain::audit::AuditAction::WebhookSecretSet,
                &platform,
                None,
                Some(what.to_owned()),
            )
            .await;
    }
    crate::error::with_status(outcome.map_err(AppError::Invalid))
}
