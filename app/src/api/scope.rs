//! Every shop's server function starts here: the signed-in account, the shop of the URL, and
//! whether the account's role there allows the action. A shop the account does not reach is
//! "not found", so ids and slugs in URLs reveal nothing.

use std::sync::Arc;

use domain::team::{Permission, Role};
use domain::Shop;

use crate::backend::{backend, AdminIdentity, Backend};
use crate::error::{with_status, AppError};

/// What a shop's server function works with once the checks passed.
pub struct Scope {
    pub backend: Arc<dyn Backend>,
    pub shop: Shop,
    pub role: Role,
    pub admin: AdminIdentity,
}

impl Scope {
    /// Records a change made in this shop by this account. The change is done already: a log
    /// that cannot be written is reported in the server's log, not to the merchant.
    pub async fn audit(
        &self,
        action: domain::audit::AuditAction,
        subject: impl Into<String>,
        before: Option<String>,
        after: Option<String>,
    ) {
        let record = crate::backend::AuditRecord {
            shop_id: Some(self.shop.id.clone()),
            user_id: Some(self.admin.user_id.clone()),
            user_email: self.admin.email.clone(),
            action,
            subject: subject.into(),
            before,
            after,
        };
        if let Err(error) = self.backend.record(&record, chrono::Utc::now()).await {
            tracing::error!(cause = %error.chain(), ?action, "cannot write the activity log");
        }
    }
}

/// The signed-in account, as the server's guard put it in the request.
pub async fn signed_in() -> Result<AdminIdentity, AppError> {
    leptos_axum::extract::<Admin>()
        .await
        .map(|admin| admin.0)
        .map_err(|_| with_status::<()>(Err(AppError::SignInRequired)).unwrap_err())
}

/// The shop `slug` for the signed-in account when its role allows `need`: 404 when the account
/// does not reach the shop, 403 when it does but may not do this. Both set the status.
pub async fn scope(slug: &str, need: Permission) -> Result<Scope, AppError> {
    let admin = signed_in().await?;
    let backend = backend()?;
    let reached = backend.reach(&admin.user_id, slug).await?;
    let checked = match reached {
        None => Err(AppError::NotFound),
        Some((_, role)) if !role.allows(need) => Err(AppError::Forbidden),
        Some((shop, role)) => Ok(Scope {
            backend,
            shop,
            role,
            admin,
        }),
    };
    with_status(checked)
}

/// The signed-in admin the server's guard put in the request.
pub struct Admin(pub AdminIdentity);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Admin {
    type Rejection = ();
    async fn from_request_parts(parts: &mut http::request::Parts, _: &S) -> Result<Self, ()> {
        parts
            .extensions
            .get::<AdminIdentity>()
            .cloned()
            .map(Admin)
            .ok_or(())
    }
}
