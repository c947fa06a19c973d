//! A product's barcode number (EAN-13, UPC-A, EAN-8, GTIN-14), as shops send it.

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GtinError {
    #[error("a barcode (EAN) is 8, 12, 13 or 14 digits")]
    Shape,
    #[error("the barcode's last digit does not match its check digit")]
    CheckDigit,
}

/// A GTIN whose length and check digit are right: a typo'd EAN is refused, not stored.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Gtin(String);

impl Gtin {
    pub fn parse(input: &str) -> Result<Self, GtinError> {
        let digits = input.trim();
        if !matches!(digits.len(), 8 | 12 | 13 | 14) || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(GtinError::Shape);
        }
        let values: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
        let (body, check) = values.split_at(values.len() - 1);
        // GS1: from the right, weights 3, 1, 3, … on the digits before the check digit.
        let sum: u32 = body
            .iter()
            .rev()
            .enumerate()
            .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
            .sum();
        if (10 - sum % 10) % 10 != check[0] {
            return Err(GtinError::CheckDigit);
        }
        Ok(Self(digits.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Gtin {
    type Error = GtinError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Gtin> for String {
    fn from(value: Gtin) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_barcodes_of_every_length_are_accepted() {
        for code in [
            "4006381333931",
            "96385074",
            "036000291452",
            "10614141000415",
        ] {
            assert_eq!(Gtin::parse(code).unwrap().as_str(), code, "{code}");
        }
        assert_eq!(
            Gtin::parse(" 4006381333931 ").unwrap().as_str(),
            "4006381333931"
        );
    }

    #[test]
    fn a_wrong_check_digit_or_shape_is_refused() {
        assert_eq!(Gtin::parse("4006381333932"), Err(GtinError::CheckDigit));
        assert_eq!(Gtin::parse("400638133393"), Err(GtinError::CheckDigit));
        assert_eq!(Gtin::parse("40063813339"), Err(GtinError::Shape));
        assert_eq!(Gtin::parse("40063813339a1"), Err(GtinError::Shape));
        assert_eq!(Gtin::parse(""), Err(GtinError::Shape));
    }
}
