//! Who may do what in a shop. A role is held per shop; the checks live here so that the
//! server refuses exactly what the admin hides.

use serde::{Deserialize, Serialize};

/// An account's role in one shop, from the least to the most trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Sees carts and statistics, works carts (and, later, call tasks).
    Staff,
    /// Also edits the shop's campaigns, templates and settings.
    Manager,
    /// Also manages users, API keys and shops.
    Owner,
}

/// What an action needs; each server function and route names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Read the shop's pages and exports, act on one cart.
    See,
    /// Change campaigns, templates, discounts, settings and the suppression list.
    Edit,
    /// Users, keys, the cron token and shops.
    Administer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Owner, Role::Manager, Role::Staff];

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "owner" => Some(Self::Owner),
            "manager" => Some(Self::Manager),
            "staff" => Some(Self::Staff),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Manager => "manager",
            Self::Staff => "staff",
        }
    }

    pub fn allows(self, permission: Permission) -> bool {
        match permission {
            Permission::See => true,
            Permission::Edit => self >= Self::Manager,
            Permission::Administer => self == Self::Owner,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_only_see_managers_also_edit_and_owners_do_everything() {
        let table = [
            (Role::Staff, [true, false, false]),
            (Role::Manager, [true, true, false]),
            (Role::Owner, [true, true, true]),
        ];
        for (role, expected) in table {
            let got = [Permission::See, Permission::Edit, Permission::Administer]
                .map(|permission| role.allows(permission));
            assert_eq!(got, expected, "{role:?}");
        }
    }

    #[test]
    fn a_role_reads_back_from_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
