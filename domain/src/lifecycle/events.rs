use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::CartItem;

/// What Relance knows of a stored cart when an event about it arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCart {
    pub last_activity_at: DateTime<Utc>,
    pub ordered_at: Option<DateTime<Utc>>,
    pub items_fingerprint: String,
    /// A step of the cart's current sequence was decided (sent, skipped with a reason, or a
    /// call opened).
    pub sequence_begun: bool,
}

/// Why a cart's sequence starts again from step 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Restart {
    /// A product the cart did not hold.
    ItemAdded,
    /// More of a product it held.
    QuantityUp,
}

/// What an event does to its cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// A cart Relance did not know: create it.
    Create,
    /// A newer state of a known cart: apply it. With `restart`, the customer added to a cart
    /// whose sequence had begun: it starts again from step 1, counted from the new
    /// abandonment.
    Apply { restart: Option<Restart> },
    /// Older than what is stored (events can arrive out of order): keep the stored state.
    Stale,
    /// The cart was already ordered: nothing reopens it.
    AfterOrder,
    /// About a cart Relance never saw (a deletion): nothing to change.
    UnknownCart,
}

impl Decision {
    /// The word stored with the event and shown on the cart's timeline.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Create => "created",
            Self::Apply {
                restart: Some(Restart::ItemAdded),
            } => "restarted_item_added",
            Self::Apply {
                restart: Some(Restart::QuantityUp),
            } => "restarted_quantity_up",
            Self::Apply { restart: None } => "applied",
            Self::Stale => "stale",
            Self::AfterOrder => "after_order",
            Self::UnknownCart => "unknown_cart",
        }
    }
}

/// A cart's items reduced to what matters for the restart rule: which products, how many
/// (`sku:quantity` lines, sorted). Prices or descriptions changing alone do not restart the
/// sequence.
pub fn items_fingerprint(items: &[CartItem]) -> String {
    let mut lines: Vec<(&str, u32)> = items.iter().map(|i| (i.sku.as_str(), i.quantity)).collect();
    lines.sort_unstable();
    lines
        .iter()
        .map(|(sku, quantity)| format!("{}:{quantity}", sku.replace(['|', ':'], "_")))
        .collect::<Vec<_>>()
        .join("|")
}

/// Whether the items of `after` hold more than `before` (both fingerprints): a new product, or
/// more of one. Removing items or lowering a quantity is not a reason to remind again.
pub fn items_grew(before: &str, after: &str) -> Option<Restart> {
    let lines = |fingerprint: &str| -> Vec<(String, u32)> {
        fingerprint
            .split('|')
            .filter_map(|line| line.rsplit_once(':'))
            .map(|(sku, quantity)| (sku.to_owned(), quantity.parse().unwrap_or(0)))
            .collect()
    };
    let before = lines(before);
    let mut grew = None;
    for (sku, quantity) in lines(after) {
        match before.iter().find(|(known, _)| *known == sku) {
            None => return Some(Restart::ItemAdded),
            Some((_, was)) if quantity > *was => grew = Some(Restart::QuantityUp),
            Some(_) => {}
        }
    }
    grew
}

/// A `cart_updated` that happened at `occurred_at` with these items.
pub fn decide_update(
    stored: Option<&StoredCart>,
    occurred_at: DateTime<Utc>,
    fingerprint: &str,
) -> Decision {
    let Some(stored) = stored else {
        return Decision::Create;
    };
    if stored.ordered_at.is_some() {
        return Decision::AfterOrder;
    }
    if occurred_at < stored.last_activity_at {
        return Decision::Stale;
    }
    Decision::Apply {
        restart: if stored.sequence_begun {
            items_grew(&stored.items_fingerprint, fingerprint)
        } else {
            None
        },
    }
}

/// A `cart_deleted` at `occurred_at`.
pub fn decide_deletion(stored: Option<&StoredCart>, occurred_at: DateTime<Utc>) -> Decision {
    match stored {
        None => Decision::UnknownCart,
        Some(stored) if stored.ordered_at.is_some() => Decision::AfterOrder,
        Some(stored) if occurred_at < stored.last_activity_at => Decision::Stale,
        Some(_) => Decision::Apply { restart: None },
    }
}

/// An `order_updated`: recorded on its cart's timeline (the order's status is changed where
/// it is stored, by `status_applies`).
pub fn decide_order_update(stored: Option<&StoredCart>) -> Decision {
    match stored {
        None => Decision::UnknownCart,
        Some(_) => Decision::Apply { restart: None },
    }
}

/// An `order_completed`: it ends the cart's sequence whenever it happened, even if a later
/// update of the cart was already received (the order is the final word). A second order of the
/// same cart changes nothing on the cart.
pub fn decide_order(stored: Option<&StoredCart>) -> Decision {
    match stored {
        None => Decision::UnknownCart,
        Some(stored) if stored.ordered_at.is_some() => Decision::AfterOrder,
        Some(_) => Decision::Apply { restart: None },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Currency, Money};
    use chrono::{Duration, TimeZone};

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap() + Duration::minutes(minute)
    }

    fn item(sku: &str, quantity: u32, price: &str) -> CartItem {
        CartItem {
            sku: sku.into(),
            name: sku.into(),
            description: String::new(),
            image_url: None,
            product_url: None,
            category: None,
            unit_price: Money::parse(price, Currency::EUR).unwrap(),
            quantity,
            stock: None,
            ean: None,
        }
    }

    fn stored(last_activity: i64, ordered: Option<i64>, items: &[CartItem]) -> StoredCart {
        StoredCart {
            last_activity_at: at(last_activity),
            ordered_at: ordered.map(at),
            items_fingerprint: items_fingerprint(items),
            sequence_begun: true,
        }
    }

    #[test]
    fn the_fingerprint_ignores_order_and_prices_but_not_quantities() {
        let a = [item("a", 1, "10"), item("b", 2, "5")];
        let b = [item("b", 2, "4.5"), item("a", 1, "10")];
        let c = [item("a", 1, "10"), item("b", 3, "5")];
        assert_eq!(items_fingerprint(&a), items_fingerprint(&b));
        assert_ne!(items_fingerprint(&a), items_fingerprint(&c));
    }

    #[test]
    fn an_unknown_cart_is_created() {
        assert_eq!(decide_update(None, at(0), ""), Decision::Create);
    }

    #[test]
    fn an_older_update_never_overwrites_a_newer_one() {
        let items = [item("a", 1, "10")];
        let cart = stored(30, None, &items);
        assert_eq!(
            decide_update(Some(&cart), at(10), &items_fingerprint(&[])),
            Decision::Stale
        );
    }

    fn restart(reason: Restart) -> Decision {
        Decision::Apply {
            restart: Some(reason),
        }
    }

    #[test]
    fn adding_to_a_cart_whose_sequence_began_restarts_it_with_the_reason() {
        let cart = stored(0, None, &[item("a", 1, "10"), item("b", 1, "5")]);
        let more = items_fingerprint(&[item("a", 2, "10"), item("b", 1, "5")]);
        let new = items_fingerprint(&[item("a", 1, "10"), item("c", 1, "5")]);
        assert_eq!(
            decide_update(Some(&cart), at(5), &more),
            restart(Restart::QuantityUp)
        );
        assert_eq!(
            decide_update(Some(&cart), at(5), &new),
            restart(Restart::ItemAdded)
        );
        assert_eq!(restart(Restart::ItemAdded).as_str(), "restarted_item_added");
    }

    #[test]
    fn removing_items_a_price_change_or_a_sequence_not_begun_restarts_nothing() {
        let cart = stored(0, None, &[item("a", 2, "10"), item("b", 1, "5")]);
        for fewer in [
            items_fingerprint(&[item("a", 1, "10"), item("b", 1, "5")]),
            items_fingerprint(&[item("a", 2, "10")]),
            items_fingerprint(&[item("b", 1, "5"), item("a", 2, "9")]),
        ] {
            assert_eq!(
                decide_update(Some(&cart), at(5), &fewer),
                Decision::Apply { restart: None }
            );
        }
        let waiting = StoredCart {
            sequence_begun: false,
            ..cart
        };
        let more = items_fingerprint(&[item("a", 3, "10"), item("b", 1, "5")]);
        assert_eq!(
            decide_update(Some(&waiting), at(5), &more),
            Decision::Apply { restart: None }
        );
    }

    #[test]
    fn nothing_reopens_an_ordered_cart() {
        let cart = stored(0, Some(20), &[]);
        assert_eq!(decide_update(Some(&cart), at(60), ""), Decision::AfterOrder);
        assert_eq!(decide_deletion(Some(&cart), at(60)), Decision::AfterOrder);
        assert_eq!(decide_order(Some(&cart)), Decision::AfterOrder);
    }

    #[test]
    fn an_order_ends_the_cart_even_if_a_later_update_arrived_first() {
        let cart = stored(60, None, &[]);
        assert_eq!(decide_order(Some(&cart)), Decision::Apply { restart: None });
    }

    #[test]
    fn a_deletion_older_than_the_last_update_is_stale() {
        let cart = stored(30, None, &[]);
        assert_eq!(decide_deletion(Some(&cart), at(10)), Decision::Stale);
        assert_eq!(
            decide_deletion(Some(&cart), at(40)),
            Decision::Apply { restart: None }
        );
        assert_eq!(decide_deletion(None, at(40)), Decision::UnknownCart);
    }
}
