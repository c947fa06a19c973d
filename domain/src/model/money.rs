use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::ParseError;

/// Amounts carry at most this many decimals: enough for every ISO 4217 currency (three at most)
/// plus one for unit prices, and what the database stores exactly as an integer.
pub const MONEY_SCALE: u32 = 4;

/// The largest amount Relance accepts, far above any cart, so stored values never overflow.
const MAX_AMOUNT: i64 = 1_000_000_000_000;

/// An ISO 4217 currency code: three upper-case letters (`EUR`, `USD`, `CHF`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");

    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let upper = input.trim().to_ascii_uppercase();
        match upper.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => Ok(Self([*a, *b, *c])),
            _ => Err(ParseError::new(format!(
                "\"{}\" is not a three-letter ISO 4217 currency code such as EUR",
                input.trim()
            ))),
        }
    }

    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("EUR")
    }

    /// The symbol customers expect, or the code itself for currencies without a common one.
    pub fn symbol(&self) -> &str {
        match self.code() {
            "EUR" => "€",
            "USD" | "CAD" | "AUD" => "$",
            "GBP" => "£",
            "JPY" => "¥",
            "CHF" => "CHF",
            other => other,
        }
    }
}

impl TryFrom<String> for Currency {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Currency> for String {
    fn from(value: Currency) -> Self {
        value.code().to_owned()
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("\"{0}\" is not a decimal amount such as 19.90")]
    NotANumber(String),
    #[error("the amount {0} is negative")]
    Negative(Decimal),
    #[error("the amount {0} has more than {MONEY_SCALE} decimals")]
    TooPrecise(Decimal),
    #[error("the amount {0} is too large")]
    TooLarge(Decimal),
}

/// A non-negative amount of money in one currency, exact (never a float).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "MoneyWire")]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

#[derive(Deserialize)]
struct MoneyWire {
    amount: Decimal,
    currency: Currency,
}

impl TryFrom<MoneyWire> for Money {
    type Error = MoneyError;
    fn try_from(wire: MoneyWire) -> Result<Self, Self::Error> {
        Money::new(wire.amount, wire.currency)
    }
}

impl Money {
    pub fn new(amount: Decimal, currency: Currency) -> Result<Self, MoneyError> {
        Ok(Self {
            amount: check_amount(amount)?,
            currency,
        })
    }

    /// Parses a decimal string such as `"69.51"` (a comma as decimal separator is accepted).
    pub fn parse(amount: &str, currency: Currency) -> Result<Self, MoneyError> {
        let cleaned = amount.trim().replace(',', ".");
        let decimal: Decimal = cleaned
            .parse()
            .map_err(|_| MoneyError::NotANumber(amount.trim().to_owned()))?;
        Self::new(decimal, currency)
    }

    pub fn zero(currency: Currency) -> Self {
        Self {
            amount: Decimal::ZERO,
            currency,
        }
    }

    pub fn amount(&self) -> Decimal {
        self.amount
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }
}

/// Checks an amount against the rules every stored amount follows (see [`MONEY_SCALE`]).
pub fn check_amount(amount: Decimal) -> Result<Decimal, MoneyError> {
    let amount = amount.normalize();
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(MoneyError::Negative(amount));
    }
    if amount.scale() > MONEY_SCALE {
        return Err(MoneyError::TooPrecise(amount));
    }
    if amount >= Decimal::from(MAX_AMOUNT) {
        return Err(MoneyError::TooLarge(amount));
    }
    Ok(amount.abs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::prelude::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn amounts_are_exact_decimals() {
        let money = Money::parse("69.51", Currency::EUR).unwrap();
        assert_eq!(money.amount(), dec("69.51"));
        let sum = money.amount() + dec("0.1") + dec("0.2");
        assert_eq!(sum, dec("69.81"));
    }

    #[test]
    fn a_comma_is_read_as_the_decimal_separator() {
        assert_eq!(
            Money::parse("16,51", Currency::EUR).unwrap().amount(),
            dec("16.51")
        );
    }

    #[test]
    fn negative_imprecise_huge_or_garbled_amounts_are_rejected() {
        assert_eq!(
            Money::parse("-1", Currency::EUR),
            Err(MoneyError::Negative(dec("-1")))
        );
        assert!(matches!(
            Money::parse("1.00001", Currency::EUR),
            Err(MoneyError::TooPrecise(_))
        ));
        assert!(matches!(
            Money::parse("1000000000000", Currency::EUR),
            Err(MoneyError::TooLarge(_))
        ));
        assert!(matches!(
            Money::parse("12 euros", Currency::EUR),
            Err(MoneyError::NotANumber(_))
        ));
    }

    #[test]
    fn trailing_zeros_do_not_count_as_precision() {
        assert_eq!(
            Money::parse("10.500000", Currency::EUR).unwrap().amount(),
            dec("10.5")
        );
    }

    #[test]
    fn currency_codes_are_three_letters_upper_cased() {
        assert_eq!(Currency::parse("eur").unwrap(), Currency::EUR);
        for bad in ["", "EU", "EURO", "E1R"] {
            assert!(Currency::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn deserialising_money_runs_the_same_checks() {
        let ok: Money = serde_json::from_str(r#"{"amount":"4.90","currency":"EUR"}"#).unwrap();
        assert_eq!(ok.amount(), dec("4.9"));
        let negative: Result<Money, _> =
            serde_json::from_str(r#"{"amount":"-4.90","currency":"EUR"}"#);
        assert!(negative.is_err());
    }
}
