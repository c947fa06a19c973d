//! The Calls queue and the call screen: staff work the call tasks of phone steps. Every
//! member of the shop may (staff is the role made for it).

use chrono::{DateTime, Utc};
use domain::calls::{CallLogError, CallOutcome};
use domain::campaign::{DiscountDraft, StepIssue};
use domain::email::{OfferedDiscount, RenderedEmail};
use domain::Currency;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::cart_detail::{CustomerBlock, ItemLine, TimelineEntry};
use crate::error::AppError;

/// One task of the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallLine {
    pub id: String,
    pub due_at: DateTime<Utc>,
    pub customer: String,
    pub phone: Option<String>,
    pub total: Decimal,
    pub currency: Currency,
    pub rule: String,
    /// The member it is assigned to (email); `None`: any staff.
    pub assignee: Option<String>,
    pub outcome: Option<CallOutcome>,
    pub done_by: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
}

/// Which tasks the queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallFilter {
    /// Logged calls instead of the ones to make.
    pub done: bool,
    /// Only the member's own and the unassigned ones.
    pub mine: bool,
}

/// One of the customer's carts (a visit that filled one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitLine {
    pub cart_id: String,
    pub external_id: String,
    pub at: DateTime<Utc>,
    pub total: Decimal,
    pub currency: Currency,
    pub ordered: bool,
}

/// Everything staff need during the call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallScreen {
    pub id: String,
    pub cart_id: String,
    pub external_id: String,
    pub rule: String,
    pub due_at: DateTime<Utc>,
    pub assignee: Option<String>,
    pub outcome: Option<CallOutcome>,
    pub notes: String,
    pub done_by: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
    /// The cart ordered, or its reminders were stopped, since the task opened.
    pub ordered: bool,
    pub stopped: bool,
    pub customer: CustomerBlock,
    /// The postal address the shop sent for them.
    pub address: Option<String>,
    pub currency: Currency,
    pub items: Vec<ItemLine>,
    pub total_tax_incl: Decimal,
    pub cart_url: Option<String>,
    /// The reminders of the cart so far, oldest first.
    pub reminders: Vec<TimelineEntry>,
    pub active_coupons: Vec<OfferedDiscount>,
    pub visits: Vec<VisitLine>,
    /// The code given on this call.
    pub coupon: Option<OfferedDiscount>,
    /// The step's discount for this cart, to start the coupon form from.
    pub suggested: DiscountDraft,
    /// The templates staff can send, and the step's.
    pub templates: Vec<(String, String)>,
    pub template_id: String,
    /// When the call's email went out.
    pub email_sent_at: Option<DateTime<Utc>>,
}

/// What logging a call came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CallLogged {
    /// Logged; `stopped`: the outcome stopped the cart's reminders.
    Logged { stopped: bool },
    /// Nothing logged: what is wrong.
    Invalid(CallLogError),
    /// Another member logged it first.
    AlreadyDone,
}

/// What giving a code on the call came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CouponGiven {
    Given(OfferedDiscount),
    /// Nothing made: each problem by its field ("value", "validity_days", "kind").
    Invalid(Vec<(String, StepIssue)>),
    /// The call gave one already: a call gives at most one.
    AlreadyGiven(OfferedDiscount),
}

/// The call's email: its preview, or what sending it came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CallEmailOutcome {
    Preview(RenderedEmail),
    Sent,
    /// The call sent its email already.
    AlreadySent,
    /// The template has no content the customer reads, or is gone.
    NoContent,
    /// The customer unsubscribed, or the address bounced for good: no email.
    Unsubscribed,
    /// The mail server refused or could not be reached: nothing was recorded, try again.
    NotSent(String),
}

/// The shop's call tasks.
#[server(prefix = "/admin/fn", endpoint = "list_calls", input = Json)]
pub async fn list_calls(shop: String, filter: CallFilter) -> Result<Vec<CallLine>, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    let mine = filter.mine.then_some(scope.admin.user_id.as_str());
    crate::error::with_status(Ok(scope
        .backend
        .calls(&scope.shop, filter.done, mine)
        .await?))
}

/// One call task with everything the call needs.
#[server(prefix = "/admin/fn", endpoint = "load_call")]
pub async fn load_call(shop: String, id: String) -> Result<CallScreen, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    crate::error::with_status(
        scope
            .backend
            .call_screen(&scope.shop, &id, Utc::now())
            .await?
            .ok_or(AppError::NotFound),
    )
}

/// Logs the call's outcome and notes; the outcome may stop the cart's reminders.
#[server(prefix = "/admin/fn", endpoint = "log_call")]
pub async fn log_call(
    shop: String,
    id: String,
    outcome: String,
    notes: String,
) -> Result<CallLogged, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    let log = match domain::calls::CallLog::parse(&outcome, &notes) {
        Ok(log) => log,
        Err(error) => return Ok(CallLogged::Invalid(error)),
    };
    let logged = scope
        .backend
        .log_call(&scope.shop, &id, &log, &scope.admin.email, Utc::now())
        .await?;
    if let Some(CallLogged::Logged { .. }) = &logged {
        scope
            .audit(
                domain::audit::AuditAction::CallLogged,
                &id,
                None,
                Some(format!("{} {}", log.outcome.as_str(), log.notes)),
            )
            .await;
    }
    crate::error::with_status(logged.ok_or(AppError::NotFound))
}

/// Makes a code for the call's customer, with the discount staff chose.
#[server(prefix = "/admin/fn", endpoint = "give_call_coupon", input = Json)]
pub async fn give_call_coupon(
    shop: String,
    id: String,
    discount: DiscountDraft,
) -> Result<CouponGiven, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    let parsed = match discount.parse() {
        Ok(Some(discount)) => discount,
        Ok(None) => {
            return Ok(CouponGiven::Invalid(vec![(
                "kind".into(),
                StepIssue::RangeWithoutDiscount,
            )]))
        }
        Err(problems) => {
            return Ok(CouponGiven::Invalid(
                problems
                    .into_iter()
                    .map(|(field, issue)| (field.to_owned(), issue))
                    .collect(),
            ))
        }
    };
    let given = scope
        .backend
        .give_call_coupon(&scope.shop, &id, &parsed, Utc::now())
        .await?;
    if let Some(CouponGiven::Given(coupon)) = &given {
        scope
            .audit(
                domain::audit::AuditAction::CallCouponGiven,
                &id,
                None,
                Some(coupon.code.clone()),
            )
            .await;
    }
    crate::error::with_status(given.ok_or(AppError::NotFound))
}

/// The call's email from `template`: its preview, or (`send`) sent to the customer.
#[server(prefix = "/admin/fn", endpoint = "call_email")]
pub async fn call_email(
    shop: String,
    id: String,
    template: String,
    send: bool,
) -> Result<CallEmailOutcome, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    let email = scope
        .backend
        .call_email(&scope.shop, &id, &template, send, Utc::now())
        .await?;
    crate::error::with_status(email.ok_or(AppError::NotFound))
}
