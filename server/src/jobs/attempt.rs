//! What one send attempt came to, and when a failed one is tried again: shared by the mail
//! and the webhook sides of a pass.

use chrono::{DateTime, Duration, Utc};
use domain::engine::SkipReason;
use rand_core::{OsRng, RngCore};

use crate::mail::SenderFault;

/// The wait before attempt `attempts + 1`: one minute doubling up to six hours, ±20 % so that
/// many failed mails do not come back at the same second.
pub fn backoff(attempts: i64, jitter: f64) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    let base = (60_i64.saturating_mul(2_i64.saturating_pow(exponent))).min(6 * 3600);
    let factor = 0.8 + 0.4 * jitter.clamp(0.0, 1.0);
    Duration::seconds((base as f64 * factor).round() as i64)
}

pub(super) fn jitter() -> f64 {
    f64::from(OsRng.next_u32()) / f64::from(u32::MAX)
}

/// How a send ended, for the pass's summary.
pub(super) enum Outcome {
    Sent,
    Skipped(SkipReason),
    Retrying,
    /// Inside the customer's quiet hours: queued again until their end.
    Postponed(DateTime<Utc>),
    Failed,
    /// Not sent because of a fault on our side or the provider's: the pass stops.
    Deferred(SenderFault),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_six_hours() {
        assert_eq!(backoff(1, 0.5), Duration::seconds(60));
        assert_eq!(backoff(2, 0.5), Duration::seconds(120));
        assert_eq!(backoff(4, 0.5), Duration::seconds(480));
        assert_eq!(backoff(30, 0.5), Duration::hours(6));
        assert_eq!(backoff(1, 0.0), Duration::seconds(48));
        assert_eq!(backoff(1, 1.0), Duration::seconds(72));
    }
}
