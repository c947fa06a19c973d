use std::sync::Arc;

use app::backend::{Backend, BackendError, ShopCampaign, SignInOutcome};
use async_trait::async_trait;

use crate::auth::{Auth, AuthError};
use crate::db::{self, DbError, Pool};

/// The admin's backend over the database.
pub struct DbBackend {
    pool: Pool,
    auth: Arc<Auth>,
}

impl DbBackend {
    pub fn new(pool: Pool, auth: Arc<Auth>) -> Self {
        Self { pool, auth }
    }
}

impl From<AuthError> for BackendError {
    fn from(error: AuthError) -> Self {
        BackendError(error.to_string())
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

    async fn carts(
        &self,
        query: &app::api::CartsQuery,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<app::api::CartsPage>, BackendError> {
        Ok(super::carts::carts_page(&self.pool, query, now).await?)
    }

    async fn cart_detail(
        &self,
        cart_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<app::api::CartDetail>, BackendError> {
        Ok(super::carts::cart_detail(&self.pool, cart_id, now).await?)
    }

    async fn queue_next_reminder(
        &self,
        cart_id: &str,
        user_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), BackendError> {
        let shop = db::first_shop(&self.pool)
            .await?
            .ok_or_else(|| BackendError("no shop".into()))?;
        db::cart_detail::queue_reminder_request(&self.pool, &shop.id, cart_id, user_id, now)
            .await?;
        Ok(())
    }

    async fn sign_in(&self, email: &str, password: &str) -> Result<SignInOutcome, BackendError> {
        Ok(self
            .auth
            .sign_in(email, password, chrono::Utc::now())
            .await?)
    }

    async fn sign_out(&self, cookie_header: Option<&str>) -> Result<String, BackendError> {
        Ok(self.auth.sign_out(cookie_header).await?)
    }
}
