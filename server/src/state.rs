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
    /// The `From` of every email Relance sends.
    #[from_ref(skip)]
    pub mail_from: String,
    /// Where Relance is reached from outside (links and images in emails).
    #[from_ref(skip)]
    pub public_url: String,
    /// Signs and checks the links in emails.
    #[from_ref(skip)]
    pub links: crate::links::LinkSigner,
    /// The reminder engine (the cron URL runs it).
    #[from_ref(skip)]
    pub engine: crate::jobs::Sender,
    /// The secret of the cron URL.
    #[from_ref(skip)]
    pub cron_token: crate::links::CronToken,
    pub auth: Arc<Auth>,
    /// Stores API events with group commit.
    pub ingest: IngestWriter,
}
