//! Group commit: one task writes the events of every request waiting at that moment in one
//! SQLite transaction. Each request still gets its own answer once its events are committed,
//! and its events are applied in order after those of the requests that came before it.

use chrono::Utc;
use tokio::sync::{mpsc, oneshot};

use super::{
    apply::{apply_group, IngestSummary},
    ValidEvent,
};
use crate::db::{ingest::ApiKeyOwner, DbError, Pool};

/// A group stops growing at this many events, to bound one transaction's length.
const MAX_GROUP_EVENTS: usize = 5_000;

struct Job {
    owner: ApiKeyOwner,
    events: Vec<ValidEvent>,
    reply: oneshot::Sender<Result<IngestSummary, String>>,
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
        self.jobs
            .send(job)
            .await
            .map_err(|_| DbError::WriteFailed("the ingestion writer has stopped".into()))?;
        answer
            .await
            .map_err(|_| DbError::WriteFailed("the ingestion writer has stopped".into()))?
            .map_err(DbError::WriteFailed)
    }
}

async fn run(pool: Pool, mut receiver: mpsc::Receiver<Job>) {
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
        let batches: Vec<(&ApiKeyOwner, &[ValidEvent])> = group
            .iter()
            .map(|job| (&job.owner, job.events.as_slice()))
            .collect();
        match apply_group(&pool, &batches, Utc::now()).await {
            Ok(summaries) => {
                for (job, summary) in group.into_iter().zip(summaries) {
                    let _ = job.reply.send(Ok(summary));
                }
            }
            Err(error) => {
                tracing::error!(%error, requests = group.len(), "ingestion group failed; nothing of it was stored");
                for job in group {
                    let _ = job.reply.send(Err(error.to_string()));
                }
            }
        }
    }
}
