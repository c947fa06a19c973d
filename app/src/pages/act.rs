//! Buttons of server-rendered pages that change something on the server: an island each, with
//! its words as props, so the texts of the admin stay out of the WASM. Once done, most load the
//! page again, which the server draws as it now is.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{
    delete_reminder, delete_rule, duplicate_reminder, promote_variant, remove_unsubscribed,
    reroute_rule, set_campaign_paused, RuleDeleted, StepSaved,
};
use crate::error::AppError;
use crate::pages::confirm;
use crate::shop::current_shop;

/// What a button does, in the current shop. One island for every such button: each island
/// type costs the runtime every page fetches its own hydration code, a variant far less.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Act {
    DuplicateReminder {
        id: String,
    },
    DeleteReminder {
        id: String,
    },
    /// `paused`: the state asked for.
    PauseRule {
        rule: String,
        paused: bool,
    },
    RerouteRule {
        id: String,
    },
    DeleteRule {
        id: String,
    },
    RemoveUnsubscribed {
        email: String,
    },
    /// Keeps variant `variant` ("a" or "b") of an A/B-tested step.
    PromoteVariant {
        step_id: String,
        variant: String,
    },
}

/// A button's words, in the page's language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActWords {
    pub label: String,
    /// Asked first when set: nothing happens without a yes.
    pub confirm: Option<String>,
    /// Said when the server refuses (a full campaign, the shop's last rule).
    pub refused: String,
    /// Said when done, `{n}` standing for the count the server returns; without it, the page
    /// is loaded again.
    pub done: Option<String>,
}

enum Outcome {
    Reload,
    Refused,
    Done(u64),
}

async fn run(act: Act) -> Result<Outcome, AppError> {
    let shop = current_shop();
    Ok(match act {
        Act::DuplicateReminder { id } => match duplicate_reminder(shop, id).await? {
            StepSaved::Refused(_) => Outcome::Refused,
            // Gone meanwhile: the page shows what there is now.
            StepSaved::Saved { .. } | StepSaved::NotFound => Outcome::Reload,
        },
        Act::DeleteReminder { id } => {
            delete_reminder(shop, id).await?;
            Outcome::Reload
        }
        Act::PauseRule { rule, paused } => {
            set_campaign_paused(shop, rule, paused).await?;
            Outcome::Reload
        }
        Act::RerouteRule { id } => Outcome::Done(reroute_rule(shop, id).await?),
        Act::DeleteRule { id } => match delete_rule(shop, id).await? {
            RuleDeleted::Deleted => Outcome::Reload,
            RuleDeleted::LastRule => Outcome::Refused,
        },
        Act::RemoveUnsubscribed { email } => {
            remove_unsubscribed(shop, email).await?;
            Outcome::Reload
        }
        Act::PromoteVariant { step_id, variant } => {
            promote_variant(shop, step_id, variant).await?;
            Outcome::Done(1)
        }
    })
}

impl Act {
    /// The kind of action, for the button's `data-act` (styles and tests find it there).
    fn kind(&self) -> &'static str {
        match self {
            Self::DuplicateReminder { .. } => "duplicate",
            Self::DeleteReminder { .. } | Self::DeleteRule { .. } => "delete",
            Self::RemoveUnsubscribed { .. } => "remove",
            Self::PromoteVariant { .. } => "promote",
            Self::PauseRule { paused: true, .. } => "pause",
            Self::PauseRule { paused: false, .. } => "resume",
            Self::RerouteRule { .. } => "reroute",
        }
    }
}

/// A button that does `act`, after a yes when `words.confirm` asks for one, then loads the page
/// again or says how it went beside itself.
#[island]
pub fn ActButton(act: Act, words: ActWords, class: String) -> impl IntoView {
    crate::islands::start(None);
    let kind = act.kind();
    let action = Action::new_local(move |act: &Act| run(act.clone()));
    let ActWords {
        label,
        confirm: question,
        refused,
        done,
    } = words;
    Effect::new(move |_| {
        if let Some(Ok(Outcome::Reload)) = action.value().read().as_ref() {
            crate::nav::reload();
        }
    });
    let said = move || {
        let said = match action.value().read().as_ref()? {
            Ok(Outcome::Reload) => return None,
            Ok(Outcome::Refused) => (refused.clone(), "error"),
            Ok(Outcome::Done(n)) => (
                done.clone()
                    .unwrap_or_default()
                    .replace("{n}", &n.to_string()),
                "saved",
            ),
            Err(error) => (error.to_string(), "error"),
        };
        Some(said)
    };
    view! {
        <button
            type="button"
            class=class
            data-act=kind
            disabled=move || action.pending().get()
            on:click=move |_| {
                if question.as_deref().is_none_or(confirm) {
                    action.dispatch_local(act.clone());
                }
            }
        >
            {label}
        </button>
        {move || {
            said()
                .map(|(text, tone)| {
                    view! { <span class=format!("save-status {tone}") role="status">{text}</span> }
                })
        }}
    }
}
