//! The first run's form: the owner's account and the first shop, checked field by field.

use serde::{Deserialize, Serialize};

use super::{NewShop, NewShopDraft, NewShopField, Problem};
use crate::EmailAddress;

/// The shortest password an account may have.
pub const MIN_PASSWORD_CHARS: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupDraft {
    pub email: String,
    pub password: String,
    pub shop: NewShopDraft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetupField {
    Email,
    Password,
    Shop(NewShopField),
}

impl SetupField {
    /// The form's field name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Password => "password",
            Self::Shop(field) => field.as_str(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupProblem {
    pub field: SetupField,
    pub problem: Problem,
}

/// The owner and the shop, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    pub email: EmailAddress,
    pub password: String,
    pub shop: NewShop,
}

impl SetupDraft {
    /// The draft a form sent, read field by field with `value` (by the fields' names).
    pub fn from_form(value: impl Fn(&str) -> String) -> Self {
        Self {
            email: value(SetupField::Email.as_str()),
            password: value(SetupField::Password.as_str()),
            shop: NewShopDraft::from_form(value),
        }
    }

    /// The text of one field, for the form's inputs.
    pub fn value_mut(&mut self, field: SetupField) -> &mut String {
        match field {
            SetupField::Email => &mut self.email,
            SetupField::Password => &mut self.password,
            SetupField::Shop(field) => self.shop.value_mut(field),
        }
    }

    /// Everything checked at once, so the form shows every problem beside its field.
    pub fn parse(&self, known_zone: impl Fn(&str) -> bool) -> Result<Setup, Vec<SetupProblem>> {
        let mut problems = Vec::new();
        let email = EmailAddress::parse(self.email.trim()).ok();
        if email.is_none() {
            problems.push(SetupProblem {
                field: SetupField::Email,
                problem: Problem::Email,
            });
        }
        if self.password.chars().count() < MIN_PASSWORD_CHARS {
            problems.push(SetupProblem {
                field: SetupField::Password,
                problem: Problem::PasswordTooShort {
                    min: MIN_PASSWORD_CHARS,
                },
            });
        }
        let shop = self.shop.parse(known_zone).map_err(|shop_problems| {
            problems.extend(shop_problems.into_iter().map(|p| SetupProblem {
                field: SetupField::Shop(p.field),
                problem: p.problem,
            }));
        });
        match (email, shop) {
            (Some(email), Ok(shop)) if problems.is_empty() => Ok(Setup {
                email,
                password: self.password.clone(),
                shop,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sent_form_fills_every_field_of_the_owner_and_the_shop_by_its_name() {
        let draft = SetupDraft::from_form(|name| format!("<{name}>"));
        assert_eq!(draft.email, "<email>");
        assert_eq!(draft.password, "<password>");
        assert_eq!(draft.shop.time_zone, "<time_zone>");
        assert_eq!(draft.shop.sender_email, "<sender_email>");
    }

    fn draft() -> SetupDraft {
        SetupDraft {
            email: "owner@emilie.example".into(),
            password: "a long enough password".into(),
            shop: NewShopDraft {
                name: "Boutique Émilie".into(),
                url: "https://emilie.example".into(),
                currency: "EUR".into(),
                time_zone: "Europe/Paris".into(),
                language: "fr".into(),
                sender_name: String::new(),
                sender_email: String::new(),
            },
        }
    }

    #[test]
    fn a_complete_form_gives_the_owner_and_the_shop() {
        let setup = draft().parse(|_| true).unwrap();
        assert_eq!(setup.email.as_str(), "owner@emilie.example");
        assert_eq!(setup.shop.name, "Boutique Émilie");
    }

    #[test]
    fn a_weak_password_and_a_bad_shop_field_are_reported_together() {
        let bad = SetupDraft {
            password: "short".into(),
            shop: NewShopDraft {
                currency: "EUE".into(),
                ..draft().shop
            },
            ..draft()
        };
        let fields: Vec<&str> = bad
            .parse(|_| true)
            .unwrap_err()
            .iter()
            .map(|p| p.field.as_str())
            .collect();
        assert_eq!(fields, ["password", "currency"]);
    }
}
