//! Builds the application once, from its configuration: the database, the engine, the web
//! router and the background tasks. `relance serve` and the integration tests both go through
//! `build`, so what the tests drive is what runs.

use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use leptos::prelude::LeptosOptions;
use tokio::{sync::oneshot, task::JoinHandle};

use crate::{
    auth::Auth,
    config::Config,
    db::{self, Pool},
    ingest::IngestWriter,
    jobs::{self, Sender},
    links::{self, CronToken, LinkSigner},
    mail,
    state::AppState,
    web,
};

/// The built application: its router, the state behind it and the tasks to run beside it.
pub struct Application {
    pub router: Router,
    pub state: AppState,
    /// Not started yet: `relance serve` starts them, the tests drive the engine themselves.
    pub background: Background,
}

/// Opens and migrates the database, then builds everything over it.
pub async fn build(config: &Config) -> anyhow::Result<Application> {
    let pool = db::connect_with(&config.database_url, db::Profile::Server).await?;
    db::migrate(&pool).await?;
    let engine = engine(config, &pool).await?;
    let cron_token = CronToken::new(
        links::cron_token(&pool)
            .await
            .context("cannot read or make the cron token")?,
    );
    let state = AppState {
        leptos_options: LeptosOptions::builder()
            .output_name("relance")
            .site_root(config.site_root.clone())
            .site_addr(config.addr)
            .build(),
        auth: auth(config, &pool),
        ingest: IngestWriter::start(pool.clone()),
        cron_token,
        engine: engine.clone(),
        tracker_limits: Default::default(),
        connect_log: crate::connect_log::ConnectLog::start(pool.clone()),
    };
    Ok(Application {
        router: web::router(state.clone()),
        state,
        background: Background { engine },
    })
}

/// The engine over `pool`: the mail transport, the sender address and the link signer the
/// configuration names. `relance run-once` uses it without the web side.
pub async fn engine(config: &Config, pool: &Pool) -> anyhow::Result<Sender> {
    let key = links::signing_key(pool, config.secret.as_ref().map(|s| s.expose()))
        .await
        .context("cannot read or make the link-signing key")?;
    Ok(Sender {
        pool: pool.clone(),
        mail: mail::transport(config)?,
        mail_from: config.mail_from.clone(),
        signer: LinkSigner::new(&key, &config.public_url),
        http: crate::outbound::HttpPoster::new()?,
    })
}

/// Cookies are marked `Secure` when Relance is reached over https.
pub fn auth(config: &Config, pool: &Pool) -> Arc<Auth> {
    Auth::new(pool.clone(), config.public_url.starts_with("https://"))
}

/// The tasks `relance serve` runs beside the web server: the scheduler and the statistics
/// refresh.
pub struct Background {
    engine: Sender,
}

impl Background {
    pub fn new(engine: Sender) -> Self {
        Self { engine }
    }

    /// Starts both tasks; they run until `Running::stop`.
    pub fn start(self) -> Running {
        let (stop, stopped) = oneshot::channel::<()>();
        let stopped = async {
            let _ = stopped.await;
        };
        let (stop_statistics, statistics_stopped) = oneshot::channel::<()>();
        let pool = self.engine.pool.clone();
        let scheduler = tokio::spawn(jobs::scheduler::run(self.engine, stopped));
        let statistics = tokio::spawn(jobs::statistics::run(pool, async {
            let _ = statistics_stopped.await;
        }));
        Running {
            stops: vec![stop, stop_statistics],
            tasks: vec![scheduler, statistics],
        }
    }
}

/// The background tasks while they run.
pub struct Running {
    stops: Vec<oneshot::Sender<()>>,
    tasks: Vec<JoinHandle<()>>,
}

impl Running {
    /// Asks every task to stop and waits until they have.
    pub async fn stop(self) {
        for stop in self.stops {
            let _ = stop.send(());
        }
        for task in self.tasks {
            if let Err(error) = task.await {
                tracing::error!(%error, "a background task failed");
            }
        }
    }
}
