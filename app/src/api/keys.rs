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
pub async fn list_api_keys() -> Result<KeysPage, AppError> {
    crate::error::with_status(
        crate::backend::backend()?
            .api_keys()
            .await
            .map_err(Into::into),
    )
}

#[server(prefix = "/admin/fn", endpoint = "create_api_key")]
pub async fn create_api_key(name: String) -> Result<KeyCreated, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        expect_context::<leptos_axum::ResponseOptions>()
            .set_status(http::StatusCode::UNPROCESSABLE_ENTITY);
        return Ok(KeyCreated::BadName);
    }
    crate::error::with_status(
        crate::backend::backend()?
            .create_api_key(name, Utc::now())
            .await
            .map(|secret| KeyCreated::Created { secret })
            .map_err(Into::into),
    )
}

#[server(prefix = "/admin/fn", endpoint = "revoke_api_key")]
pub async fn revoke_api_key(id: String) -> Result<(), AppError> {
    crate::error::with_status(
        async move {
            if crate::backend::backend()?
                .revoke_api_key(&id, Utc::now())
                .await?
            {
                Ok(())
            } else {
                Err(AppError::NotFound)
            }
        }
        .await,
    )
}
