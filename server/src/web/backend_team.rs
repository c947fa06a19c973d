//! The team's and the activity log's part of the admin's backend.

use app::backend::{BackendError, TeamBackend};
use async_trait::async_trait;

use super::backend::{anyhow_error, DbBackend};
use crate::db;

#[async_trait]
impl TeamBackend for DbBackend {
    async fn reach(
        &self,
        user_id: &str,
        slug: &str,
    ) -> Result<Option<(domain::Shop, domain::team::Role)>, BackendError> {
        Ok(db::members::reach(self.pool(), user_id, slug).await?)
    }

    async fn shops_of(
        &self,
        user_id: &str,
    ) -> Result<Vec<app::backend::ReachableShop>, BackendError> {
        Ok(db::members::shops_of(self.pool(), user_id)
            .await?
            .into_iter()
            .filter_map(|row| {
                Some(app::backend::ReachableShop {
                    role: domain::team::Role::parse(&row.role)?,
                    slug: row.shop_id,
                    name: row.name,
                })
            })
            .collect())
    }

    async fn create_shop(
        &self,
        user_id: &str,
        draft: &domain::settings::NewShopDraft,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Result<app::api::Connection, Vec<domain::settings::NewShopProblem>>, BackendError>
    {
        crate::shops::create_owned(self.pool(), user_id, draft, self.public_url(), now)
            .await
            .map_err(|error| {
                BackendError::new(Box::<dyn std::error::Error + Send + Sync>::from(error))
            })
    }

    async fn team(
        &self,
        shop: &domain::Shop,
        me: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<app::api::TeamPage, BackendError> {
        Ok(crate::team::page(self.pool(), &shop.id, me, now).await?)
    }

    async fn invite(
        &self,
        shop: &domain::Shop,
        inviter: &app::backend::AdminIdentity,
        email: &domain::EmailAddress,
        role: domain::team::Role,
        send: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<app::api::InviteOutcome, BackendError> {
        let invitation = crate::team::Invitation { email, role, send };
        crate::team::invite(self.engine(), shop, inviter, &invitation, now)
            .await
            .map_err(anyhow_error)
    }

    async fn change_role(
        &self,
        shop: &domain::Shop,
        _by: &app::backend::AdminIdentity,
        user_id: &str,
        role: Option<domain::team::Role>,
        _now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError> {
        Ok(match role {
            Some(role) => db::team::change_role(self.pool(), &shop.id, user_id, role).await?,
            None => db::team::remove_member(self.pool(), &shop.id, user_id).await?,
        })
    }

    async fn invitation(
        &self,
        token: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<app::api::InvitationView>, BackendError> {
        crate::team::invitation(self.pool(), token, now)
            .await
            .map_err(anyhow_error)
    }

    async fn accept_invitation(
        &self,
        token: &str,
        password: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<app::backend::AcceptResult, BackendError> {
        crate::team::accept(self.pool(), self.auth(), token, password, now)
            .await
            .map_err(anyhow_error)
    }

    async fn record(
        &self,
        record: &app::backend::AuditRecord,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), BackendError> {
        let entry = db::audit::NewEntry {
            shop_id: record.shop_id.as_deref(),
            user_id: record.user_id.as_deref(),
            user_email: &record.user_email,
            action: record.action,
            subject: &record.subject,
            before: record.before.as_deref(),
            after: record.after.as_deref(),
        };
        Ok(db::audit::record(self.pool(), &entry, now).await?)
    }

    async fn activity(
        &self,
        shop: &domain::Shop,
        query: &app::api::ActivityQuery,
    ) -> Result<Result<app::api::ActivityPage, String>, BackendError> {
        Ok(super::activity::page(self.pool(), shop, query).await?)
    }
}
