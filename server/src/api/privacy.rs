//! `POST /api/v1/privacy/export` and `POST /api/v1/privacy/erase`: a customer's data on
//! request (GDPR), by address, with the shop's API key. The address travels in the body, never
//! in a URL that proxies log.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::Json;
use chrono::Utc;
use domain::EmailAddress;
use serde::Deserialize;
use serde_json::Value;

use super::error::ApiError;
use super::{body::json_body, keys};
use crate::db::api_keys::ApiKeyOwner;
use crate::db::privacy::Erased;
use crate::privacy::{self, Requester};
use crate::state::AppState;

/// Whose data: the customer's address.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct PrivacyWire {
    email: String,
}

const BY_API: Requester<'static> = Requester {
    user_id: None,
    label: "API",
};

/// The key's shop and the address the body names.
async fn request(
    state: &AppState,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(ApiKeyOwner, EmailAddress), ApiError> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let Some(owner) = keys::authenticate(state.pool(), authorization).await? else {
        return Err(ApiError::Unauthorized);
    };
    let body = json_body(headers, body)?;
    let wire: PrivacyWire = super::webhooks::parse(&body)?;
    let email = EmailAddress::parse(&wire.email).map_err(|e| ApiError::InvalidField {
        field: "email",
        message: e.to_string(),
    })?;
    Ok((owner, email))
}

/// Export a customer's data
///
/// Everything held about the address in the shop (GDPR access request).
#[utoipa::path(
    post,
    path = "/api/v1/privacy/export",
    operation_id = "export_customer",
    tag = "privacy",
    request_body = PrivacyWire,
    security(("api_key" = [])),
    responses(
        (status = 200, description = "The export document", body = Object),
        (status = 401, description = "No valid API key", body = super::error::ErrorBody),
        (status = 422, description = "Not an address", body = super::error::ErrorBody),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let (owner, email) = request(&state, &headers, body).await?;
    let document =
        privacy::export(state.pool(), &owner.shop_id, &email, &BY_API, Utc::now()).await?;
    Ok(Json(document))
}

/// Erase a customer
///
/// Removes every trace of the address from the shop; the figures stay, an unsubscribe stays as a
/// hash (GDPR erasure request).
#[utoipa::path(
    post,
    path = "/api/v1/privacy/erase",
    operation_id = "erase_customer",
    tag = "privacy",
    request_body = PrivacyWire,
    security(("api_key" = [])),
    responses(
        (status = 200, description = "What was erased", body = Erased),
        (status = 401, description = "No valid API key", body = super::error::ErrorBody),
        (status = 422, description = "Not an address", body = super::error::ErrorBody),
    )
)]
pub async fn erase(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Erased>, ApiError> {
    let (owner, email) = request(&state, &headers, body).await?;
    let erased = privacy::erase(
        state.pool(),
        &state.connect_log,
        &owner.shop_id,
        &email,
        &BY_API,
        Utc::now(),
    )
    .await?;
    Ok(Json(erased))
}
