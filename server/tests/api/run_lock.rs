//! The engine's run lock belongs to one installation: two installations on one PostgreSQL
//! server (two databases) each lead their own passes.

use chrono::Utc;
use server::jobs::lock::{leader_running, try_lock};

#[tokio::test]
async fn a_leader_in_another_database_of_the_same_server_leaves_this_one_free() {
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut pools = Vec::new();
    for dir in [&dir_a, &dir_b] {
        let url = server::db::scratch_database(dir.path()).await.unwrap();
        let pool = server::db::connect(&url).await.unwrap();
        server::db::migrate(&pool).await.unwrap();
        pools.push(pool);
    }
    let (a, b) = (&pools[0], &pools[1]);

    let lead_a = try_lock(a, Utc::now()).await.unwrap().expect("a is free");
    let a_running = leader_running(a, Utc::now()).await.unwrap();
    let b_running = leader_running(b, Utc::now()).await.unwrap();
    let lead_b = try_lock(b, Utc::now()).await.unwrap();
    let second_a = try_lock(a, Utc::now()).await.unwrap();

    assert!(a_running);
    assert!(!b_running, "a's leader is not b's");
    assert!(lead_b.is_some(), "b takes its own lead");
    assert!(second_a.is_none(), "a has one leader");
    lead_a.release(a).await.unwrap();
    lead_b.unwrap().release(b).await.unwrap();
    assert!(!leader_running(a, Utc::now()).await.unwrap());
}
