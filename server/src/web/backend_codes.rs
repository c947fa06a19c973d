//! Code collections, for the admin's backend.

use app::api::{CollectionDeleted, CollectionLine};
use app::backend::{BackendError, CodesBackend};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::campaign::CodeList;
use domain::Shop;

use super::backend::DbBackend;
use crate::db::codes;

#[async_trait]
impl CodesBackend for DbBackend {
    async fn code_collections(&self, shop: &Shop) -> Result<Vec<CollectionLine>, BackendError> {
        Ok(codes::collections(self.pool(), &shop.id)
            .await?
            .into_iter()
            .map(|row| CollectionLine {
                id: row.collection_id,
                name: row.name,
                created_at: row.created_at,
                total: u64::try_from(row.total).unwrap_or(0),
                left: u64::try_from(row.left_count).unwrap_or(0),
            })
            .collect())
    }

    async fn import_codes(
        &self,
        shop: &Shop,
        list: &CodeList,
        now: DateTime<Utc>,
    ) -> Result<String, BackendError> {
        Ok(codes::import(self.pool(), &shop.id, list, now).await?)
    }

    async fn delete_code_collection(
        &self,
        shop: &Shop,
        id: &str,
    ) -> Result<Option<CollectionDeleted>, BackendError> {
        Ok(match codes::delete(self.pool(), &shop.id, id).await? {
            codes::CollectionDeletion::Deleted { name, left } => Some(CollectionDeleted::Deleted {
                name,
                left: u64::try_from(left).unwrap_or(0),
            }),
            codes::CollectionDeletion::InUse { name, rules } => {
                Some(CollectionDeleted::InUse { name, rules })
            }
            codes::CollectionDeletion::NotFound => None,
        })
    }
}
