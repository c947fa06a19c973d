//! One message over an open SMTP connection, command by command, so that a refusal is known by
//! the command it answered: the sender address (ours to fix), a recipient (that address's), or
//! the data (that message's). lettre's own `send` gives the same answers without saying which.

use lettre::address::Envelope;
use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{Extension, MailBodyParameter, MailParameter};
use lettre::transport::smtp::Error;

use super::transport::{MailError, SenderFault};

/// The command an answer was to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    MailFrom,
    RcptTo,
    Data,
    Message,
}

/// Sends `email` to the envelope's recipients. On any failure the connection is closed, as
/// lettre does, so it never returns to the pool half-way through a transaction.
pub async fn send(
    connection: &mut AsyncSmtpConnection,
    envelope: &Envelope,
    email: &[u8],
) -> Result<(), MailError> {
    let result = transaction(connection, envelope, email).await;
    if result.is_err() {
        connection.abort().await;
    }
    result.map_err(|(stage, error)| meaning(stage, error))
}

async fn transaction(
    connection: &mut AsyncSmtpConnection,
    envelope: &Envelope,
    email: &[u8],
) -> Result<(), (Stage, Error)> {
    let server = connection.server_info();
    let mut options = Vec::new();
    let non_ascii = envelope
        .from()
        .into_iter()
        .chain(envelope.to())
        .any(|a| !AsRef::<str>::as_ref(a).is_ascii());
    if non_ascii && server.supports_feature(Extension::SmtpUtfEight) {
        options.push(MailParameter::SmtpUtfEight);
    }
    if !email.is_ascii() && server.supports_feature(Extension::EightBitMime) {
        options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    let at = |stage| move |error| (stage, error);
    connection
        .command(Mail::new(envelope.from().cloned(), options))
        .await
        .map_err(at(Stage::MailFrom))?;
    for to in envelope.to() {
        connection
            .command(Rcpt::new(to.clone(), vec![]))
            .await
            .map_err(at(Stage::RcptTo))?;
    }
    connection.command(Data).await.map_err(at(Stage::Data))?;
    connection
        .message(email)
        .await
        .map_err(at(Stage::Message))?;
    Ok(())
}

/// What an answer means for the message, its address and every other message.
fn meaning(stage: Stage, error: Error) -> MailError {
    if error.status().is_none() {
        // No SMTP answer at all: the connection failed under us.
        return MailError::sender(SenderFault::ConnectionLost, error);
    }
    let permanent = error.is_permanent();
    let status = enhanced_status(&error);
    // 5.7.x is policy (relaying denied, authentication required): the server refuses us, not
    // this address, so no customer is blamed for it.
    let policy = status.as_deref().is_some_and(|s| s.starts_with("5.7."));
    // 530: the server wants a login first.
    let login_wanted = error.status().is_some_and(|c| c.to_string() == "530") || policy;
    match stage {
        Stage::MailFrom if login_wanted => MailError::sender(SenderFault::Authentication, error),
        Stage::MailFrom => MailError::sender(SenderFault::SenderAddress, error),
        Stage::RcptTo if policy => MailError::sender(SenderFault::Relaying, error),
        Stage::RcptTo if permanent => MailError::Permanent(Box::new(error)),
        Stage::Message
            if permanent
                && status
                    .as_deref()
                    .is_some_and(|s| s.starts_with("5.1.") || s.starts_with("5.2.")) =>
        {
            MailError::Permanent(Box::new(error))
        }
        Stage::Data | Stage::Message if permanent => MailError::Refused(Box::new(error)),
        Stage::RcptTo | Stage::Data | Stage::Message => MailError::Transport(Box::new(error)),
    }
}

/// The RFC 3463 status at the start of the answer's text ("5.1.1 User unknown"), if any.
fn enhanced_status(error: &Error) -> Option<String> {
    let text = std::error::Error::source(error)?.to_string();
    let first = text.split_whitespace().next()?;
    let mut parts = first.split('.');
    let well_formed = parts.clone().count() == 3 && parts.all(|p| p.parse::<u16>().is_ok());
    well_formed.then(|| first.to_owned())
}
