//! Ingestion benchmark: `cargo run --release -p server --bin bench_ingest [-- --seconds N]`; on
//! PostgreSQL: `scripts/with-postgres.sh cargo run --release -p server --bin bench_ingest --
//! --database postgres`.
//!
//! Serves the real router on a fresh SQLite file or PostgreSQL database (the same pool settings
//! as `relance serve`) and
//! a trivial axum route for comparison, then drives both over loopback HTTP with unique events:
//! closed-loop single events, closed-loop batches of 500, and an open loop at 1,000 requests/s.
//! Prints a Markdown table (throughput, p50, p99) for the README.

use std::{
    net::SocketAddr,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use axum::{body::Body, http::Request, routing::get, Router};
use chrono::Utc;
use http_body_util::BodyExt;
use hyper_util::{
    client::legacy::{connect::HttpConnector, Client},
    rt::TokioExecutor,
};
use server::{config::Config, db, demo, startup};

type HttpClient = Client<HttpConnector, Body>;

/// Distinct carts the load spreads over: a mix of creations and updates, as in a real shop.
const CARTS: u64 = 20_000;

struct Load {
    client: HttpClient,
    url: String,
    key: String,
    next_event: Arc<AtomicU64>,
}

impl Load {
    /// One unique event as JSON text. Written with `format!` rather than built as a
    /// `serde_json::Value`: the client shares the 2 cores with the server, and the value tree
    /// of a 500-event batch cost the client more CPU than the server spent parsing it.
    fn event(&self) -> String {
        let n = self.next_event.fetch_add(1, Ordering::Relaxed);
        let cart = n.wrapping_mul(2_654_435_761) % CARTS;
        let quantity = 1 + n % 3;
        let at = Utc::now().to_rfc3339();
        format!(
            r#"{{"id":"bench-{n}","type":"cart_updated","occurred_at":"{at}","cart":{{"id":"bench-cart-{cart}","currency":"EUR","total_tax_incl":"69.51","total_tax_excl":"57.93","shipping":"4.90","url":"https://shop.example/cart","items":[{{"sku":"demo_1","name":"T-shirt délavé","unit_price":"16.51","quantity":{quantity},"image_url":"https://shop.example/1.jpg","product_url":"https://shop.example/p/1"}},{{"sku":"demo_3","name":"Robe imprimée","unit_price":"50.99","quantity":1}}]}},"customer":{{"id":"bench-cu-{cart}","email":"c{cart}@example.com","first_name":"Jean","last_name":"Dupont","language":"fr","newsletter":true}}}}"#
        )
    }

    /// `count` unique events as one `{"events": [...]}` body.
    fn batch(&self, count: usize) -> String {
        let events: Vec<String> = (0..count).map(|_| self.event()).collect();
        format!(r#"{{"events":[{}]}}"#, events.join(","))
    }

    async fn post(&self, body: String) -> Duration {
        let request = Request::post(&self.url)
            .header("authorization", format!("Bearer {}", self.key))
            .header("content-type", "application/json")
            .body(Body::from(body))
            .expect("request");
        let started = Instant::now();
        let response = self
            .client
            .request(request)
            .await
            .expect("the server answers");
        let status = response.status();
        let _ = response.into_body().collect().await;
        assert_eq!(status.as_u16(), 202, "unexpected status");
        started.elapsed()
    }
}

async fn fetch(client: &HttpClient, url: &str) -> Duration {
    let started = Instant::now();
    let response = client
        .request(Request::get(url).body(Body::empty()).expect("request"))
        .await
        .expect("answer");
    let _ = response.into_body().collect().await;
    started.elapsed()
}

struct Stats {
    requests: usize,
    events: usize,
    elapsed: Duration,
    p50: Duration,
    p99: Duration,
}

fn stats(mut latencies: Vec<Duration>, events_per_request: usize, elapsed: Duration) -> Stats {
    latencies.sort_unstable();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    Stats {
        requests: latencies.len(),
        events: latencies.len() * events_per_request,
        elapsed,
        p50: at(0.50),
        p99: at(0.99),
    }
}

/// `concurrency` connections sending back to back for `seconds`.
async fn closed_loop<F, Fut>(concurrency: usize, seconds: u64, per_request: usize, send: F) -> Stats
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = Duration> + Send,
{
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let send = send.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while Instant::now() < deadline {
                    latencies.push(send().await);
                }
                latencies
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.expect("task"));
    }
    stats(all, per_request, started.elapsed())
}

/// Requests started at a fixed `rate` per second for `seconds`, whatever the answers' speed.
async fn open_loop(load: Arc<Load>, rate: u64, seconds: u64) -> Stats {
    let mut ticker = tokio::time::interval(Duration::from_micros(1_000_000 / rate));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..rate * seconds {
        ticker.tick().await;
        let load = load.clone();
        tasks.push(tokio::spawn(async move { load.post(load.event()).await }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.push(task.await.expect("task"));
    }
    stats(all, 1, started.elapsed())
}

fn row(name: &str, s: &Stats) {
    let secs = s.elapsed.as_secs_f64();
    println!(
        "| {name} | {:.0} | {:.0} | {:.2} | {:.2} |",
        s.requests as f64 / secs,
        s.events as f64 / secs,
        s.p50.as_secs_f64() * 1000.0,
        s.p99.as_secs_f64() * 1000.0
    );
}

async fn serve(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    addr
}

/// What the load needs of the server once it is up.
struct Served {
    relance: SocketAddr,
    trivial: SocketAddr,
    key: String,
    pool: db::Pool,
    _dir: tempfile::TempDir,
}

/// The real application on a fresh SQLite file (or PostgreSQL database), as `relance serve`
/// builds it, and the trivial route.
async fn start_servers(postgres: bool) -> anyhow::Result<Served> {
    let dir = tempfile::tempdir()?;
    anyhow::ensure!(
        !postgres || std::env::var(db::TEST_POSTGRES_ENV).is_ok(),
        "--database postgres needs a server: run under scripts/with-postgres.sh"
    );
    let database_url = if postgres {
        db::scratch_database(dir.path()).await?
    } else {
        format!("sqlite://{}/bench.db", dir.path().display())
    };
    let config = Config {
        database_url,
        addr: "127.0.0.1:0".parse()?,
        public_url: "http://127.0.0.1".into(),
        smtp_url: None,
        secret: Some("bench".to_owned().into()),
        outbox_dir: dir.path().join("outbox"),
        mail_from: "Relance <relance@localhost>".into(),
        dkim_selector: None,
        dkim_key_file: None,
        dkim_domain: None,
        site_root: "target/site".into(),
        admin_password: None,
    };
    let app = startup::build(&config).await?;
    let pool = app.state.pool().clone();
    let summary = demo::seed(
        &pool,
        &demo::DemoOptions {
            carts: 1,
            seed: 1,
            now: Utc::now(),
            public_url: "http://127.0.0.1".into(),
            replace: false,
            days: 14,
            history: false,
            rules: false,
        },
    )
    .await?;
    Ok(Served {
        relance: serve(app.router).await,
        trivial: serve(Router::new().route("/noop", get(|| async { "ok" }))).await,
        key: summary.api_key,
        pool,
        _dir: dir,
    })
}

/// The server and the client each get a runtime of their own, as they would in two processes
/// (`relance serve` and a load tool such as `oha`): the client's formatting of 500-event
/// bodies never waits in the server's run queue, nor the server's tasks in the client's.
fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("error"))
        .init();
    let seconds: u64 = std::env::args()
        .skip_while(|a| a != "--seconds")
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let runtime = |name: &str| {
        tokio::runtime::Builder::new_multi_thread()
            .thread_name(name)
            .enable_all()
            .build()
    };
    let server = runtime("server")?;
    let postgres = match std::env::args()
        .skip_while(|a| a != "--database")
        .nth(1)
        .as_deref()
    {
        None | Some("sqlite") => false,
        Some("postgres") => true,
        Some(other) => anyhow::bail!("--database is sqlite or postgres, not {other}"),
    };
    let served = server.block_on(start_servers(postgres))?;
    let client = runtime("client")?;
    let load = client.block_on(drive(&served, seconds))?;
    server.block_on(breakdown(&served, &load))
}

/// The four loads, each for `seconds`, printed as a Markdown table.
async fn drive(served: &Served, seconds: u64) -> anyhow::Result<Arc<Load>> {
    let client: HttpClient = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(256)
        .build_http();
    let load = Arc::new(Load {
        client: client.clone(),
        url: format!("http://{}/api/v1/events", served.relance),
        key: served.key.clone(),
        next_event: Arc::new(AtomicU64::new(0)),
    });

    println!("Ingestion benchmark, {seconds} s per line, {} cores, SQLite (WAL) in a temporary folder.\n", std::thread::available_parallelism().map_or(1, |n| n.get()));
    println!("| load | requests/s | events/s | p50 ms | p99 ms |");
    println!("|---|---:|---:|---:|---:|");

    let noop_url = format!("http://{}/noop", served.trivial);
    let noop = closed_loop(32, seconds, 1, {
        let client = client.clone();
        move || {
            let client = client.clone();
            let url = noop_url.clone();
            async move { fetch(&client, &url).await }
        }
    })
    .await;
    row("trivial axum route, 32 connections", &noop);

    let single = closed_loop(32, seconds, 1, {
        let load = load.clone();
        move || {
            let load = load.clone();
            async move { load.post(load.event()).await }
        }
    })
    .await;
    row("single events, 32 connections", &single);

    let batches = closed_loop(4, seconds, 500, {
        let load = load.clone();
        move || {
            let load = load.clone();
            async move { load.post(load.batch(500)).await }
        }
    })
    .await;
    row("batches of 500 events, 4 connections", &batches);

    let steady = open_loop(load.clone(), 1_000, seconds).await;
    row("single events at a steady 1,000 requests/s", &steady);
    println!(
        "\nratio single events / trivial route: {:.2}",
        single.requests as f64
            / single.elapsed.as_secs_f64()
            / (noop.requests as f64 / noop.elapsed.as_secs_f64())
    );
    Ok(load)
}

/// Where a 500-event batch spends its server time, without HTTP: parsing and checking, then
/// the group write.
async fn breakdown(served: &Served, load: &Load) -> anyhow::Result<()> {
    let pool = &served.pool;
    let owner = server::api::keys::authenticate(pool, Some(&format!("Bearer {}", load.key)))
        .await?
        .expect("the bench key opens");
    let (mut parse, mut apply) = (Duration::ZERO, Duration::ZERO);
    // As the server's writer: a connection of its own, and what it remembers.
    let mut conn = pool.acquire().await?;
    let mut memory = server::db::ingest::WriterMemory::default();
    let rounds = 20;
    for _ in 0..rounds {
        let body = load.batch(500);
        let started = Instant::now();
        let valid = server::api::events::parse_events(body.as_bytes(), domain::Currency::EUR)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        parse += started.elapsed();
        let started = Instant::now();
        server::ingest::apply_group(
            &mut conn.conn(),
            &mut memory,
            &[(&owner, valid.as_slice())],
            Utc::now(),
        )
        .await?;
        apply += started.elapsed();
    }
    println!(
        "\nserver time per 500-event batch, no HTTP: parse and check {:.1} ms, group write {:.1} ms",
        parse.as_secs_f64() * 1000.0 / f64::from(rounds),
        apply.as_secs_f64() * 1000.0 / f64::from(rounds)
    );
    let events = db::counts::counts(pool).await?.cart_events;
    println!("{events} events stored");
    Ok(())
}
