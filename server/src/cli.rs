use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};

use crate::config::Config;

/// Relance: abandoned-cart recovery for online shops.
///
/// Without a subcommand, `relance` serves the admin and the API (the same as `relance serve`).
#[derive(Debug, Parser)]
#[command(name = "relance", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the admin and the HTTP API (the default). Migrates the database first.
    Serve(ServeArgs),
    /// Run the engine and the statistics refresh without the web server: a process of its own
    /// beside `relance serve` ones, sharing their PostgreSQL database. Each round it leads the
    /// pass if no process does, and otherwise helps send what the leader queues.
    Worker(WorkerArgs),
    /// Create or update the database schema, then exit.
    Migrate,
    /// Copy every row of one database into another, empty one (to move an install from
    /// SQLite to PostgreSQL), then check each table's row count and checksum on both sides.
    /// Stop the other Relance processes first: rows written during the copy are not copied.
    MigrateData {
        /// The database copied from, e.g. sqlite://data/relance.db.
        #[arg(long)]
        from: String,
        /// The database copied into, e.g. postgres://relance@db/relance: migrated here,
        /// and refused unless it holds no row.
        #[arg(long)]
        to: String,
    },
    /// Fill the database with a deterministic demo shop: customers, carts, orders and the
    /// campaign of the PrestaShop guide.
    Demo(DemoArgs),
    /// Send a test email through the configured transport (SMTP, or the outbox folder).
    MailTest(MailTestArgs),
    /// One pass of the reminder engine as if the clock said --at: decide, queue, send.
    /// --dry-run prints what would be sent and why each other due step would be skipped.
    RunOnce(RunOnceArgs),
    /// Manage the accounts that may sign in to the admin.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Manage the API keys shops send their events with.
    #[command(subcommand, name = "api-key")]
    ApiKey(ApiKeyCommand),
    /// Create and list shops.
    #[command(subcommand)]
    Shop(ShopCommand),
    /// Print (making it the first time) or set a shop's webhook secret for a platform, and the
    /// URL to give the platform.
    WebhookSecret {
        #[arg(long)]
        shop: String,
        /// shopify (paste the app's secret with --set) or woocommerce (Relance makes one).
        #[arg(long, value_parser = ["shopify", "woocommerce"])]
        platform: String,
        /// The secret to use, at least 16 characters.
        #[arg(long)]
        set: Option<String>,
    },
    /// Export, import, list, pause and resume a shop's campaigns.
    #[command(subcommand)]
    Campaign(CampaignCommand),
}

#[derive(Debug, Args, Default)]
pub struct WorkerArgs {
    /// One round (lead or help), print its summary as JSON, and exit.
    #[arg(long)]
    pub once: bool,
    /// The engine's clock for that round (RFC 3339), instead of now; with --once.
    #[arg(long, requires = "once")]
    pub at: Option<DateTime<Utc>>,
}

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Print the shop's campaign as a JSON document (steps, discounts, templates, every
    /// language), to import into another shop.
    Export {
        #[arg(long)]
        shop: String,
    },
    /// Replace the shop's campaign by the one in FILE (`-` for standard input), its steps
    /// switched off until reviewed; says what to review (amounts in another currency).
    Import {
        #[arg(long)]
        shop: String,
        file: std::path::PathBuf,
    },
    /// List the shop's campaigns: id, state, steps on, name.
    List {
        #[arg(long)]
        shop: String,
    },
    /// Resume the campaign (or every campaign of the shop): its steps send again as switched.
    Enable {
        #[arg(long)]
        shop: String,
        campaign: Option<String>,
    },
    /// Pause the campaign (or every campaign of the shop) at once: nothing more is sent,
    /// queued retries included, until it is enabled again.
    Disable {
        #[arg(long)]
        shop: String,
        campaign: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ShopCommand {
    /// Create a shop with the default campaign (off until turned on) and print its slug.
    Create(NewShopArgs),
    /// List the shops: slug, name, currency, time zone, creation.
    List,
}

#[derive(Debug, Args)]
pub struct NewShopArgs {
    #[arg(long)]
    pub name: String,
    /// The shop's public address (http or https).
    #[arg(long)]
    pub url: String,
    /// ISO 4217, e.g. EUR, CHF, CAD.
    #[arg(long)]
    pub currency: String,
    /// IANA, e.g. Europe/Paris: the shop's days, dates and default quiet hours.
    #[arg(long)]
    pub timezone: String,
    /// The default language of its emails (fr, en…).
    #[arg(long)]
    pub language: String,
    #[arg(long, default_value = "")]
    pub sender_name: String,
    /// Empty: the server's sender (MAIL_FROM).
    #[arg(long, default_value = "")]
    pub sender_email: String,
}

#[derive(Debug, Subcommand)]
pub enum ApiKeyCommand {
    /// Create a key for a shop and print it (the only time it is shown; only a hash is kept).
    Create {
        /// A name to recognise the key by, e.g. the shop's platform.
        name: String,
        /// The shop the key sends events for; defaults to the first shop.
        #[arg(long)]
        shop: Option<String>,
    },
    /// List the keys: id, prefix, shop, name, creation, last use, revocation.
    List,
    /// Revoke a key by its id or its prefix; requests with it are refused from then on.
    Revoke { key: String },
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an account. The password comes from RELANCE_ADMIN_PASSWORD, or else from the first
    /// line of standard input (`printf '%s\n' 'a long password' | relance admin create --email …`).
    ///
    /// Without --role the account owns every shop, present and future. With --role it reaches
    /// only the --shop given, with that role.
    Create {
        #[arg(long)]
        email: String,
        /// manager (campaigns, templates, settings) or staff (carts and statistics).
        #[arg(long, requires = "shop", value_parser = ["owner", "manager", "staff"])]
        role: Option<String>,
        /// The shop's slug (`relance shop list`), with --role.
        #[arg(long, requires = "role")]
        shop: Option<String>,
    },
}

#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Seed the demo shop when the database has no shop yet (first start).
    #[arg(long, env = "RELANCE_DEMO")]
    pub demo: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many carts to generate, spread over the last --days days.
    #[arg(long, default_value_t = 500)]
    pub carts: u32,
    /// How many days before --now the carts are spread over.
    #[arg(long, default_value_t = 14, value_parser = clap::value_parser!(u32).range(1..=1_000))]
    pub days: u32,
    /// Also write the reminders the demo campaign would have sent, with opens, clicks,
    /// unsubscribes and orders using their codes (fills the Statistics page).
    #[arg(long)]
    pub history: bool,
    /// The random seed: the same seed and --now give the same data.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// The moment the demo is generated at (RFC 3339); defaults to the current time.
    #[arg(long)]
    pub now: Option<DateTime<Utc>>,
    /// Replace an existing demo shop instead of refusing.
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct RunOnceArgs {
    /// The moment the pass runs at (RFC 3339); defaults to the current time.
    #[arg(long)]
    pub at: Option<DateTime<Utc>>,
    /// Decide without sending or writing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Only this shop (its slug); without it, every shop.
    #[arg(long)]
    pub shop: Option<String>,
    /// Print the summary as JSON: {"due", "sent", "skipped": {reason: n}, "failed", ...}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MailTestArgs {
    /// The recipient of the test email.
    #[arg(long)]
    pub to: String,
}

impl Cli {
    /// Where relative paths (database, outbox) are resolved: the working directory.
    pub fn base_dir() -> PathBuf {
        std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
    }
}
