//! The Calls queue's part of the backend: call tasks, their outcomes, and what staff give and
//! send from the call screen.

use async_trait::async_trait;
use domain::calls::CallLog;
use domain::{Discount, Shop};

use super::BackendError;
use crate::api::{CallEmailOutcome, CallLine, CallLogged, CallScreen, CouponGiven};

#[async_trait]
pub trait CallsBackend {
    /// The shop's open tasks (or logged ones with `done`); `mine`: a member's own and the
    /// unassigned ones.
    async fn calls(
        &self,
        shop: &Shop,
        done: bool,
        mine: Option<&str>,
    ) -> Result<Vec<CallLine>, BackendError>;

    /// One task with everything the call needs; `None` when it is not the shop's.
    async fn call_screen(
        &self,
        shop: &Shop,
        id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<CallScreen>, BackendError>;

    /// Logs the outcome (by the member's email); `None` when the task is not the shop's.
    async fn log_call(
        &self,
        shop: &Shop,
        id: &str,
        log: &CallLog,
        by: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<CallLogged>, BackendError>;

    /// Makes the call's code; `None` when the task is not the shop's.
    async fn give_call_coupon(
        &self,
        shop: &Shop,
        id: &str,
        discount: &Discount,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<CouponGiven>, BackendError>;

    /// The call's email from `template`, previewed or sent; `None` when the task is not the
    /// shop's.
    async fn call_email(
        &self,
        shop: &Shop,
        id: &str,
        template: &str,
        send: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<CallEmailOutcome>, BackendError>;
}
