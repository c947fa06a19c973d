//! A group of requests' events in one transaction: read what they are about, decide (pure,
//! event by event in arrival order), write it all with a few multi-row statements.

use crate::db::Conn;
use chrono::{DateTime, Utc};

use super::decide::{apply_events, Batch, IngestSummary};
use super::read::read_state;
use super::write::write_group;
use crate::db::{ingest::WriterMemory, DbError};

#[tracing::instrument(skip_all, fields(requests = batches.len()))]
pub async fn apply_group(
    conn: &mut Conn<'_>,
    memory: &mut WriterMemory,
    batches: &[Batch<'_>],
    now: DateTime<Utc>,
) -> Result<Vec<IngestSummary>, DbError> {
    // IMMEDIATE takes SQLite's write lock up front: a deferred transaction that reads first and
    // writes later fails at once with SQLITE_BUSY when another connection wrote in between.
    let mut tx = conn.begin_write().await?;
    let state = read_state(&mut tx.conn(), memory, batches).await?;
    let applied = apply_events(batches, state);
    write_group(&mut tx.conn(), memory, batches, &applied, now).await?;
    tx.commit().await?;
    memory.committed();
    Ok(applied.summaries)
}
