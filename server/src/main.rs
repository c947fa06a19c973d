use std::time::Instant;

use anyhow::Context;
use clap::Parser;
use tracing_subscriber::EnvFilter;

use server::{
    api,
    cli::{
        AdminCommand, ApiKeyCommand, Cli, Command, DemoArgs, RunOnceArgs, ServeArgs, WorkerArgs,
    },
    config::Config,
    db, demo, mail, startup,
};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            // One line, causes included: what an operator reads in a service's log.
            eprintln!("relance: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    // A `.env` file in the working directory is optional; real environment variables win.
    let _ = dotenvy::dotenv();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(args) => serve(cli.config, args).await,
        Command::Migrate => {
            let pool = db::connect(&cli.config.database_url).await?;
            db::migrate(&pool).await?;
            println!("database is up to date: {}", cli.config.database_url);
            Ok(())
        }
        Command::MigrateData { from, to } => migrate_data(&from, &to).await,
        Command::Worker(args) => worker(&cli.config, args).await,
        Command::Demo(args) => run_demo(&cli.config, args).await,
        Command::ApiKey(command) => api_key(&cli.config, command).await,
        Command::WebhookSecret {
            shop,
            platform,
            set,
        } => {
            let pool = db::connect(&cli.config.database_url).await?;
            db::migrate(&pool).await?;
            let secret = server::api::webhooks::set_secret(
                &pool,
                &shop,
                &platform,
                set.as_deref(),
                chrono::Utc::now(),
            )
            .await?;
            println!("{secret}");
            eprintln!(
                "webhook URL: {}/webhooks/{platform}/{shop}",
                cli.config.public_url.trim_end_matches('/')
            );
            Ok(())
        }
        Command::Campaign(command) => {
            let pool = db::connect(&cli.config.database_url).await?;
            db::migrate(&pool).await?;
            println!(
                "{}",
                server::campaigns::command(&pool, command, chrono::Utc::now()).await?
            );
            Ok(())
        }
        Command::Shop(command) => {
            let pool = db::connect(&cli.config.database_url).await?;
            db::migrate(&pool).await?;
            println!(
                "{}",
                server::shops::command(&pool, command, chrono::Utc::now()).await?
            );
            Ok(())
        }
        Command::Admin(AdminCommand::Create { email, role, shop }) => {
            let password = match &cli.config.admin_password {
                Some(password) => password.expose().to_owned(),
                None => {
                    eprintln!("password (at least 10 characters), then Enter:");
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let pool = db::connect(&cli.config.database_url).await?;
            db::migrate(&pool).await?;
            let grant = match (role.as_deref().and_then(domain::team::Role::parse), shop) {
                (Some(role), Some(shop_id)) => {
                    if db::find_shop(&pool, &shop_id).await?.is_none() {
                        anyhow::bail!("no shop `{shop_id}`: `relance shop list` prints the slugs");
                    }
                    db::Grant::Shop { shop_id, role }
                }
                _ => db::Grant::Everything,
            };
            startup::auth(&cli.config, &pool)
                .create_admin(&email, &password, &grant, chrono::Utc::now())
                .await?;
            match &grant {
                db::Grant::Everything => {
                    println!("admin account created: {email} (owner of every shop)")
                }
                db::Grant::Shop { shop_id, role } => {
                    println!(
                        "admin account created: {email} ({} of {shop_id})",
                        role.as_str()
                    )
                }
            }
            Ok(())
        }
        Command::RunOnce(args) => run_once(&cli.config, args).await,
        Command::MailTest(args) => {
            let transport = mail::transport(&cli.config)?;
            let message = mail::build_message(
                &cli.config.mail_from,
                &mail::OutgoingEmail {
                    to: args.to.clone(),
                    subject: "Relance: test email".into(),
                    html: "<p>This is a test email from <strong>Relance</strong>. Mail delivery works.</p>".into(),
                    text: "This is a test email from Relance. Mail delivery works.".into(),
                    message_id: None,
                    unsubscribe_url: None,
                    reply_to: None,
                },
            )?;
            transport.send(message).await?;
            println!(
                "test email sent to {} via {}",
                args.to,
                transport.describe()
            );
            Ok(())
        }
    }
}

async fn run_once(config: &Config, args: RunOnceArgs) -> anyhow::Result<()> {
    let pool = db::connect_with(&config.database_url, db::Profile::Batch).await?;
    db::migrate(&pool).await?;
    let now = args.at.unwrap_or_else(chrono::Utc::now);
    if !args.dry_run {
        let sender = startup::engine(config, &pool).await?;
        let summary = server::jobs::run_recorded(
            &sender,
            server::jobs::Trigger::Cli,
            args.shop.as_deref(),
            now,
        )
        .await?;
        if args.json {
            println!("{}", serde_json::to_string(&summary)?);
        } else {
            println!(
                "at {}: {} due, {} sent, skipped {:?}, {} failed, {} to retry, {} carts waiting (mail: {})",
                now.to_rfc3339(),
                summary.due,
                summary.sent,
                summary.skipped,
                summary.failed,
                summary.retrying,
                summary.waiting,
                sender.mail.describe()
            );
        }
        return Ok(());
    }
    let shops: Vec<String> = match &args.shop {
        Some(slug) => vec![slug.clone()],
        None => db::all_shops(&pool)
            .await?
            .into_iter()
            .map(|shop| shop.id)
            .collect(),
    };
    if shops.is_empty() {
        anyhow::bail!("there is no shop yet: run `relance shop create …` (or `relance demo`)");
    }
    let mut total = server::jobs::RunSummary::default();
    for shop_id in &shops {
        let Some(plan) = server::jobs::plan(&pool, shop_id, now).await? else {
            if args.shop.is_some() {
                anyhow::bail!("there is no shop `{shop_id}`, or it has no campaign yet");
            }
            continue;
        };
        total.merge(plan.summary());
        if !args.json {
            for line in server::jobs::dry_run::plan_lines(&plan) {
                println!("{line}");
            }
        }
    }
    if args.json {
        println!("{}", serde_json::to_string(&total)?);
        return Ok(());
    }
    println!(
        "at {}: {} due, {} would be sent, skipped {:?}, {} carts waiting",
        now.to_rfc3339(),
        total.due,
        total.would_send,
        total.skipped,
        total.waiting
    );
    Ok(())
}

async fn api_key(config: &Config, command: ApiKeyCommand) -> anyhow::Result<()> {
    let pool = db::connect(&config.database_url).await?;
    db::migrate(&pool).await?;
    let now = chrono::Utc::now();
    match command {
        ApiKeyCommand::Create { name, shop } => {
            let shop_id = match shop {
                Some(shop) => shop,
                None => {
                    let mut shops = db::all_shops(&pool).await?;
                    match shops.len() {
                        0 => anyhow::bail!(
                            "there is no shop yet: run `relance shop create …` (or `relance demo`)"
                        ),
                        1 => shops.remove(0).id,
                        _ => anyhow::bail!(
                            "there are several shops: say which with --shop (`relance shop list`)"
                        ),
                    }
                }
            };
            if !db::shop_exists(&pool, &shop_id).await? {
                anyhow::bail!("there is no shop {shop_id:?}");
            }
            let key = api::keys::create(&pool, &shop_id, &name, now).await?;
            println!("{}", key.secret);
            eprintln!(
                "API key {} created for shop {shop_id}; it is shown only this once.",
                key.api_key_id
            );
        }
        ApiKeyCommand::List => {
            println!(
                "{:<36}  {:<12}  {:<10}  {:<20}  {:<20}  {:<20}  name",
                "id", "prefix", "shop", "created", "last used", "revoked"
            );
            let format = |t: Option<chrono::DateTime<chrono::Utc>>| {
                t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_else(|| "-".into())
            };
            for key in api::keys::list(&pool).await? {
                println!(
                    "{:<36}  {:<12}  {:<10}  {:<20}  {:<20}  {:<20}  {}",
                    key.api_key_id,
                    key.key_prefix,
                    key.shop_id,
                    format(Some(key.created_at)),
                    format(key.last_used_at),
                    format(key.revoked_at),
                    key.name
                );
            }
        }
        ApiKeyCommand::Revoke { key } => {
            if !api::keys::revoke(&pool, &key, now).await? {
                anyhow::bail!("no active key has the id or prefix {key:?}");
            }
            println!("revoked {key}");
        }
    }
    Ok(())
}

fn print_demo_admin() {
    println!(
        "demo admin: {} / {}",
        demo::DEMO_ADMIN_EMAIL,
        demo::DEMO_ADMIN_PASSWORD
    );
}

async fn run_demo(config: &Config, args: DemoArgs) -> anyhow::Result<()> {
    let pool = db::connect(&config.database_url).await?;
    db::migrate(&pool).await?;
    let started = Instant::now();
    let summary = demo::seed(
        &pool,
        &demo::DemoOptions {
            carts: args.carts,
            seed: args.seed,
            now: args.now.unwrap_or_else(chrono::Utc::now),
            public_url: config.public_url.clone(),
            replace: args.replace,
            days: args.days,
            history: args.history,
            rules: true,
        },
    )
    .await?;
    demo::ensure_demo_admin(&startup::auth(config, &pool), chrono::Utc::now()).await?;
    // The Statistics page's stored days, counted now rather than by the first refresh.
    let counted = db::stats::refresh(&pool, demo::DEMO_SHOP_ID, chrono::Utc::now()).await?;
    println!(
        "demo shop written in {:.2} s: {} customers, {} carts ({} lines), {} orders, {} reminders in its history",
        started.elapsed().as_secs_f64(),
        summary.customers,
        summary.carts,
        summary.items,
        summary.orders,
        summary.deliveries
    );
    println!("statistics counted for {} days", counted.days);
    print_demo_admin();
    println!("demo API key (shown once): {}", summary.api_key);
    Ok(())
}

async fn serve(config: Config, args: ServeArgs) -> anyhow::Result<()> {
    let app = startup::build(&config).await?;
    let pool = app.state.pool().clone();
    if args.demo && db::list_shops(&pool).await?.is_empty() {
        let summary = demo::seed(
            &pool,
            &demo::DemoOptions {
                carts: 500,
                seed: 42,
                now: chrono::Utc::now(),
                public_url: config.public_url.clone(),
                replace: false,
                days: 14,
                // Two weeks of reminders, opens and orders: the Statistics page has something to show.
                history: true,
                rules: true,
            },
        )
        .await
        .context("cannot seed the demo shop")?;
        tracing::info!(carts = summary.carts, "seeded the demo shop");
        println!("demo API key (shown once): {}", summary.api_key);
        demo::ensure_demo_admin(&app.state.auth, chrono::Utc::now()).await?;
    }
    if args.demo {
        print_demo_admin();
    }
    if db::count_admins(&pool).await? == 0 {
        tracing::warn!(
            "no admin account yet: create one with `relance admin create --email you@example.com`"
        );
    }
    tracing::info!(mail = %app.state.engine.mail.describe(), "mail transport ready");
    // The scheduler and the statistics refresh run beside the web server and stop with it.
    let background = app.background.start();
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let url = format!("http://{}", listener.local_addr()?);
    tracing::info!(%url, "Relance is ready");
    println!("Relance is running at {url}");
    axum::serve(
        listener,
        app.router
            .into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("the web server stopped with an error")?;
    background.stop().await;
    pool.close().await;
    tracing::info!("stopped cleanly");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

/// `relance migrate-data`: copy, then say per table whether both sides agree.
async fn migrate_data(from: &str, to: &str) -> anyhow::Result<()> {
    let source = db::connect(from).await.context("the --from database")?;
    let target = db::connect(to).await.context("the --to database")?;
    db::migrate(&source).await.context("the --from database")?;
    db::migrate(&target).await.context("the --to database")?;
    let started = Instant::now();
    let checks = db::copy::copy_all(&source, &target).await?;
    let mut differ = 0;
    for check in &checks {
        let verdict = if check.matches() {
            "ok"
        } else {
            differ += 1;
            "DIFFERS"
        };
        println!(
            "{:<20} {:>9} rows  {:>9} copied  checksum {}  {verdict}",
            check.table, check.source_rows, check.target_rows, check.target_checksum
        );
    }
    if differ > 0 {
        anyhow::bail!("{differ} tables differ between the two databases");
    }
    println!(
        "copied {} tables in {:.1} s; every count and checksum matches",
        checks.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `relance worker`: the engine and the statistics without the web server.
async fn worker(config: &Config, args: WorkerArgs) -> anyhow::Result<()> {
    let profile = if args.once {
        db::Profile::Batch
    } else {
        db::Profile::Server
    };
    let pool = db::connect_with(&config.database_url, profile).await?;
    db::migrate(&pool).await?;
    let sender = startup::engine(config, &pool).await?;
    if args.once {
        let now = args.at.unwrap_or_else(chrono::Utc::now);
        let round =
            server::jobs::run_or_help(&sender, server::jobs::Trigger::Cli, None, now).await?;
        let (role, summary) = match round {
            server::jobs::Round::Led(summary) => ("led", summary),
            server::jobs::Round::Helped(summary) => ("helped", summary),
            server::jobs::Round::Busy => ("busy", server::jobs::RunSummary::default()),
        };
        let mut json = serde_json::to_value(&summary)?;
        json["role"] = role.into();
        println!("{json}");
        return Ok(());
    }
    let background = startup::Background::new(sender).start();
    tracing::info!(database = %config.database_url, "relance worker running");
    shutdown_signal().await;
    background.stop().await;
    Ok(())
}
