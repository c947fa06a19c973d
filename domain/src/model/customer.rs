use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{EmailAddress, Language, PhoneNumber};

/// How the shop addresses the customer; drives the civility (`M.`/`Mme`, `Mr`/`Ms`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
    Other,
}

impl Gender {
    pub fn parse(input: &str) -> Option<Self> {
        match input.trim().to_ascii_lowercase().as_str() {
            "male" | "m" | "mr" => Some(Self::Male),
            "female" | "f" | "mrs" | "ms" => Some(Self::Female),
            "other" => Some(Self::Other),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
            Self::Other => "other",
        }
    }
}

/// The three customer profiles a reminder can target, as the PrestaShop module defines them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerProfile {
    /// Ordered within the activity window (six months by default).
    Active,
    /// Ordered before, but not within the activity window.
    Inactive,
    /// Never ordered.
    NeverOrdered,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CustomerError {
    #[error("the customer id is empty")]
    EmptyId,
    #[error("the customer id is longer than 128 characters")]
    IdTooLong,
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("the last order time is set but the orders count is 0")]
    LastOrderWithoutOrders,
}

/// A shop's customer, as far as reminders need to know them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// The shop's own id for the customer.
    pub id: String,
    pub email: EmailAddress,
    pub first_name: String,
    pub last_name: String,
    pub gender: Option<Gender>,
    pub language: Language,
    /// ISO 3166-1 alpha-2, upper-cased, when the shop sent one.
    pub country: Option<String>,
    pub groups: Vec<String>,
    pub newsletter: bool,
    pub birthdate: Option<NaiveDate>,
    pub orders_count: u32,
    pub last_order_at: Option<DateTime<Utc>>,
    /// The mobile number SMS steps text, when the shop sent a valid one.
    #[serde(default)]
    pub phone: Option<PhoneNumber>,
    /// The customer agreed to get SMS from the shop (SMS steps need it).
    #[serde(default)]
    pub sms_consent: bool,
}

/// Everything a `Customer` is made from, before the checks.
#[derive(Debug, Clone, Default)]
pub struct NewCustomer {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub gender: Option<Gender>,
    pub language: Option<Language>,
    pub country: Option<String>,
    pub groups: Vec<String>,
    pub newsletter: bool,
    pub birthdate: Option<NaiveDate>,
    pub orders_count: u32,
    pub last_order_at: Option<DateTime<Utc>>,
    pub phone: Option<PhoneNumber>,
    pub sms_consent: bool,
}

const NAME_MAX: usize = 255;

impl Customer {
    pub fn new(email: EmailAddress, fields: NewCustomer) -> Result<Self, CustomerError> {
        let id = fields.id.trim().to_owned();
        if id.is_empty() {
            return Err(CustomerError::EmptyId);
        }
        if id.chars().count() > 128 {
            return Err(CustomerError::IdTooLong);
        }
        for (field, value) in [
            ("first_name", &fields.first_name),
            ("last_name", &fields.last_name),
        ] {
            if value.chars().count() > NAME_MAX {
                return Err(CustomerError::TooLong {
                    field,
                    max: NAME_MAX,
                });
            }
        }
        if fields.orders_count == 0 && fields.last_order_at.is_some() {
            return Err(CustomerError::LastOrderWithoutOrders);
        }
        Ok(Self {
            id,
            email,
            first_name: fields.first_name.trim().to_owned(),
            last_name: fields.last_name.trim().to_owned(),
            gender: fields.gender,
            language: fields.language.unwrap_or_default(),
            country: fields
                .country
                .map(|c| c.trim().to_ascii_uppercase())
                .filter(|c| c.len() == 2 && c.chars().all(|x| x.is_ascii_alphabetic())),
            groups: fields.groups,
            newsletter: fields.newsletter,
            birthdate: fields.birthdate,
            orders_count: fields.orders_count,
            last_order_at: fields.last_order_at,
            phone: fields.phone,
            sms_consent: fields.sms_consent,
        })
    }

    /// The customer's profile at `now`: active if they ordered within `active_months`.
    ///
    /// A customer with orders but no known last order time counts as inactive: we cannot show
    /// they are active, and an inactive customer is the safer audience to be wrong about.
    pub fn profile(&self, now: DateTime<Utc>, active_months: u32) -> CustomerProfile {
        if self.orders_count == 0 {
            return CustomerProfile::NeverOrdered;
        }
        let window_start = now
            .checked_sub_months(Months::new(active_months))
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        match self.last_order_at {
            Some(last) if last >= window_start => CustomerProfile::Active,
            _ => CustomerProfile::Inactive,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn customer(orders_count: u32, last_order_at: Option<DateTime<Utc>>) -> Customer {
        Customer::new(
            EmailAddress::parse("john@example.com").unwrap(),
            NewCustomer {
                id: "cu-7".into(),
                first_name: " John ".into(),
                last_name: "Doe".into(),
                orders_count,
                last_order_at,
                country: Some("fr".into()),
                ..Default::default()
            },
        )
        .unwrap()
    }

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    #[test]
    fn names_are_trimmed_country_upper_cased_and_language_defaults_to_english() {
        let c = customer(0, None);
        assert_eq!(c.first_name, "John");
        assert_eq!(c.country.as_deref(), Some("FR"));
        assert_eq!(c.language, Language::ENGLISH);
    }

    #[test]
    fn a_customer_who_ordered_within_six_months_is_active() {
        let now = at(2026, 11, 23);
        assert_eq!(
            customer(1, Some(at(2026, 5, 24))).profile(now, 6),
            CustomerProfile::Active
        );
    }

    #[test]
    fn a_customer_whose_last_order_is_older_than_six_months_is_inactive() {
        let now = at(2026, 11, 23);
        assert_eq!(
            customer(3, Some(at(2026, 5, 22))).profile(now, 6),
            CustomerProfile::Inactive
        );
        assert_eq!(customer(3, None).profile(now, 6), CustomerProfile::Inactive);
    }

    #[test]
    fn a_customer_without_orders_never_ordered() {
        assert_eq!(
            customer(0, None).profile(at(2026, 11, 23), 6),
            CustomerProfile::NeverOrdered
        );
    }

    #[test]
    fn an_empty_id_or_a_last_order_without_orders_is_rejected() {
        let email = EmailAddress::parse("a@b.co").unwrap();
        assert_eq!(
            Customer::new(email.clone(), NewCustomer::default()),
            Err(CustomerError::EmptyId)
        );
        let inconsistent = NewCustomer {
            id: "x".into(),
            last_order_at: Some(at(2026, 1, 1)),
            ..Default::default()
        };
        assert_eq!(
            Customer::new(email, inconsistent),
            Err(CustomerError::LastOrderWithoutOrders)
        );
    }
}
