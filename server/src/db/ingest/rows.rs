//! The rows the ingestion writer reads and writes, as plain values: no SQL here, so the
//! writer's memory can hold them without depending on the queries.

use chrono::{DateTime, NaiveDate, Utc};
use domain::{Cart, Customer};

/// A stored cart as the lifecycle rules and the writes need it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredCartRow {
    pub cart_id: String,
    pub external_id: String,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    pub ordered_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub items_fingerprint: String,
    pub sequence_started_at: Option<DateTime<Utc>>,
    /// The cart's current reminder sequence (1, then one more per restart).
    pub sequence: i64,
    /// Steps of the current sequence decided so far (kept by triggers on the deliveries).
    pub steps_done: i64,
    pub items_digest: String,
    /// The last event received about the cart: where its timeline's chain starts.
    pub last_event_seq: Option<i64>,
}

#[cfg(test)]
impl StoredCartRow {
    /// A cart stored now under `external_id`, for the writer's tests.
    pub fn sample(external_id: &str) -> Self {
        Self {
            cart_id: format!("id-{external_id}"),
            external_id: external_id.into(),
            created_at: Utc::now(),
            last_activity_at: Utc::now(),
            ordered_at: None,
            deleted_at: None,
            items_fingerprint: String::new(),
            sequence_started_at: None,
            sequence: 1,
            steps_done: 0,
            items_digest: String::new(),
            last_event_seq: None,
        }
    }
}

/// The columns of `StoredCartRow`, as `carts` names them.
pub(super) const STORED_CART_COLUMNS: &str = "cart_id, external_id, created_at, last_activity_at, \
     ordered_at, deleted_at, items_fingerprint, sequence_started_at, sequence, steps_done, items_digest, \
     last_event_seq";

/// A customer as an event (or the demo) names it.
pub struct CustomerRow<'a> {
    /// The id a new customer gets; `None` for a fresh one.
    pub customer_id: Option<&'a str>,
    pub shop_id: &'a str,
    pub customer: &'a Customer,
    pub phone: Option<&'a str>,
    pub address: Option<&'a str>,
    /// An IANA name, checked by the API.
    pub time_zone: Option<&'a str>,
}

/// A stored customer, in the columns an event can change, as they are bound.
#[derive(Clone, PartialEq, sqlx::FromRow)]
pub struct StoredCustomer {
    pub shop_id: String,
    pub external_id: String,
    pub customer_id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub gender: Option<String>,
    pub language: String,
    pub country: Option<String>,
    pub groups_json: String,
    pub newsletter: bool,
    pub birthdate: Option<NaiveDate>,
    pub orders_count: i64,
    pub last_order_at: Option<DateTime<Utc>>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub time_zone: Option<String>,
    pub sms_consent: bool,
}

/// The columns of `StoredCustomer`, in its order, as `customers` names them.
pub(super) const CUSTOMER_COLUMNS: [&str; 18] = [
    "shop_id",
    "external_id",
    "customer_id",
    "email",
    "first_name",
    "last_name",
    "gender",
    "language",
    "country",
    "groups_json",
    "newsletter",
    "birthdate",
    "orders_count",
    "last_order_at",
    "phone",
    "address",
    "time_zone",
    "sms_consent",
];

impl StoredCustomer {
    /// The stored customer once `row` is written over `before` (a missing phone, address or time zone
    /// keeps the stored one). Equal to `before` when the event says nothing new.
    pub fn after(
        row: &CustomerRow<'_>,
        groups_json: String,
        customer_id: String,
        before: Option<&StoredCustomer>,
    ) -> Self {
        let c = row.customer;
        Self {
            shop_id: row.shop_id.to_owned(),
            external_id: c.id.clone(),
            customer_id,
            email: c.email.as_str().to_owned(),
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
            gender: c.gender.map(|g| g.as_str().to_owned()),
            language: c.language.code().to_owned(),
            country: c.country.clone(),
            groups_json,
            newsletter: c.newsletter,
            birthdate: c.birthdate,
            orders_count: i64::from(c.orders_count),
            last_order_at: c.last_order_at,
            phone: row
                .phone
                .map(str::to_owned)
                .or_else(|| before.and_then(|b| b.phone.clone())),
            address: row
                .address
                .map(str::to_owned)
                .or_else(|| before.and_then(|b| b.address.clone())),
            time_zone: row
                .time_zone
                .map(str::to_owned)
                .or_else(|| before.and_then(|b| b.time_zone.clone())),
            sms_consent: c.sms_consent,
        }
    }
}

#[derive(Debug)]
pub struct EventRow {
    pub seq: i64,
    pub previous_seq: Option<i64>,
    pub api_key_id: String,
    pub event_id: String,
    pub shop_id: String,
    pub event_type: &'static str,
    pub cart_external_id: String,
    pub occurred_at: DateTime<Utc>,
    pub outcome: &'static str,
}

/// The state of a cart to write after a group of events.
pub struct CartWrite<'a> {
    pub cart_id: &'a str,
    pub shop_id: &'a str,
    pub cart: &'a Cart,
    pub customer_id: Option<&'a str>,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    pub fingerprint: &'a str,
    pub items_digest: String,
    pub sequence_started_at: DateTime<Utc>,
    pub sequence: i64,
    pub ordered_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub last_event_seq: Option<i64>,
}

/// An order's status as an `order_updated` reports it, at `at`.
#[derive(Debug)]
pub struct OrderStatusRow {
    pub shop_id: String,
    pub external_id: String,
    pub status: domain::lifecycle::OrderStatus,
    pub at: DateTime<Utc>,
}

#[derive(Debug)]
pub struct OrderRow {
    pub order_id: String,
    pub shop_id: String,
    pub external_id: String,
    pub cart_id: Option<String>,
    pub cart_external_id: String,
    pub currency: String,
    pub total_tax_incl: rust_decimal::Decimal,
    pub coupon_codes: Vec<String>,
    pub ordered_at: DateTime<Utc>,
    pub status: domain::lifecycle::OrderStatus,
    /// Who ordered, when the event said: the shop's customer id and email.
    pub customer_id: Option<String>,
    pub email: Option<String>,
}
