//! The API reference page: the OpenAPI document the server serves, as a merchant's developer
//! reads it (each operation, its fields and its answers).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiOperation {
    /// `POST`, `GET`.
    pub method: String,
    pub path: String,
    pub summary: String,
    pub description: String,
    /// How it authenticates, when it does.
    pub auth: Option<String>,
    /// The request body's fields, flattened: `cart.items[].unit_price`.
    pub fields: Vec<ApiField>,
    pub responses: Vec<ApiResponse>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiField {
    pub name: String,
    /// `string`, `integer`, `boolean`, `object`, `array`, or the allowed values.
    pub kind: String,
    pub required: bool,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiResponse {
    pub status: String,
    pub description: String,
}

#[server(prefix = "/admin/fn", endpoint = "load_api_reference")]
pub async fn load_api_reference(shop: String) -> Result<Vec<ApiOperation>, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    Ok(scope.backend.api_reference().await?)
}
