//! Accepting an invitation: public (the link is the credential), single-use and expiring.

use domain::team::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What the invitation page shows before the password is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub shop_name: String,
    pub email: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AcceptOutcome {
    /// The account reaches the shop; signed in unless it existed before (then it signs in
    /// with its own password).
    Accepted {
        shop_slug: String,
        signed_in: bool,
    },
    PasswordTooShort {
        min: usize,
    },
    /// Used already, expired, or never issued.
    Gone,
}

/// The invitation of `token` while it can be accepted.
#[server(prefix = "/admin/fn", endpoint = "load_invitation")]
pub async fn load_invitation(token: String) -> Result<InvitationView, AppError> {
    crate::error::with_status(
        crate::backend::backend()?
            .invitation(&token, chrono::Utc::now())
            .await?
            .ok_or(AppError::NotFound),
    )
}

/// Creates the invited account with `password`, gives it the role, and signs it in.
#[server(prefix = "/admin/fn", endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String, password: String) -> Result<AcceptOutcome, AppError> {
    use crate::backend::AcceptResult;
    let backend = crate::backend::backend()?;
    let invited = backend.invitation(&token, chrono::Utc::now()).await?;
    let result = backend
        .accept_invitation(&token, &password, chrono::Utc::now())
        .await?;
    if let (AcceptResult::Accepted { shop_slug, .. }, Some(invited)) = (&result, invited) {
        let record = crate::backend::AuditRecord {
            shop_id: Some(shop_slug.clone()),
            user_id: None,
            user_email: invited.email.clone(),
            action: domain::audit::AuditAction::InvitationAccepted,
            subject: invited.email,
            before: None,
            after: Some(invited.role.as_str().to_owned()),
        };
        if let Err(error) = backend.record(&record, chrono::Utc::now()).await {
            tracing::error!(cause = %error.chain(), "cannot write the activity log");
        }
    }
    let options = expect_context::<leptos_axum::ResponseOptions>();
    Ok(match result {
        AcceptResult::Accepted {
            shop_slug,
            set_cookie,
        } => {
            let signed_in = set_cookie.is_some();
            if let Some(cookie) = set_cookie {
                let header =
                    http::HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?;
                options.append_header(http::header::SET_COOKIE, header);
            }
            AcceptOutcome::Accepted {
                shop_slug,
                signed_in,
            }
        }
        AcceptResult::PasswordTooShort => {
            options.set_status(http::StatusCode::UNPROCESSABLE_ENTITY);
            AcceptOutcome::PasswordTooShort {
                min: domain::settings::MIN_PASSWORD_CHARS,
            }
        }
        AcceptResult::Gone => {
            options.set_status(http::StatusCode::GONE);
            AcceptOutcome::Gone
        }
    })
}
