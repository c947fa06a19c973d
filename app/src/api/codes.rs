//! Code collections: the merchant's own codes, imported as CSV and handed out one per reminder
//! by the steps that name them. Those who edit campaigns manage them.

use chrono::{DateTime, Utc};
use domain::campaign::CodeListError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One collection of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectionLine {
    pub id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub total: u64,
    pub left: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodesImported {
    Imported {
        id: String,
        count: usize,
    },
    /// Nothing stored: every problem, by line.
    Invalid(Vec<CodeListError>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CollectionDeleted {
    /// Gone, with its `left` unused codes; the codes already given stay valid.
    Deleted { name: String, left: u64 },
    /// Kept: the rules with a reminder that takes its codes.
    InUse { name: String, rules: Vec<String> },
}

/// The shop's code collections, newest first.
#[server(prefix = "/admin/fn", endpoint = "list_code_collections")]
pub async fn list_code_collections(shop: String) -> Result<Vec<CollectionLine>, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(Ok(scope.backend.code_collections(&scope.shop).await?))
}

/// Imports a collection from the text of a CSV file (or a list, one code per line).
#[server(prefix = "/admin/fn", endpoint = "import_codes")]
pub async fn import_codes(
    shop: String,
    name: String,
    codes: String,
) -> Result<CodesImported, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    let list = match domain::campaign::CodeList::parse(&name, &codes) {
        Ok(list) => list,
        Err(problems) => return Ok(CodesImported::Invalid(problems)),
    };
    let id = scope
        .backend
        .import_codes(&scope.shop, &list, Utc::now())
        .await?;
    scope
        .audit(
            domain::audit::AuditAction::CodesImported,
            &id,
            None,
            Some(format!("{} ({} codes)", list.name, list.codes.len())),
        )
        .await;
    crate::error::with_status(Ok(CodesImported::Imported {
        id,
        count: list.codes.len(),
    }))
}

/// Deletes a collection and its unused codes, unless a reminder takes codes from it.
#[server(prefix = "/admin/fn", endpoint = "delete_code_collection")]
pub async fn delete_code_collection(
    shop: String,
    id: String,
) -> Result<CollectionDeleted, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    let Some(deleted) = scope
        .backend
        .delete_code_collection(&scope.shop, &id)
        .await?
    else {
        return crate::error::with_status(Err(AppError::NotFound));
    };
    if let CollectionDeleted::Deleted { name, left } = &deleted {
        scope
            .audit(
                domain::audit::AuditAction::CodesDeleted,
                &id,
                Some(format!("{name} ({left} codes left)")),
                None,
            )
            .await;
    }
    crate::error::with_status(Ok(deleted))
}
