//! Quiet hours: no reminder reaches a customer at night in their own time zone. A step that
//! falls inside the window waits for its end.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// A daily window, in local time, when nothing is sent: `start` to `end`, across midnight
/// when `end` comes first (21:00–08:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietHours {
    start: NaiveTime,
    end: NaiveTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QuietHoursError {
    #[error("must be a time of day such as 21:00")]
    BadTime,
    #[error("the start and the end must differ (leave both empty for no quiet hours)")]
    Empty,
}

/// What quiet hours need from a time zone: both ways between UTC and its local time. Any
/// `chrono::TimeZone` is one (the server's IANA zones, `Utc` in tests).
pub trait LocalClock {
    fn local(&self, at: DateTime<Utc>) -> NaiveDateTime;
    fn instant(&self, local: NaiveDateTime) -> LocalResult<DateTime<Utc>>;
}

impl<Z: TimeZone> LocalClock for Z {
    fn local(&self, at: DateTime<Utc>) -> NaiveDateTime {
        at.with_timezone(self).naive_local()
    }

    fn instant(&self, local: NaiveDateTime) -> LocalResult<DateTime<Utc>> {
        self.from_local_datetime(&local)
            .map(|at| at.with_timezone(&Utc))
    }
}

/// Reads "21:00" or "21:00:00".
pub fn parse_time(text: &str) -> Result<NaiveTime, QuietHoursError> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .map_err(|_| QuietHoursError::BadTime)
}

impl QuietHours {
    /// The merchants' default: from 21:00 to 08:00.
    pub const NIGHT: QuietHours = QuietHours {
        start: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        end: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
    };

    pub fn new(start: NaiveTime, end: NaiveTime) -> Result<Self, QuietHoursError> {
        if start == end {
            return Err(QuietHoursError::Empty);
        }
        Ok(Self { start, end })
    }

    pub fn start(&self) -> NaiveTime {
        self.start
    }

    pub fn end(&self) -> NaiveTime {
        self.end
    }

    /// Whether a local time of day is inside the window (its start included, its end not).
    pub fn contains(&self, time: NaiveTime) -> bool {
        if self.start < self.end {
            self.start <= time && time < self.end
        } else {
            time >= self.start || time < self.end
        }
    }

    /// The first instant at or after `at` outside the window in `clock`'s local time. On the
    /// night clocks go back, an end met twice is the first; on the night they go forward, an
    /// end that does not exist is the first local time after the jump.
    pub fn next_open(&self, at: DateTime<Utc>, clock: &dyn LocalClock) -> DateTime<Utc> {
        let local = clock.local(at);
        if !self.contains(local.time()) {
            return at;
        }
        let end_day = if self.start > self.end && local.time() >= self.start {
            local.date() + Duration::days(1)
        } else {
            local.date()
        };
        let mut end = end_day.and_time(self.end);
        // A gap lasts an hour or two; a day's bound keeps a broken zone from looping.
        for _ in 0..24 * 60 {
            match clock.instant(end).earliest() {
                Some(instant) => return instant.max(at),
                None => end += Duration::minutes(1),
            }
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Paris;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn hours(start: &str, end: &str) -> QuietHours {
        QuietHours::new(parse_time(start).unwrap(), parse_time(end).unwrap()).unwrap()
    }

    #[test]
    fn a_time_outside_the_window_is_open_at_once() {
        let at = utc("2026-06-10T10:00:00Z");
        assert_eq!(QuietHours::NIGHT.next_open(at, &Paris), at);
        // 18:59 UTC is 20:59 in Paris in summer: still open.
        let evening = utc("2026-06-10T18:59:00Z");
        assert_eq!(QuietHours::NIGHT.next_open(evening, &Paris), evening);
    }

    #[test]
    fn a_time_in_the_evening_waits_for_the_next_morning_in_the_local_zone() {
        // 21:30 in Paris (summer, UTC+2) waits for 08:00 the next day, 06:00 UTC.
        let at = utc("2026-06-10T19:30:00Z");
        assert_eq!(
            QuietHours::NIGHT.next_open(at, &Paris),
            utc("2026-06-11T06:00:00Z")
        );
        // The same instant is 19:30 in UTC: open there.
        assert_eq!(QuietHours::NIGHT.next_open(at, &Utc), at);
    }

    #[test]
    fn a_time_after_midnight_waits_for_the_same_morning() {
        let at = utc("2026-01-10T02:00:00Z"); // 03:00 in Paris (winter, UTC+1)
        assert_eq!(
            QuietHours::NIGHT.next_open(at, &Paris),
            utc("2026-01-10T07:00:00Z")
        );
    }

    #[test]
    fn the_nights_clocks_change_end_the_window_once_at_the_right_instant() {
        // Clocks go forward at 02:00 on 29 March 2026: the night is an hour shorter, and
        // 08:00 is UTC+2.
        let spring = utc("2026-03-28T22:00:00Z"); // 23:00 UTC+1
        assert_eq!(
            QuietHours::NIGHT.next_open(spring, &Paris),
            utc("2026-03-29T06:00:00Z")
        );
        // Clocks go back at 03:00 on 25 October 2026: 02:30 happens twice, 08:00 is UTC+1.
        let autumn = utc("2026-10-25T00:30:00Z"); // the first 02:30, UTC+2
        assert_eq!(
            QuietHours::NIGHT.next_open(autumn, &Paris),
            utc("2026-10-25T07:00:00Z")
        );
        let second = utc("2026-10-25T01:30:00Z"); // the second 02:30, UTC+1
        assert_eq!(
            QuietHours::NIGHT.next_open(second, &Paris),
            utc("2026-10-25T07:00:00Z")
        );
    }

    #[test]
    fn an_end_inside_the_spring_gap_opens_when_the_clocks_jump_and_one_met_twice_opens_first() {
        let short = hours("01:00", "02:30");
        // 01:30 UTC+1 on 29 March; 02:30 does not exist that night: open at 03:00 UTC+2.
        assert_eq!(
            short.next_open(utc("2026-03-29T00:30:00Z"), &Paris),
            utc("2026-03-29T01:00:00Z")
        );
        // 01:30 UTC+2 on 25 October; 02:30 happens twice: the first one, UTC+2.
        assert_eq!(
            short.next_open(utc("2026-10-24T23:30:00Z"), &Paris),
            utc("2026-10-25T00:30:00Z")
        );
    }

    #[test]
    fn a_window_within_one_day_and_bad_times_are_read_as_such() {
        let lunch = hours("12:00", "14:00");
        assert!(lunch.contains(parse_time("12:00").unwrap()));
        assert!(!lunch.contains(parse_time("14:00").unwrap()));
        assert!(!lunch.contains(parse_time("23:00").unwrap()));
        assert_eq!(parse_time("25:00"), Err(QuietHoursError::BadTime));
        assert_eq!(
            QuietHours::new(parse_time("08:00").unwrap(), parse_time("08:00").unwrap()),
            Err(QuietHoursError::Empty)
        );
    }
}
