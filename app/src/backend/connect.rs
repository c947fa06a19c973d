//! The Connect page's part of the backend: each platform's webhook URL and secret, and the
//! storefront tracker.

use async_trait::async_trait;
use domain::Shop;

use super::BackendError;

#[async_trait]
pub trait ConnectBackend {
    /// Where shops send their events: `https://relance.example/api/v1/events`.
    fn events_endpoint(&self) -> String;

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

    /// The secret the shop's webhook steps are signed with, made the first time.
    async fn step_webhook_secret(&self, shop: &Shop) -> Result<String, BackendError>;

    /// The shop's last requests from its sources, newest first.
    async fn connect_log(
        &self,
        shop: &Shop,
    ) -> Result<Vec<crate::api::ConnectLogLine>, BackendError>;

    /// Sends a test cart event through ingestion; `Err` says why it was refused.
    async fn send_test_event(&self, shop: &Shop) -> Result<Result<(), String>, BackendError>;

    /// The public API's operations, from the OpenAPI document the server serves.
    async fn api_reference(&self) -> Result<Vec<crate::api::ApiOperation>, BackendError>;

    /// The shop's storefront tracker, made the first time it is asked for.
    async fn tracker(&self, shop: &Shop) -> Result<crate::api::TrackerLine, BackendError>;

    /// Saves the tracker's allowed origins (one per line) or gives it a new public key; `Err`
    /// names the field and says why.
    async fn change_tracker(
        &self,
        shop: &Shop,
        change: crate::api::TrackerChange,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Result<(), String>, BackendError>;
}
