//! The pass's database side: claims the rows queued before the pass, decides and writes each
//! page of carts (its reminders queued already claimed), and writes the sends' outcomes as they
//! come back, on one connection.

use crate::db::{Conn, PooledConn};
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use domain::engine::Action;
use domain::Language;
use tokio::sync::mpsc;

use super::deliver::Ready;
use super::plan::{Decided, Planner};
use super::summary::RunSummary;
use crate::db::calls;
use crate::db::deliveries::{self, Claimed, DeliveryKey, Queued, ToQueue};
use crate::db::engine;
use crate::db::outcomes::{self, Record};
use crate::db::sending::{self, CartState, Prepared};

/// How long a worker holds a claimed delivery; a crashed worker's rows come back after this.
const LEASE: Duration = Duration::minutes(5);
/// Deliveries claimed at a time; their outcomes are written in one transaction.
const BATCH: i64 = 200;

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

    /// Takes the outcomes already sent back, without waiting.
    fn collect(&mut self, outcomes: &mut mpsc::UnboundedReceiver<Record>) {
        while let Ok(record) = outcomes.try_recv() {
            self.records.push(record);
            self.write_by
                .get_or_insert_with(|| tokio::time::Instant::now() + RECORD_WAIT);
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
pub struct Store {
    conn: PooledConn,
    /// Several processes send (PostgreSQL): the pages' reminders are queued for any of them
    /// to claim, not claimed by this pass as they are written.
    shared: bool,
    planner: Planner,
    batches: mpsc::Sender<Vec<Ready>>,
    outcomes: mpsc::UnboundedReceiver<Record>,
    pending: Pending,
}

impl Store {
    pub fn new(
        conn: PooledConn,
        planner: Planner,
        batches: mpsc::Sender<Vec<Ready>>,
        outcomes: mpsc::UnboundedReceiver<Record>,
    ) -> Self {
        Self {
            shared: conn.dialect() == crate::db::Dialect::Postgres,
            conn,
            planner,
            batches,
            outcomes,
            pending: Pending::default(),
        }
    }

    /// Claims and hands out the rows queued before the pass (retries due, rows a dead run
    /// held), then decides and writes every page, then writes the outcomes until the last send
    /// is done. Returns the decisions' counts.
    pub async fn run(mut self) -> anyhow::Result<RunSummary> {
        let mut summary = RunSummary::default();
        let mut listening = self.claim_queued().await?;
        while listening {
            let Some(page) = self.planner.next_page(&mut self.conn.conn()).await? else {
                break;
            };
            let batch = self.write_page(page, &mut summary).await?;
            listening = if self.shared {
                // Planning is this pass's own work; sending is everyone's. A batch when the
                // sending side has room, so planning never waits on it: helpers (or the
                // final claims) take the rest.
                // The sends' outcomes are recorded as they come back, page by page, so a killed
                // leader repeats only what was in flight.
                self.pending.collect(&mut self.outcomes);
                if self.pending.due() {
                    let now = self.planner.now;
                    write_pending(&mut self.conn.conn(), &mut self.pending, now).await?;
                }
                if self.batches.capacity() > 0 {
                    self.claim_batches(Some(1)).await?
                } else {
                    true
                }
            } else {
                self.dispatch(batch).await?
            };
        }
        if listening {
            // Leases that ran out during the pass.
            self.claim_queued().await?;
        }
        self.finish().await?;
        Ok(summary)
    }

    /// Helps another process's pass (PostgreSQL): claims and hands out what it queues, a
    /// batch at a time, until its leader is done and nothing is left.
    pub async fn help(mut self, pool: &crate::db::Pool) -> anyhow::Result<RunSummary> {
        const LOOK_AGAIN: std::time::Duration = std::time::Duration::from_millis(100);
        while self.claim_queued().await? {
            if !super::lock::leader_running(pool, Utc::now()).await? {
                // What the leader queued last: its own final claim or this one takes it.
                self.claim_queued().await?;
                break;
            }
            let now = self.planner.now;
            if let Ok(true) =
                tokio::time::timeout(LOOK_AGAIN, self.pending.receive(&mut self.outcomes)).await
            {
                if self.pending.due() {
                    write_pending(&mut self.conn.conn(), &mut self.pending, now).await?;
                }
            }
        }
        self.finish().await?;
        Ok(RunSummary::default())
    }

    /// Lets the sending side finish, writing the outcomes as they come back.
    async fn finish(mut self) -> anyhow::Result<()> {
        let Self {
            batches,
            mut outcomes,
            ..
        } = self;
        drop(batches);
        let now = self.planner.now;
        while self.pending.receive(&mut outcomes).await {
            if self.pending.due() {
                write_pending(&mut self.conn.conn(), &mut self.pending, now).await?;
            }
        }
        write_pending(&mut self.conn.conn(), &mut self.pending, now).await?;
        Ok(())
    }

    /// Claims queued due rows a batch at a time, reading what sending them needs in the same
    /// transaction; `false` once the sending side stopped listening.
    async fn claim_queued(&mut self) -> anyhow::Result<bool> {
        self.claim_batches(None).await
    }

    /// `claim_queued`, stopping after `most` batches when given.
    async fn claim_batches(&mut self, most: Option<usize>) -> anyhow::Result<bool> {
        let now = self.planner.now;
        for _ in 0..most.unwrap_or(usize::MAX) {
            self.pending.collect(&mut self.outcomes);
            let mut tx = self.conn.begin_write().await?;
            outcomes::write_records(&mut tx.conn(), &self.pending.records, now).await?;
            let claimed =
                deliveries::claim(&mut tx.conn(), &self.planner.shop_id, now, LEASE, BATCH).await?;
            let mut prepared = sending::prepare(&mut tx.conn(), &claimed).await?;
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
        Ok(true)
    }

    /// Writes a page of decisions in one transaction, with the outcomes received so far: a
    /// skipped row per skip, and per send a row queued already claimed (and its coupon), which
    /// is returned to be sent. Rows already there (an overlapping run) are left as they are.
    /// Shared, the rows are queued unclaimed and nothing is returned: claims hand them out.
    async fn write_page(
        &mut self,
        page: Vec<Decided>,
        summary: &mut RunSummary,
    ) -> anyhow::Result<Vec<Ready>> {
        self.pending.collect(&mut self.outcomes);
        let planner = &self.planner;
        let now = planner.now;
        let mut tx = self.conn.begin_write().await?;
        outcomes::write_records(&mut tx.conn(), &self.pending.records, now).await?;
        let (indices, to_queue): (Vec<usize>, Vec<ToQueue>) =
            record_decisions(&mut tx.conn(), planner, &page, summary)
                .await?
                .into_iter()
                .unzip();
        // Shared: queued for whichever process claims them first (this one included).
        let lease_until = (!self.shared).then_some(now + LEASE);
        let queued = deliveries::enqueue_many(
            &mut tx.conn(),
            &to_queue,
            &planner.settings.coupon_prefix,
            now,
            lease_until,
        )
        .await?;
        if self.shared {
            tx.commit().await?;
            self.pending.clear();
            summary.due += queued.iter().flatten().count() as u64;
            return Ok(Vec::new());
        }
        // Read again inside the transaction that claims them: an order or an unsubscribe that
        // arrived since the page was read stops the mail.
        let cart_ids: Vec<&str> = to_queue.iter().map(|item| item.key.cart_id).collect();
        let states = sending::states(&mut tx.conn(), &cart_ids).await?;
        tx.commit().await?;
        self.pending.clear();
        summary.due += queued.iter().flatten().count() as u64;

        let sends: Vec<Send> = indices
            .into_iter()
            .zip(&to_queue)
            .zip(queued)
            .filter_map(|((index, item), queued)| {
                Some(Send {
                    index,
                    step_id: item.key.step_id.to_owned(),
                    language: item.language,
                    queued: queued?,
                })
            })
            .collect();
        Ok(ready_batch(now, &planner.shop_id, page, sends, states))
    }

    /// Hands a page's or a claim's sends to the sending side, BATCH at a time, writing
    /// outcomes while it waits; `false` if the sending side stopped listening (what was not
    /// handed over goes back to the queue; claims come back when their lease ends).
    async fn dispatch(&mut self, mut sends: Vec<Ready>) -> anyhow::Result<bool> {
        while !sends.is_empty() {
            let rest = sends.split_off(sends.len().min(BATCH as usize));
            if let Err(unsent) = self.hand_over(sends).await? {
                self.pending
                    .records
                    .extend(
                        unsent
                            .into_iter()
                            .chain(rest)
                            .map(|(claimed, _)| Record::Deferred {
                                delivery_id: claimed.delivery_id,
                                error: "not sent: the pass stopped before it".into(),
                            }),
                    );
                return Ok(false);
            }
            sends = rest;
        }
        Ok(true)
    }

    /// Hands one batch over once the sending side has room, recording every outcome back by
    /// then first: the sending side then holds this batch and at most the one it is sending,
    /// so a killed process has sent without recording at most two batches and its SMTP
    /// conversations under way. Gives the batch back if the sending side stopped.
    async fn hand_over(&mut self, batch: Vec<Ready>) -> anyhow::Result<Result<(), Vec<Ready>>> {
        let now = self.planner.now;
        loop {
            tokio::select! {
                biased;
                permit = self.batches.reserve() => {
                    let Ok(permit) = permit else {
                        return Ok(Err(batch));
                    };
                    self.pending.collect(&mut self.outcomes);
                    write_pending(&mut self.conn.conn(), &mut self.pending, now).await?;
                    permit.send(batch);
                    return Ok(Ok(()));
                }
                _ = self.pending.receive(&mut self.outcomes) => {
                    if self.pending.due() {
                        write_pending(&mut self.conn.conn(), &mut self.pending, now).await?;
                    }
                }
            }
        }
    }
}

/// Writes the pending outcomes in a transaction of their own, and forgets them.
async fn write_pending(
    conn: &mut Conn<'_>,
    pending: &mut Pending,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    if pending.records.is_empty() {
        return Ok(());
    }
    // IMMEDIATE takes the write lock first, so this never fails half-way on a busy database.
    let mut tx = conn.begin_write().await?;
    outcomes::write_records(&mut tx.conn(), &pending.records, now).await?;
    tx.commit().await?;
    pending.clear();
    Ok(())
}

/// Writes a page's skips (each counted once: a row already there was another run's) and marks
/// its requests handled; returns its sends to queue, with the index of their cart in the page.
async fn record_decisions<'p>(
    tx: &mut Conn<'_>,
    planner: &'p Planner,
    page: &'p [Decided],
    summary: &mut RunSummary,
) -> anyhow::Result<Vec<(usize, ToQueue<'p>)>> {
    let now = planner.now;
    let mut sends = Vec::new();
    for (index, Decided { planned: cart, .. }) in page.iter().enumerate() {
        for action in &cart.actions {
            let (step_id, due_at) = match action {
                Action::Send { step_id, .. }
                | Action::Skip { step_id, .. }
                | Action::Call { step_id } => (step_id, cart.due_at(step_id)),
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
                campaign_id: &cart.campaign_id,
                step_id,
                sequence: cart.sequence,
                abandoned_at: cart.abandoned_at,
                due_at,
                control_group: cart.control_group,
            };
            match action {
                Action::Skip { reason, .. }
                    if deliveries::record_skip(&mut *tx, &key, *reason, now).await? =>
                {
                    summary.due += 1;
                    *summary
                        .skipped
                        .entry(reason.as_str().to_owned())
                        .or_default() += 1;
                }
                Action::Call { step_id } => {
                    let assignee = planner
                        .campaign(&cart.campaign_id)
                        .and_then(|c| c.steps().iter().find(|s| s.id == *step_id))
                        .and_then(|step| step.channel.assignee());
                    if calls::open_task(&mut *tx, &key, assignee, now).await? {
                        summary.due += 1;
                        summary.calls += 1;
                    }
                }
                Action::Send {
                    language, discount, ..
                } => sends.push((
                    index,
                    ToQueue {
                        key,
                        language: *language,
                        discount: discount.as_ref(),
                        minimum: discount.as_ref().and_then(|_| {
                            let step = planner
                                .campaign(&cart.campaign_id)?
                                .steps()
                                .iter()
                                .find(|s| s.id == *step_id)?;
                            let cart = &page[index].candidate.cart;
                            step.discount_for(cart).minimum(cart)
                        }),
                        collection: planner
                            .campaign(&cart.campaign_id)
                            .and_then(|c| c.steps().iter().find(|s| s.id == *step_id))
                            .and_then(|step| step.code_collection.as_deref()),
                    },
                )),
                _ => {}
            }
        }
        if cart.requested {
            engine::mark_requests_handled(&mut *tx, &cart.cart_id, now).await?;
        }
    }
    Ok(sends)
}

/// A reminder the page queued: its cart's place in the page, and its row.
struct Send {
    index: usize,
    step_id: String,
    language: Language,
    queued: Queued,
}

/// The page's queued reminders, ready to send with the cart and customer read to decide and
/// the cart's state read again inside the write (`None` when the cart is gone).
fn ready_batch(
    now: DateTime<Utc>,
    shop_id: &str,
    page: Vec<Decided>,
    sends: Vec<Send>,
    mut states: HashMap<String, CartState>,
) -> Vec<Ready> {
    let mut page: Vec<Option<Decided>> = page.into_iter().map(Some).collect();
    let mut batch = Vec::with_capacity(sends.len());
    for send in sends {
        let Some(Decided { candidate, .. }) = page[send.index].take() else {
            continue;
        };
        let claimed = Claimed {
            delivery_id: send.queued.delivery_id,
            shop_id: shop_id.to_owned(),
            cart_id: candidate.cart_id,
            customer_id: candidate.customer_id,
            step_id: send.step_id,
            language: Some(send.language.code().to_owned()),
            attempts: 1,
            queued_at: now,
        };
        let prepared = states.remove(&claimed.cart_id).map(|state| Prepared {
            state,
            email: candidate.customer.email.as_str().to_owned(),
            customer: candidate.customer,
            cart: candidate.cart,
            coupon: send.queued.coupon,
            time_zone: candidate.time_zone,
        });
        batch.push((claimed, prepared));
    }
    batch
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
