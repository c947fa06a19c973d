//! One pass of deciding over every cart that may be due, without writing anything: what
//! `relance run-once --dry-run` prints, and the first half of a real run.

use std::collections::BTreeMap;

use anyhow::Context;
use chrono::{DateTime, Utc};
use domain::engine::{decide, Action, Situation};
use domain::Campaign;
use serde::Serialize;

use crate::db::{self, engine, Pool};

/// A cart and what this pass does with it, in order: skipped steps, then at most one send, or
/// a wait. A skip lets the next step be decided in the same pass, as a real run does.
#[derive(Debug, Clone)]
pub struct PlannedCart {
    pub cart_id: String,
    pub customer_id: String,
    pub last_activity_at: DateTime<Utc>,
    pub external_id: String,
    pub email: String,
    pub actions: Vec<Action>,
    /// The merchant asked for this cart's next reminder now.
    pub requested: bool,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub now: DateTime<Utc>,
    pub shop_id: String,
    pub campaign: Campaign,
    pub carts: Vec<PlannedCart>,
}

/// The run summary, as `run-once --json` prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RunSummary {
    pub dry_run: bool,
    /// Steps that fell due: sent (or to send) plus skipped.
    pub due: u64,
    pub sent: u64,
    /// In a dry run: what a real run would send now.
    pub would_send: u64,
    pub skipped: BTreeMap<String, u64>,
    pub failed: u64,
    /// Failed for now (connection, 4xx), queued again with a backoff.
    pub retrying: u64,
    /// Open carts whose next step is not due yet.
    pub waiting: u64,
    /// When the next step falls due or a retry is due: the scheduler wakes then.
    pub next_due: Option<DateTime<Utc>>,
}

impl Plan {
    /// When `step_id` fell due for a cart last active at `last_activity_at`.
    pub fn due_at(&self, step_id: &str, last_activity_at: DateTime<Utc>) -> DateTime<Utc> {
        self.campaign
            .steps()
            .iter()
            .find(|step| step.id == step_id)
            .map_or(last_activity_at, |step| {
                last_activity_at + step.delay.duration()
            })
    }

    pub fn summary(&self) -> RunSummary {
        let mut summary = RunSummary {
            dry_run: true,
            ..RunSummary::default()
        };
        for cart in &self.carts {
            for action in &cart.actions {
                match action {
                    Action::Send { .. } => {
                        summary.due += 1;
                        summary.would_send += 1;
                    }
                    Action::Skip { reason, .. } => {
                        summary.due += 1;
                        *summary
                            .skipped
                            .entry(reason.as_str().to_owned())
                            .or_default() += 1;
                    }
                    Action::Wait { at } => {
                        summary.waiting += 1;
                        summary.next_due = Some(summary.next_due.map_or(*at, |t| t.min(*at)));
                    }
                    Action::Done => {}
                }
            }
        }
        summary
    }
}

/// Decides every open cart of the shop at `now`; `None` when there is no shop or campaign.
#[tracing::instrument(skip_all, fields(%now))]
pub async fn plan(pool: &Pool, now: DateTime<Utc>) -> anyhow::Result<Option<Plan>> {
    let Some(shop) = db::first_shop(pool).await? else {
        return Ok(None);
    };
    let Some(campaign) = db::load_campaign(pool, &shop.id).await? else {
        return Ok(None);
    };
    let templates = db::load_templates(pool, &shop.id).await?;
    let settings = engine::engine_settings(pool, &shop.id).await?;
    let Some(first_delay) = campaign
        .steps()
        .iter()
        .filter(|step| step.enabled)
        .map(|step| step.delay.duration())
        .min()
    else {
        return Ok(Some(Plan {
            now,
            shop_id: shop.id,
            campaign,
            carts: Vec::new(),
        }));
    };
    let candidates = engine::candidates(pool, &shop.id, now - first_delay)
        .await
        .context("cannot load the carts that may be due")?;
    let done = engine::done_steps(pool, &shop.id).await?;
    let last_reminders = engine::last_reminders(pool, &shop.id).await?;
    let last_coupons = engine::last_coupons(pool, &shop.id).await?;
    let suppressions = engine::suppressions(pool, &shop.id).await?;
    let requested = engine::requested_carts(pool, &shop.id).await?;

    let mut carts = Vec::with_capacity(candidates.len());
    for candidate in &candidates {
        let mut done_steps = done.get(&candidate.cart_id).cloned().unwrap_or_default();
        let suppression = suppressions
            .get(&candidate.customer.email.as_str().to_ascii_lowercase())
            .copied();
        let mut actions = Vec::new();
        let is_requested = requested.contains(&candidate.cart_id);
        // "Send the next reminder now": the next step's delay counts as already passed.
        let mut shift = chrono::Duration::zero();
        loop {
            let situation = Situation {
                cart: &candidate.cart,
                customer: &candidate.customer,
                last_activity_at: candidate.last_activity_at - shift,
                ordered: false,
                deleted: false,
                unsubscribed: suppression == Some(false),
                suppressed: suppression == Some(true),
                done_steps: &done_steps,
                last_reminder_at: last_reminders.get(&candidate.customer_id).copied(),
                last_coupon_at: last_coupons.get(&candidate.customer_id).copied(),
            };
            let action = decide(
                &campaign,
                &situation,
                |id| templates.iter().find(|t| t.id == id),
                &settings.rules,
                now,
            );
            if let Action::Wait { at } = action {
                if is_requested && shift.is_zero() && at > now {
                    shift = at - now;
                    continue;
                }
            }
            let next = match &action {
                Action::Skip { step_id, .. } => Some(step_id.clone()),
                _ => None,
            };
            if action != Action::Done {
                actions.push(action);
            }
            match next {
                Some(step_id) => done_steps.push(step_id),
                None => break,
            }
        }
        if !actions.is_empty() || is_requested {
            carts.push(PlannedCart {
                cart_id: candidate.cart_id.clone(),
                customer_id: candidate.customer_id.clone(),
                last_activity_at: candidate.last_activity_at,
                external_id: candidate.cart.id.clone(),
                email: candidate.customer.email.as_str().to_owned(),
                actions,
                requested: is_requested,
            });
        }
    }
    Ok(Some(Plan {
        now,
        shop_id: shop.id,
        campaign,
        carts,
    }))
}
