//! Buttons of server-rendered pages that change something on the server: an island each, with
//! its words as props, so the texts of the admin stay out of the WASM. Once done, most load the
//! page again, which the server draws as it now is.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{
    delete_reminder, delete_rule, duplicate_reminder, promote_variant, regenerate_cron_token,
    remove_member, remove_unsubscribed, reroute_rule, run_now, set_campaign_paused, RuleDeleted,
    RunNowOutcome, StepSaved,
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
    /// Takes a member's access to the shop away.
    RemoveMember {
        user_id: String,
    },
    /// Runs the engine's pass now (Automatic sending).
    RunNow,
    /// Makes a new cron token: the old URL stops working.
    RegenerateCronToken,
}

/// A button's words, in the page's language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActWords {
    pub label: String,
    /// Asked first when set: nothing happens without a yes.
    pub confirm: Option<String>,
    /// Said while the server works, when it may take a while.
    pub busy: Option<String>,
    /// Said when the server refuses (a full campaign, the shop's last rule).
    pub refused: String,
    /// Said when done, `{name}` standing for each figure the server returns (`{n}`: a count).
    pub done: Option<String>,
}

enum Outcome {
    /// Load the page again, as the server now draws it.
    Reload,
    Refused,
    /// Say `done` with these figures, after loading the page again if `reload`.
    Done {
        figures: Vec<(&'static str, u64)>,
        reload: bool,
    },
}

impl Outcome {
    fn said(figures: Vec<(&'static str, u64)>) -> Self {
        Self::Done {
            figures,
            reload: false,
        }
    }
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
        Act::RerouteRule { id } => Outcome::said(vec![("n", reroute_rule(shop, id).await?)]),
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
            Outcome::said(Vec::new())
        }
        Act::RemoveMember { user_id } => {
            remove_member(shop, user_id).await?;
            Outcome::Reload
        }
        Act::RunNow => match run_now(shop).await? {
            RunNowOutcome::Ran(f) => Outcome::Done {
                figures: vec![
                    ("due", f.due),
                    ("sent", f.sent),
                    ("skipped", f.skipped_total()),
                    ("failed", f.failed),
                ],
                // The history shows the run.
                reload: true,
            },
            RunNowOutcome::AlreadyRunning => Outcome::Refused,
        },
        Act::RegenerateCronToken => {
            regenerate_cron_token(shop).await?;
            Outcome::Done {
                figures: Vec::new(),
                reload: true,
            }
        }
    })
}

/// `template` with each `{name}` replaced by its figure.
fn fill(template: &str, figures: &[(&str, u64)]) -> String {
    figures
        .iter()
        .fold(template.to_owned(), |text, (name, figure)| {
            text.replace(&format!("{{{name}}}"), &figure.to_string())
        })
}

impl Act {
    /// The kind of action, for the button's `data-act` (styles and tests find it there).
    fn kind(&self) -> &'static str {
        match self {
            Self::DuplicateReminder { .. } => "duplicate",
            Self::DeleteReminder { .. } | Self::DeleteRule { .. } => "delete",
            Self::RemoveUnsubscribed { .. } | Self::RemoveMember { .. } => "remove",
            Self::PromoteVariant { .. } => "promote",
            Self::PauseRule { paused: true, .. } => "pause",
            Self::PauseRule { paused: false, .. } => "resume",
            Self::RerouteRule { .. } => "reroute",
            Self::RunNow => "run",
            Self::RegenerateCronToken => "regenerate",
        }
    }
}

/// A button that does `act`, after a yes when `words.confirm` asks for one, then loads the page
/// again or says how it went beside itself (after loading the page again, when both).
#[island]
pub fn ActButton(act: Act, words: ActWords, class: String) -> impl IntoView {
    crate::islands::start(None);
    let kind = act.kind();
    let kept = format!("relance-said-{kind}");
    let action = Action::new_local(move |act: &Act| run(act.clone()));
    let ActWords {
        label,
        confirm: question,
        busy,
        refused,
        done,
    } = words;
    let said = RwSignal::new(None::<(String, &'static str)>);
    // What this button said before it loaded the page again.
    let kept_now = kept.clone();
    Effect::new(move |_| {
        if let Some(text) = crate::nav::take_kept(&kept_now) {
            said.set(Some((text, "saved")));
        }
    });
    Effect::new(move |_| {
        let outcome = match action.value().read().as_ref() {
            None => return,
            Some(Ok(Outcome::Reload)) => return crate::nav::reload(),
            Some(Ok(Outcome::Refused)) => (refused.clone(), "error"),
            Some(Ok(Outcome::Done { figures, reload })) => {
                let text = fill(done.as_deref().unwrap_or_default(), figures);
                if *reload {
                    crate::nav::keep(&kept, &text);
                    return crate::nav::reload();
                }
                (text, "saved")
            }
            Some(Err(error)) => (error.to_string(), "error"),
        };
        said.set(Some(outcome));
    });
    let status = move || {
        if action.pending().get() {
            return busy.clone().map(|text| (text, "saving"));
        }
        said.get()
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
            status()
                .map(|(text, tone)| {
                    view! { <span class=format!("save-status {tone}") role="status">{text}</span> }
                })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn a_template_gets_each_named_figure_and_keeps_other_braces() {
        assert_eq!(
            fill(
                "Done: {due} due, {sent} sent, {n}",
                &[("due", 3), ("sent", 2)]
            ),
            "Done: 3 due, 2 sent, {n}"
        );
    }
}
