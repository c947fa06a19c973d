//! The Carts list's bulk actions.

use async_trait::async_trait;
use domain::Shop;

use super::BackendError;
use crate::api::BulkAction;

#[async_trait]
pub trait BulkBackend {
    /// Applies `action` to the shop's carts among `ids` (internal ids) it fits; how many.
    async fn bulk_carts(
        &self,
        shop: &Shop,
        action: BulkAction,
        ids: &[String],
        user_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<u64, BackendError>;
}
