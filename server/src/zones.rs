//! Reading IANA time zone names, the one place the server does: a shop's zone (an unknown
//! name falls back to UTC rather than hiding its figures or holding its reminders) and a
//! customer's own zone for quiet hours.

use chrono_tz::Tz;

/// Whether the time zone database knows `name`.
pub fn known_zone(name: &str) -> bool {
    name.parse::<Tz>().is_ok()
}

/// A shop's zone by its stored name.
pub fn shop_zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// The customer's own zone when the shop sent a valid one, else the shop's.
pub fn customer_zone(customer: Option<&str>, shop: Tz) -> Tz {
    customer.and_then(|name| name.parse().ok()).unwrap_or(shop)
}
