//! The shops an account reaches (the header's switcher) and a new shop made from the admin.

use domain::settings::{NewShopDraft, NewShopProblem};
use domain::team::Role;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use super::Connection;
use crate::error::AppError;

/// A shop in the switcher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopChoice {
    pub slug: String,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShopCreated {
    /// The new shop's connection details, its first key shown this once.
    Created(Connection),
    /// Nothing saved: every problem, beside its field.
    Invalid { problems: Vec<NewShopProblem> },
}

/// Every shop the signed-in account reaches, by name, with its role in each.
#[server(prefix = "/admin/fn", endpoint = "my_shops")]
pub async fn my_shops() -> Result<Vec<ShopChoice>, AppError> {
    let admin = super::scope::signed_in().await?;
    Ok(crate::backend::backend()?
        .shops_of(&admin.user_id)
        .await?
        .into_iter()
        .map(|shop| ShopChoice {
            slug: shop.slug,
            name: shop.name,
            role: shop.role,
        })
        .collect())
}

/// A new shop, owned by the account that makes it. Only an owner (of any shop) may.
#[server(prefix = "/admin/fn", endpoint = "create_shop", input = Json)]
pub async fn create_shop(draft: NewShopDraft) -> Result<ShopCreated, AppError> {
    let admin = super::scope::signed_in().await?;
    let backend = crate::backend::backend()?;
    let owns_one = backend
        .shops_of(&admin.user_id)
        .await?
        .iter()
        .any(|shop| shop.role == Role::Owner);
    if !owns_one {
        return crate::error::with_status(Err(AppError::Forbidden));
    }
    match backend
        .create_shop(&admin.user_id, &draft, chrono::Utc::now())
        .await?
    {
        Ok(connection) => {
            let record = crate::backend::AuditRecord {
                shop_id: Some(connection.shop_slug.clone()),
                user_id: Some(admin.user_id.clone()),
                user_email: admin.email.clone(),
                action: domain::audit::AuditAction::ShopCreated,
                subject: connection.shop_slug.clone(),
                before: None,
                after: Some(format!(
                    "{} ({}, {})",
                    draft.name.trim(),
                    draft.currency.trim(),
                    draft.time_zone.trim()
                )),
            };
            if let Err(error) = backend.record(&record, chrono::Utc::now()).await {
                tracing::error!(cause = %error.chain(), "cannot write the activity log");
            }
            Ok(ShopCreated::Created(connection))
        }
        Err(problems) => {
            expect_context::<leptos_axum::ResponseOptions>()
                .set_status(http::StatusCode::UNPROCESSABLE_ENTITY);
            Ok(ShopCreated::Invalid { problems })
        }
    }
}
