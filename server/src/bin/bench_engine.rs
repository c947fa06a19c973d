//! Engine benchmark: `cargo run --release -p server --bin bench_engine [-- --carts N]`.
//!
//! Seeds the demo shop with N carts on a fresh SQLite file, makes every open cart due (no
//! lateness limit, no minimum gap), starts an SMTP sink on loopback (`mail::loopback`,
//! counting messages), then times one `run-once` pass end to end: deciding, queueing, coupons, rendering,
//! signing, SMTP, recording. For comparison it then blasts the same number of pre-rendered
//! messages to the same sink through the same lettre transport: the ceiling of this machine.
//! Prints reminders/s, the blast's messages/s and the peak RSS.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use futures_util::StreamExt;
use mailin::{response, Handler, Response};
use server::{db, demo, jobs, links::LinkSigner, mail};
use tokio::net::TcpListener;

#[derive(Clone)]
struct Count(Arc<AtomicU64>);

impl Handler for Count {
    fn data_end(&mut self) -> Response {
        self.0.fetch_add(1, Ordering::Relaxed);
        response::OK
    }
}

async fn sink() -> (SocketAddr, Arc<AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let count = Arc::new(AtomicU64::new(0));
    tokio::spawn(mail::loopback::serve(
        listener,
        Count(count.clone()),
        std::time::Duration::ZERO,
    ));
    (addr, count)
}

/// The peak resident memory of this process, from the kernel (Linux).
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|kb| kb.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let carts: u32 = std::env::args()
        .skip_while(|arg| arg != "--carts")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let pool = db::connect(&format!("sqlite://{}/bench.db", dir.path().display())).await?;
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
        },
    )
    .await?;
    // Every open cart due now: no lateness limit, no gap between two reminders.
    sqlx::query("update shop_settings set max_lateness_hours = 100000, min_gap_hours = 0")
        .execute(&pool)
        .await?;
    let seeded_rss = peak_rss_mb();

    let (addr, received) = sink().await;
    let transport = mail::smtp(&format!("smtp://{addr}"))?;
    let sender = jobs::Sender {
        pool: pool.clone(),
        mail: transport.clone(),
        mail_from: "Relance <relance@localhost>".into(),
        signer: LinkSigner::new(b"bench", "http://127.0.0.1:3000"),
        message_host: "127.0.0.1".into(),
    };
    let started = Instant::now();
    let summary = jobs::run_pass(&sender, now).await?;
    let engine_seconds = started.elapsed().as_secs_f64();
    let engine_rss = peak_rss_mb();
    let sent = summary.sent;

    // The same number of messages, rendered beforehand, straight to the sink.
    let email = mail::build_message(
        "Relance <relance@localhost>",
        &mail::OutgoingEmail {
            to: "blast@example.com".into(),
            subject: "Blast".into(),
            html: "<p>".to_owned() + &"x".repeat(12_000) + "</p>",
            text: "x".repeat(3_000),
            message_id: None,
            unsubscribe_url: None,
        },
    )?;
    let before = received.load(Ordering::Relaxed);
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
    let blasted = received.load(Ordering::Relaxed) - before;

    println!("| what | figure |");
    println!("|---|---:|");
    println!("| carts seeded | {carts} |");
    println!(
        "| reminders due / sent / skipped | {} / {} / {:?} |",
        summary.due, sent, summary.skipped
    );
    println!(
        "| engine pass | {engine_seconds:.2} s, {:.0} reminders/s |",
        sent as f64 / engine_seconds
    );
    println!("| raw SMTP blast, same count, same transport and concurrency | {blast_seconds:.2} s, {:.0} messages/s ({blasted} received) |", blasted as f64 / blast_seconds);
    println!(
        "| engine / blast | {:.0} % |",
        100.0 * (sent as f64 / engine_seconds) / (blasted as f64 / blast_seconds)
    );
    println!(
        "| peak RSS after seeding / after the pass | {seeded_rss:.0} MB / {engine_rss:.0} MB |"
    );
    Ok(())
}
