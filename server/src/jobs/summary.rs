//! What a pass did (or a dry run would do), as `run-once --json` prints it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use domain::engine::Action;
use serde::{Deserialize, Serialize};

use super::plan::{Plan, PlannedCart};

/// The run summary, as `run-once --json` prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RunSummary {
    pub dry_run: bool,
    /// Steps that fell due: sent (or to send), call tasks opened, plus skipped.
    pub due: u64,
    /// Call tasks opened for staff (in a dry run: to open).
    #[serde(default)]
    pub calls: u64,
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
    pub fn summary(&self) -> RunSummary {
        let mut summary = RunSummary::default();
        summary.add_planned(&self.carts);
        summary
    }
}

impl RunSummary {
    /// Counts what a page of decisions would do (a dry run).
    pub fn add_planned(&mut self, carts: &[PlannedCart]) {
        self.dry_run = true;
        for cart in carts {
            for action in &cart.actions {
                match action {
                    Action::Send { .. } => {
                        self.due += 1;
                        self.would_send += 1;
                    }
                    Action::Call { .. } => {
                        self.due += 1;
                        self.calls += 1;
                    }
                    Action::Skip { reason, .. } => {
                        self.due += 1;
                        *self.skipped.entry(reason.as_str().to_owned()).or_default() += 1;
                    }
                    Action::Wait { at } => self.add_wait(*at),
                    Action::Done => {}
                }
            }
        }
    }

    /// Adds the counts of another part of the same pass.
    pub fn merge(&mut self, other: RunSummary) {
        self.dry_run |= other.dry_run;
        self.due += other.due;
        self.sent += other.sent;
        self.calls += other.calls;
        self.would_send += other.would_send;
        for (reason, count) in other.skipped {
            *self.skipped.entry(reason).or_default() += count;
        }
        self.failed += other.failed;
        self.retrying += other.retrying;
        self.waiting += other.waiting;
        self.next_due = match (self.next_due, other.next_due) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    pub fn add_wait(&mut self, at: DateTime<Utc>) {
        self.waiting += 1;
        self.next_due = Some(self.next_due.map_or(at, |t| t.min(at)));
    }
}
