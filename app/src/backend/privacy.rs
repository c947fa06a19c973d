//! A customer's erasure from the admin (GDPR); the export is a download the server serves.

use async_trait::async_trait;
use domain::Shop;

use super::{AdminIdentity, BackendError};

#[async_trait]
pub trait PrivacyBackend {
    /// Erases the address of the customer of the shop's cart `cart_id` (all its carts);
    /// `false` when the cart has no customer address.
    async fn erase_cart_customer(
        &self,
        shop: &Shop,
        cart_id: &str,
        by: &AdminIdentity,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError>;
}
