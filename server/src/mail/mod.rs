//! Outgoing mail: a real SMTP server when `SMTP_URL` is set, else `.eml` files in the outbox
//! folder (lettre's file transport), so a demo or a developer machine never needs a mail server.

pub mod dkim;
pub mod loopback;
mod smtp;
mod staged;
mod transport;

use std::{path::Path, sync::Arc};

use anyhow::Context;
use async_trait::async_trait;
use lettre::{
    message::{
        header::{ContentType, HeaderName, HeaderValue},
        Mailbox, MultiPart, SinglePart,
    },
    AsyncFileTransport, AsyncTransport, Message, Tokio1Executor,
};

use crate::config::Config;
pub use transport::{Cause, MailError, MailTransport, SenderFault};

/// An email ready to send: both parts are always present (text for clients that want it, and
/// spam filters score HTML-only mail down).
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub html: String,
    pub text: String,
    /// `<id@sender's domain>` (`message_id`); lettre makes one when `None`.
    pub message_id: Option<String>,
    /// The one-click unsubscribe URL (RFC 8058 `List-Unsubscribe` and `-Post` headers).
    pub unsubscribe_url: Option<String>,
    /// Where replies go, when the shop set an address for them.
    pub reply_to: Option<String>,
}

/// The sender and reply address set in Settings (empty when not set).
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct MailIdentity {
    pub sender_name: String,
    pub sender_email: String,
    pub reply_to: String,
}

impl MailIdentity {
    /// The From header: the shop's sender when it set one, else `fallback` (RELANCE_MAIL_FROM).
    /// A stored address that no longer parses falls back too, rather than failing every mail.
    pub fn from_header(&self, fallback: &str) -> String {
        let Ok(email) = self.sender_email.trim().parse() else {
            return fallback.to_owned();
        };
        let name = self.sender_name.trim();
        Mailbox::new((!name.is_empty()).then(|| name.to_owned()), email).to_string()
    }

    pub fn reply_to(&self) -> Option<String> {
        let reply_to = self.reply_to.trim();
        reply_to
            .parse::<lettre::Address>()
            .is_ok()
            .then(|| reply_to.to_owned())
    }
}

/// A lettre transport with a description of where it delivers.
struct Lettre<T> {
    transport: T,
    describe: String,
}

#[async_trait]
impl<T> MailTransport for Lettre<T>
where
    T: AsyncTransport + Send + Sync,
    T::Error: std::error::Error + Send + Sync + 'static,
{
    async fn send(&self, message: Message) -> Result<(), MailError> {
        // Only the outbox is a lettre transport here: its failures are the disk's, never the
        // recipient's.
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| MailError::sender(SenderFault::Outbox, e))
    }
    fn describe(&self) -> String {
        self.describe.clone()
    }
}

/// The transport the configuration asks for, signing with DKIM when a key is configured.
pub fn transport(config: &Config) -> anyhow::Result<Arc<dyn MailTransport>> {
    let inner = match &config.smtp_url {
        Some(url) => smtp(url.expose())?,
        None => outbox(&config.outbox_dir)?,
    };
    Ok(match dkim::signing(config)? {
        Some(config) => Arc::new(dkim::Signed { inner, config }),
        None => inner,
    })
}

/// The Message-ID of the email `id` sent from `from`: on the sender's own domain, as a mail
/// client writes it (the host of Relance's URL, often an address, reads as machine-made).
pub fn message_id(id: &str, from: &str) -> String {
    let domain = dkim::domain_of(from).unwrap_or_else(|| "localhost.localdomain".to_owned());
    format!("<{id}@{domain}>")
}

/// SMTP connections kept open at most: the engine sends this many reminders at once.
pub const SMTP_CONNECTIONS: u32 = 32;

/// A pooled SMTP transport for `url` (`smtp://host:port`, `smtps://user:pass@host`,
/// `smtp://host?tls=required` for STARTTLS).
pub fn smtp(url: &str) -> anyhow::Result<Arc<dyn MailTransport>> {
    let server = smtp::SmtpServer::from_url(url)
        .map_err(|reason| anyhow::anyhow!("SMTP_URL is not a valid SMTP URL: {reason}"))?;
    Ok(Arc::new(smtp::SmtpPool::new(
        server,
        SMTP_CONNECTIONS as usize,
    )))
}

/// Writes each message as `<uuid>.eml` under `dir`, creating it if needed.
pub fn outbox(dir: &Path) -> anyhow::Result<Arc<dyn MailTransport>> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the outbox folder {dir:?}"))?;
    Ok(Arc::new(Lettre {
        transport: AsyncFileTransport::<Tokio1Executor>::new(dir),
        describe: format!(".eml files in {}", dir.display()),
    }))
}

/// Builds a multipart/alternative message (text first, HTML last, as RFC 2046 prefers).
pub fn build_message(from: &str, email: &OutgoingEmail) -> Result<Message, MailError> {
    let from: Mailbox = from
        .parse()
        .map_err(|_| MailError::Address(from.to_owned()))?;
    let to: Mailbox = email
        .to
        .parse()
        .map_err(|_| MailError::Address(email.to.clone()))?;
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone())
        .message_id(email.message_id.clone());
    if let Some(reply_to) = &email.reply_to {
        let reply_to: Mailbox = reply_to
            .parse()
            .map_err(|_| MailError::Address(reply_to.clone()))?;
        builder = builder.reply_to(reply_to);
    }
    if let Some(url) = &email.unsubscribe_url {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(crlf_lines(&email.text)),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(crlf_lines(&email.html)),
                ),
        )
        .map_err(MailError::Build)
}

/// `body` with CRLF line ends, as SMTP wants them. lettre makes them itself by inserting one
/// `\r` at a time, moving the rest of the body each time: for a reminder's HTML part (9 KB, a
/// few hundred lines) that quadratic copy cost more than its quoted-printable encoding. Done
/// here in one pass, it leaves lettre nothing to insert.
fn crlf_lines(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 16);
    let mut rest = body;
    while let Some(at) = rest.find('\n') {
        let line = &rest[..at];
        out.push_str(line.strip_suffix('\r').unwrap_or(line));
        out.push_str("\r\n");
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_outbox_writes_a_multipart_eml_file() {
        let dir = tempfile::tempdir().unwrap();
        let transport = outbox(&dir.path().join("outbox")).unwrap();
        let message = build_message(
            "Relance <relance@example.com>",
            &OutgoingEmail {
                to: "Jean Dupont <jean@example.com>".into(),
                subject: "N'oubliez pas votre panier !".into(),
                html: "<p>Bonjour <b>Jean</b></p>".into(),
                text: "Bonjour Jean".into(),
                message_id: None,
                unsubscribe_url: None,
                reply_to: None,
            },
        )
        .unwrap();
        transport.send(message).await.unwrap();

        let files: Vec<_> = std::fs::read_dir(dir.path().join("outbox"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].extension().unwrap(), "eml");
        let eml = std::fs::read_to_string(&files[0]).unwrap();
        assert!(eml.contains("multipart/alternative"));
        assert!(eml.contains("text/plain"));
        assert!(eml.contains("text/html"));
        assert!(
            eml.contains("To: \"Jean Dupont\" <jean@example.com>")
                || eml.contains("To: Jean Dupont <jean@example.com>")
        );
    }

    #[test]
    fn the_shop_sender_and_reply_address_replace_the_default_when_set() {
        let unset = MailIdentity::default();
        assert_eq!(
            unset.from_header("Relance <r@localhost>"),
            "Relance <r@localhost>"
        );
        assert_eq!(unset.reply_to(), None);

        let set = MailIdentity {
            sender_name: "Boutique Émilie".into(),
            sender_email: "bonjour@emilie.fr".into(),
            reply_to: "sav@emilie.fr".into(),
        };
        let from = set.from_header("Relance <r@localhost>");
        assert!(from.ends_with("<bonjour@emilie.fr>"), "{from}");
        assert_eq!(set.reply_to().as_deref(), Some("sav@emilie.fr"));

        let message = build_message(
            &from,
            &OutgoingEmail {
                to: "jean@example.com".into(),
                subject: "x".into(),
                html: String::new(),
                text: String::new(),
                message_id: None,
                unsubscribe_url: None,
                reply_to: set.reply_to(),
            },
        )
        .unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(raw.contains("Reply-To: sav@emilie.fr"), "{raw}");
        assert!(raw.contains("bonjour@emilie.fr"));
    }

    #[test]
    fn line_ends_become_crlf_whatever_they_were() {
        assert_eq!(crlf_lines("a\nb\r\nc\n"), "a\r\nb\r\nc\r\n");
        assert_eq!(crlf_lines("\n\nx"), "\r\n\r\nx");
        assert_eq!(crlf_lines("été"), "été");
        assert_eq!(crlf_lines(""), "");
    }

    #[test]
    fn an_invalid_recipient_is_a_clear_error() {
        let result = build_message(
            "relance@example.com",
            &OutgoingEmail {
                to: "not an address".into(),
                subject: "x".into(),
                html: String::new(),
                text: String::new(),
                message_id: None,
                unsubscribe_url: None,
                reply_to: None,
            },
        );
        assert!(matches!(result, Err(MailError::Address(_))));
    }
}
