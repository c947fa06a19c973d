//! The shop's clock: the admin renders every date in the shop's time zone on the server, and
//! the page carries the clock for the browser (`<html data-clock>`), so both show the same
//! time. `reach.rs` puts it on each page request of a shop.

use chrono::{DateTime, Duration, Utc};
use domain::clock::ShopClock;

/// The clock of a zone from two years back (the oldest carts and runs the admin lists) to a
/// year ahead (countdowns, coupon expiries).
pub fn clock_of(time_zone: &str, now: DateTime<Utc>) -> ShopClock {
    let zone = crate::zones::shop_zone(time_zone);
    ShopClock::of(
        zone.name(),
        &zone,
        now - Duration::days(730),
        now + Duration::days(365),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_zone_falls_back_to_utc() {
        let now: DateTime<Utc> = "2026-07-01T10:00:00Z".parse().unwrap();
        assert_eq!(clock_of("Mars/Olympus", now).zone(), "UTC");
        assert_eq!(
            clock_of("Europe/Paris", now).local(now).to_string(),
            "2026-07-01 12:00:00"
        );
    }
}
