//! An order's status, as the shop reports it: only a paid order credits a reminder.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Placed, not paid yet (a bank transfer, a cheque): it credits no reminder yet.
    Pending,
    Paid,
    /// Its revenue comes back out of the figures.
    Cancelled,
    Refunded,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 4] = [Self::Pending, Self::Paid, Self::Cancelled, Self::Refunded];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Paid => "paid",
            Self::Cancelled => "cancelled",
            Self::Refunded => "refunded",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }

    /// Whether the order counts as a conversion, with its revenue.
    pub fn counts(&self) -> bool {
        *self == Self::Paid
    }
}

/// Whether a status reported at `at` replaces the one the order has (set at `current_at`,
/// its creation if never changed): reports arrive out of order, the newest wins.
pub fn status_applies(current_at: DateTime<Utc>, at: DateTime<Utc>) -> bool {
    at >= current_at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_and_only_paid_counts() {
        for status in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(status.as_str()), Some(status));
            assert_eq!(status.counts(), status == OrderStatus::Paid);
        }
        assert_eq!(OrderStatus::parse("shipped"), None);
    }

    #[test]
    fn an_older_status_report_never_replaces_a_newer_one() {
        let paid_at: DateTime<Utc> = "2026-11-23T10:00:00Z".parse().unwrap();
        assert!(status_applies(
            paid_at,
            paid_at + chrono::Duration::minutes(1)
        ));
        assert!(!status_applies(
            paid_at,
            paid_at - chrono::Duration::minutes(1)
        ));
    }
}
