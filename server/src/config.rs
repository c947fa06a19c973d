use std::{fmt, net::SocketAddr, path::PathBuf};

use clap::Args;

/// Everything Relance reads from its environment, each also settable as a flag.
/// `.env.example` at the repository root documents the same variables.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// The database: a SQLite file (created on first start) or, later, a PostgreSQL URL.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/relance.db",
        global = true
    )]
    pub database_url: String,

    /// The address the web server listens on.
    #[arg(
        long,
        env = "RELANCE_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,

    /// The address customers and merchants reach Relance at; links in emails start with it.
    #[arg(
        long,
        env = "RELANCE_PUBLIC_URL",
        default_value = "http://127.0.0.1:3000",
        global = true
    )]
    pub public_url: String,

    /// SMTP server for outgoing mail, e.g. smtps://user:password@smtp.example.com:465 or
    /// smtp://127.0.0.1:2525. When unset, mail is written as .eml files to the outbox folder.
    #[arg(long, env = "SMTP_URL", global = true)]
    pub smtp_url: Option<Secret>,

    /// The key that signs every link in emails (opens, clicks, cart, unsubscribe). When unset,
    /// Relance makes one on first start and keeps it in the database.
    #[arg(long, env = "RELANCE_SECRET", global = true)]
    pub secret: Option<Secret>,

    /// The folder that receives .eml files when SMTP_URL is unset.
    #[arg(
        long,
        env = "RELANCE_OUTBOX_DIR",
        default_value = "data/outbox",
        global = true
    )]
    pub outbox_dir: PathBuf,

    /// The sender of every email, e.g. "Ma Boutique <relance@ma-boutique.fr>".
    #[arg(
        long,
        env = "RELANCE_MAIL_FROM",
        default_value = "Relance <relance@localhost.localdomain>",
        global = true
    )]
    pub mail_from: String,

    /// The DKIM selector: emails are signed when it and the key file are set, and receivers
    /// find the public key at <selector>._domainkey.<domain> in DNS.
    #[arg(long, env = "RELANCE_DKIM_SELECTOR", global = true)]
    pub dkim_selector: Option<String>,

    /// The DKIM private key: an RSA key in PEM (PKCS#1 or PKCS#8), e.g. made with
    /// `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`.
    #[arg(long, env = "RELANCE_DKIM_KEY_FILE", global = true)]
    pub dkim_key_file: Option<PathBuf>,

    /// The domain that signs (d=); by default the domain of RELANCE_MAIL_FROM.
    #[arg(long, env = "RELANCE_DKIM_DOMAIN", global = true)]
    pub dkim_domain: Option<String>,

    /// Where the compiled admin (WASM, JS, CSS, images) is served from.
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: String,

    /// The password of `relance admin create` (at least 10 characters). When unset, it is read
    /// from the first line of standard input. Never given as a flag: it would show in `ps`.
    #[arg(skip = std::env::var("RELANCE_ADMIN_PASSWORD").ok().map(Secret::from))]
    pub admin_password: Option<Secret>,
}

/// A value that must never reach a log line or an error message (an SMTP URL holds a password).
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_never_prints_its_value() {
        let secret: Secret = "smtps://user:hunter2@smtp.example.com".parse().unwrap();
        assert!(!format!("{secret:?}").contains("hunter2"));
        assert_eq!(secret.expose(), "smtps://user:hunter2@smtp.example.com");
    }
}
