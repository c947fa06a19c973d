use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::{auth::Auth, db::Pool, ingest::IngestWriter, jobs::Sender, links::CronToken};

/// What every handler may need; cloned per request (all fields are cheap handles). Each
/// dependency is held once: the database, the mail transport, the sender address and the link
/// signer are the engine's.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// The reminder engine (the cron URL runs it), and what it sends with.
    #[from_ref(skip)]
    pub engine: Sender,
    /// The secret of the cron URL.
    #[from_ref(skip)]
    pub cron_token: CronToken,
    pub auth: Arc<Auth>,
    /// Stores API events with group commit.
    pub ingest: IngestWriter,
    /// What each shop's sources sent, for the Connect page.
    #[from_ref(skip)]
    pub connect_log: crate::connect_log::ConnectLog,
    /// How fast storefront trackers may send.
    #[from_ref(skip)]
    pub tracker_limits: Arc<crate::api::tracker::limits::TrackerLimits>,
}

impl AppState {
    pub fn pool(&self) -> &Pool {
        &self.engine.pool
    }

    /// Where Relance is reached from outside (links and images in emails).
    pub fn public_url(&self) -> &str {
        self.engine.signer.public_url()
    }
}

impl FromRef<AppState> for Pool {
    fn from_ref(state: &AppState) -> Self {
        state.engine.pool.clone()
    }
}
