//! The rule editor's form, as typed: every condition kind has its fields, and a kind left
//! empty is no condition. Parsing gives the rule's conditions or every problem, each naming
//! its field, so the editor shows them beside the fields.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::condition::{Compare, Condition, Conditions, StockLevel};
use crate::campaign::{Campaign, HoldoutShare, ProfileSet, ValueBasis};
use crate::model::Gender;

/// The rule editor's fields, as text where the merchant types.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleDraft {
    /// Empty for a new rule.
    pub id: String,
    pub name: String,
    pub priority: String,
    /// Comma-separated codes such as "FR, BE".
    pub countries: String,
    /// Comma-separated group names.
    pub groups: String,
    /// Male, female, other; none ticked: no condition.
    pub genders: [bool; 3],
    pub age_min: String,
    pub age_max: String,
    /// A `Compare` name, or empty: no condition.
    pub orders_compare: String,
    pub orders_count: String,
    /// "subscribed", "not_subscribed" or empty.
    pub newsletter: String,
    /// Active, inactive, never ordered; none ticked: no condition.
    pub profiles: [bool; 3],
    pub amount_compare: String,
    pub amount: String,
    pub amount_tax_excluded: bool,
    /// SKUs, one per line or comma-separated.
    pub skus: String,
    pub categories: String,
    /// "out_of_stock", "low" or empty.
    pub stock: String,
    pub stock_below: String,
    /// YYYY-MM-DD, either may be empty.
    pub period_from: String,
    pub period_to: String,
    /// Monday to Sunday; none ticked: every day.
    pub weekdays: [bool; 7],
    pub hour_from: String,
    pub hour_until: String,
    pub first_time: bool,
    /// The control group's share in percent; empty: none.
    pub holdout: String,
}

/// What is wrong with a field of the draft, in English; the editor shows it beside the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleProblem {
    pub field: String,
    pub message: String,
}

/// A rule as the editor saves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRule {
    pub name: String,
    pub priority: i32,
    pub conditions: Conditions,
    pub holdout: HoldoutShare,
}

const GENDERS: [Gender; 3] = [Gender::Male, Gender::Female, Gender::Other];

fn split(text: &str) -> Vec<String> {
    text.split([',', '\n', ';'])
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
        .collect()
}

fn text(value: impl ToString) -> String {
    value.to_string()
}

impl RuleDraft {
    /// A new rule: everyone, priority 0, the default control group.
    pub fn new() -> Self {
        Self {
            priority: "0".into(),
            holdout: HoldoutShare::DEFAULT.percent().to_string(),
            ..Self::default()
        }
    }

    /// The editor's fields for an existing rule.
    pub fn from_campaign(campaign: &Campaign) -> Self {
        let mut draft = Self {
            id: campaign.id().to_owned(),
            name: campaign.name().to_owned(),
            priority: campaign.priority().to_string(),
            holdout: campaign.holdout().percent().to_string(),
            ..Self::default()
        };
        for condition in campaign.conditions().as_slice() {
            draft.fill(condition);
        }
        draft
    }

    fn fill(&mut self, condition: &Condition) {
        match condition {
            Condition::Country { countries } => self.countries = countries.join(", "),
            Condition::CustomerGroup { groups } => self.groups = groups.join(", "),
            Condition::Gender { genders } => {
                self.genders = GENDERS.map(|g| genders.contains(&g));
            }
            Condition::Age { min, max } => {
                self.age_min = min.map(text).unwrap_or_default();
                self.age_max = max.map(text).unwrap_or_default();
            }
            Condition::PastOrders { compare, count } => {
                self.orders_compare = compare.as_str().into();
                self.orders_count = count.to_string();
            }
            Condition::Newsletter { subscribed } => {
                self.newsletter = if *subscribed {
                    "subscribed"
                } else {
                    "not_subscribed"
                }
                .into();
            }
            Condition::Profile { profiles } => {
                self.profiles = [
                    profiles.active(),
                    profiles.inactive(),
                    profiles.never_ordered(),
                ];
            }
            Condition::CartAmount {
                compare,
                amount,
                basis,
            } => {
                self.amount_compare = compare.as_str().into();
                self.amount = amount.to_string();
                self.amount_tax_excluded = *basis == ValueBasis::TaxExcluded;
            }
            Condition::Products { skus } => self.skus = skus.join("\n"),
            Condition::Categories { categories } => self.categories = categories.join(", "),
            Condition::Stock { level } => match level {
                StockLevel::OutOfStock => self.stock = "out_of_stock".into(),
                StockLevel::Low { below } => {
                    self.stock = "low".into();
                    self.stock_below = below.to_string();
                }
            },
            Condition::Period {
                from,
                to,
                weekdays,
                from_hour,
                until_hour,
            } => {
                self.period_from = from.map(text).unwrap_or_default();
                self.period_to = to.map(text).unwrap_or_default();
                self.weekdays = std::array::from_fn(|i| weekdays.contains(&(i as u8 + 1)));
                self.hour_from = from_hour.map(text).unwrap_or_default();
                self.hour_until = until_hour.map(text).unwrap_or_default();
            }
            Condition::FirstTimeForCustomer => self.first_time = true,
        }
    }

    /// The rule, or every problem of the form.
    pub fn parse(&self) -> Result<ParsedRule, Vec<RuleProblem>> {
        let mut problems = Vec::new();
        let mut conditions = Vec::new();
        let mut add = |field: &str, condition: Result<Condition, String>| match condition
            .and_then(|c| c.checked().map_err(|e| e.message))
        {
            Ok(condition) => conditions.push(condition),
            Err(message) => problems.push(RuleProblem {
                field: field.to_owned(),
                message,
            }),
        };
        let number = |field: &str, value: &str| -> Result<Option<u32>, String> {
            let value = value.trim();
            if value.is_empty() {
                return Ok(None);
            }
            value
                .parse::<u32>()
                .map(Some)
                .map_err(|_| format!("{field}: {value:?} is not a whole number"))
        };
        if !self.countries.trim().is_empty() {
            add(
                "countries",
                Ok(Condition::Country {
                    countries: split(&self.countries),
                }),
            );
        }
        if !self.groups.trim().is_empty() {
            add(
                "groups",
                Ok(Condition::CustomerGroup {
                    groups: split(&self.groups),
                }),
            );
        }
        if self.genders.contains(&true) {
            let genders = GENDERS
                .into_iter()
                .zip(self.genders)
                .filter_map(|(g, on)| on.then_some(g))
                .collect();
            add("genders", Ok(Condition::Gender { genders }));
        }
        if !(self.age_min.trim().is_empty() && self.age_max.trim().is_empty()) {
            let ages = number("age", &self.age_min).and_then(|min| {
                number("age", &self.age_max).map(|max| Condition::Age { min, max })
            });
            add("age_max", ages);
        }
        if !self.orders_compare.is_empty() {
            let condition = match (
                Compare::parse(&self.orders_compare),
                number("orders", &self.orders_count),
            ) {
                (Some(compare), Ok(Some(count))) => Ok(Condition::PastOrders { compare, count }),
                (None, _) => Err("choose a comparison".to_owned()),
                (_, Ok(None)) => Err("give a number of orders".to_owned()),
                (_, Err(e)) => Err(e),
            };
            add("orders_count", condition);
        }
        match self.newsletter.as_str() {
            "" => {}
            "subscribed" => add("newsletter", Ok(Condition::Newsletter { subscribed: true })),
            "not_subscribed" => add(
                "newsletter",
                Ok(Condition::Newsletter { subscribed: false }),
            ),
            _ => add("newsletter", Err("choose subscribed or not".into())),
        }
        if self.profiles.contains(&true) {
            let [active, inactive, never] = self.profiles;
            let profiles = ProfileSet::new(active, inactive, never).map_err(|e| e.to_string());
            add(
                "profiles",
                profiles.map(|profiles| Condition::Profile { profiles }),
            );
        }
        if !self.amount_compare.is_empty() {
            let amount = self.amount.trim().replace(',', ".");
            let condition = match (
                Compare::parse(&self.amount_compare),
                amount.parse::<Decimal>(),
            ) {
                (Some(compare), Ok(amount)) => Ok(Condition::CartAmount {
                    compare,
                    amount,
                    basis: if self.amount_tax_excluded {
                        ValueBasis::TaxExcluded
                    } else {
                        ValueBasis::TaxIncluded
                    },
                }),
                (None, _) => Err("choose a comparison".to_owned()),
                (_, Err(_)) => Err(format!("{:?} is not an amount", self.amount.trim())),
            };
            add("amount", condition);
        }
        if !self.skus.trim().is_empty() {
            add(
                "skus",
                Ok(Condition::Products {
                    skus: split(&self.skus),
                }),
            );
        }
        if !self.categories.trim().is_empty() {
            add(
                "categories",
                Ok(Condition::Categories {
                    categories: split(&self.categories),
                }),
            );
        }
        match self.stock.as_str() {
            "" => {}
            "out_of_stock" => add(
                "stock",
                Ok(Condition::Stock {
                    level: StockLevel::OutOfStock,
                }),
            ),
            "low" => {
                let level = match number("stock", &self.stock_below) {
                    Ok(Some(below)) => Ok(Condition::Stock {
                        level: StockLevel::Low { below },
                    }),
                    Ok(None) => Err("give the number of units".to_owned()),
                    Err(e) => Err(e),
                };
                add("stock_below", level);
            }
            _ => add("stock", Err("choose out of stock or low stock".into())),
        }
        let period_set = !(self.period_from.trim().is_empty()
            && self.period_to.trim().is_empty()
            && self.hour_from.trim().is_empty()
            && self.hour_until.trim().is_empty())
            || self.weekdays.contains(&true);
        if period_set {
            add("period", self.period());
        }
        if self.first_time {
            add("first_time", Ok(Condition::FirstTimeForCustomer));
        }

        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            problems.push(RuleProblem {
                field: "name".into(),
                message: "give the rule a name of at most 100 characters".into(),
            });
        }
        let priority = match self.priority.trim() {
            "" => Ok(0),
            value => value
                .parse::<i32>()
                .ok()
                .filter(|p| (-1000..=1000).contains(p))
                .ok_or(()),
        };
        if priority.is_err() {
            problems.push(RuleProblem {
                field: "priority".into(),
                message: "the priority is a whole number from -1000 to 1000".into(),
            });
        }
        let holdout = match self.holdout.trim() {
            "" => Ok(HoldoutShare::NONE),
            value => HoldoutShare::parse(value),
        };
        if let Err(error) = &holdout {
            problems.push(RuleProblem {
                field: "holdout".into(),
                message: error.to_string(),
            });
        }
        match (priority, Conditions::new(conditions)) {
            (Ok(priority), Ok(conditions)) if problems.is_empty() => Ok(ParsedRule {
                name: name.to_owned(),
                priority,
                conditions,
                holdout: holdout.unwrap_or_default(),
            }),
            (_, Err(error)) => {
                problems.push(RuleProblem {
                    field: error.error.field.into(),
                    message: error.error.message,
                });
                Err(problems)
            }
            _ => Err(problems),
        }
    }

    fn period(&self) -> Result<Condition, String> {
        let date = |value: &str| -> Result<Option<NaiveDate>, String> {
            let value = value.trim();
            if value.is_empty() {
                return Ok(None);
            }
            NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| format!("{value:?} is not a date such as 2026-12-24"))
        };
        let hour = |value: &str| -> Result<Option<u8>, String> {
            let value = value.trim();
            if value.is_empty() {
                return Ok(None);
            }
            value
                .parse::<u8>()
                .map(Some)
                .map_err(|_| format!("{value:?} is not an hour from 0 to 24"))
        };
        Ok(Condition::Period {
            from: date(&self.period_from)?,
            to: date(&self.period_to)?,
            weekdays: (1..=7u8)
                .filter(|day| self.weekdays[usize::from(*day) - 1])
                .collect(),
            from_hour: hour(&self.hour_from)?,
            until_hour: hour(&self.hour_until)?,
        })
    }
}
