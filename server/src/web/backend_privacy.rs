//! The admin's backend for a customer's erasure.

use app::backend::{AdminIdentity, BackendError, PrivacyBackend};
use async_trait::async_trait;
use domain::EmailAddress;

use super::backend::DbBackend;
use crate::db;
use crate::privacy::{self, Requester};

#[async_trait]
impl PrivacyBackend for DbBackend {
    async fn erase_cart_customer(
        &self,
        shop: &domain::Shop,
        cart_id: &str,
        by: &AdminIdentity,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError> {
        let Some(address) = db::privacy::cart_address(self.pool(), &shop.id, cart_id).await? else {
            return Ok(false);
        };
        let Ok(email) = EmailAddress::parse(&address) else {
            return Ok(false);
        };
        let by = Requester {
            user_id: Some(&by.user_id),
            label: &by.email,
        };
        privacy::erase(self.pool(), self.connect_log(), &shop.id, &email, &by, now).await?;
        Ok(true)
    }
}
