//! WooCommerce's order webhooks (`order.created`, `order.updated`: REST API v3 order JSON).
//! Orders become orders of the cart named by the order's `cart_hash` (the storefront tracker
//! sends carts; without one, the order stands alone under `woo-order-<id>`), with their coupon
//! codes, so a code a reminder gave is credited. The ping WooCommerce sends when the webhook is
//! saved is answered.

use axum::{
    body::Bytes,
    extract::{rejection::BytesRejection, Path, State},
    http::{header, HeaderMap},
};
use chrono::NaiveDateTime;
use serde::Deserialize;
use serde_json::{json, Value};

use super::super::error::ApiError;
use super::super::events::wire::Amount;
use super::Answer;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
struct Billing {
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct CouponLine {
    code: String,
}

/// The part of a REST API v3 order Relance reads; other fields are ignored.
#[derive(Debug, Deserialize)]
struct Order {
    id: u64,
    status: String,
    currency: Option<String>,
    /// "2026-11-23T10:00:00", in UTC.
    date_created_gmt: NaiveDateTime,
    date_modified_gmt: Option<NaiveDateTime>,
    total: Amount,
    customer_id: Option<u64>,
    cart_hash: Option<String>,
    billing: Option<Billing>,
    #[serde(default)]
    coupon_lines: Vec<CouponLine>,
}

/// WooCommerce's status in the order status model.
fn status(status: &str) -> &'static str {
    match status {
        "processing" | "completed" => "paid",
        "cancelled" | "failed" => "cancelled",
        "refunded" => "refunded",
        _ => "pending",
    }
}

fn events(delivery_id: &str, order: &Order) -> Vec<Value> {
    let cart = order
        .cart_hash
        .clone()
        .filter(|hash| !hash.is_empty())
        .unwrap_or_else(|| format!("woo-order-{}", order.id));
    let at = order
        .date_modified_gmt
        .unwrap_or(order.date_created_gmt)
        .and_utc();
    let email = order
        .billing
        .as_ref()
        .and_then(|b| b.email.clone())
        .filter(|e| !e.is_empty());
    let customer_id = order
        .customer_id
        .filter(|id| *id > 0)
        .map(|id| id.to_string())
        .or(email.clone());
    let customer = customer_id.map(|id| {
        let billing = order.billing.as_ref();
        json!({
            "id": id,
            "email": email,
            "first_name": billing.and_then(|b| b.first_name.clone()).unwrap_or_default(),
            "last_name": billing.and_then(|b| b.last_name.clone()).unwrap_or_default(),
        })
    });
    let id = order.id.to_string();
    let status = status(&order.status);
    vec![
        json!({
            "id": delivery_id,
            "type": "order_completed",
            "occurred_at": at,
            "cart": {"id": cart, "currency": order.currency},
            "customer": customer,
            "order": {
                "id": id,
                "total_tax_incl": order.total.0.to_string(),
                "coupon_codes": order.coupon_lines.iter().map(|c| c.code.clone()).collect::<Vec<_>>(),
                "status": status,
            },
        }),
        json!({
            "id": format!("{delivery_id}:status"),
            "type": "order_updated",
            "occurred_at": at,
            "cart": {"id": cart},
            "order": {"id": id, "status": status},
        }),
    ]
}

const WOOCOMMERCE: super::Platform = super::Platform {
    name: "woocommerce",
    signature_header: "x-wc-webhook-signature",
    delivery_header: "x-wc-webhook-delivery-id",
};

/// WooCommerce webhooks
///
/// `order.created` and `order.updated` (REST API v3 order JSON), signed with
/// `X-WC-Webhook-Signature`; `X-WC-Webhook-Delivery-ID` makes a redelivery a duplicate. The
/// unsigned ping sent when the webhook is saved is answered `200`.
#[utoipa::path(
    post,
    operation_id = "woocommerce_webhook",
    path = "/webhooks/woocommerce/{shop}",
    tag = "webhooks",
    security(("woocommerce_signature" = [])),
    params(("shop" = String, Path, description = "The shop's slug")),
    request_body(content = Object, description = "WooCommerce's order JSON"),
    responses(
        (status = 200, description = "Stored (new or duplicates), or the ping answered", body = super::super::events::Accepted),
        (status = 401, description = "Wrong or missing signature", body = super::super::error::ErrorBody),
        (status = 422, description = "A field of the wrong type", body = super::super::error::ErrorBody),
    )
)]
#[tracing::instrument(skip_all, fields(shop = %slug))]
pub async fn receive(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Answer, ApiError> {
    let result = handle(&state, &slug, &headers, body).await;
    super::note(
        &state,
        &slug,
        &WOOCOMMERCE,
        "x-wc-webhook-topic",
        &headers,
        &result,
    );
    result
}

async fn handle(
    state: &AppState,
    slug: &str,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Answer, ApiError> {
    // Saving the webhook in WooCommerce sends `webhook_id=<id>`, form-encoded and unsigned.
    let form = super::header(headers, header::CONTENT_TYPE.as_str())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if form {
        let body = body.map_err(|r| ApiError::MalformedJson(r.body_text()))?;
        if body.starts_with(b"webhook_id=") {
            return Ok(super::nothing_stored());
        }
        return Err(ApiError::UnsupportedMediaType);
    }
    let delivery = super::signed_delivery(state.pool(), slug, &WOOCOMMERCE, headers, body).await?;
    match super::header(headers, "x-wc-webhook-topic").unwrap_or_default() {
        "order.created" | "order.updated" => {}
        other => {
            return Err(ApiError::BadShape(format!(
                "the topic {other:?} is not one Relance takes (order.created, order.updated)"
            )))
        }
    }
    let order: Order = super::parse(&delivery.body)?;
    let events = events(&delivery.id, &order);
    super::store(state, delivery.found.owner, events).await
}
