//! The shop's API keys in the admin: listed by prefix, made (the secret shown once), revoked.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyLine {
    pub id: String,
    pub name: String,
    /// `rlk_1a2b3c4d`: enough to recognise a key in the shop's configuration.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The Connect page: where events go, and the keys that may send them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeysPage {
    pub shop_name: String,
    pub endpoint: String,
    pub keys: Vec<KeyLine>,
    /// For the example request's time.
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyCreated {
    /// The secret, shown this once.
    Created { secret: String },
    /// The name is empty or longer than 100 characters.
    BadName,
}

#[server(prefix = "/admin/fn", endpoint = "list_api_keys")]
pub async fn list_api_keys(shop: String) -> Result<KeysPage, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    crate::error::with_status(
        scope
            .backend
            .api_keys(&scope.shop)
            .await
            .map_err(Into::into),
    )
}

#[server(prefix = "/admin/fn", endpoint = "create_api_key")]
pub async fn create_api_key(shop: String, name: String) -> Result<KeyCreated, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        expect_context::<leptos_axum::ResponseOptions>()
            .set_status(http::StatusCode::UNPROCESSABLE_ENTITY);
        return Ok(KeyCreated::BadName);
    }
    let secret = scope
        .backend
        .create_api_key(&scope.shop, name, Utc::now())
        .await?;
    // The key's prefix names it; its secret never enters the log.
    let prefix: String = secret.chars().take(12).collect();
    scope
        .audit(
            domain::audit::AuditAction::KeyCreated,
            name,
            None,
            Some(prefix),
        )
        .await;
    Ok(KeyCreated::Created { secret })
}

#[server(prefix = "/admin/fn", endpoint = "revoke_api_key")]
pub async fn revoke_api_key(shop: String, id: String) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    let revoked = scope
        .backend
        .revoke_api_key(&scope.shop, &id, Utc::now())
        .await?;
    if revoked {
        scope
            .audit(domain::audit::AuditAction::KeyRevoked, &id, None, None)
            .await;
    }
    crate::error::with_status(if revoked {
        Ok(())
    } else {
        Err(AppError::NotFound)
    })
}
