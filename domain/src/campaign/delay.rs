use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::model::ParseError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DelayUnit {
    Hours,
    Days,
}

/// What a step's delay counts from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DelayFrom {
    /// The moment the cart counted as abandoned.
    #[default]
    Abandonment,
    /// The moment the sequence's previous step went out (or was passed over); the first
    /// step counts from the abandonment.
    PreviousStep,
}

impl DelayFrom {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Abandonment => "abandonment",
            Self::PreviousStep => "previous_step",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Abandonment, Self::PreviousStep]
            .into_iter()
            .find(|from| from.as_str() == text)
    }
}

/// How long after the cart's abandonment (or the previous step) a reminder goes out: 1 hour
/// to 30 days.
///
/// The unit the merchant chose is kept (a "1 day" reminder stays "1 day", not "24 hours") so the
/// admin shows it back as it was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "DelayWire")]
pub struct Delay {
    amount: u32,
    unit: DelayUnit,
    #[serde(default)]
    from: DelayFrom,
}

#[derive(Deserialize)]
struct DelayWire {
    amount: u32,
    unit: DelayUnit,
    #[serde(default)]
    from: DelayFrom,
}

impl TryFrom<DelayWire> for Delay {
    type Error = ParseError;
    fn try_from(wire: DelayWire) -> Result<Self, Self::Error> {
        Delay::new(wire.amount, wire.unit).map(|delay| delay.counted_from(wire.from))
    }
}

const MAX_HOURS: u32 = 30 * 24;

impl Delay {
    pub fn new(amount: u32, unit: DelayUnit) -> Result<Self, ParseError> {
        let hours = match unit {
            DelayUnit::Hours => amount,
            DelayUnit::Days => amount.saturating_mul(24),
        };
        if hours == 0 {
            return Err(ParseError::new("the delay must be at least 1 hour"));
        }
        if hours > MAX_HOURS {
            return Err(ParseError::new("the delay must be at most 30 days"));
        }
        Ok(Self {
            amount,
            unit,
            from: DelayFrom::Abandonment,
        })
    }

    /// The same delay, counted from `from`.
    pub fn counted_from(self, from: DelayFrom) -> Self {
        Self { from, ..self }
    }

    pub fn from(&self) -> DelayFrom {
        self.from
    }

    pub fn hours(amount: u32) -> Result<Self, ParseError> {
        Self::new(amount, DelayUnit::Hours)
    }

    pub fn days(amount: u32) -> Result<Self, ParseError> {
        Self::new(amount, DelayUnit::Days)
    }

    pub fn amount(&self) -> u32 {
        self.amount
    }

    pub fn unit(&self) -> DelayUnit {
        self.unit
    }

    pub fn total_hours(&self) -> u32 {
        match self.unit {
            DelayUnit::Hours => self.amount,
            DelayUnit::Days => self.amount * 24,
        }
    }

    pub fn duration(&self) -> Duration {
        Duration::hours(i64::from(self.total_hours()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_hour_to_thirty_days_are_accepted() {
        assert_eq!(Delay::hours(1).unwrap().duration(), Duration::hours(1));
        assert_eq!(Delay::days(30).unwrap().total_hours(), 720);
        assert!(Delay::hours(720).is_ok());
    }

    #[test]
    fn zero_or_more_than_thirty_days_is_rejected() {
        assert!(Delay::hours(0).is_err());
        assert!(Delay::days(0).is_err());
        assert!(Delay::days(31).is_err());
        assert!(Delay::hours(721).is_err());
        assert!(Delay::days(u32::MAX).is_err());
    }

    #[test]
    fn a_day_lasts_as_long_as_twenty_four_hours_but_keeps_its_unit() {
        let day = Delay::days(1).unwrap();
        assert_eq!(day.total_hours(), Delay::hours(24).unwrap().total_hours());
        assert_eq!(day.unit(), DelayUnit::Days);
    }
}
