//! A pass as the scheduler, the cron URL, the admin and `relance run-once` start it: under the
//! engine's lock or not, and always recorded in the run history.

use chrono::{DateTime, Utc};

use super::pass::{combine, help_passes, shop_passes, ShopPass};
use super::{lock, sender::Sender, summary::RunSummary};
use crate::db::{self, runs::NewRun, Pool};

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

/// Runs a pass of every shop (or only `only`) unless another run holds the engine's lock
/// (then `None`: "already running"), and records each shop's run. `now` is the engine's
/// clock; the lock uses the wall clock.
pub async fn run_locked(
    sender: &Sender,
    trigger: Trigger,
    only: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<RunSummary>> {
    let pool = &sender.pool;
    let Some(lock) = lock::try_lock(pool, Utc::now()).await? else {
        return Ok(None);
    };
    let passes = shop_passes(sender, only, now).await;
    let result = record_runs(pool, trigger, passes).await;
    lock.release(pool).await?;
    result.map(Some)
}

/// What a scheduler's round did.
#[derive(Debug)]
pub enum Round {
    /// This process led the pass.
    Led(RunSummary),
    /// Another process led; this one sent part of what it queued (PostgreSQL).
    Helped(RunSummary),
    /// Another process led (SQLite: one process sends).
    Busy,
}

/// A scheduler's round: leads the pass when no other process does; on PostgreSQL, helps the
/// leading process send otherwise. Each shop's work is recorded in its run history.
pub async fn run_or_help(
    sender: &Sender,
    trigger: Trigger,
    only: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<Round> {
    if let Some(summary) = run_locked(sender, trigger, only, now).await? {
        return Ok(Round::Led(summary));
    }
    if !matches!(sender.pool, Pool::Postgres(_)) {
        return Ok(Round::Busy);
    }
    let passes = help_passes(sender, only, now).await;
    record_runs(&sender.pool, trigger, passes)
        .await
        .map(Round::Helped)
}

/// Runs every shop's pass without the engine's lock and records them: `relance run-once`. A
/// run-once killed mid-batch would otherwise keep the lock for its whole hold time; two
/// passes at once are safe anyway, because the claims' leases give each queued reminder to
/// one of them.
pub async fn run_recorded(
    sender: &Sender,
    trigger: Trigger,
    only: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<RunSummary> {
    let passes = shop_passes(sender, only, now).await;
    record_runs(&sender.pool, trigger, passes).await
}

/// Adds each shop's finished run to the history its Automatic sending tab shows, and returns
/// the runs added up. A failure to record is logged, never turned into a failed run.
async fn record_runs(
    pool: &Pool,
    trigger: Trigger,
    passes: anyhow::Result<Vec<ShopPass>>,
) -> anyhow::Result<RunSummary> {
    let passes = passes?;
    let finished_at = Utc::now();
    for pass in &passes {
        let (summary_json, error) = match &pass.result {
            Ok(summary) => (serde_json::to_string(summary).ok(), None),
            Err(error) => (None, Some(format!("{error:#}"))),
        };
        let run = NewRun {
            shop_id: &pass.shop_id,
            trigger: trigger.as_str(),
            started_at: pass.started_at,
            finished_at,
            summary_json,
            error,
        };
        if let Err(error) = db::runs::insert(pool, run).await {
            tracing::error!(%error, "cannot record an engine run");
        }
    }
    combine(passes)
}
