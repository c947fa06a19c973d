//! The shop's wall clock, as the admin shows every date: its time zone's UTC offsets over a
//! span of time, small enough to ride along with a page. The browser formats dates with it
//! without carrying a time zone database (which would weigh more than the admin itself).

use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, Offset, TimeZone, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopClock {
    zone: String,
    /// (from, in UTC seconds; offset from UTC in seconds), in time order. The first offset
    /// also applies before its start, the last after.
    spans: Vec<(i64, i32)>,
}

impl Default for ShopClock {
    fn default() -> Self {
        Self {
            zone: "UTC".into(),
            spans: vec![(0, 0)],
        }
    }
}

fn offset_seconds<Z: TimeZone>(zone: &Z, at: DateTime<Utc>) -> i32 {
    zone.offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc()
}

impl ShopClock {
    /// The offsets of `zone` (named `name`) from `from` to `to`: checked day by day, each
    /// change found to the second.
    pub fn of<Z: TimeZone>(name: &str, zone: &Z, from: DateTime<Utc>, to: DateTime<Utc>) -> Self {
        let mut spans = vec![(from.timestamp(), offset_seconds(zone, from))];
        let mut day = from;
        while day < to {
            let next = day + Duration::days(1);
            let offset = offset_seconds(zone, next);
            if offset != spans[spans.len() - 1].1 {
                // The change is in (day, next]: halve the interval down to the second.
                let (mut before, mut after) = (day, next);
                while after - before > Duration::seconds(1) {
                    let middle = before + (after - before) / 2;
                    if offset_seconds(zone, middle) == offset {
                        after = middle;
                    } else {
                        before = middle;
                    }
                }
                spans.push((after.timestamp(), offset));
            }
            day = next;
        }
        Self {
            zone: name.to_owned(),
            spans,
        }
    }

    /// The IANA name of the zone ("Europe/Paris").
    pub fn zone(&self) -> &str {
        &self.zone
    }

    pub fn offset_at(&self, at: DateTime<Utc>) -> FixedOffset {
        let seconds = at.timestamp();
        let index = self.spans.partition_point(|(from, _)| *from <= seconds);
        let offset = self.spans[index.saturating_sub(1)].1;
        FixedOffset::east_opt(offset).unwrap_or(FixedOffset::east_opt(0).expect("zero offset"))
    }

    /// The shop's wall-clock time at `at`.
    pub fn local(&self, at: DateTime<Utc>) -> NaiveDateTime {
        at.with_timezone(&self.offset_at(at)).naive_local()
    }

    /// `at` with the shop's offset, for CSV files and `datetime` attributes.
    pub fn with_offset(&self, at: DateTime<Utc>) -> DateTime<FixedOffset> {
        at.with_timezone(&self.offset_at(at))
    }

    /// "Europe/Paris;1735689600:3600,1743210000:7200" for an HTML attribute.
    pub fn encode(&self) -> String {
        let spans: Vec<String> = self
            .spans
            .iter()
            .map(|(from, offset)| format!("{from}:{offset}"))
            .collect();
        format!("{};{}", self.zone, spans.join(","))
    }

    pub fn decode(text: &str) -> Option<Self> {
        let (zone, spans) = text.split_once(';')?;
        let spans = spans
            .split(',')
            .map(|span| {
                let (from, offset) = span.split_once(':')?;
                Some((from.parse().ok()?, offset.parse().ok()?))
            })
            .collect::<Option<Vec<(i64, i32)>>>()?;
        (!spans.is_empty()).then(|| Self {
            zone: zone.to_owned(),
            spans,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Paris;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn paris_2026() -> ShopClock {
        ShopClock::of(
            "Europe/Paris",
            &Paris,
            utc("2026-01-01T00:00:00Z"),
            utc("2027-01-01T00:00:00Z"),
        )
    }

    #[test]
    fn the_clock_finds_both_changes_of_the_year_to_the_second() {
        let clock = paris_2026();
        assert_eq!(
            clock.spans,
            [
                (utc("2026-01-01T00:00:00Z").timestamp(), 3600),
                (utc("2026-03-29T01:00:00Z").timestamp(), 7200),
                (utc("2026-10-25T01:00:00Z").timestamp(), 3600),
            ]
        );
    }

    #[test]
    fn local_times_follow_the_shop_s_offset_of_the_day() {
        let clock = paris_2026();
        let local = |text| clock.local(utc(text)).to_string();
        assert_eq!(local("2026-01-15T23:30:00Z"), "2026-01-16 00:30:00");
        assert_eq!(local("2026-07-01T10:00:00Z"), "2026-07-01 12:00:00");
        assert_eq!(local("2026-10-25T00:30:00Z"), "2026-10-25 02:30:00");
        assert_eq!(local("2026-10-25T01:30:00Z"), "2026-10-25 02:30:00");
        // Before and after the span, the nearest offset.
        assert_eq!(local("2025-12-31T23:00:00Z"), "2026-01-01 00:00:00");
        assert_eq!(
            clock.with_offset(utc("2026-07-01T10:00:00Z")).to_rfc3339(),
            "2026-07-01T12:00:00+02:00"
        );
    }

    #[test]
    fn the_clock_survives_its_text_form_and_refuses_a_broken_one() {
        let clock = paris_2026();
        assert_eq!(ShopClock::decode(&clock.encode()), Some(clock));
        assert_eq!(ShopClock::decode("Europe/Paris;"), None);
        assert_eq!(ShopClock::decode("nothing"), None);
        assert_eq!(
            ShopClock::default()
                .local(utc("2026-07-01T10:00:00Z"))
                .to_string(),
            "2026-07-01 10:00:00"
        );
    }
}
