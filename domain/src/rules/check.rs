//! A condition checked against one abandoned cart: passed or failed, with the cart's value
//! as the "why this rule" view shows it. A value the shop did not send is unknown, and a
//! condition on an unknown value fails.

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Deserialize, Serialize};

use super::condition::{Condition, StockLevel};
use crate::campaign::ValueBasis;
use crate::engine::LocalClock;
use crate::model::{Cart, Customer, CustomerProfile};

/// What checking a cart against rules needs.
pub struct RuleFacts<'a> {
    pub cart: &'a Cart,
    pub customer: &'a Customer,
    /// When the cart counted as abandoned: the period, the age and the profile are taken
    /// then, so a cart's choice does not change from one pass to the next.
    pub abandoned_at: DateTime<Utc>,
    /// The shop's time zone: periods are in the shop's time.
    pub zone: &'a dyn LocalClock,
    /// Settings' activity window for the active/inactive profile.
    pub active_months: u32,
    /// The rules (campaign ids) that already sent this customer a reminder, any cart.
    pub applied_rules: &'a [String],
}

/// One condition against the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionCheck {
    /// The condition, in English words (the CLI's explanation).
    pub condition: String,
    /// The condition itself, for the admin to word in the merchant's language.
    pub kind: Condition,
    /// The cart's value; `None` when the shop did not send it.
    pub value: Option<String>,
    pub passed: bool,
}

fn list(values: &[String]) -> String {
    values.join(", ")
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The condition in words, for the editor and the explanation.
pub fn describe(condition: &Condition) -> String {
    match condition {
        Condition::Country { countries } => format!("Country is {}", list(countries)),
        Condition::CustomerGroup { groups } => format!("Customer group is {}", list(groups)),
        Condition::Gender { genders } => format!(
            "Gender is {}",
            genders
                .iter()
                .map(|g| g.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Condition::Age { min, max } => match (min, max) {
            (Some(min), Some(max)) => format!("Age from {min} to {max}"),
            (Some(min), None) => format!("Age {min} or more"),
            (None, Some(max)) => format!("Age {max} or less"),
            (None, None) => "Any age".to_owned(),
        },
        Condition::PastOrders { compare, count } => {
            format!("Past orders {} {count}", compare.symbol())
        }
        Condition::Newsletter { subscribed: true } => "Subscribed to the newsletter".to_owned(),
        Condition::Newsletter { subscribed: false } => {
            "Not subscribed to the newsletter".to_owned()
        }
        Condition::Profile { profiles } => {
            let names: Vec<&str> = [
                (profiles.active(), "active"),
                (profiles.inactive(), "inactive"),
                (profiles.never_ordered(), "never ordered"),
            ]
            .into_iter()
            .filter_map(|(on, name)| on.then_some(name))
            .collect();
            format!("Customer is {}", names.join(" or "))
        }
        Condition::CartAmount {
            compare,
            amount,
            basis,
        } => format!(
            "Cart total {} {} {amount}",
            match basis {
                ValueBasis::TaxIncluded => "(tax incl.)",
                ValueBasis::TaxExcluded => "(tax excl.)",
            },
            compare.symbol()
        ),
        Condition::Products { skus } => format!("Cart holds product {}", list(skus)),
        Condition::Categories { categories } => {
            format!("Cart holds a product of {}", list(categories))
        }
        Condition::Stock {
            level: StockLevel::OutOfStock,
        } => "A product is out of stock".to_owned(),
        Condition::Stock {
            level: StockLevel::Low { below },
        } => format!("A product has fewer than {below} in stock"),
        Condition::Period {
            from,
            to,
            weekdays,
            from_hour,
            until_hour,
        } => {
            let mut parts = Vec::new();
            match (from, to) {
                (Some(from), Some(to)) => parts.push(format!("from {from} to {to}")),
                (Some(from), None) => parts.push(format!("from {from}")),
                (None, Some(to)) => parts.push(format!("until {to}")),
                (None, None) => {}
            }
            if !weekdays.is_empty() {
                let days: Vec<&str> = weekdays
                    .iter()
                    .filter_map(|d| WEEKDAYS.get(usize::from(*d).wrapping_sub(1)).copied())
                    .collect();
                parts.push(format!("on {}", days.join(", ")));
            }
            if from_hour.is_some() || until_hour.is_some() {
                parts.push(format!(
                    "{:02}:00–{:02}:00",
                    from_hour.unwrap_or(0),
                    until_hour.unwrap_or(24)
                ));
            }
            format!("Abandoned {}", parts.join(", "))
        }
        Condition::FirstTimeForCustomer => "Rule never applied to this customer".to_owned(),
    }
}

fn outcome(value: Option<String>, passed: impl FnOnce() -> bool) -> (Option<String>, bool) {
    let passed = value.is_some() && passed();
    (value, passed)
}

/// Checks `condition` of rule `rule_id` against the cart.
pub fn check(condition: &Condition, rule_id: &str, facts: &RuleFacts<'_>) -> ConditionCheck {
    let customer = facts.customer;
    let cart = facts.cart;
    let (value, passed) = match condition {
        Condition::Country { countries } => {
            let country = customer.country.clone();
            let passed = country.as_ref().is_some_and(|c| countries.contains(c));
            (country, passed)
        }
        Condition::CustomerGroup { groups } => {
            let known = (!customer.groups.is_empty()).then(|| list(&customer.groups));
            outcome(known, || customer.groups.iter().any(|g| groups.contains(g)))
        }
        Condition::Gender { genders } => {
            outcome(customer.gender.map(|g| g.as_str().to_owned()), || {
                customer.gender.is_some_and(|g| genders.contains(&g))
            })
        }
        Condition::Age { min, max } => {
            let day = facts.zone.local(facts.abandoned_at).date();
            let age = customer.birthdate.and_then(|born| day.years_since(born));
            let passed = age.is_some_and(|age| {
                min.is_none_or(|min| age >= min) && max.is_none_or(|max| age <= max)
            });
            (age.map(|age| age.to_string()), passed)
        }
        Condition::PastOrders { compare, count } => (
            Some(customer.orders_count.to_string()),
            compare.holds(customer.orders_count, *count),
        ),
        Condition::Newsletter { subscribed } => (
            Some(
                if customer.newsletter {
                    "subscribed"
                } else {
                    "not subscribed"
                }
                .to_owned(),
            ),
            customer.newsletter == *subscribed,
        ),
        Condition::Profile { profiles } => {
            let profile = customer.profile(facts.abandoned_at, facts.active_months);
            let name = match profile {
                CustomerProfile::Active => "active",
                CustomerProfile::Inactive => "inactive",
                CustomerProfile::NeverOrdered => "never ordered",
            };
            (Some(name.to_owned()), profiles.contains(profile))
        }
        Condition::CartAmount {
            compare,
            amount,
            basis,
        } => {
            let value = cart.value(*basis);
            (
                Some(format!("{} {}", value.round_dp(2), cart.currency.code())),
                compare.holds(value, *amount),
            )
        }
        Condition::Products { skus } => {
            let held: Vec<String> = cart.items.iter().map(|i| i.sku.clone()).collect();
            let passed = held.iter().any(|sku| skus.contains(sku));
            (Some(list(&held)), passed)
        }
        Condition::Categories { categories } => {
            let mut held: Vec<String> = Vec::new();
            for category in cart.items.iter().filter_map(|i| i.category.as_ref()) {
                if !held.contains(category) {
                    held.push(category.clone());
                }
            }
            let passed = held.iter().any(|c| categories.contains(c));
            ((!held.is_empty()).then(|| list(&held)), passed)
        }
        Condition::Stock { level } => {
            let lowest = cart
                .items
                .iter()
                .filter_map(|i| i.stock.map(|stock| (stock, &i.sku)))
                .min();
            let passed = lowest.is_some_and(|(stock, _)| match level {
                StockLevel::OutOfStock => stock <= 0,
                StockLevel::Low { below } => stock < i64::from(*below),
            });
            (
                lowest.map(|(stock, sku)| format!("lowest stock {stock} ({sku})")),
                passed,
            )
        }
        Condition::Period {
            from,
            to,
            weekdays,
            from_hour,
            until_hour,
        } => {
            let local = facts.zone.local(facts.abandoned_at);
            let day = local.date();
            let weekday = local.weekday().number_from_monday() as u8;
            let hour = local.hour() as u8;
            let passed = from.is_none_or(|from| day >= from)
                && to.is_none_or(|to| day <= to)
                && (weekdays.is_empty() || weekdays.contains(&weekday))
                && hour >= from_hour.unwrap_or(0)
                && hour < until_hour.unwrap_or(24);
            (
                Some(format!(
                    "{} {}",
                    WEEKDAYS[usize::from(weekday - 1)],
                    local.format("%Y-%m-%d %H:%M")
                )),
                passed,
            )
        }
        Condition::FirstTimeForCustomer => {
            let applied = facts.applied_rules.iter().any(|id| id == rule_id);
            (
                Some(
                    if applied {
                        "applied before"
                    } else {
                        "never applied"
                    }
                    .to_owned(),
                ),
                !applied,
            )
        }
    };
    ConditionCheck {
        condition: describe(condition),
        kind: condition.clone(),
        value,
        passed,
    }
}

/// Whether every condition holds, stopping at the first that fails (the engine's path; the
/// explanation checks them all with the same `check`).
pub fn all_hold(conditions: &[Condition], rule_id: &str, facts: &RuleFacts<'_>) -> bool {
    conditions
        .iter()
        .all(|condition| check(condition, rule_id, facts).passed)
}
