//! The shop's team over the database and the mailer: the Team page's data, invitations
//! (a single-use link that expires, stored hashed, shown once and mailed when asked), role
//! changes and removals, and accepting an invitation.

use app::api::{InvitationLine, InviteOutcome, MemberLine, TeamPage};
use app::backend::AdminIdentity;
use chrono::{DateTime, Duration, Utc};
use domain::team::Role;
use domain::{EmailAddress, Shop};

use crate::auth::{password, session, Auth};
use crate::db::{self, members, team, DbError, Pool};
use crate::mail::{build_message, OutgoingEmail};

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;

fn role_of(text: &str) -> Result<Role, DbError> {
    Role::parse(text).ok_or_else(|| DbError::corrupt(format!("role {text:?}")))
}

pub async fn page(
    pool: &Pool,
    shop_id: &str,
    me: &str,
    now: DateTime<Utc>,
) -> Result<TeamPage, DbError> {
    let members = team::members_of(pool, shop_id)
        .await?
        .into_iter()
        .map(|row| {
            Ok(MemberLine {
                you: row.user_id == me,
                role: if row.owns_all {
                    Role::Owner
                } else {
                    role_of(row.role.as_deref().unwrap_or_default())?
                },
                owns_all: row.owns_all,
                user_id: row.user_id,
                email: row.email,
            })
        })
        .collect::<Result<_, DbError>>()?;
    let invitations = team::pending_invitations(pool, shop_id, now)
        .await?
        .into_iter()
        .map(|row| {
            Ok(InvitationLine {
                role: role_of(&row.role)?,
                email: row.email,
                expires_at: row.expires_at,
            })
        })
        .collect::<Result<_, DbError>>()?;
    Ok(TeamPage {
        members,
        invitations,
    })
}

/// Who is invited, with which role, and whether the link goes by email too.
pub struct Invitation<'a> {
    pub email: &'a EmailAddress,
    pub role: Role,
    pub send: bool,
}

/// Invites someone to the shop: an account that exists reaches the shop at once; otherwise a
/// link to create it, mailed when asked.
pub async fn invite(
    sender: &crate::jobs::Sender,
    shop: &Shop,
    inviter: &AdminIdentity,
    invitation: &Invitation<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<InviteOutcome> {
    let Invitation { email, role, send } = *invitation;
    let pool = &sender.pool;
    if let Some(account) = db::find_admin_by_email(pool, email.as_str()).await? {
        let mut conn = pool.acquire().await?;
        members::set_role(&mut conn.conn(), &account.user_id, &shop.id, role, now).await?;
        return Ok(InviteOutcome::Added);
    }
    let token = session::new_token();
    team::insert_invitation(
        pool,
        &team::NewInvitation {
            token_hash: &session::token_hash(&token),
            shop_id: &shop.id,
            email: email.as_str(),
            role,
            invited_by: &inviter.user_id,
            expires_at: now + Duration::days(INVITATION_DAYS),
        },
        now,
    )
    .await?;
    let link = format!(
        "{}/invite/{token}",
        sender.signer.public_url().trim_end_matches('/')
    );
    let mailed = send && mail_invitation(sender, shop, inviter, email, role, &link).await;
    Ok(InviteOutcome::Invited { link, mailed })
}

/// The invitation email (askama escapes every value).
#[derive(askama::Template)]
#[template(path = "invitation.html")]
struct InvitationMail<'a> {
    inviter: &'a str,
    shop: &'a str,
    role: &'a str,
    link: &'a str,
    days: i64,
}

/// Sends the invitation; `false` (logged) when the mailer refused it: the link is shown
/// anyway, to pass on another way.
async fn mail_invitation(
    sender: &crate::jobs::Sender,
    shop: &Shop,
    inviter: &AdminIdentity,
    email: &EmailAddress,
    role: Role,
    link: &str,
) -> bool {
    use askama::Template;
    let mail = InvitationMail {
        inviter: &inviter.email,
        shop: &shop.name,
        role: role.as_str(),
        link,
        days: INVITATION_DAYS,
    };
    let sent = async {
        let html = mail.render()?;
        let message = build_message(
            &sender.mail_from,
            &OutgoingEmail {
                to: email.as_str().to_owned(),
                subject: format!("Invitation to {} on Relance", shop.name),
                html,
                text: format!(
                    "{} invites you to work on {} in Relance, as {}.\n\nCreate your account: {link}\n(This link works once, for {INVITATION_DAYS} days.)\n",
                    inviter.email,
                    shop.name,
                    role.as_str()
                ),
                message_id: None,
                unsubscribe_url: None,
                reply_to: Some(inviter.email.clone()),
            },
        )?;
        sender.mail.send(message).await?;
        anyhow::Ok(())
    }
    .await;
    match sent {
        Ok(()) => true,
        Err(error) => {
            tracing::warn!(
                error = format!("{error:#}"),
                "cannot mail an invitation; the link is shown instead"
            );
            false
        }
    }
}

/// The invitation of `token` while it can be accepted.
pub async fn invitation(
    pool: &Pool,
    token: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<app::api::InvitationView>> {
    let Some(row) = team::open_invitation(pool, &session::token_hash(token), now).await? else {
        return Ok(None);
    };
    Ok(Some(app::api::InvitationView {
        role: role_of(&row.role)?,
        shop_name: row.shop_name,
        email: row.email,
    }))
}

/// Creates the invited account with its role in the shop and opens its session; the link
/// works once, even when two tabs post it together.
pub async fn accept(
    pool: &Pool,
    auth: &Auth,
    token: &str,
    password: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<app::backend::AcceptResult> {
    use app::backend::AcceptResult;
    if password.chars().count() < domain::settings::MIN_PASSWORD_CHARS {
        return Ok(AcceptResult::PasswordTooShort);
    }
    let token_hash = session::token_hash(token);
    let Some(row) = team::open_invitation(pool, &token_hash, now).await? else {
        return Ok(AcceptResult::Gone);
    };
    let role = role_of(&row.role)?;
    let hash = password::hash(password.to_owned()).await?;
    let mut tx = pool.begin_write().await?;
    if !team::use_invitation(&mut tx.conn(), &token_hash, now).await? {
        return Ok(AcceptResult::Gone);
    }
    // An account made meanwhile (by `relance admin create`) gets the role, but no session:
    // a link must never open an account that has its own password.
    let existing = db::find_admin_by_email(pool, &row.email).await?;
    let user_id = match &existing {
        Some(account) => account.user_id.clone(),
        None => {
            let user_id = db::new_id();
            db::insert_admin_in(&mut tx.conn(), &user_id, &row.email, &hash, false, now).await?;
            user_id
        }
    };
    members::set_role(&mut tx.conn(), &user_id, &row.shop_id, role, now).await?;
    tx.commit().await?;
    tracing::info!(shop = row.shop_id, "invitation accepted");
    let set_cookie = match existing {
        Some(_) => None,
        None => Some(auth.open_session(&user_id, now).await?),
    };
    Ok(AcceptResult::Accepted {
        shop_slug: row.shop_id,
        set_cookie,
    })
}
