//! The Connect page's webhooks part of the backend: each platform's URL and secret.

use async_trait::async_trait;
use domain::Shop;

use super::BackendError;

#[async_trait]
pub trait ConnectBackend {
    /// Each platform's webhook URL for the shop, with its secret when set.
    async fn webhooks(&self, shop: &Shop) -> Result<Vec<crate::api::WebhookLine>, BackendError>;

    /// Sets the platform's secret to `value`, or a new random one when `None`; `Err` says why
    /// a value was refused.
    async fn set_webhook_secret(
        &self,
        shop: &Shop,
        platform: &str,
        value: Option<&str>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Result<(), String>, BackendError>;
}
