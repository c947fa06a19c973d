//! DKIM: every outgoing message signed with the operator's key, so receivers can check that the
//! sender's domain sent it (and DMARC can pass).

use std::sync::Arc;

use anyhow::Context;
use async_trait::async_trait;
use lettre::message::dkim::{
    DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm,
    DkimSigningKey,
};
use lettre::message::{header::HeaderName, Mailbox};
use lettre::Message;
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey};
use rsa::pkcs8::DecodePrivateKey;

use super::transport::{MailError, MailTransport};
use crate::config::Config;

/// The headers signed: the ones a reader sees and the ones that act on the message (replies,
/// one-click unsubscribe), so none can be changed on the way without breaking the signature.
const SIGNED_HEADERS: [&str; 8] = [
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "Reply-To",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
];

/// The signing configuration, when RELANCE_DKIM_SELECTOR and RELANCE_DKIM_KEY_FILE are set.
pub fn signing(config: &Config) -> anyhow::Result<Option<DkimConfig>> {
    let (selector, key_file) = match (&config.dkim_selector, &config.dkim_key_file) {
        (None, None) => return Ok(None),
        (Some(selector), Some(key_file)) => (selector, key_file),
        (Some(_), None) => {
            anyhow::bail!("RELANCE_DKIM_SELECTOR is set but not RELANCE_DKIM_KEY_FILE")
        }
        (None, Some(_)) => {
            anyhow::bail!("RELANCE_DKIM_KEY_FILE is set but not RELANCE_DKIM_SELECTOR")
        }
    };
    let pem = std::fs::read_to_string(key_file)
        .with_context(|| format!("cannot read the DKIM key file {key_file:?}"))?;
    let domain = match &config.dkim_domain {
        Some(domain) => domain.clone(),
        None => domain_of(&config.mail_from).with_context(|| {
            format!(
                "RELANCE_DKIM_DOMAIN is unset and RELANCE_MAIL_FROM ({:?}) has no domain",
                config.mail_from
            )
        })?,
    };
    Ok(Some(dkim_config(selector, &domain, &pem)?))
}

/// `relaxed/relaxed`: receivers' re-folding of headers and trailing spaces keep it valid.
pub fn dkim_config(selector: &str, domain: &str, pem: &str) -> anyhow::Result<DkimConfig> {
    let key = DkimSigningKey::new(&pkcs1_pem(pem)?, DkimSigningAlgorithm::Rsa)
        .map_err(|e| anyhow::anyhow!("the DKIM key is not a usable RSA key: {e:?}"))?;
    Ok(DkimConfig::new(
        selector.to_owned(),
        domain.to_owned(),
        key,
        SIGNED_HEADERS
            .iter()
            .map(|name| HeaderName::new_from_ascii_str(name))
            .collect(),
        DkimCanonicalization {
            header: DkimCanonicalizationType::Relaxed,
            body: DkimCanonicalizationType::Relaxed,
        },
    ))
}

/// lettre reads PKCS#1 (`BEGIN RSA PRIVATE KEY`); OpenSSL 3 writes PKCS#8 (`BEGIN PRIVATE KEY`).
fn pkcs1_pem(pem: &str) -> anyhow::Result<String> {
    if rsa::RsaPrivateKey::from_pkcs1_pem(pem).is_ok() {
        return Ok(pem.to_owned());
    }
    let key = rsa::RsaPrivateKey::from_pkcs8_pem(pem)
        .context("the DKIM key file holds no RSA private key in PEM (PKCS#1 or PKCS#8)")?;
    Ok(key
        .to_pkcs1_pem(rsa::pkcs8::LineEnding::LF)
        .context("cannot re-encode the DKIM key")?
        .to_string())
}

/// The domain of an address or a mailbox (`Shop <a@b.example>` gives `b.example`).
pub fn domain_of(from: &str) -> Option<String> {
    from.parse::<Mailbox>()
        .ok()
        .map(|mailbox| mailbox.email.domain().to_lowercase())
}

/// A transport that signs each message, then hands it to the real one.
pub struct Signed {
    pub inner: Arc<dyn MailTransport>,
    pub config: DkimConfig,
}

#[async_trait]
impl MailTransport for Signed {
    async fn send(&self, mut message: Message) -> Result<(), MailError> {
        message.sign(&self.config);
        self.inner.send(message).await
    }
    fn describe(&self) -> String {
        format!("{} (DKIM-signed)", self.inner.describe())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_domain_comes_from_the_address_in_the_sender() {
        assert_eq!(
            domain_of("Ma Boutique <relance@Ma-Boutique.fr>").as_deref(),
            Some("ma-boutique.fr")
        );
        assert_eq!(domain_of("shop@b.example").as_deref(), Some("b.example"));
        assert_eq!(domain_of("no address"), None);
    }

    #[test]
    fn a_key_that_is_not_pem_is_refused_with_a_message() {
        let error = dkim_config("s1", "b.example", "not a key").unwrap_err();
        assert!(
            error.to_string().contains("no RSA private key"),
            "{error:#}"
        );
    }
}
