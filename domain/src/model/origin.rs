use std::fmt;

use serde::{Deserialize, Serialize};

use super::ParseError;

/// Where a storefront page is served from, as browsers send it in `Origin`:
/// `scheme://host[:port]`, lower case, no path. The tracker's public key is accepted only from
/// the shop's own origins.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Origin(String);

/// A shop lists at most this many origins (its domains, with and without `www`, a staging site).
pub const MAX_ORIGINS: usize = 20;

impl Origin {
    /// Reads an origin, forgiving a trailing `/` (pasted from the address bar) and upper case.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let trimmed = input.trim();
        let lower = trimmed.trim_end_matches('/').to_ascii_lowercase();
        let (scheme, rest) = lower
            .split_once("://")
            .filter(|(scheme, _)| matches!(*scheme, "http" | "https"))
            .ok_or_else(|| {
                ParseError::new(format!(
                    "\"{trimmed}\" is not an origin starting with https:// (or http://)"
                ))
            })?;
        if rest.contains(['/', '?', '#', '@']) {
            return Err(ParseError::new(format!(
                "\"{trimmed}\" is more than an origin: write only https://host, without a path"
            )));
        }
        // An IPv6 host is bracketed ([::1]); its colons are not a port's.
        let (host, port) = match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((address, after)) => (
                (!address.is_empty() && address.chars().all(|c| c.is_ascii_hexdigit() || c == ':'))
                    .then_some(&rest[..address.len() + 2]),
                match after.strip_prefix(':') {
                    Some(port) => Some(port),
                    None if after.is_empty() => None,
                    // Anything else after the bracket is no port: refused as an empty one.
                    None => Some(""),
                },
            ),
            None => match rest.rsplit_once(':') {
                Some((host, port)) => (Some(host), Some(port)),
                None => (Some(rest), None),
            },
        };
        let host_ok = host.is_some_and(|host| {
            !host.is_empty()
                && host.len() <= 253
                && (host.starts_with('[')
                    || host
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-')))
        });
        let port_ok = port.is_none_or(|p| !p.is_empty() && p.parse::<u16>().is_ok());
        if !host_ok || !port_ok {
            return Err(ParseError::new(format!(
                "\"{trimmed}\" has no valid host name or port"
            )));
        }
        Ok(Self(format!("{scheme}://{rest}")))
    }

    /// Reads one origin per line (or separated by commas or spaces), without repeats.
    pub fn parse_list(input: &str) -> Result<Vec<Self>, ParseError> {
        let mut origins: Vec<Self> = Vec::new();
        for part in input.split(|c: char| c == ',' || c.is_whitespace()) {
            if part.is_empty() {
                continue;
            }
            let origin = Self::parse(part)?;
            if !origins.contains(&origin) {
                origins.push(origin);
            }
        }
        if origins.len() > MAX_ORIGINS {
            return Err(ParseError::new(format!(
                "{} origins: at most {MAX_ORIGINS} are allowed",
                origins.len()
            )));
        }
        Ok(origins)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Origin {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Origin> for String {
    fn from(origin: Origin) -> Self {
        origin.0
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_origin_pasted_from_the_address_bar_is_read_in_lower_case_without_its_slash() {
        let origin = Origin::parse(" HTTPS://Shop.Example.com/ ").unwrap();
        assert_eq!(origin.as_str(), "https://shop.example.com");
        assert_eq!(
            Origin::parse("http://localhost:8080").unwrap().as_str(),
            "http://localhost:8080"
        );
    }

    #[test]
    fn an_ipv6_host_is_read_with_or_without_a_port() {
        for origin in ["http://[::1]", "http://[::1]:8080", "https://[2001:db8::7]"] {
            assert_eq!(Origin::parse(origin).unwrap().as_str(), origin);
        }
        assert!(Origin::parse("http://[::1]8080").is_err());
        assert!(Origin::parse("http://[]").is_err());
        assert!(Origin::parse("http://[::g]").is_err());
    }

    #[test]
    fn a_path_another_scheme_or_a_bad_port_is_refused_with_the_reason() {
        let path = Origin::parse("https://shop.example.com/cart").unwrap_err();
        assert!(path.to_string().contains("without a path"), "{path}");
        assert!(Origin::parse("javascript:alert(1)").is_err());
        assert!(Origin::parse("ftp://shop.example.com").is_err());
        assert!(Origin::parse("https://shop.example.com:99999").is_err());
        assert!(Origin::parse("https://user@shop.example.com").is_err());
        assert!(Origin::parse("https://").is_err());
    }

    #[test]
    fn a_list_is_read_from_lines_or_commas_without_repeats_and_has_a_limit() {
        let list =
            Origin::parse_list("https://a.example\nhttps://A.example/, https://b.example").unwrap();
        let names: Vec<&str> = list.iter().map(Origin::as_str).collect();
        assert_eq!(names, ["https://a.example", "https://b.example"]);
        let many: String = (0..=MAX_ORIGINS)
            .map(|i| format!("https://s{i}.example\n"))
            .collect();
        assert!(Origin::parse_list(&many).is_err());
        assert!(Origin::parse_list("").unwrap().is_empty());
    }
}
