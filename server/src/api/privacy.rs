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

#[derive(Deserialize)]
struct PrivacyWire {
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

pub async fn erase(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Erased>, ApiError> {
    let (owner, email) = request(&state, &headers, body).await?;
    let erased = privacy::erase(state.pool(), &owner.shop_id, &email, &BY_API, Utc::now()).await?;
    Ok(Json(erased))
}
