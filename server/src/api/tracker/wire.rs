//! What the storefront tracker sends, and the event it becomes. The tracker is public code on
//! the shop's pages, so nothing it says is trusted beyond its own carts: their ids and its
//! customers' ids get a `t-` prefix (a tracker key never touches a cart from the API or a
//! webhook), and the time is the server's.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::super::events::wire::Amount;

/// The events a tracker may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrackerEventType {
    CartUpdated,
    OrderCompleted,
}

impl TrackerEventType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CartUpdated => "cart_updated",
            Self::OrderCompleted => "order_completed",
        }
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TrackerEvent {
    /// Made by the tracker per event, so a retried request is a duplicate.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: TrackerEventType,
    pub cart: TrackerCart,
    pub customer: Option<TrackerCustomer>,
    pub order: Option<TrackerOrder>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TrackerCart {
    /// The first-party cart id the tracker keeps in the shop's cookie.
    pub id: String,
    pub currency: Option<String>,
    /// Tax included, as the storefront shows it.
    pub total: Option<Amount>,
    /// When the page gives it; else taken equal to `total`.
    pub total_tax_excl: Option<Amount>,
    pub url: Option<String>,
    pub items: Option<Vec<TrackerItem>>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TrackerItem {
    pub sku: String,
    pub name: String,
    pub unit_price: Amount,
    pub quantity: u32,
    pub image_url: Option<String>,
    pub product_url: Option<String>,
}

/// Sent only when the page says the customer consented, so it is stored as a customer who
/// agreed (`newsletter`), which a shop that requires consent counts.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TrackerCustomer {
    pub email: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    pub language: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TrackerOrder {
    pub id: String,
    pub total: Option<Amount>,
}

fn amount(value: Option<Amount>) -> Value {
    value.map_or(Value::Null, |a| Value::String(a.0.to_string()))
}

/// The events API's JSON for a tracker event received at `now`.
pub fn to_event(event: TrackerEvent, now: DateTime<Utc>) -> Value {
    let cart = event.cart;
    let items: Option<Vec<Value>> = cart.items.map(|items| {
        items
            .into_iter()
            .map(|item| {
                json!({
                    "sku": item.sku,
                    "name": item.name,
                    "unit_price": item.unit_price.0.to_string(),
                    "quantity": item.quantity,
                    "image_url": item.image_url,
                    "product_url": item.product_url,
                })
            })
            .collect()
    });
    let mut value = json!({
        "id": format!("t-{}", event.id),
        "type": event.kind.as_str(),
        "occurred_at": now.to_rfc3339_opts(SecondsFormat::Millis, true),
        "cart": {
            "id": format!("t-{}", cart.id),
            "currency": cart.currency,
            "total_tax_incl": amount(cart.total),
            "total_tax_excl": amount(cart.total_tax_excl.or(cart.total)),
            "url": cart.url,
            "items": items,
        },
    });
    if let Some(customer) = event.customer {
        let email = customer.email.trim().to_lowercase();
        // The same address is the same customer across carts, without being its id.
        let digest = Sha256::digest(email.as_bytes());
        let id: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        value["customer"] = json!({
            "id": format!("t-{id}"),
            "email": email,
            "first_name": customer.first_name,
            "last_name": customer.last_name,
            "language": customer.language,
            // The script sends an address only once the page says the customer agreed, so
            // a shop that requires consent reminds this customer.
            "newsletter": true,
        });
    }
    if let Some(order) = event.order {
        value["order"] = json!({ "id": order.id, "total_tax_incl": amount(order.total) });
    }
    value
}
