//! What every way of sending mail offers, and how it fails.

use async_trait::async_trait;
use lettre::Message;
use thiserror::Error;

/// The error underneath a mail failure: lettre's, the socket's, or our own words.
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, Error)]
pub enum MailError {
    #[error("invalid address {0:?}")]
    Address(String),
    #[error("cannot build the message: {0}")]
    Build(#[source] lettre::error::Error),
    /// Worth retrying: a 4xx answer, a connection or TLS failure, a full disk.
    #[error("the mail transport refused the message: {0}")]
    Transport(#[source] Cause),
    /// A 5xx answer: this address will not take mail; retrying would not help.
    #[error("the mail server rejected the message for good: {0}")]
    Permanent(#[source] Cause),
}

/// Tells permanent refusals (SMTP 5xx) from failures worth retrying.
pub trait Permanence {
    fn is_permanent(&self) -> bool;
}

impl Permanence for lettre::transport::file::Error {
    fn is_permanent(&self) -> bool {
        false
    }
}

/// Sends a built message. Tests and the engine take it as `Arc<dyn MailTransport>`.
#[async_trait]
pub trait MailTransport: Send + Sync {
    async fn send(&self, message: Message) -> Result<(), MailError>;
    /// Where mail goes, for the start-up log (never includes credentials).
    fn describe(&self) -> String;
}
