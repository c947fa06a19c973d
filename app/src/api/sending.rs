//! The Automatic sending tab: the scheduler's recent runs, the queue, the last sending errors,
//! "Run now", and the cron URL with its token.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What one engine run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunFigures {
    pub due: u64,
    pub sent: u64,
    /// Skip reason name (`domain::engine::SkipReason`) and count.
    pub skipped: Vec<(String, u64)>,
    pub failed: u64,
    pub retrying: u64,
}

impl RunFigures {
    /// Every reminder skipped, whatever the reason.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.iter().map(|(_, n)| n).sum()
    }
}

/// One line of the run history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunLine {
    /// `scheduler`, `cron`, `cli` or `admin`.
    pub trigger: String,
    pub started_at: DateTime<Utc>,
    pub duration_ms: i64,
    pub figures: Option<RunFigures>,
    pub error: Option<String>,
}

/// A reminder that could not be sent (for good, or for now).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendingError {
    pub at: DateTime<Utc>,
    pub email: String,
    pub error: String,
    /// Queued again with a backoff (else failed for good).
    pub retrying: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendingStatus {
    pub runs: Vec<RunLine>,
    /// When the built-in scheduler runs next, from its last run.
    pub next_run: Option<DateTime<Utc>>,
    /// Queued reminders whose time has come, and those waiting for a retry later.
    pub queued_due: u64,
    pub queued_later: u64,
    pub errors: Vec<SendingError>,
    pub cron_url: String,
    pub cron_token: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunNowOutcome {
    Ran(RunFigures),
    /// Another run (scheduler, cron) holds the engine: nothing was started.
    AlreadyRunning,
}

#[server(prefix = "/admin/fn", endpoint = "load_sending")]
pub async fn load_sending(shop: String) -> Result<SendingStatus, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    crate::error::with_status(
        async move { Ok(scope.backend.sending_status(&scope.shop).await?) }.await,
    )
}

/// One engine pass now, the way the cron URL runs it.
#[server(prefix = "/admin/fn", endpoint = "run_now")]
pub async fn run_now(shop: String) -> Result<RunNowOutcome, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move { Ok(scope.backend.run_now(&scope.shop, Utc::now()).await?) }.await,
    )
}

/// A new cron token; the old one stops working at once. Returns the new one.
#[server(prefix = "/admin/fn", endpoint = "regenerate_cron_token")]
pub async fn regenerate_cron_token(shop: String) -> Result<String, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    let token = scope.backend.regenerate_cron_token().await?;
    scope
        .audit(
            domain::audit::AuditAction::CronTokenRenewed,
            "cron URL",
            None,
            None,
        )
        .await;
    Ok(token)
}
