//! One real pass of the engine: decisions written page by page while the reminders they queue
//! are sent. The store (`store.rs`) owns the database side, the sending side (`deliver.rs`)
//! renders and sends; they meet through two channels.

use anyhow::Context;
use chrono::{DateTime, Utc};
use tokio::sync::mpsc;

use super::deliver::{send_all, Ready};
use super::plan::Planner;
use super::sender::Sender;
use super::store::Store;
use super::summary::RunSummary;
use crate::db::{self, outcomes::Record};
use domain::Shop;

/// One shop's pass, and what it came to.
pub struct ShopPass {
    pub shop_id: String,
    pub started_at: DateTime<Utc>,
    pub result: anyhow::Result<RunSummary>,
}

/// Every shop's pass at `now` (or only `only`'s), one shop after the other, each with its own
/// settings, campaign, sender and time zone. A shop that fails does not stop the others.
pub async fn shop_passes(
    sender: &Sender,
    only: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<ShopPass>> {
    each_shop(sender, only, now, Role::Lead).await
}

/// What this process does in a shop's pass.
#[derive(Clone, Copy)]
enum Role {
    Lead,
    Help,
}

/// The shops' passes (or only `only`'s), one after the other, in `role`; a failure is logged
/// and kept with its shop, and the next shop goes on.
async fn each_shop(
    sender: &Sender,
    only: Option<&str>,
    now: DateTime<Utc>,
    role: Role,
) -> anyhow::Result<Vec<ShopPass>> {
    let shops = db::all_shops(&sender.pool)
        .await
        .context("cannot list the shops")?;
    let mut passes = Vec::new();
    for shop in shops
        .iter()
        .filter(|shop| only.is_none_or(|id| id == shop.id))
    {
        let started_at = Utc::now();
        let result = match role {
            Role::Lead => shop_pass(sender, shop, now).await,
            Role::Help => help_pass(sender, shop, now).await,
        };
        if let Err(error) = &result {
            tracing::error!(shop = %shop.id, error = format!("{error:#}"), "a shop's pass failed");
        }
        passes.push(ShopPass {
            shop_id: shop.id.clone(),
            started_at,
            result,
        });
    }
    Ok(passes)
}

/// The passes' figures added up; an error naming every shop that failed, if one did (the
/// others' work is done and kept all the same).
pub fn combine(passes: Vec<ShopPass>) -> anyhow::Result<RunSummary> {
    let mut total = RunSummary::default();
    let mut failures = Vec::new();
    for pass in passes {
        match pass.result {
            Ok(summary) => total.merge(summary),
            Err(error) => failures.push(format!("shop {}: {error:#}", pass.shop_id)),
        }
    }
    if failures.is_empty() {
        Ok(total)
    } else {
        Err(anyhow::anyhow!(failures.join("; ")))
    }
}

/// Helps the pass another process leads (PostgreSQL): for every shop (or only `only`), sends
/// what that pass queues until it is done. Each shop's help that sent anything is returned.
pub async fn help_passes(
    sender: &Sender,
    only: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<ShopPass>> {
    let mut passes = each_shop(sender, only, now, Role::Help).await?;
    passes.retain(|pass| {
        pass.result.as_ref().map_or(true, |summary| {
            summary.sent + summary.failed + summary.retrying > 0
        })
    });
    Ok(passes)
}

/// Every shop's pass at `now`, added up: the scheduler's, the cron URL's and the tests'.
pub async fn run_pass(sender: &Sender, now: DateTime<Utc>) -> anyhow::Result<RunSummary> {
    combine(shop_passes(sender, None, now).await?)
}

/// Runs one shop's pass at `now`: decisions written page by page while the reminders they queue are
/// sent, the sends starting as soon as the first page is written.
///
/// Two sides run together. The store owns the pass's one database connection: it claims rows
/// queued before the pass, decides and writes each page of carts (its reminders queued already
/// claimed), and writes the sends' outcomes. The sending side keeps a few sends going
/// (rendering runs on every core). One connection does every read and write, so no commit of
/// another connection empties its page cache.
#[tracing::instrument(skip_all, fields(%now, shop = %shop.id))]
pub async fn shop_pass(
    sender: &Sender,
    shop: &Shop,
    now: DateTime<Utc>,
) -> anyhow::Result<RunSummary> {
    let pool = &sender.pool;
    let Some(planner) = Planner::start(pool, shop, now).await? else {
        return Ok(RunSummary::default());
    };
    let started = std::time::Instant::now();
    let shop_id = planner.shop_id.clone();
    let mut summary = with_store(sender, shop, planner, now, |store| store.run()).await?;
    tracing::info!(
        due = summary.due,
        sent = summary.sent,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "engine pass"
    );
    // The call tasks just opened: a mail that fails is tried again at the next pass.
    if let Err(error) = crate::calls::notify_staff(sender, shop, now).await {
        tracing::warn!(
            error = format!("{error:#}"),
            "cannot tell staff about call tasks"
        );
    }
    let deleted = db::engine::delete_expired_coupons(pool, &shop_id, now).await?;
    if deleted > 0 {
        tracing::info!(deleted, "deleted expired unused coupon codes");
    }
    if let Some(retry_at) = db::deliveries::next_retry_at(pool, &shop_id).await? {
        summary.next_due = Some(summary.next_due.map_or(retry_at, |t| t.min(retry_at)));
    }
    Ok(summary)
}

/// Sends what another process's pass of `shop` queues, until that pass is done.
async fn help_pass(sender: &Sender, shop: &Shop, now: DateTime<Utc>) -> anyhow::Result<RunSummary> {
    let pool = sender.pool.clone();
    let Some(planner) = Planner::start(&pool, shop, now).await? else {
        return Ok(RunSummary::default());
    };
    with_store(sender, shop, planner, now, |store| async move {
        store.help(&pool).await
    })
    .await
}

/// Runs the store's side (`work`) and the sending side together; their figures added up.
async fn with_store<F, Fut>(
    sender: &Sender,
    shop: &Shop,
    planner: Planner,
    now: DateTime<Utc>,
    work: F,
) -> anyhow::Result<RunSummary>
where
    F: FnOnce(Store) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<RunSummary>> + Send + 'static,
{
    let campaigns = planner.campaigns.clone();
    // One batch being sent and one ready: claims stay a few hundred rows ahead of the sends.
    let (batches, ready) = mpsc::channel::<Vec<Ready>>(1);
    // Unbounded, so a send never waits for the store; the store reads it at every write.
    let (finished, outcomes) = mpsc::unbounded_channel::<Record>();
    let store = Store::new(sender.pool.acquire().await?, planner, batches, outcomes);
    let store = tokio::spawn(work(store));
    let mut summary = RunSummary::default();
    let sent = send_all(sender, shop, &campaigns, now, ready, finished, &mut summary).await;
    let decided = store.await.context("the engine's store failed")??;
    if let Some(fault) = sent? {
        // Every reminder not sent is back in the queue; the run is recorded as failed with
        // what to fix, and the scheduler tries again with a growing wait.
        anyhow::bail!("{fault}");
    }
    summary.merge(decided);
    Ok(summary)
}
