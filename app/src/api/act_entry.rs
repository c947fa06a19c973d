//! The first run's, a new shop's and an invitation's forms, sent as acts: each calls its server
//! function, so its checks hold, and says how it went in the caller's language.

use domain::settings::{NewShopDraft, SetupDraft};

use super::acts::ActDone;
use super::form_fields::value_of;
use super::invitation::{accept_invitation, AcceptOutcome};
use super::setup::{complete_setup, Connection, SetupOutcome};
use super::shops::{create_shop, ShopCreated};
use crate::error::AppError;

fn texts() -> &'static crate::i18n::Texts {
    crate::i18n::initial_locale().texts()
}

/// The form's fields, read by name.
fn reader(fields: &[(String, String)]) -> impl Fn(&str) -> String + '_ {
    move |name| value_of(fields, name)
}

fn connected(connection: Connection) -> ActDone {
    ActDone::Connected {
        key: connection.api_key,
        open: format!("/s/{}", connection.shop_slug),
    }
}

fn invalid(fields: Vec<(String, String)>) -> ActDone {
    ActDone::Invalid {
        headline: texts().setup.not_saved.to_owned(),
        fields,
    }
}

pub(super) async fn complete_setup_form(fields: &[(String, String)]) -> Result<ActDone, AppError> {
    let draft = SetupDraft::from_form(reader(fields));
    let problem = texts().settings.problem;
    Ok(match complete_setup(draft).await? {
        SetupOutcome::Done(connection) => connected(connection),
        SetupOutcome::Invalid { problems } => invalid(
            problems
                .iter()
                .map(|p| (p.field.as_str().to_owned(), problem(&p.problem)))
                .collect(),
        ),
        SetupOutcome::AlreadySetUp => ActDone::Report {
            done: false,
            headline: texts().setup.already.to_owned(),
            lines: Vec::new(),
        },
    })
}

pub(super) async fn create_shop_form(fields: &[(String, String)]) -> Result<ActDone, AppError> {
    let draft = NewShopDraft::from_form(reader(fields));
    let problem = texts().settings.problem;
    Ok(match create_shop(draft).await {
        Err(AppError::Forbidden) => ActDone::Report {
            done: false,
            headline: texts().shops.forbidden.to_owned(),
            lines: Vec::new(),
        },
        Err(error) => return Err(error),
        Ok(ShopCreated::Created(connection)) => connected(connection),
        Ok(ShopCreated::Invalid { problems }) => invalid(
            problems
                .iter()
                .map(|p| (p.field.as_str().to_owned(), problem(&p.problem)))
                .collect(),
        ),
    })
}

/// Accepted: the shop opens, signed in (or the sign-in page, for an account that existed).
pub(super) async fn accept_invitation_form(
    token: String,
    password: String,
) -> Result<ActDone, AppError> {
    let t = texts().team;
    Ok(match accept_invitation(token, password).await? {
        AcceptOutcome::Accepted {
            shop_slug,
            signed_in: true,
        } => ActDone::Go {
            to: format!("/s/{shop_slug}"),
        },
        AcceptOutcome::Accepted { shop_slug, .. } => ActDone::Go {
            to: format!("/login?next=/s/{shop_slug}"),
        },
        AcceptOutcome::PasswordTooShort { .. } => {
            invalid(vec![("password".into(), t.too_short.into())])
        }
        AcceptOutcome::Gone => ActDone::Report {
            done: false,
            headline: t.gone.to_owned(),
            lines: Vec::new(),
        },
    })
}
