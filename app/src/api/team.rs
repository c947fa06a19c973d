//! The shop's team: who reaches it with which role, invitations (a link shown once, and
//! mailed when asked), role changes and removals. Owners only.

use chrono::{DateTime, Utc};
use domain::team::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// An account of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLine {
    pub user_id: String,
    pub email: String,
    pub role: Role,
    /// Owns every shop (the install's owner): its role here cannot be changed from a shop.
    pub owns_all: bool,
    /// The signed-in account itself.
    pub you: bool,
}

/// An invitation not accepted yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLine {
    pub email: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPage {
    pub members: Vec<MemberLine>,
    pub invitations: Vec<InvitationLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InviteOutcome {
    /// The link, shown this once; `mailed` when it also went by email.
    Invited { link: String, mailed: bool },
    /// The address already has an account: it reaches the shop now, with the role.
    Added,
    /// Not an email address.
    BadEmail,
}

#[server(prefix = "/admin/fn", endpoint = "load_team")]
pub async fn load_team(shop: String) -> Result<TeamPage, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    Ok(scope
        .backend
        .team(&scope.shop, &scope.admin.user_id, Utc::now())
        .await?)
}

#[server(prefix = "/admin/fn", endpoint = "invite_member")]
pub async fn invite_member(
    shop: String,
    email: String,
    role: Role,
    // A form's unchecked box sends nothing.
    #[server(default)] send_mail: bool,
) -> Result<InviteOutcome, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    let Ok(email) = domain::EmailAddress::parse(email.trim()) else {
        expect_context::<leptos_axum::ResponseOptions>()
            .set_status(http::StatusCode::UNPROCESSABLE_ENTITY);
        return Ok(InviteOutcome::BadEmail);
    };
    let outcome = scope
        .backend
        .invite(
            &scope.shop,
            &scope.admin,
            &email,
            role,
            send_mail,
            Utc::now(),
        )
        .await?;
    let action = match outcome {
        InviteOutcome::Added => domain::audit::AuditAction::MemberAdded,
        _ => domain::audit::AuditAction::MemberInvited,
    };
    scope
        .audit(action, email.as_str(), None, Some(role.as_str().to_owned()))
        .await;
    Ok(outcome)
}

/// A member's address and role, for the log.
#[cfg(feature = "ssr")]
async fn member(scope: &super::scope::Scope, user_id: &str) -> Option<MemberLine> {
    scope
        .backend
        .team(&scope.shop, &scope.admin.user_id, Utc::now())
        .await
        .ok()?
        .members
        .into_iter()
        .find(|member| member.user_id == user_id)
}

/// Changes a member's role; an owner cannot change their own, nor the install owner's.
#[server(prefix = "/admin/fn", endpoint = "change_role")]
pub async fn change_role(shop: String, user_id: String, role: Role) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    if user_id == scope.admin.user_id {
        return crate::error::with_status(Err(AppError::Invalid(
            "user_id: you cannot change your own role".into(),
        )));
    }
    let was = member(&scope, &user_id).await;
    let changed = scope
        .backend
        .change_role(&scope.shop, &scope.admin, &user_id, Some(role), Utc::now())
        .await?;
    if let (true, Some(was)) = (changed, was) {
        scope
            .audit(
                domain::audit::AuditAction::RoleChanged,
                was.email,
                Some(was.role.as_str().to_owned()),
                Some(role.as_str().to_owned()),
            )
            .await;
    }
    crate::error::with_status(if changed {
        Ok(())
    } else {
        Err(AppError::NotFound)
    })
}

/// Removes a member from the shop (their account stays for their other shops).
#[server(prefix = "/admin/fn", endpoint = "remove_member")]
pub async fn remove_member(shop: String, user_id: String) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    if user_id == scope.admin.user_id {
        return crate::error::with_status(Err(AppError::Invalid(
            "user_id: you cannot remove yourself".into(),
        )));
    }
    let was = member(&scope, &user_id).await;
    let changed = scope
        .backend
        .change_role(&scope.shop, &scope.admin, &user_id, None, Utc::now())
        .await?;
    if let (true, Some(was)) = (changed, was) {
        scope
            .audit(
                domain::audit::AuditAction::MemberRemoved,
                was.email,
                Some(was.role.as_str().to_owned()),
                None,
            )
            .await;
    }
    crate::error::with_status(if changed {
        Ok(())
    } else {
        Err(AppError::NotFound)
    })
}
