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

use domain::Language;
use sqlx::pool::PoolConnection;
use sqlx::{Connection, Sqlite, SqliteConnection};

use super::plan::{due_at, Decided, Planner, RunSummary};
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

/// A claimed delivery and what sending it needs; `None` when its cart or customer is gone.
type Ready = (Claimed, Option<Prepared>);

/// Runs one pass at `now`: decisions written page by page while the reminders they queue are
/// sent, the sends starting as soon as the first page is written.
///
/// Two sides run together. The store owns the pass's one database connection: it claims rows
/// queued before the pass, decides and writes each page of carts (its reminders queued already
/// claimed), and writes the sends' outcomes. The sending side keeps up to IN_FLIGHT sends
/// going (rendering runs on every core). One connection does every read and write, so no
/// commit of another connection empties its page cache.
#[tracing::instrument(skip_all, fields(%now))]
pub async fn run_pass(sender: &Sender, now: DateTime<Utc>) -> anyhow::Result<RunSummary> {
    let pool = &sender.pool;
    let Some(planner) = Planner::start(pool, now).await? else {
        return Ok(RunSummary::default());
    };
    let started = std::time::Instant::now();
    let (shop_id, campaign) = (planner.shop_id.clone(), planner.campaign.clone());
    // One batch being sent and one ready: claims stay a few hundred rows ahead of the sends.
    let (batches, ready) = mpsc::channel::<Vec<Ready>>(1);
    // Unbounded, so a send never waits for the store; the store reads it at every write.
    let (finished, outcomes) = mpsc::unbounded_channel::<Record>();
    let store = Store {
        conn: pool.acquire().await?,
        planner,
        batches,
        outcomes,
        pending: Pending::default(),
    };
    let store = tokio::spawn(store.run());
    let mut summary = RunSummary::default();
    let sent = send_all(sender, &campaign, now, ready, finished, &mut summary).await;
    let decided = store.await.context("the engine's store failed")??;
    sent?;
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

/// Outcomes written together at most: a commit per outcome would cost more than the
/// outcome's own rows (64 at a time: 4,811–4,899 reminders/s; 256: 5,378–5,648).
const RECORDS_PER_WRITE: usize = 256;
/// How long an outcome waits for others before it is written: a killed run repeats at most
/// the mails sent in this time and those in flight.
const RECORD_WAIT: std::time::Duration = std::time::Duration::from_millis(20);

/// Outcomes received from the sends and not written yet.
#[derive(Default)]
struct Pending {
    records: Vec<Record>,
    /// When the first of them has waited RECORD_WAIT.
    write_by: Option<tokio::time::Instant>,
}

impl Pending {
    /// Waits for more outcomes or for the first one's deadline; `false` once every send is
    /// done. Cancel-safe: it only receives, the caller writes.
    async fn receive(&mut self, outcomes: &mut mpsc::UnboundedReceiver<Record>) -> bool {
        let write_by = self.write_by;
        tokio::select! {
            received = outcomes.recv_many(&mut self.records, RECORDS_PER_WRITE) => {
                if received == 0 {
                    return false;
                }
                self.write_by
                    .get_or_insert_with(|| tokio::time::Instant::now() + RECORD_WAIT);
                true
            }
            () = tokio::time::sleep_until(write_by.unwrap_or_else(tokio::time::Instant::now)),
                if write_by.is_some() => true,
        }
    }

    /// Enough outcomes to write, or the first one waited long enough.
    fn due(&self) -> bool {
        self.records.len() >= RECORDS_PER_WRITE
            || self
                .write_by
                .is_some_and(|at| at <= tokio::time::Instant::now())
    }

    fn clear(&mut self) {
        self.records.clear();
        self.write_by = None;
    }
}

/// The pass's database side: every read and write of the pass on one connection.
struct Store {
    conn: PoolConnection<Sqlite>,
    planner: Planner,
    batches: mpsc::Sender<Vec<Ready>>,
    outcomes: mpsc::UnboundedReceiver<Record>,
    pending: Pending,
}

impl Store {
    /// Claims and hands out the rows queued before the pass (retries due, rows a dead run
    /// held), then decides and writes every page, then writes the outcomes until the last send
    /// is done. Returns the decisions' counts.
    async fn run(mut self) -> anyhow::Result<RunSummary> {
        let mut summary = RunSummary::default();
        let mut listening = self.claim_queued().await?;
        while listening {
            let Some(page) = self.planner.next_page(&mut self.conn).await? else {
                break;
            };
            let batch = self.write_page(page, &mut summary).await?;
            listening = self.dispatch(batch).await?;
        }
        if listening {
            // Leases that ran out during the pass.
            self.claim_queued().await?;
        }
        let Self {
            batches,
            mut outcomes,
            ..
        } = self;
        drop(batches);
        let now = self.planner.now;
        while self.pending.receive(&mut outcomes).await {
            if self.pending.due() {
                write_pending(&mut self.conn, &mut self.pending, now).await?;
            }
        }
        write_pending(&mut self.conn, &mut self.pending, now).await?;
        Ok(summary)
    }

    /// Claims queued due rows a batch at a time, reading what sending them needs in the same
    /// transaction; `false` once the sending side stopped listening.
    async fn claim_queued(&mut self) -> anyhow::Result<bool> {
        let now = self.planner.now;
        loop {
            let mut tx = self.conn.begin_with("BEGIN IMMEDIATE").await?;
            deliveries::write_records(&mut tx, &self.pending.records, now).await?;
            let claimed = deliveries::claim(&mut tx, now, LEASE, BATCH).await?;
            let mut prepared = sending::prepare(&mut tx, &claimed).await?;
            tx.commit().await?;
            self.pending.clear();
            if claimed.is_empty() {
                return Ok(true);
            }
            let batch = claimed
                .into_iter()
                .map(|delivery| {
                    let prepared = prepared.remove(&delivery.delivery_id);
                    (delivery, prepared)
                })
                .collect();
            if !self.dispatch(batch).await? {
                return Ok(false);
            }
        }
    }

    /// Writes a page of decisions in one transaction, with the outcomes received so far: a
    /// skipped row per skip, and per send a row queued already claimed (and its coupon), which
    /// is returned to be sent. Rows already there (an overlapping run) are left as they are.
    async fn write_page(
        &mut self,
        page: Vec<Decided>,
        summary: &mut RunSummary,
    ) -> anyhow::Result<Vec<Ready>> {
        let planner = &self.planner;
        let now = planner.now;
        let mut tx = self.conn.begin_with("BEGIN IMMEDIATE").await?;
        deliveries::write_records(&mut tx, &self.pending.records, now).await?;
        let mut to_queue = Vec::new();
        let mut sends = Vec::new();
        for (index, Decided { planned: cart, .. }) in page.iter().enumerate() {
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
                    } => {
                        to_queue.push(ToQueue {
                            key,
                            language: *language,
                            discount: discount.as_ref(),
                        });
                        sends.push(index);
                    }
                    _ => {}
                }
            }
            if cart.requested {
                engine::mark_requests_handled(&mut tx, &cart.cart_id, now).await?;
            }
        }
        let lease_until = Some(now + LEASE);
        let queued = deliveries::enqueue_many(
            &mut tx,
            &to_queue,
            &planner.settings.coupon_prefix,
            now,
            lease_until,
        )
        .await?;
        // Read again inside the transaction that claims them: an order or an unsubscribe that
        // arrived since the page was read stops the mail.
        let cart_ids: Vec<&str> = to_queue.iter().map(|item| item.key.cart_id).collect();
        let mut states = sending::states(&mut tx, &cart_ids).await?;
        tx.commit().await?;
        self.pending.clear();
        summary.due += queued.iter().flatten().count() as u64;

        let steps: Vec<(String, Language)> = to_queue
            .iter()
            .map(|item| (item.key.step_id.to_owned(), item.language))
            .collect();
        let mut page: Vec<Option<Decided>> = page.into_iter().map(Some).collect();
        let mut batch = Vec::with_capacity(queued.len());
        for ((queued, index), (step_id, language)) in queued.into_iter().zip(sends).zip(steps) {
            let (Some(queued), Some(Decided { candidate, .. })) = (queued, page[index].take())
            else {
                continue;
            };
            let claimed = Claimed {
                delivery_id: queued.delivery_id,
                shop_id: planner.shop_id.clone(),
                cart_id: candidate.cart_id,
                customer_id: candidate.customer_id,
                step_id,
                language: Some(language.code().to_owned()),
                attempts: 1,
            };
            let prepared = states.remove(&claimed.cart_id).map(|state| Prepared {
                state,
                email: candidate.customer.email.as_str().to_owned(),
                customer: candidate.customer,
                cart: candidate.cart,
                coupon: queued.coupon,
            });
            batch.push((claimed, prepared));
        }
        Ok(batch)
    }

    /// Hands a batch to the sending side, writing outcomes while it waits; `false` if the
    /// sending side stopped listening (its claims come back when their lease ends).
    async fn dispatch(&mut self, batch: Vec<Ready>) -> anyhow::Result<bool> {
        if batch.is_empty() {
            return Ok(true);
        }
        let now = self.planner.now;
        loop {
            tokio::select! {
                biased;
                permit = self.batches.reserve() => {
                    let Ok(permit) = permit else {
                        return Ok(false);
                    };
                    permit.send(batch);
                    return Ok(true);
                }
                _ = self.pending.receive(&mut self.outcomes) => {
                    if self.pending.due() {
                        write_pending(&mut self.conn, &mut self.pending, now).await?;
                    }
                }
            }
        }
    }
}

/// Writes the pending outcomes in a transaction of their own, and forgets them.
async fn write_pending(
    conn: &mut SqliteConnection,
    pending: &mut Pending,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    if pending.records.is_empty() {
        return Ok(());
    }
    // IMMEDIATE takes the write lock first, so this never fails half-way on a busy database.
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    deliveries::write_records(&mut tx, &pending.records, now).await?;
    tx.commit().await?;
    pending.clear();
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

/// Sends every batch the store hands out, up to IN_FLIGHT at once, and passes each outcome
/// back to the store as soon as it is known.
async fn send_all(
    sender: &Sender,
    campaign: &Campaign,
    now: DateTime<Utc>,
    mut ready: mpsc::Receiver<Vec<Ready>>,
    finished: mpsc::UnboundedSender<Record>,
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
    let mut queue: VecDeque<Ready> = VecDeque::new();
    let mut in_flight = FuturesUnordered::new();
    let mut exhausted = false;
    loop {
        if !exhausted && queue.len() < IN_FLIGHT {
            match ready.recv().await {
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
        if finished.send(record).is_err() {
            break; // the store stopped on an error, returned by the caller
        }
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
    let state = &check.state;
    let stop = if state.ordered {
        Some(SkipReason::Ordered)
    } else if state.deleted {
        Some(SkipReason::Deleted)
    } else if state.product_count == 0 {
        Some(SkipReason::Emptied)
    } else {
        match state.suppression.as_deref() {
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
    use chrono::TimeZone;

    use super::*;
    use crate::demo::{seed, DemoOptions};

    #[tokio::test]
    async fn a_page_queues_its_reminders_claimed_with_the_cart_as_it_is_inside_the_write() {
        let dir = tempfile::tempdir().unwrap();
        let pool = db::connect(&format!("sqlite://{}/pass.db", dir.path().display()))
            .await
            .unwrap();
        db::migrate(&pool).await.unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let options = DemoOptions {
            carts: 200,
            seed: 7,
            now,
            public_url: "http://127.0.0.1".into(),
            replace: true,
            days: 14,
            history: false,
        };
        seed(&pool, &options).await.unwrap();
        sqlx::query("update shop_settings set max_lateness_hours = 100000, min_gap_hours = 0")
            .execute(&pool)
            .await
            .unwrap();
        let (batches, _ready) = mpsc::channel(1);
        let (_finished, outcomes) = mpsc::unbounded_channel();
        let mut store = Store {
            conn: pool.acquire().await.unwrap(),
            planner: Planner::start(&pool, now).await.unwrap().unwrap(),
            batches,
            outcomes,
            pending: Pending::default(),
        };
        let mut page = None;
        while let Some(next) = store.planner.next_page(&mut store.conn).await.unwrap() {
            if !next.is_empty() {
                page = Some(next);
                break;
            }
        }
        let page = page.expect("a page with carts to remind");
        let sends = page
            .iter()
            .filter(|cart| matches!(cart.planned.actions.last(), Some(Action::Send { .. })))
            .count();
        // An order arrives after the page was read, before it is written.
        let ordered = page
            .iter()
            .find(|cart| matches!(cart.planned.actions.last(), Some(Action::Send { .. })))
            .unwrap()
            .candidate
            .cart_id
            .clone();
        sqlx::query("update carts set ordered_at = $1 where cart_id = $2")
            .bind(now)
            .bind(&ordered)
            .execute(&pool)
            .await
            .unwrap();

        let mut summary = RunSummary::default();
        let batch = store.write_page(page, &mut summary).await.unwrap();

        assert!(sends > 1);
        assert_eq!(batch.len(), sends);
        for (claimed, prepared) in &batch {
            let state = &prepared.as_ref().unwrap().state;
            assert_eq!(state.ordered, claimed.cart_id == ordered);
            assert_eq!(claimed.attempts, 1);
        }
        let held: Vec<(String, i64)> = sqlx::query_as(
            "select status, count(*) from deliveries where lease_until > $1 group by status",
        )
        .bind(now)
        .fetch_all(&pool)
        .await
        .unwrap();
        assert_eq!(held, [("queued".to_owned(), sends as i64)]);
        // Held by this run, so an overlapping run's claim does not take them.
        let mut conn = pool.acquire().await.unwrap();
        assert!(deliveries::claim(&mut conn, now, LEASE, 1000)
            .await
            .unwrap()
            .is_empty());
    }

    fn skipped() -> Record {
        Record::Skipped {
            delivery_id: "d".into(),
            reason: SkipReason::Ordered,
        }
    }

    #[tokio::test(start_paused = true)]
    async fn an_outcome_is_written_once_it_waited_twenty_milliseconds_or_a_batch_is_full() {
        let (finished, mut outcomes) = mpsc::unbounded_channel();
        let mut pending = Pending::default();
        finished.send(skipped()).unwrap();
        assert!(pending.receive(&mut outcomes).await);
        assert!(!pending.due(), "one outcome waits for others");
        tokio::time::advance(std::time::Duration::from_millis(5)).await;
        finished.send(skipped()).unwrap();
        assert!(pending.receive(&mut outcomes).await);
        assert!(!pending.due(), "the deadline is the first one's");
        // Nothing more comes: the wait ends at the first one's deadline.
        let started = tokio::time::Instant::now();
        assert!(pending.receive(&mut outcomes).await);
        assert!(pending.due());
        assert_eq!(started.elapsed(), std::time::Duration::from_millis(15));
        pending.clear();

        for _ in 0..RECORDS_PER_WRITE {
            finished.send(skipped()).unwrap();
        }
        assert!(pending.receive(&mut outcomes).await);
        assert!(pending.due(), "a full batch is written at once");
        pending.clear();
        drop(finished);
        assert!(!pending.receive(&mut outcomes).await, "every send is done");
    }

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
