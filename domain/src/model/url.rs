use std::fmt;

use serde::{Deserialize, Serialize};

use super::ParseError;

/// An absolute `http` or `https` URL with a host, safe to put in an `href` or `src` of an email.
///
/// Other schemes (`javascript:`, `data:`, `file:`) are refused, which is what keeps a shop's
/// product data or a merchant's social link from becoming script in a customer's mailbox.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebUrl(String);

impl WebUrl {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let trimmed = input.trim();
        let lower = trimmed.to_ascii_lowercase();
        let rest = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
            .ok_or_else(|| {
                ParseError::new(format!(
                    "\"{trimmed}\" is not a web address starting with http:// or https://"
                ))
            })?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host_ok = !host.is_empty()
            && !host.starts_with(':')
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if !host_ok {
            return Err(ParseError::new(format!(
                "\"{trimmed}\" has no valid host name"
            )));
        }
        if trimmed.len() > 2048
            || trimmed
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'))
        {
            return Err(ParseError::new(format!(
                "\"{trimmed}\" contains spaces or characters not allowed in a web address"
            )));
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for WebUrl {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<WebUrl> for String {
    fn from(value: WebUrl) -> Self {
        value.0
    }
}

impl fmt::Display for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_and_https_addresses_are_accepted() {
        for ok in [
            "https://shop.example/cart?id=42",
            "http://127.0.0.1:3000/demo/tshirt.png",
            "HTTPS://Shop.Example",
        ] {
            assert!(WebUrl::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn other_schemes_and_hostless_addresses_are_rejected() {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<script>",
            "ftp://shop.example",
            "//shop.example/cart",
            "https://",
            "https:///path",
            "https://shop.example/a b",
            "https://shop.example/\"onmouseover=",
        ] {
            assert!(WebUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
