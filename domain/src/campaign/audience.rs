use serde::{Deserialize, Serialize};

use crate::model::{CustomerProfile, ParseError};

/// Which of the three profiles a step targets; at least one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ProfileSetWire")]
pub struct ProfileSet {
    active: bool,
    inactive: bool,
    never_ordered: bool,
}

#[derive(Deserialize)]
struct ProfileSetWire {
    active: bool,
    inactive: bool,
    never_ordered: bool,
}

impl TryFrom<ProfileSetWire> for ProfileSet {
    type Error = ParseError;
    fn try_from(wire: ProfileSetWire) -> Result<Self, Self::Error> {
        ProfileSet::new(wire.active, wire.inactive, wire.never_ordered)
    }
}

impl ProfileSet {
    pub const ALL: ProfileSet = ProfileSet {
        active: true,
        inactive: true,
        never_ordered: true,
    };

    pub fn new(active: bool, inactive: bool, never_ordered: bool) -> Result<Self, ParseError> {
        if !(active || inactive || never_ordered) {
            return Err(ParseError::new("choose at least one customer profile"));
        }
        Ok(Self {
            active,
            inactive,
            never_ordered,
        })
    }

    pub fn contains(&self, profile: CustomerProfile) -> bool {
        match profile {
            CustomerProfile::Active => self.active,
            CustomerProfile::Inactive => self.inactive,
            CustomerProfile::NeverOrdered => self.never_ordered,
        }
    }

    pub fn active(&self) -> bool {
        self.active
    }

    pub fn inactive(&self) -> bool {
        self.inactive
    }

    pub fn never_ordered(&self) -> bool {
        self.never_ordered
    }
}

/// Who a reminder step is sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Audience {
    /// Only customers who opted in to the newsletter.
    pub newsletter_only: bool,
    pub profiles: ProfileSet,
}

impl Audience {
    pub const EVERYONE: Audience = Audience {
        newsletter_only: false,
        profiles: ProfileSet::ALL,
    };

    pub fn matches(&self, newsletter: bool, profile: CustomerProfile) -> bool {
        (newsletter || !self.newsletter_only) && self.profiles.contains(profile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_profile_set_is_rejected() {
        assert!(ProfileSet::new(false, false, false).is_err());
    }

    #[test]
    fn newsletter_only_excludes_customers_who_did_not_opt_in() {
        let audience = Audience {
            newsletter_only: true,
            profiles: ProfileSet::ALL,
        };
        assert!(audience.matches(true, CustomerProfile::Active));
        assert!(!audience.matches(false, CustomerProfile::Active));
    }

    #[test]
    fn only_the_chosen_profiles_match() {
        let audience = Audience {
            newsletter_only: false,
            profiles: ProfileSet::new(false, true, true).unwrap(),
        };
        assert!(!audience.matches(true, CustomerProfile::Active));
        assert!(audience.matches(false, CustomerProfile::Inactive));
        assert!(audience.matches(false, CustomerProfile::NeverOrdered));
    }
}
