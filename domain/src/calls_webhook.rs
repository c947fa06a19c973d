//! Where a webhook step POSTs: an address the merchant sets, checked when the step is saved.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::WebUrl;

/// An `https` address, or `http` to this machine only (a relay beside Relance, or a test):
/// a cart and its customer never cross the network unencrypted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebhookUrl(WebUrl);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookUrlError {
    #[error("{0}")]
    NotAWebAddress(String),
    #[error("the address must start with https:// (http:// only to localhost)")]
    NotEncrypted,
}

impl WebhookUrl {
    pub fn parse(input: &str) -> Result<Self, WebhookUrlError> {
        let url =
            WebUrl::parse(input).map_err(|e| WebhookUrlError::NotAWebAddress(e.to_string()))?;
        let lower = url.as_str().to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("http://") {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
            let host = match authority.strip_prefix('[') {
                Some(v6) => v6.split(']').next().unwrap_or_default(),
                None => authority.split(':').next().unwrap_or_default(),
            };
            if !matches!(host, "localhost" | "127.0.0.1" | "::1") {
                return Err(WebhookUrlError::NotEncrypted);
            }
        }
        Ok(Self(url))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Display for WebhookUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for WebhookUrl {
    type Error = WebhookUrlError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<WebhookUrl> for String {
    fn from(url: WebhookUrl) -> String {
        url.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_webhook_goes_over_https_or_to_this_machine_only() {
        for good in [
            "https://hooks.zapier.com/hooks/catch/1/abc/",
            "http://127.0.0.1:8080/relance",
            "http://localhost/hook",
            "http://[::1]:9000/",
        ] {
            assert!(WebhookUrl::parse(good).is_ok(), "{good}");
        }
        assert_eq!(
            WebhookUrl::parse("http://crm.example/hook"),
            Err(WebhookUrlError::NotEncrypted)
        );
        assert_eq!(
            WebhookUrl::parse("http://127.0.0.1.evil.example/"),
            Err(WebhookUrlError::NotEncrypted)
        );
        assert!(matches!(
            WebhookUrl::parse("javascript:alert(1)"),
            Err(WebhookUrlError::NotAWebAddress(_))
        ));
    }
}
