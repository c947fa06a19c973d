//! A customer's mobile number in E.164, the only form SMS providers take. Turning what a shop
//! sends ("06 12 34 56 78", "+33 6…") into it needs the numbering plans of every country, so
//! the server does it (with libphonenumber's data) and hands the result here.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ParseError;

/// `+` then the country code and number: 8 to 15 digits, the first not 0.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse_e164(input: &str) -> Result<Self, ParseError> {
        let digits = input.strip_prefix('+').unwrap_or_default();
        let valid = (8..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0');
        if valid {
            Ok(Self(input.to_owned()))
        } else {
            Err(ParseError::new(format!(
                "\"{input}\" is not a phone number in international form such as +33612345678"
            )))
        }
    }

    /// `+33612345678`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `33612345678`: the form some providers take.
    pub fn digits(&self) -> &str {
        &self.0[1..]
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse_e164(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(phone: PhoneNumber) -> String {
        phone.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_international_form_is_a_phone_number() {
        let phone = PhoneNumber::parse_e164("+33612345678").unwrap();
        assert_eq!(phone.digits(), "33612345678");
        for bad in [
            "0612345678",
            "+0612345678",
            "+33 6 12 34 56 78",
            "+331234",
            "+1234567890123456",
            "",
        ] {
            assert!(PhoneNumber::parse_e164(bad).is_err(), "{bad}");
        }
    }
}
