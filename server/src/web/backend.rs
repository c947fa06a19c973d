use app::backend::{Backend, BackendError, ShopCampaign};
use async_trait::async_trait;

use crate::db::{self, DbError, Pool};

/// The admin's backend over the database.
pub struct DbBackend {
    pool: Pool,
}

impl DbBackend {
    pub fn new(pool: Pool) -> Self {
        Self { pool }
    }
}

impl From<DbError> for BackendError {
    fn from(error: DbError) -> Self {
        BackendError(error.to_string())
    }
}

#[async_trait]
impl Backend for DbBackend {
    async fn shop_campaign(&self) -> Result<Option<ShopCampaign>, BackendError> {
        let Some(shop) = db::first_shop(&self.pool).await? else {
            return Ok(None);
        };
        let campaign = db::load_campaign(&self.pool, &shop.id).await?;
        let templates = db::load_templates(&self.pool, &shop.id).await?;
        Ok(Some(ShopCampaign {
            shop,
            campaign,
            templates,
        }))
    }
}
