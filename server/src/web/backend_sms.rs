//! The SMS provider's part of the admin's backend.

use app::api::{SmsProviderForm, SmsProviderLine};
use app::backend::{BackendError, SmsBackend};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::backend::DbBackend;
use crate::db;
use crate::sms::{ProviderConfig, ProviderForm};

#[async_trait]
impl SmsBackend for DbBackend {
    async fn sms_provider(&self, shop: &domain::Shop) -> Result<SmsProviderLine, BackendError> {
        let config = db::sms::provider(self.pool(), &shop.id).await?;
        let secret = db::secrets::sms_inbound_secret(self.pool(), &shop.id, Utc::now()).await?;
        let base = format!(
            "{}/webhooks/sms/{}",
            self.public_url().trim_end_matches('/'),
            shop.id
        );
        Ok(SmsProviderLine {
            kind: config.as_ref().map(|c| c.kind.as_str().to_owned()),
            url: config.as_ref().map(|c| c.url.clone()).unwrap_or_default(),
            sender: config
                .as_ref()
                .map(|c| c.sender.clone())
                .unwrap_or_default(),
            key_set: config.is_some(),
            notice_url: format!("{base}/{secret}"),
            signed_notice_url: base,
            stopped: db::sms::suppressed_count(self.pool(), &shop.id).await?,
        })
    }

    async fn save_sms_provider(
        &self,
        shop: &domain::Shop,
        form: &SmsProviderForm,
        now: DateTime<Utc>,
    ) -> Result<Result<(), String>, BackendError> {
        // A key is kept only for the same provider: another one never gets it.
        let stored = db::sms::provider(self.pool(), &shop.id)
            .await?
            .filter(|c| c.kind.as_str() == form.kind.trim());
        let form = ProviderForm {
            kind: form.kind.clone(),
            url: form.url.clone(),
            sender: form.sender.clone(),
            api_key: form.api_key.clone(),
        };
        let config = match ProviderConfig::parse(&form, stored.as_ref().map(|c| c.api_key.as_str()))
        {
            Ok(config) => config,
            Err((field, why)) => return Ok(Err(format!("{field}: {why}"))),
        };
        db::sms::save_provider(self.pool(), &shop.id, &config, now).await?;
        Ok(Ok(()))
    }
}
