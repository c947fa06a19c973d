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
    let result = crate::backend::backend()?
        .accept_invitation(&token, &password, chrono::Utc::now())
        .await?;
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
