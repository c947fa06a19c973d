//! The Statistics page's date range: days of the shop's calendar, both ends included, read from
//! the URL and checked the same way in the browser and on the server.

use chrono::{Datelike, Days, NaiveDate};

/// No range longer than this: two years of days is enough for any comparison.
pub const MAX_DAYS: i64 = 732;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    from: NaiveDate,
    to: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error("the start date is not a date (YYYY-MM-DD)")]
    BadFrom,
    #[error("the end date is not a date (YYYY-MM-DD)")]
    BadTo,
    #[error("the start date is after the end date")]
    Reversed,
    #[error("the range is longer than {MAX_DAYS} days")]
    TooLong,
    #[error("the dates must be between 1970 and 9999")]
    OutOfBounds,
}

/// `day` moved back `days` days, staying at the calendar's first day rather than failing.
fn back(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(days))
        .unwrap_or(NaiveDate::MIN)
}

/// The shortcuts offered next to the date inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Today,
    Last7Days,
    Last30Days,
    ThisMonth,
    PreviousMonth,
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::Today,
        Preset::Last7Days,
        Preset::Last30Days,
        Preset::ThisMonth,
        Preset::PreviousMonth,
    ];

    pub fn range(self, today: NaiveDate) -> DayRange {
        let first_of_month = today.with_day(1).unwrap_or(today);
        let (from, to) = match self {
            Preset::Today => (today, today),
            Preset::Last7Days => (back(today, 6), today),
            Preset::Last30Days => (back(today, 29), today),
            Preset::ThisMonth => (first_of_month, today),
            Preset::PreviousMonth => {
                let last = back(first_of_month, 1);
                (last.with_day(1).unwrap_or(last), last)
            }
        };
        DayRange { from, to }
    }
}

impl DayRange {
    /// The range of the URL's `from` and `to`; either missing means the last 30 days.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        today: NaiveDate,
    ) -> Result<Self, RangeError> {
        match (from.filter(|s| !s.is_empty()), to.filter(|s| !s.is_empty())) {
            (Some(from), Some(to)) => Self::explicit(from, to),
            _ => Ok(Preset::Last30Days.range(today)),
        }
    }

    /// The range of two typed dates (what the form checks before asking the server).
    pub fn explicit(from: &str, to: &str) -> Result<Self, RangeError> {
        let from: NaiveDate = from.trim().parse().map_err(|_| RangeError::BadFrom)?;
        let to: NaiveDate = to.trim().parse().map_err(|_| RangeError::BadTo)?;
        let bounds = 1970..=9999;
        if !bounds.contains(&from.year()) || !bounds.contains(&to.year()) {
            return Err(RangeError::OutOfBounds);
        }
        if from > to {
            return Err(RangeError::Reversed);
        }
        if (to - from).num_days() + 1 > MAX_DAYS {
            return Err(RangeError::TooLong);
        }
        Ok(Self { from, to })
    }

    pub fn from(&self) -> NaiveDate {
        self.from
    }

    pub fn to(&self) -> NaiveDate {
        self.to
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The same number of days just before, for the comparison on the KPI cards.
    pub fn previous(&self) -> Self {
        let to = back(self.from, 1);
        Self {
            from: back(to, u64::try_from(self.days() - 1).unwrap_or(0)),
            to,
        }
    }

    /// The preset this range is, on `today`, if any (to highlight it).
    pub fn preset(&self, today: NaiveDate) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.range(today) == *self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn no_dates_in_the_url_means_the_last_thirty_days() {
        let range = DayRange::parse(None, Some("2026-11-01"), day("2026-11-23")).unwrap();
        assert_eq!(
            (range.from(), range.to()),
            (day("2026-10-25"), day("2026-11-23"))
        );
        assert_eq!(range.days(), 30);
        assert_eq!(range.preset(day("2026-11-23")), Some(Preset::Last30Days));
    }

    #[test]
    fn the_previous_period_has_the_same_length_and_ends_the_day_before() {
        let range =
            DayRange::parse(Some("2026-11-01"), Some("2026-11-07"), day("2026-11-23")).unwrap();
        let previous = range.previous();
        assert_eq!(
            (previous.from(), previous.to()),
            (day("2026-10-25"), day("2026-10-31"))
        );
    }

    #[test]
    fn presets_follow_the_calendar() {
        let today = day("2026-03-15");
        let month = Preset::PreviousMonth.range(today);
        assert_eq!(
            (month.from(), month.to()),
            (day("2026-02-01"), day("2026-02-28"))
        );
        let this = Preset::ThisMonth.range(today);
        assert_eq!((this.from(), this.to()), (day("2026-03-01"), today));
        assert_eq!(Preset::Today.range(today).days(), 1);
        assert_eq!(Preset::Last7Days.range(today).days(), 7);
        let january = Preset::PreviousMonth.range(day("2026-01-10"));
        assert_eq!(january.from(), day("2025-12-01"));
    }

    #[test]
    fn bad_ranges_are_refused_with_the_reason() {
        let today = day("2026-11-23");
        assert_eq!(
            DayRange::parse(Some("2026-13-01"), Some("2026-11-02"), today),
            Err(RangeError::BadFrom)
        );
        assert_eq!(
            DayRange::parse(Some("2026-11-05"), Some("2026-11-02"), today),
            Err(RangeError::Reversed)
        );
        assert_eq!(
            DayRange::parse(Some("2020-01-01"), Some("2026-11-02"), today),
            Err(RangeError::TooLong)
        );
        assert_eq!(
            DayRange::explicit("-262000-01-01", "-262000-01-02"),
            Err(RangeError::OutOfBounds)
        );
    }

    #[test]
    fn the_calendar_edges_never_panic() {
        for preset in Preset::ALL {
            let range = preset.range(NaiveDate::MIN);
            assert!(range.from() <= range.to());
            let _ = range.previous();
        }
    }
}
