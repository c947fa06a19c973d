//! One real pass of the engine: write every decision of the plan (queued or skipped rows), then
//! drain the queue: claim, check the cart again, render, send, record.

use std::collections::VecDeque;
use std::sync::Arc;

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use domain::email::{render, EmailLinks, RenderContext, RenderError};
use domain::engine::{Action, SkipReason};
use domain::{Campaign, Cart, EmailTemplate, Shop};
use futures_util::stream::{FuturesUnordered, StreamExt};
use rand_core::{OsRng, RngCore};
use tokio::sync::mpsc;

use super::plan::{due_at, PlannedCart, Planner, RunSummary};
use crate::db::deliveries::{self, Claimed, DeliveryKey, Record, ToQueue};
use crate::db::sending::{self, Prepared};
use crate::db::{self, engine, Pool};
use crate::links::{LinkKind, LinkSigner};
use crate::mail::{build_message, MailError, MailTransport, OutgoingEmail};

/// How long a worker holds a claimed delivery; a crashed worker's rows come back after this.
const LEASE: Duration = Duration::minutes(5);
/// Deliveries claimed at a time; their outcomes are written in one transaction.
const BATCH: i64 = 200;
/// Reminders in flight at once. lettre writes the final `.` of a message in its own small
/// packet without TCP_NODELAY, so a single connection waits out the peer's delayed ACK (40 ms)
/// on many messages; several connections of its pool hide those waits.
const IN_FLIGHT: usize = crate::mail::SMTP_CONNECTIONS as usize;

/// What sending needs besides the database.
#[derive(Clone)]
pub struct Sender {
    pub pool: Pool,
    pub mail: Arc<dyn MailTransport>,
    pub mail_from: String,
    pub signer: LinkSigner,
    /// The host part of Message-IDs (from RELANCE_PUBLIC_URL).
    pub message_host: String,
}

/// The wait before attempt `attempts + 1`: one minute doubling up to six hours, ±20 % so that
/// many failed mails do not come back at the same second.
pub fn backoff(attempts: i64, jitter: f64) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    let base = (60_i64.saturating_mul(2_i64.saturating_pow(exponent))).min(6 * 3600);
    let factor = 0.8 + 0.4 * jitter.clamp(0.0, 1.0);
    Duration::seconds((base as f64 * factor).round() as i64)
}

fn jitter() -> f64 {
    f64::from(OsRng.next_u32()) / f64::from(u32::MAX)
}

/// Runs one pass at `now`: decisions written page by page while every due queued delivery is
/// sent, the sends starting as soon as the first page is written.
#[tracing::instrument(skip_all, fields(%now))]
pub async fn run_pass(sender: &Sender, now: DateTime<Utc>) -> anyhow::Result<RunSummary> {
    let pool = &sender.pool;
    let Some(planner) = Planner::start(pool, now).await? else {
        return Ok(RunSummary::default());
    };
    let started = std::time::Instant::now();
    let (shop_id, campaign) = (planner.shop_id.clone(), planner.campaign.clone());
    // A page written wakes the feeder; one pending wake-up is enough, so the decider never waits.
    let (written, pages) = mpsc::channel::<()>(1);
    let decider = tokio::spawn(decide(pool.clone(), planner, written));
    let mut summary = RunSummary::default();
    let drained = drain(sender, &campaign, now, pages, &mut summary).await;
    let decided = decider.await.context("the decider failed")??;
    drained?;
    summary.merge(decided);
    tracing::info!(
        due = summary.due,
        sent = summary.sent,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "engine pass"
    );
    let deleted = engine::delete_expired_coupons(pool, &shop_id, now).await?;
    if deleted > 0 {
        tracing::info!(deleted, "deleted expired unused coupon codes");
    }
    let (retry_at,): (Option<DateTime<Utc>>,) = sqlx::query_as(
        "select min(next_attempt_at) from deliveries where status = 'queued' and shop_id = $1",
    )
    .bind(&shop_id)
    .fetch_one(pool)
    .await?;
    if let Some(retry_at) = retry_at {
        summary.next_due = Some(summary.next_due.map_or(retry_at, |t| t.min(retry_at)));
    }
    Ok(summary)
}

/// Decides every page and writes its decisions, waking the feeder after each.
async fn decide(
    pool: Pool,
    mut planner: Planner,
    written: mpsc::Sender<()>,
) -> anyhow::Result<RunSummary> {
    let started = std::time::Instant::now();
    let mut summary = RunSummary::default();
    while let Some(page) = planner.next_page(&pool).await? {
        write_decisions(&pool, &planner, &page, &mut summary).await?;
        let _ = written.try_send(());
    }
    tracing::debug!(
        elapsed_ms = started.elapsed().as_millis() as u64,
        "decisions written"
    );
    Ok(summary)
}

/// Writes a page of decisions in one transaction: a queued row (and its coupon) per send, a
/// skipped row per skip. Rows already there (an overlapping run) are left as they are.
async fn write_decisions(
    pool: &Pool,
    planner: &Planner,
    page: &[PlannedCart],
    summary: &mut RunSummary,
) -> anyhow::Result<()> {
    let now = planner.now;
    let mut tx = pool.begin().await?;
    let mut to_queue = Vec::new();
    for cart in page {
        for action in &cart.actions {
            let (step_id, due_at) = match action {
                Action::Send { step_id, .. } | Action::Skip { step_id, .. } => (
                    step_id,
                    due_at(&planner.campaign, step_id, cart.last_activity_at),
                ),
                Action::Wait { at } => {
                    summary.add_wait(*at);
                    continue;
                }
                Action::Done => continue,
            };
            let key = DeliveryKey {
                shop_id: &planner.shop_id,
                cart_id: &cart.cart_id,
                customer_id: &cart.customer_id,
                campaign_id: planner.campaign.id(),
                step_id,
                due_at,
            };
            match action {
                Action::Skip { reason, .. }
                    if deliveries::record_skip(&mut tx, &key, *reason, now).await? =>
                {
                    summary.due += 1;
                    *summary
                        .skipped
                        .entry(reason.as_str().to_owned())
                        .or_default() += 1;
                }
                Action::Send {
                    language, discount, ..
                } => to_queue.push(ToQueue {
                    key,
                    language: *language,
                    discount: discount.as_ref(),
                }),
                _ => {}
            }
        }
        if cart.requested {
            engine::mark_requests_handled(&mut tx, &cart.cart_id, now).await?;
        }
    }
    let queued =
        deliveries::enqueue_many(&mut tx, &to_queue, &planner.settings.coupon_prefix, now).await?;
    summary.due += queued.iter().flatten().count() as u64;
    tx.commit().await?;
    Ok(())
}

/// What started a run, as the run history records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Scheduler,
    Cron,
    Cli,
    /// "Run now" in the Automatic sending tab.
    Admin,
}

impl Trigger {
    fn as_str(self) -> &'static str {
        match self {
            Self::Scheduler => "scheduler",
            Self::Cron => "cron",
            Self::Cli => "cli",
            Self::Admin => "admin",
        }
    }
}

/// Runs a pass unless another run holds the engine's lock (then `None`: "already running"),
/// and records the run. `now` is the engine's clock; the lock uses the wall clock.
pub async fn run_locked(
    sender: &Sender,
    trigger: Trigger,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<RunSummary>> {
    let pool = &sender.pool;
    let started = Utc::now();
    let Some(lock) = super::lock::try_lock(pool, started).await? else {
        return Ok(None);
    };
    let result = run_pass(sender, now).await;
    record_run(pool, trigger, started, &result).await;
    lock.release(pool).await?;
    result.map(Some)
}

/// Runs a pass without the engine's lock and records it: `relance run-once`. A run-once
/// killed mid-batch would otherwise keep the lock for its whole hold time; two passes at once
/// are safe anyway, because the claims' leases give each queued reminder to one of them.
pub async fn run_recorded(
    sender: &Sender,
    trigger: Trigger,
    now: DateTime<Utc>,
) -> anyhow::Result<RunSummary> {
    let started = Utc::now();
    let result = run_pass(sender, now).await;
    record_run(&sender.pool, trigger, started, &result).await;
    result
}

/// Adds a finished run to the history the Automatic sending tab shows; a failure to record
/// is logged, never turned into a failed run.
async fn record_run(
    pool: &crate::db::Pool,
    trigger: Trigger,
    started: DateTime<Utc>,
    result: &anyhow::Result<RunSummary>,
) {
    let (summary_json, error) = match result {
        Ok(summary) => (serde_json::to_string(summary).ok(), None),
        Err(error) => (None, Some(format!("{error:#}"))),
    };
    let recorded = sqlx::query(
        "insert into engine_runs (run_id, trigger, started_at, finished_at, summary_json, error)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(crate::db::new_id())
    .bind(trigger.as_str())
    .bind(started)
    .bind(Utc::now())
    .bind(summary_json)
    .bind(error)
    .execute(pool)
    .await;
    if let Err(error) = recorded {
        tracing::error!(%error, "cannot record an engine run");
    }
}

/// Sends every queued delivery that is due at `now`.
///
/// Three stages run side by side, so the database's thread and the sends keep both cores
/// busy: a feeder claims and reads the next batches, this loop keeps up to IN_FLIGHT sends
/// going (rendering runs on every core), and a recorder writes finished batches.
async fn drain(
    sender: &Sender,
    campaign: &Campaign,
    now: DateTime<Utc>,
    pages: mpsc::Receiver<()>,
    summary: &mut RunSummary,
) -> anyhow::Result<()> {
    let pool = &sender.pool;
    let shop = db::first_shop(pool).await?.context("the shop is gone")?;
    let templates = db::load_templates(pool, &shop.id).await?;
    let max_attempts = max_attempts(pool, &shop.id).await?;
    let identity = engine::mail_identity(pool, &shop.id).await?;
    let shared = Arc::new(Pass {
        from: identity.from_header(&sender.mail_from),
        reply_to: identity.reply_to(),
        shop,
        campaign: campaign.clone(),
        templates,
    });
    // One batch being sent and one ready: claims stay a few hundred rows ahead of the sends.
    let (batches, mut claimed) = mpsc::channel::<Vec<(Claimed, Option<Prepared>)>>(1);
    let feeder = tokio::spawn(feed(pool.clone(), now, pages, batches));
    let (finished, outcomes) = mpsc::channel::<Vec<Record>>(2);
    let recorder = tokio::spawn(record(pool.clone(), now, outcomes));

    let mut queue: VecDeque<(Claimed, Option<Prepared>)> = VecDeque::new();
    let mut in_flight = FuturesUnordered::new();
    let mut records = Vec::with_capacity(BATCH as usize);
    let mut exhausted = false;
    loop {
        if !exhausted && queue.len() < IN_FLIGHT {
            match claimed.recv().await {
                Some(batch) => queue.extend(batch),
                None => exhausted = true,
            }
        }
        while in_flight.len() < IN_FLIGHT {
            let Some((delivery, prepared)) = queue.pop_front() else {
                break;
            };
            let (sender, shared) = (sender.clone(), shared.clone());
            in_flight.push(tokio::spawn(async move {
                deliver(&sender, &shared, &delivery, prepared, max_attempts, now).await
            }));
        }
        let Some(done) = in_flight.next().await else {
            if exhausted && queue.is_empty() {
                break;
            }
            continue;
        };
        let (outcome, record) = done.context("a send task failed")??;
        records.push(record);
        match outcome {
            Outcome::Sent => summary.sent += 1,
            Outcome::Skipped(reason) => {
                *summary
                    .skipped
                    .entry(reason.as_str().to_owned())
                    .or_default() += 1
            }
            Outcome::Retrying => summary.retrying += 1,
            Outcome::Failed => summary.failed += 1,
        }
        if records.len() >= BATCH as usize {
            let batch = std::mem::replace(&mut records, Vec::with_capacity(BATCH as usize));
            if finished.send(batch).await.is_err() {
                break; // the recorder stopped on an error, returned below
            }
        }
    }
    if !records.is_empty() {
        let _ = finished.send(records).await;
    }
    drop(finished);
    drop(claimed);
    let recorded = recorder.await.context("the recorder failed")?;
    let fed = feeder.await.context("the feeder failed")?;
    recorded?;
    fed
}

/// Claims due deliveries a batch at a time and reads what sending them needs, until the
/// decider has written its last page and none is left, or the sending loop stops listening.
async fn feed(
    pool: Pool,
    now: DateTime<Utc>,
    mut pages: mpsc::Receiver<()>,
    batches: mpsc::Sender<Vec<(Claimed, Option<Prepared>)>>,
) -> anyhow::Result<()> {
    let mut decided = false;
    loop {
        let claimed = deliveries::claim(&pool, now, LEASE, BATCH).await?;
        if claimed.is_empty() {
            if decided {
                return Ok(());
            }
            // Wait for the next page; once the decider is done, one last look.
            decided = pages.recv().await.is_none();
            continue;
        }
        let mut prepared = sending::prepare(&pool, &claimed).await?;
        let batch = claimed
            .into_iter()
            .map(|delivery| {
                let prepared = prepared.remove(&delivery.delivery_id);
                (delivery, prepared)
            })
            .collect();
        if batches.send(batch).await.is_err() {
            // The sending loop failed; the claimed rows come back when their lease ends.
            return Ok(());
        }
    }
}

/// Writes each batch of outcomes as it comes.
async fn record(
    pool: Pool,
    now: DateTime<Utc>,
    mut outcomes: mpsc::Receiver<Vec<Record>>,
) -> anyhow::Result<()> {
    while let Some(records) = outcomes.recv().await {
        deliveries::write_records(&pool, &records, now).await?;
    }
    Ok(())
}

async fn max_attempts(pool: &Pool, shop_id: &str) -> anyhow::Result<i64> {
    let row: Option<(i64,)> =
        sqlx::query_as("select max_attempts from shop_settings where shop_id = $1")
            .bind(shop_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map_or(5, |(n,)| n))
}

enum Outcome {
    Sent,
    Skipped(SkipReason),
    Retrying,
    Failed,
}

/// The links of one delivery, each signed for it.
fn signed_links(signer: &LinkSigner, delivery_id: &str, shop: &Shop, cart: &Cart) -> EmailLinks {
    EmailLinks {
        cart: signer.url(LinkKind::Recover, delivery_id, ""),
        shop: signer.url(LinkKind::Click, delivery_id, shop.url.as_str()),
        unsubscribe: signer.url(LinkKind::Unsubscribe, delivery_id, ""),
        products: cart
            .items
            .iter()
            .map(|item| {
                item.product_url
                    .as_ref()
                    .map(|url| signer.url(LinkKind::Click, delivery_id, url.as_str()))
            })
            .collect(),
        open_pixel: Some(signer.url(LinkKind::Open, delivery_id, "")),
    }
}

/// What every send of a pass shares.
struct Pass {
    shop: Shop,
    campaign: Campaign,
    templates: Vec<EmailTemplate>,
    from: String,
    reply_to: Option<String>,
}

async fn deliver(
    sender: &Sender,
    pass: &Pass,
    delivery: &Claimed,
    prepared: Option<Prepared>,
    max_attempts: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<(Outcome, Record)> {
    let id = delivery.delivery_id.clone();
    let skipped = |reason| {
        (
            Outcome::Skipped(reason),
            Record::Skipped {
                delivery_id: id.clone(),
                reason,
            },
        )
    };
    let Some(check) = prepared else {
        return Ok(skipped(SkipReason::Deleted));
    };
    let Pass {
        shop,
        campaign,
        templates,
        ..
    } = pass;
    // Things change between the decision and the send: an order, an unsubscribe, a bounce.
    let stop = if check.ordered {
        Some(SkipReason::Ordered)
    } else if check.deleted {
        Some(SkipReason::Deleted)
    } else if check.product_count == 0 {
        Some(SkipReason::Emptied)
    } else {
        match check.suppression.as_deref() {
            Some("permanent_bounce") => Some(SkipReason::Suppressed),
            Some(_) => Some(SkipReason::Unsubscribed),
            None => None,
        }
    };
    let template = campaign
        .steps()
        .iter()
        .find(|step| step.id == delivery.step_id)
        .and_then(|step| templates.iter().find(|t| t.id == step.template_id));
    let stop = stop.or(template.is_none().then_some(SkipReason::TemplateMissing));
    if let Some(reason) = stop {
        return Ok(skipped(reason));
    }
    let template = template.expect("checked above");
    let context = RenderContext {
        links: signed_links(&sender.signer, &delivery.delivery_id, shop, &check.cart),
        shop: shop.clone(),
        customer: check.customer,
        cart: check.cart,
        discount: check.coupon,
    };
    let email = match render(template, &context) {
        Ok(email) => email,
        Err(RenderError::NoContentForLanguage { .. }) => {
            return Ok(skipped(SkipReason::NoContentForLanguage));
        }
        Err(error) => return Err(error).context("cannot render a reminder"),
    };
    let message_id = format!("<{}@{}>", delivery.delivery_id, sender.message_host);
    let outgoing = OutgoingEmail {
        to: check.email.clone(),
        subject: email.subject,
        html: email.html,
        text: email.text,
        message_id: Some(message_id.clone()),
        unsubscribe_url: Some(context.links.unsubscribe.clone()),
        reply_to: pass.reply_to.clone(),
    };
    let sent = match build_message(&pass.from, &outgoing) {
        Ok(message) => sender.mail.send(message).await,
        Err(error) => Err(error),
    };
    Ok(match sent {
        Ok(()) => (
            Outcome::Sent,
            Record::Sent {
                delivery_id: id,
                message_id,
            },
        ),
        Err(MailError::Transport(error)) if delivery.attempts < max_attempts => {
            tracing::warn!(delivery = %id, %error, "sending failed, will retry");
            (
                Outcome::Retrying,
                Record::Retry {
                    delivery_id: id,
                    error,
                    retry_at: now + backoff(delivery.attempts, jitter()),
                },
            )
        }
        Err(error) => {
            let permanent = matches!(error, MailError::Permanent(_));
            tracing::warn!(delivery = %id, %error, permanent, "sending failed for good");
            (
                Outcome::Failed,
                Record::Failed {
                    delivery_id: id,
                    shop_id: delivery.shop_id.clone(),
                    email: check.email,
                    error: error.to_string(),
                    suppress: permanent,
                },
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_six_hours() {
        assert_eq!(backoff(1, 0.5), Duration::seconds(60));
        assert_eq!(backoff(2, 0.5), Duration::seconds(120));
        assert_eq!(backoff(4, 0.5), Duration::seconds(480));
        assert_eq!(backoff(30, 0.5), Duration::hours(6));
        assert_eq!(backoff(1, 0.0), Duration::seconds(48));
        assert_eq!(backoff(1, 1.0), Duration::seconds(72));
    }
}
