//! What every way of sending mail offers, and how it fails.

use async_trait::async_trait;
use lettre::Message;
use thiserror::Error;

/// The error underneath a mail failure: lettre's, the socket's, or our own words.
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

/// Why a send failed, by whose doing: ours or the provider's (`Sender`: no reminder can go out
/// until it is fixed, and no customer is blamed for it), this message's or this recipient's.
#[derive(Debug, Error)]
pub enum MailError {
    #[error("invalid address {0:?}")]
    Address(String),
    #[error("cannot build the message: {0}")]
    Build(#[source] lettre::error::Error),
    /// The server could not be reached, TLS failed, it refused our login, greeting or sender
    /// address, the connection dropped, or the outbox folder could not be written.
    #[error("{fault}: {cause}")]
    Sender {
        fault: SenderFault,
        #[source]
        cause: Cause,
    },
    /// Worth retrying this message: a 4xx answer to its recipient or its data.
    #[error("the mail transport refused the message: {0}")]
    Transport(#[source] Cause),
    /// This address will never take mail: a 5xx answer to RCPT TO, or a 5.1.x or 5.2.x status
    /// (bad mailbox, mailbox unavailable) after the data.
    #[error("the mail server rejected the message for good: {0}")]
    Permanent(#[source] Cause),
    /// This message was refused for good, not its address (a 5xx after the data, content or
    /// policy): it fails, and the address stays reachable.
    #[error("the mail server refused this message: {0}")]
    Refused(#[source] Cause),
}

/// A fault on the sending side, as the Automatic sending tab names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SenderFault {
    Unreachable,
    Tls,
    Greeting,
    Authentication,
    SenderAddress,
    Relaying,
    ConnectionLost,
    Outbox,
}

impl std::fmt::Display for SenderFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Unreachable => "the SMTP server cannot be reached: check SMTP_URL",
            Self::Tls => "TLS with the SMTP server failed: check SMTP_URL",
            Self::Greeting => "the SMTP server refused our greeting: check SMTP_URL",
            Self::Authentication => "SMTP authentication refused: check SMTP_URL",
            Self::SenderAddress => {
                "the SMTP server refused the sender address: check RELANCE_MAIL_FROM and the sender in Settings"
            }
            Self::Relaying => {
                "the SMTP server refuses to relay our mail (5.7.x): check SMTP_URL's login"
            }
            Self::ConnectionLost => "the connection to the SMTP server was lost",
            Self::Outbox => "the outbox folder cannot be written: check RELANCE_OUTBOX_DIR",
        })
    }
}

impl MailError {
    pub fn sender(fault: SenderFault, cause: impl Into<Cause>) -> Self {
        Self::Sender {
            fault,
            cause: cause.into(),
        }
    }
}

/// Sends a built message. Tests and the engine take it as `Arc<dyn MailTransport>`.
#[async_trait]
pub trait MailTransport: Send + Sync {
    async fn send(&self, message: Message) -> Result<(), MailError>;
    /// Where mail goes, for the start-up log (never includes credentials).
    fn describe(&self) -> String;
}
