//! The Calls queue and call screen, for the admin's backend.

use app::api::{
    CallEmailOutcome, CallLine, CallLogged, CallScreen, CouponGiven, TimelineEntry, VisitLine,
};
use app::backend::{BackendError, CallsBackend};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::calls::{CallLog, CallOutcome};
use domain::campaign::DiscountDraft;
use domain::{Campaign, Currency, Discount, Shop};

use super::backend::DbBackend;
use crate::calls::{self as call_mail, Sent};
use crate::db::calls::{self, Logged, QueueFilter, TaskRow};
use crate::db::{self, money::from_db};

/// Tasks the queue lists at most.
const QUEUE_LIMIT: i64 = 200;

fn currency(code: &str) -> Currency {
    Currency::parse(code).unwrap_or(Currency::EUR)
}

fn rule_name(campaigns: &[Campaign], id: &str) -> String {
    campaigns
        .iter()
        .find(|c| c.id() == id)
        .map_or_else(String::new, |c| c.name().to_owned())
}

fn customer_name(task: &TaskRow) -> String {
    let name = format!("{} {}", task.first_name, task.last_name);
    let name = name.trim();
    if name.is_empty() {
        task.email.clone()
    } else {
        name.to_owned()
    }
}

fn line(task: TaskRow, campaigns: &[Campaign]) -> CallLine {
    CallLine {
        customer: customer_name(&task),
        rule: rule_name(campaigns, &task.campaign_id),
        total: from_db(task.total_tax_incl),
        currency: currency(&task.currency),
        outcome: task.outcome.as_deref().and_then(CallOutcome::parse),
        id: task.task_id,
        due_at: task.due_at,
        phone: task.phone,
        assignee: task.assignee_email,
        done_by: task.done_by,
        done_at: task.done_at,
    }
}

#[async_trait]
impl CallsBackend for DbBackend {
    async fn calls(
        &self,
        shop: &Shop,
        done: bool,
        mine: Option<&str>,
    ) -> Result<Vec<CallLine>, BackendError> {
        let filter = if done {
            QueueFilter::Done
        } else {
            QueueFilter::Open
        };
        let pool = self.pool();
        let tasks = calls::queue(pool, &shop.id, filter, mine, QUEUE_LIMIT).await?;
        let campaigns = db::campaigns::load_campaigns(pool, &shop.id).await?;
        Ok(tasks.into_iter().map(|t| line(t, &campaigns)).collect())
    }

    async fn call_screen(
        &self,
        shop: &Shop,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<CallScreen>, BackendError> {
        let pool = self.pool();
        let Some(task) = calls::task(pool, &shop.id, id).await? else {
            return Ok(None);
        };
        let Some(detail) = super::carts::cart_detail(pool, shop, &task.cart_id, now).await? else {
            return Ok(None);
        };
        let Some(customer) = detail.customer else {
            return Ok(None);
        };
        let campaigns = db::campaigns::load_campaigns(pool, &shop.id).await?;
        let step = campaigns
            .iter()
            .flat_map(|c| c.steps())
            .find(|s| s.id == task.step_id);
        let suggested = db::render_data::cart_with_customer(pool, &shop.id, &task.cart_id)
            .await?
            .and_then(|(_, cart)| step?.discount.pick(&cart))
            .map_or_else(
                || DiscountDraft::percent("10"),
                |d| DiscountDraft::from_discount(&d),
            );
        let templates = db::load_templates(pool, &shop.id)
            .await?
            .into_iter()
            .map(|t| (t.id.clone(), t.name.clone()))
            .collect();
        let visits = calls::visits(pool, &task.customer_id)
            .await?
            .into_iter()
            .map(|v| VisitLine {
                total: from_db(v.total_tax_incl),
                currency: currency(&v.currency),
                ordered: v.ordered_at.is_some(),
                cart_id: v.cart_id,
                external_id: v.external_id,
                at: v.last_activity_at,
            })
            .collect();
        Ok(Some(CallScreen {
            rule: rule_name(&campaigns, &task.campaign_id),
            outcome: task.outcome.as_deref().and_then(CallOutcome::parse),
            customer,
            address: task.address.clone(),
            currency: detail.currency,
            items: detail.items,
            total_tax_incl: detail.total_tax_incl,
            cart_url: detail.url,
            reminders: detail
                .timeline
                .into_iter()
                .filter(|e| matches!(e, TimelineEntry::Reminder { .. }))
                .collect(),
            active_coupons: calls::active_coupons(pool, &task.customer_id, now).await?,
            visits,
            coupon: calls::call_coupon(pool, &task.task_id).await?,
            suggested,
            templates,
            template_id: step.map(|s| s.template_id.clone()).unwrap_or_default(),
            email_sent_at: calls::call_email_at(pool, &task).await?,
            ordered: task.ordered_at.is_some(),
            stopped: task.reminders_stopped_at.is_some(),
            id: task.task_id,
            cart_id: task.cart_id,
            external_id: task.external_id,
            due_at: task.due_at,
            assignee: task.assignee_email,
            notes: task.notes,
            done_by: task.done_by,
            done_at: task.done_at,
        }))
    }

    async fn log_call(
        &self,
        shop: &Shop,
        id: &str,
        log: &CallLog,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<CallLogged>, BackendError> {
        Ok(
            match calls::log_outcome(self.pool(), &shop.id, id, log, by, now).await? {
                Logged::Logged { stopped } => Some(CallLogged::Logged { stopped }),
                Logged::AlreadyDone => Some(CallLogged::AlreadyDone),
                Logged::NotFound => None,
            },
        )
    }

    async fn give_call_coupon(
        &self,
        shop: &Shop,
        id: &str,
        discount: &Discount,
        now: DateTime<Utc>,
    ) -> Result<Option<CouponGiven>, BackendError> {
        let pool = self.pool();
        let Some(task) = calls::task(pool, &shop.id, id).await? else {
            return Ok(None);
        };
        let prefix = db::engine::engine_settings(pool, &shop.id)
            .await?
            .coupon_prefix;
        Ok(Some(
            match calls::give_coupon(pool, &shop.id, &task, discount, &prefix, now).await? {
                Some(coupon) => CouponGiven::Given(coupon),
                None => match calls::call_coupon(pool, &task.task_id).await? {
                    Some(coupon) => CouponGiven::AlreadyGiven(coupon),
                    None => return Err(BackendError::new(anyhow::anyhow!("no code was made"))),
                },
            },
        ))
    }

    async fn call_email(
        &self,
        shop: &Shop,
        id: &str,
        template: &str,
        send: bool,
        now: DateTime<Utc>,
    ) -> Result<Option<CallEmailOutcome>, BackendError> {
        let pool = self.pool();
        let Some(task) = calls::task(pool, &shop.id, id).await? else {
            return Ok(None);
        };
        let engine = self.engine();
        if !send {
            // The preview is no delivery: no open pixel, and links that lead nowhere.
            let preview = call_mail::render_call_email(engine, shop, &task, template, None)
                .await
                .map_err(BackendError::new)?;
            return Ok(Some(match preview {
                Some(email) => CallEmailOutcome::Preview(email),
                None => CallEmailOutcome::NoContent,
            }));
        }
        Ok(Some(
            match call_mail::send_call_email(engine, shop, &task, template, now)
                .await
                .map_err(BackendError::new)?
            {
                Sent::Sent => CallEmailOutcome::Sent,
                Sent::AlreadySent => CallEmailOutcome::AlreadySent,
                Sent::NoContent => CallEmailOutcome::NoContent,
                Sent::Unsubscribed => CallEmailOutcome::Unsubscribed,
                Sent::Failed(error) => CallEmailOutcome::NotSent(error),
            },
        ))
    }
}
