//! The Connect page's webhooks part of the admin's backend.

use app::api::WebhookLine;
use app::backend::{BackendError, ConnectBackend};
use async_trait::async_trait;

use super::backend::{anyhow_error, DbBackend};
use crate::api::webhooks::{change_secret, SecretChange, MIN_SECRET_CHARS, PLATFORMS};
use crate::db;

#[async_trait]
impl ConnectBackend for DbBackend {
    async fn webhooks(&self, shop: &domain::Shop) -> Result<Vec<WebhookLine>, BackendError> {
        let mut lines = Vec::new();
        for platform in PLATFORMS {
            let secret = db::webhooks::find(self.pool(), &shop.id, platform)
                .await?
                .map(|found| found.secret);
            lines.push(WebhookLine {
                platform: platform.to_owned(),
                url: format!(
                    "{}/webhooks/{platform}/{}",
                    self.public_url().trim_end_matches('/'),
                    shop.id
                ),
                secret,
            });
        }
        Ok(lines)
    }

    async fn set_webhook_secret(
        &self,
        shop: &domain::Shop,
        platform: &str,
        value: Option<&str>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Result<(), String>, BackendError> {
        if !PLATFORMS.contains(&platform) {
            return Ok(Err("platform: shopify or woocommerce".into()));
        }
        if value.is_some_and(|v| v.chars().count() < MIN_SECRET_CHARS) {
            return Ok(Err(format!(
                "value: a webhook secret has at least {MIN_SECRET_CHARS} characters"
            )));
        }
        let change = value.map_or(SecretChange::Rotate, SecretChange::Set);
        change_secret(self.pool(), &shop.id, platform, change, now)
            .await
            .map_err(anyhow_error)?;
        Ok(Ok(()))
    }
}
