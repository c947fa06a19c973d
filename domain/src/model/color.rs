use std::fmt;

use serde::{Deserialize, Serialize};

use super::ParseError;

/// A colour as `#RRGGBB`, the only form every email client renders the same way.
/// Stored upper-cased so that equal colours compare equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HexColor(String);

impl HexColor {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let trimmed = input.trim();
        let valid = trimmed.len() == 7
            && trimmed.starts_with('#')
            && trimmed[1..].chars().all(|c| c.is_ascii_hexdigit());
        if valid {
            Ok(Self(trimmed.to_ascii_uppercase()))
        } else {
            Err(ParseError::new(format!(
                "\"{trimmed}\" is not a colour written as #RRGGBB, for example #1A73E8"
            )))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for HexColor {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<HexColor> for String {
    fn from(value: HexColor) -> Self {
        value.0
    }
}

impl fmt::Display for HexColor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_hex_digits_after_a_hash_are_accepted_and_upper_cased() {
        assert_eq!(HexColor::parse("#1a73e8").unwrap().as_str(), "#1A73E8");
    }

    #[test]
    fn short_named_alpha_or_css_forms_are_rejected() {
        for bad in [
            "",
            "#FFF",
            "1A73E8",
            "#1A73E8FF",
            "red",
            "#GGGGGG",
            "rgb(0,0,0)",
            "#12345é",
        ] {
            assert!(HexColor::parse(bad).is_err(), "{bad}");
        }
    }
}
