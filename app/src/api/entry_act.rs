//! `perform_entry_act`: the acts of the pages open to visitors without a session (the first
//! run, an invitation's link). Public, so it runs those acts only; each checks for itself
//! (set-up only while no account exists, an invitation only with its live token).

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use super::acts::Act;
use super::acts::{ActDone, SentAct};
use crate::error::AppError;

#[server(prefix = "/admin/fn", endpoint = "perform_entry_act", input = Json)]
pub async fn perform_entry_act(act: SentAct) -> Result<ActDone, AppError> {
    if !matches!(
        act,
        Act::CompleteSetup { .. } | Act::AcceptInvitation { .. }
    ) {
        return crate::error::with_status(Err(AppError::Forbidden));
    }
    let done = super::act_run::run(String::new(), act).await;
    // As `perform_act`: a done act is a 200, whatever its function's own status.
    if done.is_ok() {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::OK);
        }
    }
    done
}
