use std::fmt;

use serde::{Deserialize, Serialize};

use super::ParseError;

/// An email address that is plausible enough to hand to an SMTP server.
///
/// The check is deliberately structural (RFC 5321 lengths, one `@`, a dotted domain without
/// empty labels, no spaces or control characters) rather than a full RFC 5322 grammar: shops send
/// what their checkout accepted, and the mail server is the final judge. The domain part is
/// lower-cased so that the same customer is recognised whatever the capitalisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(ParseError::new("the email address is empty"));
        }
        if trimmed.len() > 254 {
            return Err(ParseError::new(
                "the email address is longer than 254 characters",
            ));
        }
        if trimmed
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'))
        {
            return Err(ParseError::new(format!(
                "\"{trimmed}\" contains a space or a character not allowed in an email address"
            )));
        }
        let Some((local, domain)) = trimmed.rsplit_once('@') else {
            return Err(ParseError::new(format!("\"{trimmed}\" has no @")));
        };
        if local.is_empty() || local.len() > 64 || local.contains('@') {
            return Err(ParseError::new(format!(
                "\"{trimmed}\" has an invalid part before the @"
            )));
        }
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if !domain_ok {
            return Err(ParseError::new(format!(
                "\"{trimmed}\" has an invalid domain after the @"
            )));
        }
        Ok(Self(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_usual_address_is_accepted_and_its_domain_lower_cased() {
        let email = EmailAddress::parse("  Jean.Dupont+shop@Example.FR ").unwrap();
        assert_eq!(email.as_str(), "Jean.Dupont+shop@example.fr");
    }

    #[test]
    fn accented_domains_are_accepted() {
        assert!(EmailAddress::parse("marie@boulangerie-élodie.fr").is_ok());
    }

    #[test]
    fn malformed_addresses_are_rejected_with_a_reason() {
        for bad in [
            "",
            "plainaddress",
            "@example.com",
            "john@",
            "john@localhost",
            "john@exa mple.com",
            "john@@example.com",
            "john@example..com",
            "john@-example.com",
            "<john@example.com>",
        ] {
            let error = EmailAddress::parse(bad).unwrap_err();
            assert!(!error.message.is_empty(), "{bad:?} must say why");
        }
    }

    #[test]
    fn an_address_longer_than_smtp_allows_is_rejected() {
        let long = format!("{}@example.com", "a".repeat(250));
        assert!(EmailAddress::parse(&long).is_err());
    }

    #[test]
    fn deserialising_runs_the_same_check() {
        let parsed: Result<EmailAddress, _> = serde_json::from_str("\"not-an-email\"");
        assert!(parsed.is_err());
    }
}
