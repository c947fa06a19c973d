//! Puts the shop's clock on each page request: the admin renders every date in the shop's
//! time zone on the server, and the page carries the clock for the browser (`<html
//! data-clock>`), so both show the same time.

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Duration, Utc};
use domain::clock::ShopClock;

use crate::db::{self, Pool};

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

/// Pages only: server functions, the API, tracking links and static files show no date.
fn renders_a_page(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    !(path.starts_with("/api/")
        || path.starts_with("/admin/fn/")
        || path.starts_with("/pkg/")
        || last.contains('.'))
}

pub async fn shop_clock(State(pool): State<Pool>, mut request: Request, next: Next) -> Response {
    if request.method() == Method::GET && renders_a_page(request.uri().path()) {
        match db::first_shop(&pool).await {
            Ok(Some(shop)) => {
                request
                    .extensions_mut()
                    .insert(clock_of(&shop.time_zone, Utc::now()));
            }
            Ok(None) => {}
            Err(error) => {
                tracing::warn!(%error, "cannot read the shop's time zone: dates shown in UTC");
            }
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_page_requests_need_the_clock() {
        assert!(renders_a_page("/carts"));
        assert!(renders_a_page("/carts/c-1"));
        assert!(!renders_a_page("/admin/fn/list_carts"));
        assert!(!renders_a_page("/pkg/relance.wasm"));
        assert!(!renders_a_page("/api/v1/events"));
    }

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
