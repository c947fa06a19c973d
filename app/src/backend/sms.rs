//! The SMS provider's part of the backend.

use async_trait::async_trait;
use domain::Shop;

use super::BackendError;
use crate::api::{SmsProviderForm, SmsProviderLine};

#[async_trait]
pub trait SmsBackend {
    /// The shop's provider, its notice addresses and how many numbers are stopped.
    async fn sms_provider(&self, shop: &Shop) -> Result<SmsProviderLine, BackendError>;

    /// Saves the provider; `Err` is `field: why` for a refused form (nothing saved).
    async fn save_sms_provider(
        &self,
        shop: &Shop,
        form: &SmsProviderForm,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Result<(), String>, BackendError>;
}
