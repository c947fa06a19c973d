use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The state a merchant sees for a cart (as Smart Cart Reminder names them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CartStatus {
    /// Still changing or not idle long enough to count as abandoned ("abandoned after" in
    /// Settings), or without an email to remind: the engine keeps checking it.
    Checking,
    /// Abandoned; the first reminder is not sent yet.
    Waiting,
    /// At least one reminder sent, more to come.
    InProgress,
    /// Every reminder of the sequence was sent.
    Finished,
    /// Ordered after at least one reminder.
    Recovered,
    /// Ordered without any reminder.
    Ordered,
    /// The shop emptied the cart.
    Emptied,
    /// The shop deleted the cart.
    Deleted,
}

impl CartStatus {
    pub const ALL: [CartStatus; 8] = [
        Self::Checking,
        Self::Waiting,
        Self::InProgress,
        Self::Finished,
        Self::Recovered,
        Self::Ordered,
        Self::Emptied,
        Self::Deleted,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Checking => "checking",
            Self::Waiting => "waiting",
            Self::InProgress => "in_progress",
            Self::Finished => "finished",
            Self::Recovered => "recovered",
            Self::Ordered => "ordered",
            Self::Emptied => "emptied",
            Self::Deleted => "deleted",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        // "active" was the name of Checking: bookmarked filters keep working.
        let text = if text == "active" { "checking" } else { text };
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// What the status of a cart depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartFacts {
    pub has_items: bool,
    /// Reminders need an address; a guest cart without one is never abandoned.
    pub has_email: bool,
    pub last_activity_at: DateTime<Utc>,
    pub ordered_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// Steps of the sequence decided (reminders sent or skipped, calls opened) since it last
    /// (re)started.
    pub reminders_in_sequence: u32,
    /// Reminders sent before the order, over the cart's whole life.
    pub reminders_before_order: u32,
    /// How many enabled steps the campaign has.
    pub enabled_steps: u32,
}

impl CartFacts {
    /// The cart's state at `now`, abandoned after `abandoned_after` without activity.
    pub fn status(&self, now: DateTime<Utc>, abandoned_after: Duration) -> CartStatus {
        if self.ordered_at.is_some() {
            return if self.reminders_before_order > 0 {
                CartStatus::Recovered
            } else {
                CartStatus::Ordered
            };
        }
        if self.deleted_at.is_some() {
            return CartStatus::Deleted;
        }
        if !self.has_items {
            return CartStatus::Emptied;
        }
        if !self.has_email || now < self.last_activity_at + abandoned_after {
            return CartStatus::Checking;
        }
        match self.reminders_in_sequence {
            0 => CartStatus::Waiting,
            sent if sent < self.enabled_steps => CartStatus::InProgress,
            _ => CartStatus::Finished,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap() + Duration::minutes(minute)
    }

    fn facts() -> CartFacts {
        CartFacts {
            has_items: true,
            has_email: true,
            last_activity_at: at(0),
            ordered_at: None,
            deleted_at: None,
            reminders_in_sequence: 0,
            reminders_before_order: 0,
            enabled_steps: 2,
        }
    }

    const THIRTY_MINUTES: Duration = Duration::minutes(30);

    #[test]
    fn a_cart_is_checked_until_thirty_minutes_without_activity() {
        assert_eq!(facts().status(at(29), THIRTY_MINUTES), CartStatus::Checking);
        assert_eq!(facts().status(at(30), THIRTY_MINUTES), CartStatus::Waiting);
    }

    #[test]
    fn a_cart_without_email_or_items_is_never_waiting() {
        let guest = CartFacts {
            has_email: false,
            ..facts()
        };
        assert_eq!(guest.status(at(600), THIRTY_MINUTES), CartStatus::Checking);
        let empty = CartFacts {
            has_items: false,
            ..facts()
        };
        assert_eq!(empty.status(at(600), THIRTY_MINUTES), CartStatus::Emptied);
    }

    #[test]
    fn reminders_sent_move_a_cart_to_in_progress_then_finished() {
        let one = CartFacts {
            reminders_in_sequence: 1,
            ..facts()
        };
        assert_eq!(one.status(at(90), THIRTY_MINUTES), CartStatus::InProgress);
        let two = CartFacts {
            reminders_in_sequence: 2,
            ..facts()
        };
        assert_eq!(two.status(at(2000), THIRTY_MINUTES), CartStatus::Finished);
    }

    #[test]
    fn an_order_after_a_reminder_is_a_recovery_and_without_one_a_plain_order() {
        let recovered = CartFacts {
            ordered_at: Some(at(120)),
            reminders_before_order: 1,
            ..facts()
        };
        assert_eq!(
            recovered.status(at(200), THIRTY_MINUTES),
            CartStatus::Recovered
        );
        let ordered = CartFacts {
            ordered_at: Some(at(10)),
            ..facts()
        };
        assert_eq!(ordered.status(at(200), THIRTY_MINUTES), CartStatus::Ordered);
    }

    #[test]
    fn a_deleted_cart_stays_deleted() {
        let deleted = CartFacts {
            deleted_at: Some(at(5)),
            ..facts()
        };
        assert_eq!(deleted.status(at(200), THIRTY_MINUTES), CartStatus::Deleted);
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in CartStatus::ALL {
            assert_eq!(CartStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(CartStatus::parse("active"), Some(CartStatus::Checking));
    }
}
