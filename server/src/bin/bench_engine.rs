//! Engine benchmark: `cargo run --release -p server --bin bench_engine [-- --carts N]`, and on
//! PostgreSQL with several processes: `scripts/with-postgres.sh cargo run --release -p server
//! --bin bench_engine -- --database postgres --workers 2`.
//!
//! Seeds the demo shop with N carts on a fresh SQLite file (or PostgreSQL database), makes every open cart due (no
//! lateness limit, no minimum gap), starts an SMTP sink on loopback (`mail::loopback`,
//! counting messages), then times `relance run-once --json` (the release binary next to this
//! one, a process of its own) end to end: deciding, queueing, coupons, rendering, signing,
//! SMTP, recording; the kernel reports that process's peak RSS. For comparison it then blasts
//! the same number of pre-rendered messages to the same sink through the same SMTP transport:
//! the ceiling of this machine. Prints reminders/s, the blast's messages/s and the peak RSS.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use chrono::{TimeZone, Utc};
use futures_util::StreamExt;
use mailin::{response, Handler, Response};
use server::{db, demo, mail};
use tokio::net::TcpListener;

/// Messages and bytes of message data the sink received.
#[derive(Clone, Default)]
struct Count {
    messages: Arc<AtomicU64>,
    bytes: Arc<AtomicU64>,
}

impl Handler for Count {
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.bytes.fetch_add(buf.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.messages.fetch_add(1, Ordering::Relaxed);
        response::OK
    }
}

impl Count {
    fn read(&self) -> (u64, u64) {
        (
            self.messages.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
    }
}

async fn sink() -> (SocketAddr, Count) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let count = Count::default();
    tokio::spawn(mail::loopback::serve(
        listener,
        count.clone(),
        std::time::Duration::ZERO,
    ));
    (addr, count)
}

/// A message whose data is about `bytes` long once sent, like the engine's reminders: an HTML
/// part four times the size of its text part, one long line each as an editor would write it.
fn blast_message(bytes: u64) -> anyhow::Result<lettre::Message> {
    let build = |html_len: usize| {
        mail::build_message(
            "Relance <relance@localhost>",
            &mail::OutgoingEmail {
                to: "blast@example.com".into(),
                subject: "Blast".into(),
                html: "<p>".to_owned() + &"x".repeat(html_len) + "</p>",
                text: "x".repeat(html_len / 4),
                message_id: None,
                unsubscribe_url: None,
                reply_to: None,
            },
        )
    };
    let first = build(12_000)?;
    let scale = bytes as f64 / first.formatted().len() as f64;
    Ok(build((12_000.0 * scale) as usize)?)
}

/// The peak resident memory of process `pid` so far, from the kernel (Linux), in MB.
fn peak_rss_mb(pid: u32) -> Option<f64> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|kb| kb.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
}

/// Runs `relance run-once` (or, with workers, `relance worker --once`) and returns its JSON
/// summary, its wall time and its peak RSS (MB). The peak is VmHWM read every 10 ms while it
/// runs: `wait4`'s maxrss would count this process's memory too, as Linux carries the
/// high-water mark across the spawn.
fn run_once(
    database_url: &str,
    smtp_url: &str,
    now: &str,
    worker: bool,
) -> anyhow::Result<(serde_json::Value, f64, f64)> {
    let relance = std::env::current_exe()?.with_file_name("relance");
    anyhow::ensure!(
        relance.exists(),
        "build it first: cargo build --release -p server (looked for {})",
        relance.display()
    );
    let started = Instant::now();
    let args: &[&str] = if worker {
        &["worker", "--once", "--at", now]
    } else {
        &["run-once", "--json", "--at", now]
    };
    let mut child = std::process::Command::new(relance)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("SMTP_URL", smtp_url)
        .env("RELANCE_SECRET", "bench-secret-bench-secret-bench-secret")
        .env("RUST_LOG", "warn,server::jobs::pass=info")
        .stdout(std::process::Stdio::piped())
        .spawn()?;
    let mut peak: f64 = 0.0;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if let Some(rss) = peak_rss_mb(child.id()) {
            peak = peak.max(rss);
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(status.success(), "run-once failed: {status}");
    let mut output = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().expect("piped"), &mut output)?;
    // The log (the pass's phases) comes first, the JSON summary last.
    let (log, json) = output
        .trim()
        .rsplit_once('\n')
        .unwrap_or(("", output.trim()));
    if !log.is_empty() {
        eprintln!("{log}");
    }
    Ok((serde_json::from_str(json)?, seconds, peak))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let option = |name: &str| std::env::args().skip_while(|arg| arg != name).nth(1);
    let carts: u32 = option("--carts")
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let postgres = match option("--database").as_deref() {
        None | Some("sqlite") => false,
        Some("postgres") => true,
        Some(other) => anyhow::bail!("--database is sqlite or postgres, not {other}"),
    };
    let workers: usize = option("--workers")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    anyhow::ensure!(
        !postgres || std::env::var(db::TEST_POSTGRES_ENV).is_ok(),
        "--database postgres needs a server: run under scripts/with-postgres.sh"
    );
    let dir = tempfile::tempdir()?;
    let database_url = if postgres {
        db::scratch_database(dir.path()).await?
    } else {
        format!("sqlite://{}/bench.db", dir.path().display())
    };
    let pool = db::connect(&database_url).await?;
    db::migrate(&pool).await?;
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    demo::seed(
        &pool,
        &demo::DemoOptions {
            carts,
            seed: 42,
            now,
            public_url: "http://127.0.0.1:3000".into(),
            replace: false,
            days: 14,
            history: false,
            rules: false,
        },
    )
    .await?;
    // Every open cart due now: no lateness limit, no gap between two reminders.
    let mut settings = db::settings::load(&pool, demo::DEMO_SHOP_ID)
        .await?
        .context("the demo shop has no settings")?;
    settings.max_lateness_hours = 100_000;
    settings.min_gap_hours = 0;
    db::settings::save(&pool, demo::DEMO_SHOP_ID, &settings, Utc::now()).await?;

    let (addr, received) = sink().await;
    let smtp_url = format!("smtp://{addr}");
    let started = Instant::now();
    let processes: Vec<_> = (0..workers.max(1))
        .map(|_| {
            let (database_url, smtp_url) = (database_url.clone(), smtp_url.clone());
            tokio::task::spawn_blocking(move || {
                run_once(&database_url, &smtp_url, &now.to_rfc3339(), workers > 0)
            })
        })
        .collect();
    let mut summaries = Vec::new();
    let mut engine_rss: f64 = 0.0;
    for process in processes {
        let (summary, _, rss) = process.await??;
        engine_rss = engine_rss.max(rss);
        summaries.push(summary);
    }
    let engine_seconds = started.elapsed().as_secs_f64();
    let field = |name: &str| {
        summaries
            .iter()
            .map(|s| s[name].as_u64().unwrap_or(0))
            .sum::<u64>()
    };
    let (sent, due) = (field("sent"), field("due"));
    let summary = summaries
        .iter()
        .find(|s| s["role"] != "helped")
        .cloned()
        .unwrap_or_default();
    let (engine_messages, engine_bytes) = received.read();
    let stored_sent = db::deliveries::count_sent(&pool, demo::DEMO_SHOP_ID).await?;
    pool.close().await;
    // Every reminder once: as many messages at the sink as reminders the processes say they
    // sent, as the database has sent, and as were due.
    anyhow::ensure!(
        engine_messages == sent && stored_sent == sent && sent == due && sent > 0,
        "the sink got {engine_messages} messages, the processes say {sent} sent of {due} due, \
         the database has {stored_sent} sent"
    );
    let transport = mail::smtp(&format!("smtp://{addr}"))?;

    // The same number of messages, rendered beforehand, straight to the sink: one message as
    // large as the reminders were on average, so both move the same bytes.
    let email = blast_message(engine_bytes / sent)?;
    let (before, before_bytes) = received.read();
    let blast_started = Instant::now();
    // As many in flight as the engine keeps.
    let results: Vec<Result<(), mail::MailError>> = futures_util::stream::iter(0..sent)
        .map(|_| {
            let (transport, email) = (transport.clone(), email.clone());
            async move { transport.send(email).await }
        })
        .buffer_unordered(mail::SMTP_CONNECTIONS as usize)
        .collect()
        .await;
    results.into_iter().collect::<Result<Vec<()>, _>>()?;
    let blast_seconds = blast_started.elapsed().as_secs_f64();
    let (after, after_bytes) = received.read();
    let blasted = after - before;

    println!("| what | figure |");
    println!("|---|---:|");
    println!(
        "| database, processes | {}, {} |",
        if postgres { "PostgreSQL" } else { "SQLite" },
        summaries.len()
    );
    println!("| carts seeded | {carts} |");
    println!(
        "| reminders due / sent / skipped | {} / {} / {} |",
        summary["due"], sent, summary["skipped"]
    );
    println!(
        "| engine pass | {engine_seconds:.2} s, {:.0} reminders/s |",
        sent as f64 / engine_seconds
    );
    if summaries.len() > 1 {
        let shares: Vec<String> = summaries
            .iter()
            .map(|s| format!("{} {}", s["role"].as_str().unwrap_or("?"), s["sent"]))
            .collect();
        println!("| sent per process | {} |", shares.join(", "));
    }
    println!("| duplicates (sink − sent) | {} |", engine_messages - sent);
    println!("| raw SMTP blast, same count, same transport and concurrency | {blast_seconds:.2} s, {:.0} messages/s ({blasted} received) |", blasted as f64 / blast_seconds);
    println!(
        "| mean message data at the sink, engine / blast | {:.1} / {:.1} KB |",
        engine_bytes as f64 / sent as f64 / 1000.0,
        (after_bytes - before_bytes) as f64 / blasted.max(1) as f64 / 1000.0
    );
    println!(
        "| engine / blast | {:.0} % |",
        100.0 * (sent as f64 / engine_seconds) / (blasted as f64 / blast_seconds)
    );
    println!("| peak RSS of a sending process | {engine_rss:.0} MB |");
    Ok(())
}
