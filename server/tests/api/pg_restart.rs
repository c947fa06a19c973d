//! PostgreSQL restarted in the middle of a pass: the pass ends (it never hangs), nothing is
//! marked sent that the mail server did not receive, and the next pass sends the rest. The
//! test runs its own PostgreSQL (initdb in a temporary folder, like `scripts/with-postgres.sh`),
//! since restarting the shared one would break the tests running beside it.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use server::on;

use crate::crash::{relance, run_within, wait_within, HANGS_AFTER};
use crate::smtp_peer::SmtpPeer;

/// A PostgreSQL cluster of this test's own, stopped and deleted when dropped.
struct PrivatePostgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
}

impl PrivatePostgres {
    /// `None` when PostgreSQL is not installed.
    fn start() -> Option<Self> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(Result::ok)
            .map(|entry| entry.path().join("bin"))
            .filter(|bin| bin.join("initdb").exists())
            .max()?;
        let dir = tempfile::Builder::new()
            .prefix("relance-pg-restart")
            .tempdir_in("/tmp")
            .unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let cluster = Self { dir, bin, port };
        if is_root() {
            assert!(Command::new("chown")
                .args(["postgres"])
                .arg(cluster.dir.path())
                .status()
                .unwrap()
                .success());
        }
        let data = cluster.data();
        assert!(cluster
            .as_owner("initdb")
            .args([
                "-A",
                "trust",
                "-U",
                "relance",
                "-E",
                "UTF8",
                "--no-sync",
                "-D"
            ])
            .arg(&data)
            .stdout(Stdio::null())
            .status()
            .unwrap()
            .success());
        cluster.pg_ctl("start");
        Some(cluster)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn url(&self) -> String {
        format!("postgres://relance@127.0.0.1:{}/postgres", self.port)
    }

    fn as_owner(&self, tool: &str) -> Command {
        let program = self.bin.join(tool);
        if is_root() {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        }
    }

    /// `pg_ctl start` or `restart`, waiting until it accepts connections.
    fn pg_ctl(&self, action: &str) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.path().display()
        );
        let status = self
            .as_owner("pg_ctl")
            .args(["-D"])
            .arg(self.data())
            .args(["-l"])
            .arg(self.dir.path().join("server.log"))
            .args(["-w", "-m", "fast", "-o", &options, action])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "pg_ctl {action}");
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let _ = self
            .as_owner("pg_ctl")
            .args(["-D"])
            .arg(self.data())
            .args(["-m", "immediate", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .any(|line| line.starts_with("Uid:") && line.split_whitespace().nth(1) == Some("0"))
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgresql_restart_mid_pass_marks_nothing_sent_that_was_not_and_the_next_pass_finishes()
{
    let postgres = PrivatePostgres::start()
        .expect("PostgreSQL is not installed: this test needs Debian's postgresql package");
    let database_url = postgres.url();
    // Slow enough that the restart lands in the middle of the sending.
    let peer = SmtpPeer::start_slow(&[], Duration::from_millis(10)).await;
    let demo = run_within(
        relance(&database_url, &peer.url()).args([
            "demo",
            "--carts",
            "2000",
            "--seed",
            "3",
            "--now",
            "2026-11-23T10:00:00Z",
        ]),
        HANGS_AFTER,
        "the demo seed",
    );
    assert!(demo.success());

    let mut pass = relance(&database_url, &peer.url())
        .args(["run-once", "--at", "2026-11-23T10:00:00Z"])
        .spawn()
        .unwrap();
    for _ in 0..2_000 {
        if peer.count() >= 40 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let before_restart = peer.count();
    postgres.pg_ctl("restart");
    // The pass ends by itself, failed or finished: never a hang.
    wait_within(&mut pass, HANGS_AFTER, "the pass during the restart");

    let pool = server::db::connect(&database_url).await.unwrap();
    let sent_ids = |pool: server::db::Pool| async move {
        let rows: Vec<(String,)> = on!(&pool, |db| sqlx::query_as(
            "select delivery_id from deliveries where status = 'sent'"
        )
        .fetch_all(db)
        .await)
        .unwrap();
        rows.into_iter().map(|(id,)| id).collect::<Vec<_>>()
    };
    let received = peer.message_ids();
    for id in sent_ids(pool.clone()).await {
        assert!(received.contains(&id), "{id} marked sent, never received");
    }

    // Ten minutes later by the engine's clock the interrupted claims' leases have expired.
    let next = run_within(
        relance(&database_url, &peer.url()).args(["run-once", "--at", "2026-11-23T10:10:00Z"]),
        HANGS_AFTER,
        "the pass after the restart",
    );
    assert!(next.success());
    let sent = sent_ids(pool.clone()).await;
    let received = peer.message_ids();
    let (left,): (i64,) = on!(&pool, |db| sqlx::query_as(
        "select count(*) from deliveries where status = 'queued'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert!(
        before_restart >= 40 && before_restart < sent.len(),
        "{before_restart} of {}",
        sent.len()
    );
    assert_eq!(left, 0, "nothing stays queued");
    for id in &sent {
        assert!(received.contains(id), "{id} was never received");
    }
    // What the interrupted pass had sent without recording it yet: at most its batches in
    // flight (see crash_workers).
    let repeated = received.len() - sent.len();
    assert!(repeated <= 2 * 200 + 32, "{repeated} repeated");
}
