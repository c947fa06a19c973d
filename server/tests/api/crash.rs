use server::on;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::smtp_peer::SmtpPeer;

/// The `relance` binary on `database_url`, sending through `smtp_url`, quiet.
pub fn relance(database_url: &str, smtp_url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_relance"));
    command
        .env("DATABASE_URL", database_url)
        .env("SMTP_URL", smtp_url)
        .env("RELANCE_SECRET", "crash test key")
        .env("RELANCE_PUBLIC_URL", "http://127.0.0.1:3000")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// A seed or a pass takes seconds; one that takes this long hangs.
pub const HANGS_AFTER: Duration = Duration::from_secs(240);

/// Waits for `child` to end, at most `within`: a process that hangs is killed and fails the
/// test at once, naming `what`, instead of holding the whole suite until CI's time runs out.
pub fn wait_within(child: &mut Child, within: Duration, what: &str) -> ExitStatus {
    let deadline = Instant::now() + within;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} still running after {within:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs `command` to its end, at most `within` (see `wait_within`).
pub fn run_within(command: &mut Command, within: Duration, what: &str) -> ExitStatus {
    let mut child = command.spawn().unwrap();
    wait_within(&mut child, within, what)
}

fn message_id(data: &str) -> Option<String> {
    data.lines()
        .find_map(|line| line.strip_prefix("Message-ID: <"))
        .and_then(|rest| rest.split('@').next())
        .map(str::to_owned)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_killed_mid_batch_loses_no_reminder_and_repeats_at_most_the_mails_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = server::db::scratch_database(dir.path()).await.unwrap();
    // A slow SMTP server, so the run is still sending when it is killed.
    let peer = SmtpPeer::start_slow(&[], Duration::from_millis(15)).await;
    let demo = run_within(
        relance(&database_url, &peer.url()).args([
            "demo",
            "--carts",
            "3000",
            "--seed",
            "7",
            "--now",
            "2026-11-23T10:00:00Z",
        ]),
        HANGS_AFTER,
        "the demo seed",
    );
    assert!(demo.success());

    let mut first = relance(&database_url, &peer.url())
        .args(["run-once", "--at", "2026-11-23T10:00:00Z"])
        .spawn()
        .unwrap();
    for _ in 0..600 {
        if peer.received().len() >= 20 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // SIGKILL: no clean-up, leases and half-done work stay as they are.
    first.kill().unwrap();
    first.wait().unwrap();
    let before_restart = peer.received().len();
    // Ten minutes later by the engine's clock, the dead run's five-minute leases have expired.
    let second = run_within(
        relance(&database_url, &peer.url()).args(["run-once", "--at", "2026-11-23T10:10:00Z"]),
        HANGS_AFTER,
        "the pass after the kill",
    );
    assert!(second.success());

    let pool = server::db::connect(&database_url).await.unwrap();
    let sent: Vec<(String,)> = on!(&pool, |db| sqlx::query_as(
        "select delivery_id from deliveries where status = 'sent'"
    )
    .fetch_all(db)
    .await)
    .unwrap();
    let left: (i64,) = on!(&pool, |db| sqlx::query_as(
        "select count(*) from deliveries where status = 'queued'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let received: Vec<String> = peer
        .received()
        .iter()
        .filter_map(|message| message_id(&message.data))
        .collect();

    assert!(
        before_restart >= 20 && before_restart < sent.len(),
        "killed mid-batch: {before_restart} of {}",
        sent.len()
    );
    assert_eq!(left.0, 0, "nothing stays queued");
    for (delivery_id,) in &sent {
        assert!(
            received.contains(delivery_id),
            "{delivery_id} was never received"
        );
    }
    let duplicates = received.len() - sent.len();
    // At most the mails the dead run had in flight (one claimed batch).
    assert!(duplicates <= 50, "{duplicates} duplicates");
    // The run that finished is in the run history; the killed one never finished.
    let runs: Vec<(String, Option<String>, Option<String>)> = on!(&pool, |db| sqlx::query_as(
        "select trigger, summary_json, error from engine_runs"
    )
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert_eq!(runs[0].0, "cli");
    assert_eq!(runs[0].2, None);
    let summary: serde_json::Value =
        serde_json::from_str(runs[0].1.as_deref().expect("a summary")).unwrap();
    assert!(summary["sent"].as_u64().unwrap() > 0, "{summary}");
}
