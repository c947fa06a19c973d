//! Code collections, for the backend.

use async_trait::async_trait;
use domain::campaign::CodeList;
use domain::Shop;

use super::BackendError;
use crate::api::{CollectionDeleted, CollectionLine};

#[async_trait]
pub trait CodesBackend {
    /// The shop's collections with their counts, newest first.
    async fn code_collections(&self, shop: &Shop) -> Result<Vec<CollectionLine>, BackendError>;

    /// Stores a checked list as a new collection; its id.
    async fn import_codes(
        &self,
        shop: &Shop,
        list: &CodeList,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<String, BackendError>;

    /// Deletes the shop's collection `id` and its unused codes, unless a step takes codes from
    /// it; `None` when the shop has no such collection.
    async fn delete_code_collection(
        &self,
        shop: &Shop,
        id: &str,
    ) -> Result<Option<CollectionDeleted>, BackendError>;
}
