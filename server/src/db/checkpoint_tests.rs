//! The background checkpointer keeps the WAL short under a steady write load.

use std::time::Duration;

use super::sqlite::{checkpoint_round, connect, CHECKPOINT_EVERY};
use super::*;

async fn file_size_after_writes(profile: Profile) -> (u64, u64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wal.db");
    let pool = connect(&format!("sqlite://{}", path.display()), profile)
        .await
        .unwrap();
    sqlx::query("create table filler (body text not null)")
        .execute(&pool)
        .await
        .unwrap();
    for _ in 0..200 {
        sqlx::query("insert into filler (body) values (printf('%.10000c', 'x'))")
            .execute(&pool)
            .await
            .unwrap();
    }
    let before = std::fs::metadata(&path).unwrap().len();
    tokio::time::sleep(CHECKPOINT_EVERY * 3).await;
    let after = std::fs::metadata(&path).unwrap().len();
    pool.close().await;
    (before, after)
}

#[tokio::test]
async fn with_background_checkpoints_committed_pages_reach_the_database_file_soon() {
    let (before, after) = file_size_after_writes(Profile::Server).await;
    // 2 MB were written to the WAL; the checkpointer copied them into the file.
    assert!(after > before + 1_000_000, "{before} → {after}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_back_to_back_writes_the_wal_is_restarted_instead_of_growing() {
    let (written, wal_size) = wal_peak_under_writes(64).await;
    // A restart whenever the WAL passed 64 frames: it never held much more than 84 (344 KB
    // with headers), against 12 MB with passive rounds alone.
    assert!(
        wal_size < written / 8,
        "WAL of {wal_size} bytes after {written}"
    );
}

/// The WAL file's size (its peak: SQLite reuses it from the start, never shrinks it) after
/// 12 MB written in 150 transactions, each with a checkpoint round running while it is open:
/// the worst case of back-to-back writes, where a writer is always busy when a round ends.
/// The order of round and commit is forced, so the result depends on neither a clock nor
/// the machine's load.
async fn wal_peak_under_writes(restart_after: i64) -> (u64, u64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let pool = connect(&format!("sqlite://{}", path.display()), Profile::Server)
        .await
        .unwrap();
    sqlx::query("create table filler (body text not null)")
        .execute(&pool)
        .await
        .unwrap();
    let mut written = 0u64;
    for _ in 0..150 {
        let mut tx = pool.begin().await.unwrap();
        for _ in 0..8 {
            sqlx::query("insert into filler (body) values (printf('%.10000c', 'x'))")
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        let round = tokio::spawn({
            let pool = pool.clone();
            async move { checkpoint_round(&pool, restart_after).await }
        });
        // Whether the round starts before or after the commit, a restart it decides on
        // happens before the next transaction begins.
        tokio::time::sleep(Duration::from_millis(5)).await;
        tx.commit().await.unwrap();
        round.await.unwrap().unwrap();
        written += 80_000;
    }
    let wal_size = std::fs::metadata(dir.path().join("busy.db-wal"))
        .unwrap()
        .len();
    pool.close().await;
    (written, wal_size)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "measures the failure the test above is for; run by hand"]
async fn passive_rounds_alone_let_the_wal_grow() {
    let (written, wal_size) = wal_peak_under_writes(i64::MAX).await;
    println!("passive only: WAL of {wal_size} bytes after {written}");
    let (written, wal_size) = wal_peak_under_writes(64).await;
    println!("with restarts: WAL of {wal_size} bytes after {written}");
}

#[tokio::test]
async fn small_writes_on_commit_mode_wait_for_the_thousand_page_checkpoint() {
    let (before, after) = file_size_after_writes(Profile::Command).await;
    // Fewer than 1,000 pages: still only in the WAL, and nothing moves them by itself.
    assert_eq!(before, after);
}
