//! Group commit: one task writes the events of every request waiting at that moment in one
//! SQLite transaction. Each request still gets its own answer once its events are committed,
//! and its events are applied in order after those of the requests that came before it.
//!
//! The task keeps one connection for itself and remembers the carts and customers it has read
//! or written (`WriterMemory`, valid while no other connection commits), so a burst of events
//! about the same carts does not read them back at every group.

use crate::db::PooledConn;
use std::sync::Arc;

use chrono::Utc;
use tokio::sync::{mpsc, oneshot};

use super::apply::apply_group;
use super::decide::{Batch, IngestSummary};
use crate::api::events::validate::ValidEvent;
use crate::db::{api_keys::ApiKeyOwner, ingest::WriterMemory, DbError, Pool};

/// A group stops growing at this many events, to bound one transaction's length.
const MAX_GROUP_EVENTS: usize = 5_000;

struct Job {
    owner: ApiKeyOwner,
    events: Vec<ValidEvent>,
    reply: oneshot::Sender<Result<IngestSummary, Arc<DbError>>>,
}

#[derive(Clone)]
pub struct IngestWriter {
    jobs: mpsc::Sender<Job>,
}

impl IngestWriter {
    /// Starts the writer task; it stops when the last handle is dropped.
    pub fn start(pool: Pool) -> Self {
        let (jobs, receiver) = mpsc::channel(1024);
        tokio::spawn(run(pool, receiver));
        Self { jobs }
    }

    /// Stores `events` for `owner` and waits until they are committed.
    pub async fn submit(
        &self,
        owner: ApiKeyOwner,
        events: Vec<ValidEvent>,
    ) -> Result<IngestSummary, DbError> {
        let (reply, answer) = oneshot::channel();
        let job = Job {
            owner,
            events,
            reply,
        };
        const STOPPED: DbError = DbError::TaskStopped("the ingestion writer has stopped");
        self.jobs.send(job).await.map_err(|_| STOPPED)?;
        answer.await.map_err(|_| STOPPED)?.map_err(DbError::Shared)
    }
}

async fn run(pool: Pool, mut receiver: mpsc::Receiver<Job>) {
    let mut connection: Option<PooledConn> = None;
    let mut memory = WriterMemory::default();
    while let Some(first) = receiver.recv().await {
        let mut group = vec![first];
        let mut events = group[0].events.len();
        while events < MAX_GROUP_EVENTS {
            match receiver.try_recv() {
                Ok(job) => {
                    events += job.events.len();
                    group.push(job);
                }
                Err(_) => break,
            }
        }
        let batches: Vec<Batch> = group
            .iter()
            .map(|job| (&job.owner, job.events.as_slice()))
            .collect();
        let applied = match own_connection(&pool, &mut connection).await {
            Ok(conn) => apply_group(&mut conn.conn(), &mut memory, &batches, Utc::now()).await,
            Err(error) => Err(error),
        };
        match applied {
            Ok(summaries) => {
                for (job, summary) in group.into_iter().zip(summaries) {
                    let _ = job.reply.send(Ok(summary));
                }
            }
            Err(error) => {
                // The connection may be what failed: the next group starts afresh.
                connection = None;
                memory.forget();
                tracing::error!(%error, requests = group.len(), "ingestion group failed; nothing of it was stored");
                let error = Arc::new(error);
                for job in group {
                    let _ = job.reply.send(Err(error.clone()));
                }
            }
        }
    }
}

/// The writer's connection, taken from the pool the first time and after a failure.
async fn own_connection<'c>(
    pool: &Pool,
    connection: &'c mut Option<PooledConn>,
) -> Result<&'c mut PooledConn, DbError> {
    if connection.is_none() {
        *connection = Some(pool.acquire().await?);
    }
    Ok(connection.as_mut().expect("set above"))
}
