//! The Carts list's bulk actions, for the admin's backend.

use app::api::BulkAction;
use app::backend::{BackendError, BulkBackend};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Shop;

use super::backend::DbBackend;
use crate::db::bulk;

#[async_trait]
impl BulkBackend for DbBackend {
    async fn bulk_carts(
        &self,
        shop: &Shop,
        action: BulkAction,
        ids: &[String],
        user_id: &str,
        now: DateTime<Utc>,
    ) -> Result<u64, BackendError> {
        let pool = self.pool();
        Ok(match action {
            BulkAction::Stop => bulk::stop(pool, &shop.id, ids, user_id, now).await?,
            BulkAction::Restart => bulk::restart(pool, &shop.id, ids, now).await?,
            BulkAction::SendNext => bulk::request_next(pool, &shop.id, ids, user_id, now).await?,
        })
    }
}
