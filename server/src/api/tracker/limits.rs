//! How fast a tracker may send: per visitor's IP address (a shopper, or a script abusing a
//! public key) and per public key (all of a shop's visitors together). Counted in this
//! process: N processes behind a load balancer allow N times as much.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// A shopper's cart changes, typed emails and orders: one a second on average, in bursts of 30.
const PER_IP_PER_MINUTE: u32 = 60;
const PER_IP_BURST: u32 = 30;
/// All visitors of one shop: 50 events a second on average, in bursts of 500.
const PER_KEY_PER_MINUTE: u32 = 3_000;
const PER_KEY_BURST: u32 = 500;

pub struct TrackerLimits {
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    per_key: DefaultKeyedRateLimiter<String>,
}

fn quota(per_minute: u32, burst: u32) -> Quota {
    let nonzero = |n: u32| NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(nonzero(per_minute)).allow_burst(nonzero(burst))
}

impl Default for TrackerLimits {
    fn default() -> Self {
        Self {
            per_ip: RateLimiter::keyed(quota(PER_IP_PER_MINUTE, PER_IP_BURST)),
            per_key: RateLimiter::keyed(quota(PER_KEY_PER_MINUTE, PER_KEY_BURST)),
        }
    }
}

impl TrackerLimits {
    /// `Err(seconds)` to wait when the address or the key has sent too much.
    pub fn check(&self, ip: Option<IpAddr>, key: &str) -> Result<(), u64> {
        let clock = DefaultClock::default();
        let wait = |not_until: governor::NotUntil<_>| {
            not_until.wait_time_from(clock.now()).as_secs().max(1)
        };
        if let Some(ip) = ip {
            self.per_ip.check_key(&ip).map_err(wait)?;
        }
        self.per_key.check_key(&key.to_owned()).map_err(wait)?;
        // Forget the quiet ones now and then, so the table does not grow with every visitor.
        if self.per_ip.len() > 100_000 {
            self.per_ip.retain_recent();
        }
        Ok(())
    }
}
