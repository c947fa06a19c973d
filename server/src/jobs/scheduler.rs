//! The built-in scheduler of `relance serve`: a run at least every hour, and one when the next
//! step falls due, so a "1 hour" reminder goes out at one hour, not up to two. Between two runs it
//! rests nine times as long as the last one took: a shop whose carts fall due every few seconds
//! would otherwise keep a core busy re-reading its open carts.

use std::future::Future;

use chrono::{DateTime, Duration, Utc};

use super::attempt::backoff;
use super::run::{run_or_help, Round, Trigger};
use super::sender::Sender;

/// The longest the scheduler sleeps.
const AT_LEAST_EVERY: Duration = Duration::hours(1);
/// The shortest rest between two runs, and the longest a slow run imposes: a pass over 100,000
/// open carts takes 3 to 4 s, so a step due right after it goes out about half a minute late.
const MIN_REST: Duration = Duration::seconds(1);
const MAX_REST: Duration = Duration::minutes(5);
/// The rest is this many times the run's length: the engine then uses at most a tenth of a core.
const REST_PER_RUN: i32 = 9;
/// When another process leads the pass (this one looks again, and leads if it has stopped),
/// and after a first failed run.
const RETRY_AFTER: Duration = Duration::minutes(1);

/// The wait after `failures` runs in a row failed (an SMTP login refused, a server down): a
/// retried reminder's backoff (one minute, doubling; no jitter, there is one scheduler) up to
/// the hourly run, so a broken provider is not hammered and a fixed one is used again soon.
pub fn retry_wait(failures: u32) -> Duration {
    const NO_JITTER: f64 = 0.5;
    backoff(i64::from(failures), NO_JITTER).min(AT_LEAST_EVERY)
}

/// When to wake after a run from `started` to `finished`: the next due moment, within the hour,
/// after a rest in proportion to the run.
pub fn next_wake(
    started: DateTime<Utc>,
    finished: DateTime<Utc>,
    next_due: Option<DateTime<Utc>>,
) -> DateTime<Utc> {
    let hourly = started + AT_LEAST_EVERY;
    let rest = ((finished - started) * REST_PER_RUN).clamp(MIN_REST, MAX_REST);
    next_due
        .map_or(hourly, |due| due.min(hourly))
        .max(finished + rest)
}

/// Runs the engine until `shutdown` resolves.
pub async fn run(sender: Sender, shutdown: impl Future<Output = ()>) {
    tokio::pin!(shutdown);
    let mut failures = 0;
    loop {
        let now = Utc::now();
        let round = run_or_help(&sender, Trigger::Scheduler, None, now).await;
        let finished = Utc::now();
        let wake = match round {
            Ok(Round::Led(summary)) => {
                tracing::info!(
                    due = summary.due,
                    sent = summary.sent,
                    failed = summary.failed,
                    retrying = summary.retrying,
                    "engine run"
                );
                // The Statistics page then finds today's figures already counted.
                if let Err(error) = crate::db::stats::refresh_all(&sender.pool, Utc::now()).await {
                    tracing::error!(error = %error, "cannot refresh the statistics");
                }
                failures = 0;
                next_wake(now, finished, summary.next_due)
            }
            Ok(Round::Helped(summary)) => {
                tracing::info!(sent = summary.sent, "helped another process's engine run");
                failures = 0;
                now + RETRY_AFTER
            }
            Ok(Round::Busy) => now + RETRY_AFTER,
            Err(error) => {
                failures += 1;
                let wait = retry_wait(failures);
                tracing::error!(
                    error = format!("{error:#}"),
                    retry_in_s = wait.num_seconds(),
                    "engine run failed"
                );
                now + wait
            }
        };
        let sleep = (wake - Utc::now()).to_std().unwrap_or_default();
        tokio::select! {
            () = tokio::time::sleep(sleep) => {}
            () = &mut shutdown => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_scheduler_wakes_when_the_next_step_is_due_and_at_least_hourly() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let done = now + Duration::milliseconds(40);
        let soon = now + Duration::minutes(7);
        assert_eq!(next_wake(now, done, Some(soon)), soon);
        assert_eq!(
            next_wake(now, done, Some(now + Duration::hours(5))),
            now + Duration::hours(1)
        );
        assert_eq!(next_wake(now, done, None), now + Duration::hours(1));
        // A step already due (a retry in the past) still leaves a second between runs.
        assert_eq!(
            next_wake(now, done, Some(now - Duration::hours(1))),
            done + Duration::seconds(1)
        );
    }

    #[test]
    fn after_a_long_run_the_scheduler_rests_nine_times_as_long_up_to_five_minutes() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let due_now = Some(now);
        let after = |took: Duration| next_wake(now, now + took, due_now) - (now + took);
        assert_eq!(after(Duration::seconds(4)), Duration::seconds(36));
        assert_eq!(after(Duration::minutes(2)), Duration::minutes(5));
        // A step due later than the rest is not delayed by it.
        let later = now + Duration::minutes(10);
        assert_eq!(
            next_wake(now, now + Duration::seconds(4), Some(later)),
            later
        );
    }

    #[test]
    fn after_failed_runs_the_scheduler_waits_longer_each_time_up_to_an_hour() {
        let waits: Vec<i64> = (1..=8).map(|n| retry_wait(n).num_minutes()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60]);
    }
}
