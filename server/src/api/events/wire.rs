//! The JSON shops send, as received: lenient about what may be absent, strict about types.
//! `validate` turns it into domain types.

use chrono::{DateTime, NaiveDate, Utc};
use domain::lifecycle::OrderStatus;
use rust_decimal::Decimal;
use serde::{de, Deserialize, Deserializer};
use utoipa::ToSchema;

/// A money amount sent as a decimal string ("16.51") or a JSON number (16.51).
///
/// Numbers are read through their shortest decimal form, which is what the shop wrote for any
/// price with fewer than 16 significant digits, so 16.51 stays exactly 16.51.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToSchema)]
#[schema(value_type = String, example = "19.90")]
pub struct Amount(pub Decimal);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a decimal amount as a string such as \"19.90\" or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                v.trim().parse::<Decimal>().map(Amount).map_err(|_| {
                    E::custom(format!("\"{v}\" is not a decimal amount such as \"19.90\""))
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                if !v.is_finite() {
                    return Err(E::custom("the amount is not a finite number"));
                }
                v.to_string()
                    .parse::<Decimal>()
                    .map(Amount)
                    .map_err(|_| E::custom(format!("{v} is out of range for an amount")))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    CartUpdated,
    CartDeleted,
    OrderCompleted,
    OrderUpdated,
}

impl EventType {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::CartUpdated => "cart_updated",
            Self::CartDeleted => "cart_deleted",
            Self::OrderCompleted => "order_completed",
            Self::OrderUpdated => "order_updated",
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EventWire {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EventType,
    pub occurred_at: DateTime<Utc>,
    pub cart: CartWire,
    pub customer: Option<CustomerWire>,
    pub order: Option<OrderWire>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CartWire {
    pub id: String,
    pub currency: Option<String>,
    pub total_tax_incl: Option<Amount>,
    pub total_tax_excl: Option<Amount>,
    pub shipping: Option<Amount>,
    pub url: Option<String>,
    pub items: Option<Vec<ItemWire>>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ItemWire {
    pub sku: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub image_url: Option<String>,
    pub product_url: Option<String>,
    pub category: Option<String>,
    pub unit_price: Amount,
    pub quantity: u32,
    pub stock: Option<i64>,
    /// The product's barcode (EAN-13, UPC, EAN-8 or GTIN-14), checked with its check digit.
    #[serde(default)]
    pub ean: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CustomerWire {
    pub id: String,
    pub email: Option<String>,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    pub gender: Option<String>,
    pub language: Option<String>,
    pub country: Option<String>,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub newsletter: bool,
    pub birthdate: Option<NaiveDate>,
    #[serde(default)]
    pub orders_count: u32,
    pub last_order_at: Option<DateTime<Utc>>,
    /// A mobile number, national (read with `country`) or international; stored in E.164.
    pub phone: Option<String>,
    /// The customer agreed to get SMS from the shop: SMS steps text only them.
    #[serde(default)]
    pub sms_consent: bool,
    /// The postal address as one line, shown to staff on a call task.
    pub address: Option<String>,
    /// IANA, "Europe/Paris": quiet hours count in it.
    pub time_zone: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OrderWire {
    pub id: String,
    /// Required for `order_completed`.
    pub total_tax_incl: Option<Amount>,
    #[serde(default)]
    pub coupon_codes: Vec<String>,
    /// `pending`, `paid`, `cancelled` or `refunded`: `paid` when absent from
    /// `order_completed`; required for `order_updated`.
    #[schema(value_type = Option<String>)]
    pub status: Option<OrderStatus>,
}

/// A body of `POST /api/v1/events`: a batch of up to 1,000 events, or one event. The handler
/// reads the same `EventWire`s one by one (to name each one's faults); this is the document's
/// view of the whole body.
#[allow(dead_code)]
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum EventsBody {
    Batch { events: Vec<EventWire> },
    One(Box<EventWire>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_from_strings_and_numbers_exactly() {
        let from_string: Amount = serde_json::from_str("\"16.51\"").unwrap();
        let from_number: Amount = serde_json::from_str("16.51").unwrap();
        let from_integer: Amount = serde_json::from_str("20").unwrap();
        assert_eq!(from_string.0.to_string(), "16.51");
        assert_eq!(from_number.0.to_string(), "16.51");
        assert_eq!(from_integer.0, Decimal::from(20));
        assert!(serde_json::from_str::<Amount>("\"12 euros\"").is_err());
        assert!(serde_json::from_str::<Amount>("true").is_err());
    }
}
