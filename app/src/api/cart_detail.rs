use chrono::{DateTime, Utc};
use domain::lifecycle::{CartStatus, OrderStatus};
use domain::stats::CreditRule;
use domain::{Currency, Language};
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerBlock {
    pub external_id: String,
    pub email: String,
    pub name: String,
    pub phone: Option<String>,
    pub language: Language,
    pub country: Option<String>,
    pub groups: Vec<String>,
    pub newsletter: bool,
    pub orders_count: u32,
    pub last_order_at: Option<DateTime<Utc>>,
    /// When Relance first heard of the customer (shops do not send the account's creation date).
    pub known_since: DateTime<Utc>,
    /// The IANA time zone the shop sent for them: quiet hours count in it.
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemLine {
    pub sku: String,
    pub name: String,
    pub description: String,
    pub image_url: Option<String>,
    pub product_url: Option<String>,
    pub unit_price: Decimal,
    pub quantity: u32,
    pub stock: Option<i64>,
    pub line_total: Decimal,
}

/// The reminder an order is credited to, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credited {
    pub delay_amount: u32,
    pub delay_unit: domain::DelayUnit,
    pub rule: CreditRule,
}

/// The order a reminder is credited with, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedTo {
    pub order_id: String,
    pub rule: CreditRule,
}

/// Something that happened to the cart, for its timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimelineEntry {
    /// When Relance first saw the cart.
    Created { at: DateTime<Utc> },
    /// An event from the shop and what it did (created, applied, restarted, stale…).
    Event {
        at: DateTime<Utc>,
        event_id: String,
        event_type: String,
        outcome: String,
    },
    /// An order of the cart (or one that spent a code of its reminders), its status, and the
    /// reminder it credits if any, by which rule.
    Order {
        at: DateTime<Utc>,
        order_id: String,
        total: Decimal,
        currency: Currency,
        status: OrderStatus,
        credited: Option<Credited>,
    },
    /// A reminder step the engine went through: sent, queued, failed or skipped (with why).
    Reminder {
        at: DateTime<Utc>,
        delay_amount: u32,
        delay_unit: domain::DelayUnit,
        status: String,
        /// The skip reason, or the last error of a failed or retried send.
        reason: Option<String>,
        /// The code the reminder carried, and the order that spent it.
        code: Option<String>,
        redeemed_by: Option<String>,
        /// The first open and click by a person, and the order the reminder is credited with.
        opened_at: Option<DateTime<Utc>>,
        clicked_at: Option<DateTime<Utc>>,
        led_to: Option<LedTo>,
    },
    /// A phone step's call task: opened when due, and its outcome once logged.
    Call {
        at: DateTime<Utc>,
        task_id: String,
        outcome: Option<domain::calls::CallOutcome>,
        by: Option<String>,
        done_at: Option<DateTime<Utc>>,
    },
    /// A webhook step's POST: where, its answer (`None`: none came) or why it failed.
    Webhook {
        at: DateTime<Utc>,
        url: String,
        attempt: u32,
        status_code: Option<u16>,
        error: Option<String>,
    },
    /// "Send the next reminder now", by whom, and whether the engine took it yet.
    ReminderRequested {
        at: DateTime<Utc>,
        by: String,
        handled: bool,
    },
}

impl TimelineEntry {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Self::Created { at }
            | Self::Event { at, .. }
            | Self::Order { at, .. }
            | Self::Reminder { at, .. }
            | Self::Call { at, .. }
            | Self::Webhook { at, .. }
            | Self::ReminderRequested { at, .. } => *at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartDetail {
    pub id: String,
    pub external_id: String,
    pub status: CartStatus,
    pub currency: Currency,
    pub url: Option<String>,
    pub customer: Option<CustomerBlock>,
    pub items: Vec<ItemLine>,
    pub total_tax_incl: Decimal,
    pub total_tax_excl: Decimal,
    pub shipping: Decimal,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    /// The cart's reminder sequence (1, then one more each time the customer added to it after
    /// a reminder) and when it started.
    pub sequence: u32,
    pub sequence_started_at: Option<DateTime<Utc>>,
    /// The shop's attribution window, which the credit rules count in.
    pub attribution_window_days: u32,
    /// When the cart counts (or counted) as abandoned, as on the Carts list.
    pub abandoned_at: Option<DateTime<Utc>>,
    pub next_reminder_at: Option<DateTime<Utc>>,
    /// Oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// A "send now" request is waiting for the engine.
    pub reminder_pending: bool,
    pub now: DateTime<Utc>,
    /// The viewer may export or erase the customer's data (owners).
    #[serde(default)]
    pub can_administer: bool,
    /// The merchant stopped the cart's reminders then (the Carts list's bulk actions).
    #[serde(default)]
    pub reminders_stopped_at: Option<DateTime<Utc>>,
}

impl CartDetail {
    /// Only a cart that is waiting for or in its sequence can get its next reminder early.
    pub fn can_send_next_reminder(&self) -> bool {
        matches!(
            self.status,
            CartStatus::Waiting | CartStatus::InProgress | CartStatus::Checking
        ) && self.customer.is_some()
            && !self.items.is_empty()
            && !self.reminder_pending
            && self.reminders_stopped_at.is_none()
    }
}

/// One cart of the shop, for its page.
#[server(prefix = "/admin/fn", endpoint = "load_cart")]
pub async fn load_cart(shop: String, id: String) -> Result<CartDetail, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    let can_administer = scope.role.allows(domain::team::Permission::Administer);
    crate::error::with_status(
        scope
            .backend
            .cart_detail(&scope.shop, &id, Utc::now())
            .await?
            .map(|detail| CartDetail {
                can_administer,
                ..detail
            })
            .ok_or(AppError::NotFound),
    )
}

/// Erases the cart's customer: every trace of the address in the shop, keeping the figures
/// and, when it was unsubscribed, a hash that keeps it so (GDPR). Owners only.
#[server(prefix = "/admin/fn", endpoint = "erase_customer")]
pub async fn erase_customer(shop: String, id: String) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    let erased = scope
        .backend
        .erase_cart_customer(&scope.shop, &id, &scope.admin, Utc::now())
        .await?;
    let outcome = if erased {
        Ok(())
    } else {
        Err(AppError::Invalid(
            "this cart has no customer address".into(),
        ))
    };
    crate::error::with_status(outcome)
}

/// Queues the cart's next reminder to be sent at once by the sending engine.
#[server(prefix = "/admin/fn", endpoint = "send_next_reminder_now")]
pub async fn send_next_reminder_now(shop: String, id: String) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    let detail = scope
        .backend
        .cart_detail(&scope.shop, &id, Utc::now())
        .await?
        .ok_or(AppError::NotFound)?;
    if detail.reminder_pending {
        return Err(AppError::Invalid(
            "a reminder is already queued for this cart".into(),
        ));
    }
    if !detail.can_send_next_reminder() {
        return Err(AppError::Invalid(
            "this cart cannot get a reminder: it is ordered, emptied, deleted, stopped or has no customer email".into(),
        ));
    }
    scope
        .backend
        .queue_next_reminder(&scope.shop, &id, &scope.admin.user_id, Utc::now())
        .await?;
    Ok(())
}
