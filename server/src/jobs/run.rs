//! A pass as the scheduler, the cron URL, the admin and `relance run-once` start it: under the
//! engine's lock or not, and always recorded in the run history.

use chrono::{DateTime, Utc};

use super::{lock, pass::run_pass, plan::RunSummary, sender::Sender};
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

/// Runs a pass unless another run holds the engine's lock (then `None`: "already running"),
/// and records the run. `now` is the engine's clock; the lock uses the wall clock.
pub async fn run_locked(
    sender: &Sender,
    trigger: Trigger,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<RunSummary>> {
    let pool = &sender.pool;
    let started = Utc::now();
    let Some(lock) = lock::try_lock(pool, started).await? else {
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
    pool: &Pool,
    trigger: Trigger,
    started: DateTime<Utc>,
    result: &anyhow::Result<RunSummary>,
) {
    let (summary_json, error) = match result {
        Ok(summary) => (serde_json::to_string(summary).ok(), None),
        Err(error) => (None, Some(format!("{error:#}"))),
    };
    let run = NewRun {
        trigger: trigger.as_str(),
        started_at: started,
        finished_at: Utc::now(),
        summary_json,
        error,
    };
    if let Err(error) = db::runs::insert(pool, run).await {
        tracing::error!(%error, "cannot record an engine run");
    }
}
