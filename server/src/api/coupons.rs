//! `GET /api/v1/coupons/{code}`: the shop checks a code Relance made before accepting it
//! (`redeem.rs` spends it).

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use chrono::{DateTime, Utc};
use domain::engine::{coupon_state, CouponState};
use serde::Serialize;

use super::error::ApiError;
use super::keys;
use crate::db::money::from_db;
use crate::state::AppState;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CouponAnswer {
    pub code: String,
    /// `valid`, `expired`, `used` or `unknown`.
    pub state: String,
    /// `percent`, `amount`, `free_shipping` or `free_gift`; absent for an unknown code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The percentage, or the amount in the shop's currency, as a decimal string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_included: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub combinable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub used_at: Option<DateTime<Utc>>,
    /// The cart value the code needs, as a decimal string, and which total: `tax_incl` or
    /// `tax_excl` (send that one as `cart_total` when redeeming).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_basis: Option<String>,
    /// For a `free_gift`: the product the shop adds to the order at no charge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gift: Option<GiftAnswer>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct GiftAnswer {
    pub sku: String,
    pub name: String,
}

/// Check a code
///
/// Whether a code Relance made for this shop can be used, and its terms.
#[utoipa::path(
    get,
    operation_id = "check_coupon",
    path = "/api/v1/coupons/{code}",
    tag = "coupons",
    params(("code" = String, Path, description = "The code, as the customer typed it")),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "A valid code", body = CouponAnswer),
        (status = 401, description = "No valid API key", body = super::error::ErrorBody),
        (status = 404, description = "Not a code of this shop", body = CouponAnswer),
        (status = 410, description = "Expired", body = CouponAnswer),
        (status = 409, description = "Used already", body = CouponAnswer),
    )
)]
pub async fn check(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<(StatusCode, Json<CouponAnswer>), ApiError> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let Some(owner) = keys::authenticate(state.pool(), authorization).await? else {
        return Err(ApiError::Unauthorized);
    };
    let code = code.trim().to_ascii_uppercase();
    let row = crate::db::coupons::find(state.pool(), &owner.shop_id, &code).await?;
    let Some(row) = row else {
        return Ok((
            StatusCode::NOT_FOUND,
            Json(CouponAnswer {
                code,
                state: "unknown".into(),
                kind: None,
                value: None,
                tax_included: None,
                combinable: None,
                expires_at: None,
                used_at: None,
                minimum: None,
                minimum_basis: None,
                gift: None,
            }),
        ));
    };
    // The status says it as the redeem call does, so a checkout that reads only the status
    // refuses a spent or expired code; the body gives the terms either way.
    let (status, state_name) = match coupon_state(row.expires_at, row.used_at, Utc::now()) {
        CouponState::Valid => (StatusCode::OK, "valid"),
        CouponState::Expired => (StatusCode::GONE, "expired"),
        CouponState::Used => (StatusCode::CONFLICT, "used"),
    };
    Ok((
        status,
        Json(CouponAnswer {
            code: row.code,
            state: state_name.into(),
            tax_included: (row.kind == "amount").then_some(row.tax_included),
            kind: Some(row.kind),
            value: row.value.map(|v| from_db(v).normalize().to_string()),
            combinable: Some(row.combinable),
            expires_at: Some(row.expires_at),
            used_at: row.used_at,
            minimum: row.min_order.map(|v| from_db(v).normalize().to_string()),
            minimum_basis: row.min_order_basis,
            gift: row
                .gift_sku
                .zip(row.gift_name)
                .map(|(sku, name)| GiftAnswer { sku, name }),
        }),
    ))
}
