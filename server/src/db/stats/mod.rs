//! The Statistics page's figures: one stored row set per day of the shop's calendar
//! (`domain::stats::DayStats`), recounted from the raw rows whenever a write marked its day, and
//! summed over the asked range.

mod facts;
mod holdout;
mod orders;
mod refresh;
mod store;

pub use holdout::drawn_sequences;
pub use refresh::{mark_dirty, refresh, refresh_all, refreshed_at, RefreshReport};
pub use store::{read_range, read_rows};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use domain::stats::Period;

/// SQLite's bound-value limit is far above this; the lists stay readable in query plans.
const CHUNK: usize = 500;

/// The shop's calendar: which day a moment falls on, and when a day starts, in its time zone.
#[derive(Debug, Clone, Copy)]
pub struct ShopCalendar {
    tz: Tz,
}

impl ShopCalendar {
    /// An unknown zone name falls back to UTC rather than hiding the statistics.
    pub fn new(time_zone: &str) -> Self {
        Self {
            tz: crate::zones::shop_zone(time_zone),
        }
    }

    pub fn day_of(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }

    /// The first moment of `day` (midnight, or the first hour that exists on a DST change).
    pub fn start_of(&self, day: NaiveDate) -> DateTime<Utc> {
        let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
        (0..3)
            .find_map(|hour| {
                self.tz
                    .from_local_datetime(&(midnight + Duration::hours(hour)))
                    .earliest()
            })
            .map_or_else(|| midnight.and_utc(), |at| at.with_timezone(&Utc))
    }

    pub fn period(&self, day: NaiveDate) -> Period {
        Period {
            from: self.start_of(day),
            to: self.start_of(day + Duration::days(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paris_day_starts_at_eleven_pm_utc_in_winter_and_ten_in_summer() {
        let paris = ShopCalendar::new("Europe/Paris");
        let winter: NaiveDate = "2026-11-23".parse().unwrap();
        assert_eq!(
            paris.start_of(winter).to_rfc3339(),
            "2026-11-22T23:00:00+00:00"
        );
        let summer: NaiveDate = "2026-07-01".parse().unwrap();
        assert_eq!(
            paris.start_of(summer).to_rfc3339(),
            "2026-06-30T22:00:00+00:00"
        );
        let late: DateTime<Utc> = "2026-11-22T23:30:00Z".parse().unwrap();
        assert_eq!(paris.day_of(late), winter);
    }

    #[test]
    fn the_day_clocks_go_forward_is_twenty_three_hours_long() {
        let paris = ShopCalendar::new("Europe/Paris");
        let period = paris.period("2026-03-29".parse().unwrap());
        assert_eq!(period.to - period.from, Duration::hours(23));
    }
}
