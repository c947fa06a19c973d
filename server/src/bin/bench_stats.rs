//! Statistics benchmark: `cargo run --release -p server --bin bench_stats [-- --carts N]`.
//!
//! Writes the demo shop with a year of tracking history (`relance demo --carts N --days 365
//! --history`; 613,000 carts give a million reminders) to a fresh SQLite file, then times:
//! the full recount of every stored day, the Statistics page's data (server time: read and
//! sum the stored days, labels) for the default 30 days, with scanners and for a year, and the
//! background refresh after a write marked today. Prints a Markdown table for the README.

use std::time::{Duration, Instant};

use chrono::Utc;
use server::{db, demo, web};

fn arg(name: &str, default: u32) -> u32 {
    std::env::args()
        .skip_while(|a| a != name)
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort_unstable();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("error"))
        .init();
    let carts = arg("--carts", 613_000);
    let rounds = arg("--rounds", 40) as usize;
    let dir = tempfile::tempdir()?;
    let pool = db::connect_with(
        &format!("sqlite://{}/bench.db", dir.path().display()),
        db::Profile::Server,
    )
    .await?;
    db::migrate(&pool).await?;
    let now = Utc::now();

    let started = Instant::now();
    demo::seed(
        &pool,
        &demo::DemoOptions {
            carts,
            seed: 7,
            now,
            public_url: "http://127.0.0.1".into(),
            replace: false,
            days: 365,
            history: true,
            rules: false,
        },
    )
    .await?;
    let seeded = started.elapsed();
    let counts = db::counts::counts(&pool).await?;
    let (deliveries, events) = (counts.deliveries, counts.delivery_events);

    // The full recount: the first count, and what a changed attribution window costs.
    let started = Instant::now();
    let report = db::stats::refresh(&pool, demo::DEMO_SHOP_ID, now).await?;
    let rebuild = started.elapsed();

    let shop = db::find_shop(&pool, demo::DEMO_SHOP_ID)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no shop"))?;
    let today = now.date_naive();
    let year_ago = (today - chrono::Duration::days(364)).to_string();
    let today_text = today.to_string();
    let cases: [(&str, Option<&str>, Option<&str>, bool); 3] = [
        ("last 30 days (default)", None, None, false),
        ("last 30 days, scanners shown", None, None, true),
        ("last 365 days", Some(&year_ago), Some(&today_text), false),
    ];
    let mut lines = Vec::new();
    for (name, from, to, scanners) in cases {
        let mut samples = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let started = Instant::now();
            let page = web::statistics::page(&pool, &shop, from, to, scanners, now)
                .await?
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            samples.push(started.elapsed());
            std::hint::black_box(page);
        }
        let p50 = percentile(&mut samples, 0.5);
        let p99 = percentile(&mut samples, 0.99);
        lines.push(format!("| {name} | {} | {} |", ms(p50), ms(p99)));
    }

    // The background refresher's usual work: one write marked today.
    let mut recounts = Vec::with_capacity(rounds);
    for _ in 0..rounds.min(10) {
        db::stats::mark_dirty(&pool, demo::DEMO_SHOP_ID, now).await?;
        let started = Instant::now();
        db::stats::refresh(&pool, demo::DEMO_SHOP_ID, now).await?;
        recounts.push(started.elapsed());
    }
    let recount = percentile(&mut recounts, 0.5);

    println!(
        "demo: {carts} carts over 365 days, {deliveries} reminders, {events} opens/clicks/unsubscribes, written in {:.1} s",
        seeded.as_secs_f64()
    );
    println!(
        "full recount of {} days: {:.1} s ({:.1} ms per day)",
        report.days,
        rebuild.as_secs_f64(),
        rebuild.as_secs_f64() * 1000.0 / report.days.max(1) as f64
    );
    println!(
        "background refresh after a write marked today: {} (p50)",
        ms(recount)
    );
    println!();
    println!("| Statistics page data (server time, {rounds} loads) | p50 | p99 |");
    println!("|---|---|---|");
    for line in lines {
        println!("{line}");
    }
    Ok(())
}
