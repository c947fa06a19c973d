//! `POST /api/v1/coupons/{code}/redeem`: the shop's checkout spends a code Relance made, with
//! the same rules an order event's codes follow (`domain::engine::redeem`).

use std::str::FromStr;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use chrono::{DateTime, SubsecRound, Utc};
use domain::engine::{redeem as check_redemption, CouponTerms, RedeemAttempt, Redeemed};
use domain::EmailAddress;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::{body::json_body, keys};
use crate::db::{self, coupons::TermsRow, money::from_db};
use crate::state::AppState;

/// The body as sent.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RedeemWire {
    order_id: String,
    #[serde(default)]
    customer_id: Option<String>,
    #[serde(default)]
    email: Option<String>,
    cart_total: String,
    #[serde(default)]
    cart_total_tax_excl: Option<String>,
}

/// The body, checked.
struct RedeemRequest {
    order_id: String,
    customer_id: Option<String>,
    email: Option<String>,
    cart_total: Decimal,
    cart_total_tax_excl: Option<Decimal>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RedeemAnswer {
    pub code: String,
    pub state: &'static str,
    pub order_id: String,
    pub redeemed_at: DateTime<Utc>,
    /// The same order had spent the code already: nothing changed.
    pub already_redeemed: bool,
}

fn invalid(field: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::InvalidField {
        field,
        message: message.into(),
    }
}

fn amount(field: &'static str, text: &str) -> Result<Decimal, ApiError> {
    Decimal::from_str(text.trim())
        .ok()
        .filter(|value| !value.is_sign_negative())
        .ok_or_else(|| {
            invalid(
                field,
                format!("\"{text}\" is not an amount (e.g. \"69.50\")"),
            )
        })
}

fn parse(body: &[u8]) -> Result<RedeemRequest, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let wire: RedeemWire = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let field = e.path().to_string();
        ApiError::BadShape(if field == "." {
            e.into_inner().to_string()
        } else {
            format!("{field}: {}", e.into_inner())
        })
    })?;
    let order_id = wire.order_id.trim().to_owned();
    if order_id.is_empty() || order_id.chars().count() > 128 {
        return Err(invalid(
            "order_id",
            "the shop's order id: 1 to 128 characters",
        ));
    }
    let customer_id = wire
        .customer_id
        .map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty());
    let email = match wire.email.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            EmailAddress::parse(text)
                .map_err(|_| invalid("email", format!("\"{text}\" is not an email address")))?
                .as_str()
                .to_owned(),
        ),
    };
    if customer_id.is_none() && email.is_none() {
        return Err(invalid(
            "customer_id",
            "say who orders: \"customer_id\" (the shop's id) or \"email\", or both",
        ));
    }
    Ok(RedeemRequest {
        order_id,
        customer_id,
        email,
        cart_total: amount("cart_total", &wire.cart_total)?,
        cart_total_tax_excl: wire
            .cart_total_tax_excl
            .as_deref()
            .map(|text| amount("cart_total_tax_excl", text))
            .transpose()?,
    })
}

/// The code's terms for the domain rule, and the cart value to compare with its minimum: the
/// total on the minimum's own basis when the shop sent it.
fn terms_and_total(row: &TermsRow, request: &RedeemRequest) -> (CouponTerms, Decimal) {
    let total = match (row.min_order_basis.as_deref(), request.cart_total_tax_excl) {
        (Some("tax_excl"), Some(excl)) => excl,
        _ => request.cart_total,
    };
    let terms = CouponTerms {
        expires_at: row.expires_at,
        used_by_order: row.used_by_order.clone(),
        customer_id: row.customer_external_id.clone(),
        email: row.email.clone(),
        minimum: row.min_order.map(from_db),
    };
    (terms, total)
}

/// Redeem a code
///
/// The checkout spends a code for an order, under the rules an order event's codes follow.
#[utoipa::path(
    post,
    operation_id = "redeem_coupon",
    path = "/api/v1/coupons/{code}/redeem",
    tag = "coupons",
    params(("code" = String, Path, description = "The code")),
    request_body = RedeemWire,
    security(("api_key" = [])),
    responses(
        (status = 200, description = "Redeemed (or already by this order)", body = RedeemAnswer),
        (status = 401, description = "No valid API key", body = super::error::ErrorBody),
        (status = 403, description = "Made for another customer", body = super::error::ErrorBody),
        (status = 404, description = "Not a code of this shop", body = super::error::ErrorBody),
        (status = 409, description = "Used by another order", body = super::error::ErrorBody),
        (status = 410, description = "Expired", body = super::error::ErrorBody),
        (status = 422, description = "A field is wrong, or the cart is below the minimum", body = super::error::ErrorBody),
    )
)]
pub async fn redeem(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<RedeemAnswer>), ApiError> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let Some(owner) = keys::authenticate(state.pool(), authorization).await? else {
        return Err(ApiError::Unauthorized);
    };
    let request = parse(&json_body(&headers, body)?)?;
    let code = code.trim().to_ascii_uppercase();
    // What the database keeps: PostgreSQL's times stop at the microsecond.
    let now = Utc::now().trunc_subsecs(6);
    let mut conn = state.pool().acquire().await.map_err(db::DbError::from)?;
    // The check and the spend in one write transaction: two checkouts racing for one code
    // cannot both have it.
    let mut tx = conn.begin_write().await.map_err(db::DbError::from)?;
    let Some(row) = db::coupons::terms(&mut tx.conn(), &owner.shop_id, &code).await? else {
        return Err(ApiError::CouponUnknown(code));
    };
    let (terms, cart_total) = terms_and_total(&row, &request);
    let attempt = RedeemAttempt {
        order_id: &request.order_id,
        customer_id: request.customer_id.as_deref(),
        email: request.email.as_deref(),
        cart_total,
    };
    let outcome =
        check_redemption(&terms, &attempt, now).map_err(|refusal| ApiError::CouponRefused {
            code: code.clone(),
            refusal,
        })?;
    let redeemed_at = match outcome {
        Redeemed::Now => {
            db::coupons::spend(&mut tx.conn(), &row.coupon_id, &request.order_id, now).await?;
            now
        }
        Redeemed::AlreadyByThisOrder => row.used_at.unwrap_or(now),
    };
    tx.commit().await.map_err(db::DbError::from)?;
    Ok((
        StatusCode::OK,
        Json(RedeemAnswer {
            code: row.code,
            state: "redeemed",
            order_id: request.order_id,
            redeemed_at,
            already_redeemed: outcome == Redeemed::AlreadyByThisOrder,
        }),
    ))
}
