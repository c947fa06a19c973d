//! The conditions a rule (a campaign) puts on an abandoned cart, as the merchant sets them.
//! Each is checked when built: a rule can only hold conditions that can hold.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::campaign::{ProfileSet, ValueBasis};
use crate::model::Gender;

/// The most conditions a rule holds, and the most values one condition lists.
pub const MAX_CONDITIONS: usize = 20;
pub const MAX_VALUES: usize = 200;

/// How a number of the cart compares with the rule's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Compare {
    Below,
    AtMost,
    Equal,
    AtLeast,
    Above,
}

impl Compare {
    pub const ALL: [Compare; 5] = [
        Self::Below,
        Self::AtMost,
        Self::Equal,
        Self::AtLeast,
        Self::Above,
    ];

    pub fn holds<T: PartialOrd>(self, value: T, against: T) -> bool {
        match self {
            Self::Below => value < against,
            Self::AtMost => value <= against,
            Self::Equal => value == against,
            Self::AtLeast => value >= against,
            Self::Above => value > against,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Self::Below => "<",
            Self::AtMost => "≤",
            Self::Equal => "=",
            Self::AtLeast => "≥",
            Self::Above => ">",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Below => "below",
            Self::AtMost => "at_most",
            Self::Equal => "equal",
            Self::AtLeast => "at_least",
            Self::Above => "above",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// Which stock problem a cart's products must show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "level", rename_all = "snake_case")]
pub enum StockLevel {
    /// A product with no unit left (or back-ordered).
    OutOfStock,
    /// A product with fewer than `below` units left.
    Low { below: u32 },
}

/// One condition of a rule. Field names are the wire names the editor and the campaign file
/// use; every list holds at least one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    /// The customer's country is one of these (ISO 3166-1 alpha-2).
    Country {
        countries: Vec<String>,
    },
    /// The customer belongs to one of these groups.
    CustomerGroup {
        groups: Vec<String>,
    },
    Gender {
        genders: Vec<Gender>,
    },
    /// The customer's age in years on the abandonment day, both bounds included.
    Age {
        min: Option<u32>,
        max: Option<u32>,
    },
    PastOrders {
        compare: Compare,
        count: u32,
    },
    /// The customer did (or did not) opt in to the newsletter.
    Newsletter {
        subscribed: bool,
    },
    /// Active, inactive or never ordered (Settings' activity window).
    Profile {
        profiles: ProfileSet,
    },
    CartAmount {
        compare: Compare,
        amount: Decimal,
        basis: ValueBasis,
    },
    /// The cart holds one of these products (by SKU).
    Products {
        skus: Vec<String>,
    },
    /// The cart holds a product of one of these categories.
    Categories {
        categories: Vec<String>,
    },
    /// A product of the cart is out of stock or low in stock.
    Stock {
        level: StockLevel,
    },
    /// The cart was abandoned within these dates, on these weekdays and hours, in the shop's
    /// time: every part set must hold.
    Period {
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        /// ISO weekday numbers, Monday = 1; empty means every day.
        #[serde(default)]
        weekdays: Vec<u8>,
        /// From this hour (0–23) up to, not including, `until_hour` (1–24).
        from_hour: Option<u8>,
        until_hour: Option<u8>,
    },
    /// This rule never sent a reminder to this customer before (any cart).
    FirstTimeForCustomer,
}

/// Why a condition cannot be part of a rule; `field` is the editor's field name.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct ConditionError {
    pub field: &'static str,
    pub message: String,
}

fn problem(field: &'static str, message: impl Into<String>) -> ConditionError {
    ConditionError {
        field,
        message: message.into(),
    }
}

/// Trims the values, drops empty ones and duplicates; at least one must stay.
fn clean_list(
    field: &'static str,
    values: &[String],
    upper: bool,
) -> Result<Vec<String>, ConditionError> {
    let mut clean: Vec<String> = Vec::new();
    for value in values {
        let value = value.trim();
        let value = if upper {
            value.to_ascii_uppercase()
        } else {
            value.to_owned()
        };
        if value.chars().count() > 128 {
            return Err(problem(field, "a value is longer than 128 characters"));
        }
        if !value.is_empty() && !clean.contains(&value) {
            clean.push(value);
        }
    }
    if clean.is_empty() {
        return Err(problem(field, "list at least one value"));
    }
    if clean.len() > MAX_VALUES {
        return Err(problem(field, format!("list at most {MAX_VALUES} values")));
    }
    Ok(clean)
}

impl Condition {
    /// The same condition with its lists cleaned, or why it can never be met.
    pub fn checked(self) -> Result<Self, ConditionError> {
        Ok(match self {
            Self::Country { countries } => {
                let countries = clean_list("countries", &countries, true)?;
                if let Some(bad) = countries
                    .iter()
                    .find(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()))
                {
                    return Err(problem(
                        "countries",
                        format!("{bad:?} is not a two-letter country code such as FR"),
                    ));
                }
                Self::Country { countries }
            }
            Self::CustomerGroup { groups } => Self::CustomerGroup {
                groups: clean_list("groups", &groups, false)?,
            },
            Self::Gender { genders } => {
                let genders = genders
                    .iter()
                    .enumerate()
                    .filter(|(i, g)| !genders[..*i].contains(g))
                    .map(|(_, g)| *g)
                    .collect::<Vec<_>>();
                if genders.is_empty() {
                    return Err(problem("genders", "choose at least one"));
                }
                Self::Gender { genders }
            }
            Self::Age { min, max } => {
                if min.is_none() && max.is_none() {
                    return Err(problem("min", "give a minimum age, a maximum age or both"));
                }
                if let Some(age) = min.into_iter().chain(max).find(|age| *age > 120) {
                    return Err(problem("max", format!("{age} is not an age")));
                }
                if let (Some(min), Some(max)) = (min, max) {
                    if min > max {
                        return Err(problem(
                            "max",
                            format!("the maximum age ({max}) is below the minimum ({min})"),
                        ));
                    }
                }
                Self::Age { min, max }
            }
            Self::PastOrders { compare, count } => {
                if compare == Compare::Below && count == 0 {
                    return Err(problem("count", "no customer has fewer than 0 orders"));
                }
                Self::PastOrders { compare, count }
            }
            Self::CartAmount {
                compare,
                amount,
                basis,
            } => {
                if amount.is_sign_negative() {
                    return Err(problem("amount", "the amount cannot be negative"));
                }
                if compare == Compare::Below && amount.is_zero() {
                    return Err(problem("amount", "no cart is worth less than 0"));
                }
                Self::CartAmount {
                    compare,
                    amount,
                    basis,
                }
            }
            Self::Products { skus } => Self::Products {
                skus: clean_list("skus", &skus, false)?,
            },
            Self::Categories { categories } => Self::Categories {
                categories: clean_list("categories", &categories, false)?,
            },
            Self::Stock { level } => {
                if level == (StockLevel::Low { below: 0 }) {
                    return Err(problem("below", "low stock means below at least 1 unit"));
                }
                Self::Stock { level }
            }
            Self::Period {
                from,
                to,
                mut weekdays,
                from_hour,
                until_hour,
            } => {
                if let (Some(from), Some(to)) = (from, to) {
                    if from > to {
                        return Err(problem("to", "the period ends before it starts"));
                    }
                }
                weekdays.sort_unstable();
                weekdays.dedup();
                if weekdays.iter().any(|day| !(1..=7).contains(day)) {
                    return Err(problem("weekdays", "weekdays are 1 (Monday) to 7 (Sunday)"));
                }
                let hours = (from_hour.unwrap_or(0), until_hour.unwrap_or(24));
                if hours.0 > 23 || hours.1 == 0 || hours.1 > 24 {
                    return Err(problem("from_hour", "hours are 0 to 24"));
                }
                if hours.0 >= hours.1 {
                    return Err(problem(
                        "until_hour",
                        "the hours end before they start (use two rules across midnight)",
                    ));
                }
                if from.is_none() && to.is_none() && weekdays.is_empty() && hours == (0, 24) {
                    return Err(problem("from", "set dates, weekdays or hours"));
                }
                Self::Period {
                    from,
                    to,
                    weekdays,
                    from_hour,
                    until_hour,
                }
            }
            other @ (Self::Newsletter { .. }
            | Self::Profile { .. }
            | Self::FirstTimeForCustomer) => other,
        })
    }

    /// The field of the events API this condition reads, when the shop may not send it: the
    /// editor flags a condition on a field the shop's recent carts do not carry.
    pub fn needs(&self) -> Option<OptionalField> {
        match self {
            Self::Country { .. } => Some(OptionalField::Country),
            Self::CustomerGroup { .. } => Some(OptionalField::Groups),
            Self::Gender { .. } => Some(OptionalField::Gender),
            Self::Age { .. } => Some(OptionalField::Birthdate),
            Self::Categories { .. } => Some(OptionalField::Category),
            Self::Stock { .. } => Some(OptionalField::Stock),
            _ => None,
        }
    }
}

/// The optional fields of cart events that rules can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionalField {
    Country,
    Groups,
    Gender,
    Birthdate,
    Category,
    Stock,
}

impl OptionalField {
    pub const ALL: [OptionalField; 6] = [
        Self::Country,
        Self::Groups,
        Self::Gender,
        Self::Birthdate,
        Self::Category,
        Self::Stock,
    ];

    /// The field's path in the events API.
    pub fn api_path(self) -> &'static str {
        match self {
            Self::Country => "customer.country",
            Self::Groups => "customer.groups",
            Self::Gender => "customer.gender",
            Self::Birthdate => "customer.birthdate",
            Self::Category => "cart.items[].category",
            Self::Stock => "cart.items[].stock",
        }
    }
}

/// A rule's conditions, each checked; all must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Condition>", into = "Vec<Condition>")]
pub struct Conditions(Vec<Condition>);

/// A condition that cannot be part of a rule, and which one (from 0).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("condition {}: {error}", index + 1)]
pub struct ConditionsError {
    pub index: usize,
    pub error: ConditionError,
}

impl Conditions {
    pub fn new(conditions: Vec<Condition>) -> Result<Self, ConditionsError> {
        if conditions.len() > MAX_CONDITIONS {
            return Err(ConditionsError {
                index: MAX_CONDITIONS,
                error: problem(
                    "kind",
                    format!("a rule has at most {MAX_CONDITIONS} conditions"),
                ),
            });
        }
        conditions
            .into_iter()
            .enumerate()
            .map(|(index, c)| {
                c.checked()
                    .map_err(|error| ConditionsError { index, error })
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    pub fn as_slice(&self) -> &[Condition] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl TryFrom<Vec<Condition>> for Conditions {
    type Error = ConditionsError;
    fn try_from(conditions: Vec<Condition>) -> Result<Self, Self::Error> {
        Self::new(conditions)
    }
}

impl From<Conditions> for Vec<Condition> {
    fn from(conditions: Conditions) -> Self {
        conditions.0
    }
}
