//! A customer's rights over their data (GDPR), for the admin, the API and Shopify's privacy
//! webhooks alike: the export of everything held about an address in a shop, and its erasure
//! (`db::privacy` says what erasing keeps).

use crate::connect_log::ConnectLog;
use chrono::{DateTime, Utc};
use domain::audit::AuditAction;
use domain::EmailAddress;
use serde_json::{json, Value};

use crate::db::money::from_db;
use crate::db::privacy::{self, Erased, Held};
use crate::db::{self, DbError, Pool};

/// Who asked: shown in the shop's Activity.
pub struct Requester<'a> {
    pub user_id: Option<&'a str>,
    pub label: &'a str,
}

fn money(minor: i64) -> String {
    from_db(minor).normalize().to_string()
}

/// The export document: the address's profile(s), carts with their lines, orders, reminders,
/// opens and clicks, coupons, and whether it is unsubscribed. Amounts are decimal strings.
pub fn document(shop_id: &str, email: &EmailAddress, held: &Held, now: DateTime<Utc>) -> Value {
    let carts: Vec<Value> = held
        .carts
        .iter()
        .map(|cart| {
            let items: Vec<Value> = held
                .items
                .iter()
                .filter(|item| item.cart_id == cart.cart_id)
                .map(|item| {
                    json!({"sku": item.sku, "name": item.name,
                           "unit_price": money(item.unit_price), "quantity": item.quantity})
                })
                .collect();
            json!({"id": cart.external_id, "currency": cart.currency,
                   "total_tax_incl": money(cart.total_tax_incl), "url": cart.url,
                   "created_at": cart.created_at, "last_activity_at": cart.last_activity_at,
                   "ordered_at": cart.ordered_at, "items": items})
        })
        .collect();
    let orders: Vec<Value> = held
        .orders
        .iter()
        .map(|order| {
            json!({"id": order.external_id, "currency": order.currency,
                   "total_tax_incl": money(order.total_tax_incl), "status": order.status,
                   "ordered_at": order.ordered_at})
        })
        .collect();
    let customers: Vec<Value> = held
        .customers
        .iter()
        .map(|c| {
            let groups: Value = serde_json::from_str(&c.groups_json).unwrap_or(Value::Null);
            json!({"id": c.external_id, "email": c.email, "first_name": c.first_name,
                   "last_name": c.last_name, "gender": c.gender, "language": c.language,
                   "country": c.country, "groups": groups, "newsletter": c.newsletter,
                   "birthdate": c.birthdate, "orders_count": c.orders_count,
                   "last_order_at": c.last_order_at, "phone": c.phone, "address": c.address,
                   "time_zone": c.time_zone,
                   "first_seen_at": c.created_at})
        })
        .collect();
    json!({
        "shop": shop_id,
        "email": email.as_str(),
        "exported_at": now,
        "customers": customers,
        "carts": carts,
        "orders": orders,
        "reminders": held.deliveries,
        "opens_and_clicks": held.tracking,
        "coupons": held.coupons,
        "unsubscribed": held.suppression,
    })
}

pub async fn export(
    pool: &Pool,
    shop_id: &str,
    email: &EmailAddress,
    by: &Requester<'_>,
    now: DateTime<Utc>,
) -> Result<Value, DbError> {
    let held = privacy::held(pool, shop_id, email.as_str()).await?;
    audit(
        pool,
        shop_id,
        by,
        AuditAction::CustomerExported,
        email.as_str(),
        now,
    )
    .await?;
    Ok(document(shop_id, email, &held, now))
}

pub async fn erase(
    pool: &Pool,
    log: &ConnectLog,
    shop_id: &str,
    email: &EmailAddress,
    by: &Requester<'_>,
    now: DateTime<Utc>,
) -> Result<Erased, DbError> {
    // First the log's pending entries, then the stored ones: none survives the erasure.
    let mut names = privacy::cart_external_ids(pool, shop_id, email.as_str()).await?;
    names.push(email.as_str().to_owned());
    log.forget(shop_id, Some(names)).await;
    let erased = privacy::erase(pool, shop_id, email.as_str(), now).await?;
    // The address is gone: the Activity keeps its hash.
    let hash = privacy::address_hash(email.as_str());
    audit(pool, shop_id, by, AuditAction::CustomerErased, &hash, now).await?;
    Ok(erased)
}

/// Erases every customer of the shop (Shopify's `shop/redact`, after the shop uninstalled).
pub async fn erase_shop_customers(
    pool: &Pool,
    log: &ConnectLog,
    shop_id: &str,
    by: &Requester<'_>,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    log.forget(shop_id, None).await;
    let mut erased = 0;
    for email in privacy::addresses(pool, shop_id).await? {
        if let Ok(email) = EmailAddress::parse(&email) {
            erased += erase(pool, log, shop_id, &email, by, now).await?.customers;
        }
    }
    Ok(erased)
}

async fn audit(
    pool: &Pool,
    shop_id: &str,
    by: &Requester<'_>,
    action: AuditAction,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    db::audit::record(
        pool,
        &db::audit::NewEntry {
            shop_id: Some(shop_id),
            user_id: by.user_id,
            user_email: by.label,
            action,
            subject,
            before: None,
            after: None,
        },
        now,
    )
    .await
}
