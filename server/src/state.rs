use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::{api::events::IngestWriter, auth::Auth, db::Pool, mail::MailTransport};

/// What every handler may need; cloned per request (all fields are cheap handles).
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: Pool,
    pub mail: Arc<dyn MailTransport>,
    pub auth: Arc<Auth>,
    /// Stores API events with group commit.
    pub ingest: IngestWriter,
}
