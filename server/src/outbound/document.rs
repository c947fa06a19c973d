//! The JSON a webhook step POSTs: the cart, its customer, the step and its coupon. Its fields
//! are a contract with the merchant's tools (docs/api.md): add, never rename.

use chrono::{DateTime, Utc};
use domain::email::OfferedDiscount;
use domain::{Cart, Customer, DiscountKind, Shop};
use serde_json::{json, Value};

/// What the document says about the step and its rule.
pub struct StepDocument<'a> {
    pub delivery_id: &'a str,
    pub rule_id: &'a str,
    pub rule_name: &'a str,
    pub step_id: &'a str,
    /// The step's place in its rule's sending order, from 1.
    pub step_number: usize,
    /// The cart's signed recovery link: it counts a click like an email's.
    pub recovery_url: &'a str,
}

pub fn document(
    step: &StepDocument<'_>,
    shop: &Shop,
    customer: &Customer,
    cart: &Cart,
    coupon: Option<&OfferedDiscount>,
    now: DateTime<Utc>,
) -> Value {
    let items: Vec<Value> = cart
        .items
        .iter()
        .map(|item| {
            json!({
                "sku": item.sku,
                "name": item.name,
                "quantity": item.quantity,
                "unit_price": item.unit_price.amount().to_string(),
                "product_url": item.product_url.as_ref().map(|u| u.as_str()),
                "image_url": item.image_url.as_ref().map(|u| u.as_str()),
                "category": item.category,
            })
        })
        .collect();
    json!({
        "type": "reminder",
        "id": step.delivery_id,
        "created_at": now.to_rfc3339(),
        "shop": { "id": shop.id, "name": shop.name, "url": shop.url.as_str() },
        "rule": { "id": step.rule_id, "name": step.rule_name },
        "step": { "id": step.step_id, "number": step.step_number },
        "customer": {
            "id": customer.id,
            "email": customer.email.as_str(),
            "first_name": customer.first_name,
            "last_name": customer.last_name,
            "language": customer.language.code(),
            "country": customer.country,
        },
        "cart": {
            "id": cart.id,
            "currency": cart.currency.code(),
            "total_tax_incl": cart.total_tax_incl.amount().to_string(),
            "total_tax_excl": cart.total_tax_excl.amount().to_string(),
            "items": items,
            "recovery_url": step.recovery_url,
        },
        "coupon": coupon.map(coupon_json),
    })
}

fn coupon_json(coupon: &OfferedDiscount) -> Value {
    let mut value = json!({
        "code": coupon.code,
        "expires_at": coupon.expires_at.to_rfc3339(),
    });
    let kind = match &coupon.kind {
        DiscountKind::Percent { percent } => {
            json!({ "type": "percent", "percent": percent.value().to_string() })
        }
        DiscountKind::Amount {
            amount,
            tax_included,
        } => {
            json!({ "type": "amount", "amount": amount.to_string(), "tax_included": tax_included })
        }
        DiscountKind::FreeShipping => json!({ "type": "free_shipping" }),
        DiscountKind::FreeGift { gift } => {
            json!({ "type": "free_gift", "gift": { "sku": gift.sku(), "name": gift.name() } })
        }
    };
    if let (Some(target), Some(extra)) = (value.as_object_mut(), kind.as_object()) {
        target.extend(extra.clone());
    }
    value
}
