//! A free gift: the product a code adds to the order at no charge, named in the email.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest SKU and product name a gift takes (the events API's own limits).
pub const MAX_GIFT_SKU: usize = 64;
pub const MAX_GIFT_NAME: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GiftError {
    #[error("a gift needs the product's SKU (at most {MAX_GIFT_SKU} characters, no spaces)")]
    Sku,
    #[error(
        "a gift needs the product's name as customers see it (at most {MAX_GIFT_NAME} characters)"
    )]
    Name,
}

/// The gift product, by the SKU the shop knows it by and the name the customer reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "GiftWire", into = "GiftWire")]
pub struct GiftProduct {
    sku: String,
    name: String,
}

impl GiftProduct {
    /// Trimmed; a SKU is one word (the shop matches it exactly), a name one line.
    pub fn new(sku: &str, name: &str) -> Result<Self, GiftError> {
        let sku = sku.trim();
        if sku.is_empty()
            || sku.chars().count() > MAX_GIFT_SKU
            || sku.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(GiftError::Sku);
        }
        let name = Self::check_name(name)?;
        Ok(Self {
            sku: sku.to_owned(),
            name: name.to_owned(),
        })
    }

    /// The name, trimmed, if it can stand in an email: one line, 1 to `MAX_GIFT_NAME`.
    pub fn check_name(name: &str) -> Result<&str, GiftError> {
        let name = name.trim();
        if name.is_empty()
            || name.chars().count() > MAX_GIFT_NAME
            || name.chars().any(char::is_control)
        {
            return Err(GiftError::Name);
        }
        Ok(name)
    }

    pub fn sku(&self) -> &str {
        &self.sku
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

#[derive(Serialize, Deserialize)]
struct GiftWire {
    sku: String,
    name: String,
}

impl TryFrom<GiftWire> for GiftProduct {
    type Error = GiftError;
    fn try_from(wire: GiftWire) -> Result<Self, Self::Error> {
        Self::new(&wire.sku, &wire.name)
    }
}

impl From<GiftProduct> for GiftWire {
    fn from(gift: GiftProduct) -> Self {
        Self {
            sku: gift.sku,
            name: gift.name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gift_keeps_its_trimmed_sku_and_name() {
        let gift = GiftProduct::new("  TOTE-01 ", " Sac en toile ").unwrap();
        assert_eq!((gift.sku(), gift.name()), ("TOTE-01", "Sac en toile"));
    }

    #[test]
    fn an_empty_or_spaced_sku_and_an_empty_or_multiline_name_are_refused() {
        assert_eq!(GiftProduct::new("", "Sac"), Err(GiftError::Sku));
        assert_eq!(GiftProduct::new("TOTE 01", "Sac"), Err(GiftError::Sku));
        assert_eq!(
            GiftProduct::new(&"S".repeat(MAX_GIFT_SKU + 1), "Sac"),
            Err(GiftError::Sku)
        );
        assert_eq!(GiftProduct::new("TOTE", " "), Err(GiftError::Name));
        assert_eq!(
            GiftProduct::new("TOTE", "Sac\nen toile"),
            Err(GiftError::Name)
        );
    }

    #[test]
    fn a_stored_gift_is_checked_again_when_read() {
        let bad: Result<GiftProduct, _> = serde_json::from_str(r#"{"sku":"","name":"Sac"}"#);
        assert!(bad.is_err());
        let good: GiftProduct = serde_json::from_str(r#"{"sku":"T1","name":"Sac"}"#).unwrap();
        assert_eq!(good.sku(), "T1");
    }
}
