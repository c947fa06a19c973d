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
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let pool = connect(&format!("sqlite://{}", path.display()), Profile::Server)
        .await
        .unwrap();
    sqlx::query("create table filler (body text not null)")
        .execute(&pool)
        .await
        .unwrap();
    // The checkpointer's rounds back to back, with a tighter bound than the server's, beside
    // a fixed amount of writes: the outcome depends on neither a clock nor the machine's load.
    let writing = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let rounds = tokio::spawn({
        let (pool, writing) = (pool.clone(), writing.clone());
        async move {
            let mut rounds = 0u32;
            while writing.load(std::sync::atomic::Ordering::Relaxed) {
                checkpoint_round(&pool, 64).await.unwrap();
                rounds += 1;
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            rounds
        }
    });
    let wal = dir.path().join("busy.db-wal");
    let mut written = 0u64;
    for _ in 0..150 {
        let mut tx = pool.begin().await.unwrap();
        for _ in 0..8 {
            sqlx::query("insert into filler (body) values (printf('%.10000c', 'x'))")
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        written += 80_000;
    }
    writing.store(false, std::sync::atomic::Ordering::Relaxed);
    let rounds = rounds.await.unwrap();
    let wal_size = std::fs::metadata(&wal).unwrap().len();
    pool.close().await;
    assert!(rounds >= 3, "{rounds} checkpoint rounds");
    // Passive rounds alone leave a WAL as big as everything written (113 % measured); with
    // the restarts it stayed at 19–37 %.
    assert!(
        wal_size < written / 2,
        "WAL of {wal_size} bytes after {written}"
    );
}

#[tokio::test]
async fn small_writes_on_commit_mode_wait_for_the_thousand_page_checkpoint() {
    let (before, after) = file_size_after_writes(Profile::Command).await;
    // Fewer than 1,000 pages: still only in the WAL, and nothing moves them by itself.
    assert_eq!(before, after);
}
