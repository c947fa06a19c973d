//! The background checkpointer keeps the WAL short under a steady write load.

use std::time::Duration;

use super::sqlite::{checkpointer, connect, CHECKPOINT_EVERY};
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

#[tokio::test]
async fn under_back_to_back_writes_the_wal_is_restarted_instead_of_growing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let pool = connect(&format!("sqlite://{}", path.display()), Profile::Server)
        .await
        .unwrap();
    // A faster, tighter checkpointer than the server's, so a short test shows the bound.
    tokio::spawn(checkpointer(pool.clone(), Duration::from_millis(20), 64));
    sqlx::query("create table filler (body text not null)")
        .execute(&pool)
        .await
        .unwrap();
    let wal = dir.path().join("busy.db-wal");
    let started = std::time::Instant::now();
    let mut written = 0u64;
    while started.elapsed() < Duration::from_millis(1_500) {
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
    let wal_size = std::fs::metadata(&wal).unwrap().len();
    pool.close().await;
    assert!(written > 8_000_000, "only {written} bytes written");
    // Passive rounds alone leave a WAL as big as everything written.
    assert!(
        wal_size < written / 4,
        "WAL of {wal_size} bytes after {written}"
    );
}

#[tokio::test]
async fn small_writes_on_commit_mode_wait_for_the_thousand_page_checkpoint() {
    let (before, after) = file_size_after_writes(Profile::Command).await;
    // Fewer than 1,000 pages: still only in the WAL, and nothing moves them by itself.
    assert_eq!(before, after);
}
