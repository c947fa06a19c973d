//! Shopify's webhooks: checkouts become carts (the checkout's `token` is the cart id, its
//! `abandoned_checkout_url` the recovery link), orders become orders of that cart (by
//! `checkout_token`, else `cart_token`), and a refund of the whole order marks it refunded.
//! Field names are Shopify's REST webhook payloads'.

use axum::{
    body::Bytes,
    extract::{rejection::BytesRejection, Path, State},
    http::HeaderMap,
};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{json, Value};

use super::super::error::ApiError;
use super::Answer;
use crate::db::{self, money::from_db};
use crate::state::AppState;

/// A Shopify id: a JSON number (or a string in some payloads).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Id {
    Number(u64),
    Text(String),
}

impl Id {
    fn text(&self) -> String {
        match self {
            Self::Number(n) => n.to_string(),
            Self::Text(t) => t.clone(),
        }
    }
}

#[derive(Debug, Deserialize)]
struct LineItem {
    title: String,
    variant_title: Option<String>,
    sku: Option<String>,
    variant_id: Option<Id>,
    product_id: Option<Id>,
    /// A decimal string, "19.90".
    price: String,
    quantity: u32,
}

#[derive(Debug, Deserialize)]
struct Customer {
    id: Option<Id>,
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
}

/// `checkouts/create` and `checkouts/update`.
#[derive(Debug, Deserialize)]
struct Checkout {
    token: String,
    email: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: Option<DateTime<Utc>>,
    currency: Option<String>,
    total_price: Option<String>,
    total_tax: Option<String>,
    abandoned_checkout_url: Option<String>,
    customer_locale: Option<String>,
    buyer_accepts_marketing: Option<bool>,
    customer: Option<Customer>,
    #[serde(default)]
    line_items: Vec<LineItem>,
}

#[derive(Debug, Deserialize)]
struct DiscountCode {
    code: String,
}

/// `orders/create`, `orders/paid`, `orders/cancelled`.
#[derive(Debug, Deserialize)]
struct Order {
    id: Id,
    email: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: Option<DateTime<Utc>>,
    currency: Option<String>,
    total_price: String,
    financial_status: Option<String>,
    cancelled_at: Option<DateTime<Utc>>,
    checkout_token: Option<String>,
    cart_token: Option<String>,
    customer_locale: Option<String>,
    customer: Option<Customer>,
    #[serde(default)]
    discount_codes: Vec<DiscountCode>,
}

#[derive(Debug, Deserialize)]
struct Transaction {
    kind: Option<String>,
    status: Option<String>,
    amount: String,
}

/// `refunds/create`.
#[derive(Debug, Deserialize)]
struct Refund {
    order_id: Id,
    created_at: DateTime<Utc>,
    #[serde(default)]
    transactions: Vec<Transaction>,
}

fn language(locale: Option<&str>) -> Option<String> {
    locale
        .and_then(|l| l.split(['-', '_']).next())
        .filter(|l| l.len() == 2)
        .map(str::to_ascii_lowercase)
}

fn customer(
    email: Option<&str>,
    customer: Option<&Customer>,
    locale: Option<&str>,
    newsletter: bool,
) -> Value {
    let email = email
        .or(customer.and_then(|c| c.email.as_deref()))
        .filter(|e| !e.is_empty());
    let id = customer
        .and_then(|c| c.id.as_ref())
        .map(Id::text)
        .or(email.map(str::to_owned));
    let Some(id) = id else {
        return Value::Null;
    };
    json!({
        "id": id,
        "email": email,
        "first_name": customer.and_then(|c| c.first_name.clone()).unwrap_or_default(),
        "last_name": customer.and_then(|c| c.last_name.clone()).unwrap_or_default(),
        "language": language(locale),
        "newsletter": newsletter,
    })
}

fn checkout_event(webhook_id: &str, checkout: &Checkout) -> Value {
    let decimal = |text: &Option<String>| text.as_deref().and_then(|t| t.parse::<Decimal>().ok());
    let total = decimal(&checkout.total_price);
    let excl = total.map(|total| total - decimal(&checkout.total_tax).unwrap_or_default());
    let items: Vec<Value> = checkout
        .line_items
        .iter()
        .map(|item| {
            let sku = item
                .sku
                .clone()
                .filter(|s| !s.is_empty())
                .or(item.variant_id.as_ref().map(Id::text))
                .or(item.product_id.as_ref().map(Id::text))
                .unwrap_or_else(|| item.title.clone());
            let name = match item.variant_title.as_deref().filter(|v| !v.is_empty()) {
                Some(variant) => format!("{} – {variant}", item.title),
                None => item.title.clone(),
            };
            json!({"sku": sku, "name": name, "unit_price": item.price, "quantity": item.quantity})
        })
        .collect();
    json!({
        "id": webhook_id,
        "type": "cart_updated",
        "occurred_at": checkout.updated_at.unwrap_or(checkout.created_at),
        "cart": {
            "id": checkout.token,
            "currency": checkout.currency,
            "total_tax_incl": total.map(|t| t.to_string()),
            "total_tax_excl": excl.map(|t| t.to_string()),
            "url": checkout.abandoned_checkout_url,
            "items": items,
        },
        "customer": customer(
            checkout.email.as_deref(),
            checkout.customer.as_ref(),
            checkout.customer_locale.as_deref(),
            checkout.buyer_accepts_marketing.unwrap_or(false),
        ),
    })
}

/// Shopify's financial status in the order status model.
fn status(order: &Order) -> &'static str {
    if order.cancelled_at.is_some() {
        return "cancelled";
    }
    match order.financial_status.as_deref() {
        Some("paid" | "partially_refunded") => "paid",
        Some("refunded") => "refunded",
        Some("voided") => "cancelled",
        _ => "pending",
    }
}

/// The order (made if Relance does not have it yet) and its status now: a later webhook of the
/// same order (paid, cancelled) changes the status, the latest `updated_at` winning.
fn order_events(webhook_id: &str, order: &Order) -> Vec<Value> {
    let completed = order_event(webhook_id, order);
    let status = json!({
        "id": format!("{webhook_id}:status"),
        "type": "order_updated",
        "occurred_at": completed["occurred_at"],
        "cart": {"id": completed["cart"]["id"]},
        "order": {"id": order.id.text(), "status": status(order)},
    });
    vec![completed, status]
}

fn order_event(webhook_id: &str, order: &Order) -> Value {
    let cart = order
        .checkout_token
        .clone()
        .or(order.cart_token.clone())
        .unwrap_or_else(|| format!("order-{}", order.id.text()));
    json!({
        "id": webhook_id,
        "type": "order_completed",
        // A later status (paid, then cancelled) is a later update: the latest wins.
        "occurred_at": order.updated_at.unwrap_or(order.created_at),
        "cart": {"id": cart, "currency": order.currency},
        "customer": customer(order.email.as_deref(), order.customer.as_ref(), order.customer_locale.as_deref(), false),
        "order": {
            "id": order.id.text(),
            "total_tax_incl": order.total_price,
            "coupon_codes": order.discount_codes.iter().map(|d| d.code.clone()).collect::<Vec<_>>(),
            "status": status(order),
        },
    })
}

/// A refund of the whole order marks it refunded; a partial one changes nothing Relance counts
/// (the order stays paid). `None` when Relance does not have the order.
async fn refund_event(
    state: &AppState,
    shop_id: &str,
    webhook_id: &str,
    refund: &Refund,
) -> Result<Option<Value>, ApiError> {
    let order_id = refund.order_id.text();
    let Some((cart, total)) = db::webhooks::order_cart(state.pool(), shop_id, &order_id).await?
    else {
        return Ok(None);
    };
    let refunded: Decimal = refund
        .transactions
        .iter()
        .filter(|t| t.kind.as_deref() == Some("refund") && t.status.as_deref() != Some("failure"))
        .filter_map(|t| t.amount.parse::<Decimal>().ok())
        .sum();
    if refunded < from_db(total) {
        return Ok(None);
    }
    Ok(Some(json!({
        "id": webhook_id,
        "type": "order_updated",
        "occurred_at": refund.created_at,
        "cart": {"id": cart},
        "order": {"id": order_id, "status": "refunded"},
    })))
}

const SHOPIFY: super::Platform = super::Platform {
    name: "shopify",
    signature_header: "x-shopify-hmac-sha256",
    delivery_header: "x-shopify-webhook-id",
};

/// Shopify webhooks
///
/// Shopify's own payloads (REST webhook JSON), signed with `X-Shopify-Hmac-Sha256`: the
/// topics `checkouts/create`, `checkouts/update`, `orders/create`, `orders/paid`,
/// `orders/cancelled`, `refunds/create`, `customers/data_request`, `customers/redact` and
/// `shop/redact` (`X-Shopify-Topic`); `X-Shopify-Webhook-Id` makes a redelivery a duplicate.
#[utoipa::path(
    post,
    operation_id = "shopify_webhook",
    path = "/webhooks/shopify/{shop}",
    tag = "webhooks",
    security(("shopify_hmac" = [])),
    params(("shop" = String, Path, description = "The shop's slug")),
    request_body(content = Object, description = "Shopify's payload for the topic"),
    responses(
        (status = 200, description = "Stored (new or duplicates)", body = super::super::events::Accepted),
        (status = 401, description = "Wrong or missing signature", body = super::super::error::ErrorBody),
        (status = 422, description = "A field of the wrong type, or a topic Relance does not take", body = super::super::error::ErrorBody),
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
        &SHOPIFY,
        "x-shopify-topic",
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
    let delivery = super::signed_delivery(state.pool(), slug, &SHOPIFY, headers, body).await?;
    let (body, webhook_id, found) = (delivery.body, delivery.id, delivery.found);
    let topic = super::header(headers, "x-shopify-topic").unwrap_or_default();
    let events = match topic {
        "checkouts/create" | "checkouts/update" => {
            vec![checkout_event(&webhook_id, &super::parse::<Checkout>(&body)?)]
        }
        "orders/create" | "orders/paid" | "orders/cancelled" | "orders/updated" => {
            order_events(&webhook_id, &super::parse::<Order>(&body)?)
        }
        "refunds/create" => {
            let refund = super::parse::<Refund>(&body)?;
            refund_event(state, &found.owner.shop_id, &webhook_id, &refund)
                .await?
                .into_iter()
                .collect()
        }
        "customers/data_request" | "customers/redact" | "shop/redact" => {
            return super::privacy::receive(state, &found.owner.shop_id, topic, &body).await
        }
        other => {
            return Err(ApiError::BadShape(format!(
                "the topic {other:?} is not one Relance takes (checkouts/create, checkouts/update, orders/create, orders/paid, orders/cancelled, refunds/create, customers/data_request, customers/redact, shop/redact)"
            )))
        }
    };
    super::store(state, found.owner, events).await
}
