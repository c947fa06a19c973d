//! Amounts are stored as bigint ten-thousandths (see the first migration).

use rust_decimal::Decimal;

use super::DbError;

const SCALE: u32 = 4;

/// `amount` has passed `domain`'s money checks (at most 4 decimals, bounded), so this is exact.
pub fn to_db(amount: Decimal) -> Result<i64, DbError> {
    // `rescale` would round a fifth decimal away silently: refuse it instead.
    if amount.normalize().scale() > SCALE {
        return Err(DbError::corrupt(format!(
            "amount {amount} cannot be stored exactly"
        )));
    }
    let mut scaled = amount;
    scaled.rescale(SCALE);
    i64::try_from(scaled.mantissa())
        .map_err(|_| DbError::corrupt(format!("amount {amount} is too large to store")))
}

pub fn from_db(value: i64) -> Decimal {
    Decimal::new(value, SCALE).normalize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::prelude::FromStr;

    #[test]
    fn amounts_round_trip_exactly() {
        for text in ["0", "16.51", "69.5", "0.0001", "999999999999.9999"] {
            let amount = Decimal::from_str(text).unwrap();
            assert_eq!(
                from_db(to_db(amount).unwrap()),
                amount.normalize(),
                "{text}"
            );
        }
        assert_eq!(to_db(Decimal::from_str("16.51").unwrap()).unwrap(), 165_100);
    }

    #[test]
    fn an_amount_with_more_than_four_decimals_is_refused_rather_than_rounded() {
        assert!(to_db(Decimal::from_str("0.00001").unwrap()).is_err());
    }
}
