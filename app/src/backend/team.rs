//! The team's part of the backend: which shops an account reaches, members, invitations, and
//! the record of every change.

use async_trait::async_trait;
use domain::team::Role;
use domain::Shop;

use super::{AdminIdentity, BackendError, ReachableShop};

/// A change for the activity log.
#[derive(Debug, Clone)]
pub struct AuditRecord {
    /// `None` for a change of the install.
    pub shop_id: Option<String>,
    pub user_id: Option<String>,
    pub user_email: String,
    pub action: domain::audit::AuditAction,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What accepting an invitation came to.
pub enum AcceptResult {
    /// `set_cookie` opens the new account's session; `None` when the address already had an
    /// account (it signs in with its own password).
    Accepted {
        shop_slug: String,
        set_cookie: Option<String>,
    },
    PasswordTooShort,
    Gone,
}

#[async_trait]
pub trait TeamBackend {
    /// The shop with this slug and the account's role in it; `None` when the account does not
    /// reach it (or it does not exist: the two look the same).
    async fn reach(&self, user_id: &str, slug: &str) -> Result<Option<(Shop, Role)>, BackendError>;

    /// The shop's Team page, for the account `me`.
    /// Every shop the account reaches, by name.
    async fn shops_of(&self, user_id: &str) -> Result<Vec<ReachableShop>, BackendError>;

    /// A new shop made by this account, which becomes its owner; its slug, or what is wrong.
    async fn create_shop(
        &self,
        user_id: &str,
        draft: &domain::settings::NewShopDraft,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Result<crate::api::Connection, Vec<domain::settings::NewShopProblem>>, BackendError>;

    async fn team(
        &self,
        shop: &Shop,
        me: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<crate::api::TeamPage, BackendError>;

    /// Invites `email` with `role` (an existing account is added at once).
    async fn invite(
        &self,
        shop: &Shop,
        inviter: &AdminIdentity,
        email: &domain::EmailAddress,
        role: Role,
        send_mail: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<crate::api::InviteOutcome, BackendError>;

    /// Sets a member's role, or removes them with `None`; `false` when they are not a member
    /// (an install owner keeps every shop).
    async fn change_role(
        &self,
        shop: &Shop,
        by: &AdminIdentity,
        user_id: &str,
        role: Option<Role>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError>;

    /// The invitation of `token` while it can be accepted.
    async fn invitation(
        &self,
        token: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<crate::api::InvitationView>, BackendError>;

    async fn accept_invitation(
        &self,
        token: &str,
        password: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<AcceptResult, BackendError>;

    /// Adds a change to the activity log.
    async fn record(
        &self,
        record: &AuditRecord,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), BackendError>;

    /// The shop's activity log for the page's filters (dates in the shop's time zone);
    /// `Err` names a filter that is not a date.
    async fn activity(
        &self,
        shop: &Shop,
        query: &crate::api::ActivityQuery,
    ) -> Result<Result<crate::api::ActivityPage, String>, BackendError>;
}
