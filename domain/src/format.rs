//! Numbers as customers read them in their language: `20,00 €` in French, `€20.00` in English.
//!
//! The email renderer and the admin both use these, so a price reads the same in the preview,
//! in the sent email and in the tables.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::{Currency, Language, Money};

/// U+00A0, between an amount and its symbol in French.
const NBSP: char = '\u{a0}';
/// U+202F, the French thousands separator and the space before `%`.
const NARROW_NBSP: char = '\u{202f}';

struct NumberStyle {
    decimal: char,
    group: char,
    symbol_after: bool,
    space_before_percent: bool,
}

fn style(language: Language) -> NumberStyle {
    match language.code() {
        "fr" => NumberStyle {
            decimal: ',',
            group: NARROW_NBSP,
            symbol_after: true,
            space_before_percent: true,
        },
        "de" | "es" | "it" | "pt" | "nl" | "pl" | "ca" => NumberStyle {
            decimal: ',',
            group: '.',
            symbol_after: true,
            space_before_percent: true,
        },
        _ => NumberStyle {
            decimal: '.',
            group: ',',
            symbol_after: false,
            space_before_percent: false,
        },
    }
}

fn minor_digits(currency: Currency) -> u32 {
    match currency.code() {
        "JPY" | "KRW" | "CLP" | "ISK" | "VND" => 0,
        _ => 2,
    }
}

/// Writes `value` rounded to `decimals`, with the language's separators.
fn number(value: Decimal, decimals: u32, style: &NumberStyle) -> String {
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(style.group);
        }
        grouped.push(digit);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{}{fraction}", style.decimal)
    }
}

/// `20,00 €` (fr), `€20.00` (en).
pub fn money(amount: Decimal, currency: Currency, language: Language) -> String {
    let style = style(language);
    let digits = number(amount, minor_digits(currency), &style);
    if style.symbol_after {
        format!("{digits}{NBSP}{}", currency.symbol())
    } else {
        format!("{}{digits}", currency.symbol())
    }
}

/// The same as [`money`], for a `Money` value.
pub fn money_value(value: &Money, language: Language) -> String {
    money(value.amount(), value.currency(), language)
}

/// `1 234,5` (fr), `1,234.5` (en): a plain number rounded to `decimals`.
pub fn decimal(value: Decimal, decimals: u32, language: Language) -> String {
    number(value, decimals, &style(language))
}

/// `10 %` (fr), `10%` (en); decimals only when there are some (`12,5 %`).
pub fn percent(value: Decimal, language: Language) -> String {
    let style = style(language);
    let normalized = value.normalize();
    let digits = number(normalized, normalized.scale(), &style);
    if style.space_before_percent {
        format!("{digits}{NARROW_NBSP}%")
    } else {
        format!("{digits}%")
    }
}

/// `value` as one component of a URL (a query value, a path segment): everything but the
/// unreserved characters of RFC 3986 percent-encoded, byte by byte.
pub fn url_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::prelude::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn french_puts_the_symbol_after_with_a_comma() {
        assert_eq!(
            money(dec("20"), Currency::EUR, Language::FRENCH),
            "20,00\u{a0}€"
        );
        assert_eq!(
            money(dec("1234.5"), Currency::EUR, Language::FRENCH),
            "1\u{202f}234,50\u{a0}€"
        );
    }

    #[test]
    fn english_puts_the_symbol_first_with_a_dot() {
        assert_eq!(money(dec("20"), Currency::EUR, Language::ENGLISH), "€20.00");
        assert_eq!(
            money(dec("1234567.891"), Currency::EUR, Language::ENGLISH),
            "€1,234,567.89"
        );
    }

    #[test]
    fn amounts_round_half_away_from_zero_to_the_currency_digits() {
        assert_eq!(
            money(dec("0.005"), Currency::EUR, Language::ENGLISH),
            "€0.01"
        );
        let yen = Currency::parse("JPY").unwrap();
        assert_eq!(money(dec("1500.4"), yen, Language::ENGLISH), "¥1,500");
    }

    #[test]
    fn url_components_keep_only_unreserved_characters() {
        assert_eq!(url_component("RLC-AB9_~.x"), "RLC-AB9_~.x");
        assert_eq!(url_component("a b&c=é/"), "a%20b%26c%3D%C3%A9%2F");
    }

    #[test]
    fn percentages_follow_the_language() {
        assert_eq!(percent(dec("10"), Language::FRENCH), "10\u{202f}%");
        assert_eq!(percent(dec("12.50"), Language::FRENCH), "12,5\u{202f}%");
        assert_eq!(percent(dec("10"), Language::ENGLISH), "10%");
    }
}
