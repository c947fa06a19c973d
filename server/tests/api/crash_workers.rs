//! Killing a sending process at random points of a 3,000-cart pass, twenty times: two
//! `relance worker` processes sharing the pass on PostgreSQL (one of them killed), one
//! `relance run-once` on SQLite. No reminder is lost, and a reminder is repeated only if the killed process had
//! sent it without recording it yet.

use std::time::Duration;

use server::on;

use crate::crash::{relance, run_within, wait_within, HANGS_AFTER};
use crate::smtp_peer::SmtpPeer;

const ROUNDS: usize = 20;
/// Fifteen batches of 200: a kill anywhere in the first half of a pass still leaves batches to
/// come, at a third of the time 10,000 carts took (the suite's longest test, on both databases).
const CARTS: usize = 3_000;
/// What a killed process may have sent without recording it: its sending side holds at most
/// two batches of 200 (one being sent, one ready), every outcome back is written before a
/// batch is handed over, and 32 SMTP conversations may be under way.
const IN_FLIGHT_AT_MOST: usize = 2 * 200 + 32;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sending_processes_killed_at_random_points_lose_no_reminder_and_repeat_only_what_was_in_flight(
) {
    let dir = tempfile::tempdir().unwrap();
    // One seed, copied afresh for each round: seeding the carts twenty times was most of
    // this test's time, and the kill points, not the carts, are what vary.
    let seeded = server::db::scratch_database(dir.path()).await.unwrap();
    let template = server::db::connect(&seeded).await.unwrap();
    server::db::migrate(&template).await.unwrap();
    let workers = match template {
        server::db::Pool::Postgres(_) => 2,
        server::db::Pool::Sqlite(_) => 1,
    };
    let peer = SmtpPeer::start(&[]).await;
    let demo = run_within(
        relance(&seeded, &peer.url())
            .args(["demo", "--carts", &CARTS.to_string(), "--seed", "2026"])
            .args(["--now", "2026-11-23T10:00:00Z"]),
        HANGS_AFTER,
        "the demo seed",
    );
    assert!(demo.success());
    // Every open cart due now, however late, with no gap between two reminders.
    on!(&template, |db| sqlx::query(
        "update shop_settings set max_lateness_hours = 100000, min_gap_hours = 0,
             quiet_hours = ''"
    )
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();
    // A PostgreSQL template must have nobody connected to it.
    template.close().await;
    let mut rng = fastrand::Rng::with_seed(2026);
    let mut killed_mid_pass = 0;
    for round in 0..ROUNDS {
        peer.clear();
        let database_url = server::db::copy_scratch_database(&seeded, dir.path())
            .await
            .unwrap();
        let pool = server::db::connect(&database_url).await.unwrap();

        // On SQLite a pass without the run lock, which a killed process would keep for its
        // hold (30 minutes); on PostgreSQL the lock dies with its process.
        let pass: &[&str] = if workers > 1 {
            &["worker", "--once", "--at", "2026-11-23T10:00:00Z"]
        } else {
            &["run-once", "--at", "2026-11-23T10:00:00Z"]
        };
        let mut processes: Vec<_> = (0..workers)
            .map(|_| {
                relance(&database_url, &peer.url())
                    .args(pass)
                    .spawn()
                    .unwrap()
            })
            .collect();
        // A random point of the pass: after some number of mails, up to most of them.
        let kill_after = rng.usize(1..CARTS / 2);
        let victim = rng.usize(0..workers);
        let mut killed = false;
        for _ in 0..3_000 {
            if peer.count() >= kill_after {
                // SIGKILL: no clean-up, leases and half-done work stay as they are.
                processes[victim].kill().unwrap();
                killed = true;
                break;
            }
            if processes[victim].try_wait().unwrap().is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        for (index, process) in processes.iter_mut().enumerate() {
            wait_within(
                process,
                HANGS_AFTER,
                &format!("round {round}: worker {index} (victim {victim}, killed {killed})"),
            );
        }
        let at_kill = peer.count();
        // Ten minutes later by the engine's clock the dead process's leases have expired. (A
        // pass without the run lock: on SQLite the dead process's lock row stays for its hold.)
        let after = run_within(
            relance(&database_url, &peer.url()).args(["run-once", "--at", "2026-11-23T10:10:00Z"]),
            HANGS_AFTER,
            &format!("round {round}: the pass after the kill"),
        );
        assert!(after.success());

        let sent: Vec<(String,)> = on!(&pool, |db| sqlx::query_as(
            "select delivery_id from deliveries where status = 'sent'"
        )
        .fetch_all(db)
        .await)
        .unwrap();
        let (left,): (i64,) = on!(&pool, |db| sqlx::query_as(
            "select count(*) from deliveries where status = 'queued'"
        )
        .fetch_one(db)
        .await)
        .unwrap();
        let received = peer.message_ids();
        let unique: std::collections::HashSet<&String> = received.iter().collect();
        assert_eq!(left, 0, "round {round}: nothing stays queued");
        assert!(sent.len() > CARTS / 2, "round {round}: {} sent", sent.len());
        for (delivery_id,) in &sent {
            assert!(
                unique.contains(delivery_id),
                "round {round}: {delivery_id} was never received"
            );
        }
        let duplicates = received.len() - sent.len();
        eprintln!("round {round}: killed after {at_kill} mails, {duplicates} duplicates");
        assert!(
            duplicates <= IN_FLIGHT_AT_MOST,
            "round {round}: {duplicates} duplicates"
        );
        pool.close().await;
        if killed && at_kill < sent.len() {
            killed_mid_pass += 1;
        }
    }
    // Most kills land mid-pass (the others after the victim finished its share).
    assert!(
        killed_mid_pass >= ROUNDS / 2,
        "{killed_mid_pass} kills mid-pass"
    );
}
