//! Buttons of server-rendered pages that change something on the server: controls
//! (`controls.rs`) with their words as props, so the texts of the admin stay out of the WASM. Once done, most load the
//! page again, which the server draws as it now is.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::api::Act;
use crate::api::{perform_act, ActDone, SentAct};
use crate::error::AppError;
use crate::pages::confirm;
use crate::shop::current_shop;

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

/// `template` with each `{name}` replaced by its figure.
fn fill(template: &str, figures: &[(String, u64)]) -> String {
    figures
        .iter()
        .fold(template.to_owned(), |text, (name, figure)| {
            text.replace(&format!("{{{name}}}"), &figure.to_string())
        })
}

impl Act {
    /// The kind of action, for the button's `data-act` (styles and tests find it there).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::DuplicateReminder { .. } | Self::DuplicateTemplate { .. } => "duplicate",
            Self::CreateTemplate { .. } => "create",
            Self::DeleteReminder { .. }
            | Self::DeleteRule { .. }
            | Self::DeleteCodeCollection { .. }
            | Self::DeleteTemplate { .. } => "delete",
            Self::RemoveUnsubscribed { .. } | Self::RemoveMember { .. } => "remove",
            Self::PromoteVariant { .. } => "promote",
            Self::PauseRule { paused: true, .. } => "pause",
            Self::PauseRule { paused: false, .. } => "resume",
            Self::RerouteRule { .. } => "reroute",
            Self::SwitchStep { .. } | Self::SwitchEscalation { .. } => "switch",
            Self::InviteMember { .. } => "invite",
            Self::ChangeRole { .. } => "role",
            Self::ImportCampaign { .. } | Self::ImportCodes { .. } => "import",
            Self::SaveSettings { .. }
            | Self::SaveRule { .. }
            | Self::StepForm { .. }
            | Self::SaveTrackerOrigins { .. }
            | Self::SaveSmsProvider { .. } => "save",
            Self::CreateApiKey { .. } => "create",
            Self::RevokeApiKey { .. } => "revoke",
            Self::SendTestEvent => "test",
            Self::RenewTrackerKey | Self::SetWebhookSecret { .. } => "renew",
            Self::BulkCarts { .. } => "bulk",
            Self::SendNextReminder { .. } | Self::SendCallEmail { .. } => "send",
            Self::GiveCallCoupon { .. } => "give",
            Self::CompleteSetup { .. } | Self::CreateShop { .. } => "create",
            Self::AcceptInvitation { .. } => "accept",
            Self::LogCall { .. } => "log",
            Self::EraseCustomer { .. } => "erase",
            Self::RunNow => "run",
            Self::RegenerateCronToken => "regenerate",
        }
    }
}

/// A button that does `act`, after a yes when `words.confirm` asks for one, then loads the page
/// again or says how it went beside itself (after loading the page again, when both).
#[component]
pub fn ActButtonView(
    act: SentAct,
    /// `act.kind()`, which the browser cannot ask a sent act.
    kind: String,
    words: ActWords,
    class: String,
) -> impl IntoView {
    let kept = format!("relance-said-{kind}");
    let ActWords {
        label,
        confirm: question,
        busy,
        refused,
        done,
    } = words;
    let pending = RwSignal::new(false);
    // Done, and what it acted on is gone: the button has nothing left to do.
    let gone = RwSignal::new(false);
    let said = RwSignal::new(None::<(String, &'static str)>);
    // What this button said before it loaded the page again.
    let kept_now = kept.clone();
    Effect::new(move |_| {
        if let Some(text) = crate::nav::take_kept(&kept_now) {
            said.set(Some((text, "saved")));
        }
    });
    let answer = StoredValue::new((kept, done.unwrap_or_default(), refused));
    let settle = move |outcome: Result<ActDone, AppError>| {
        let (kept, done, refused) = answer.get_value();
        let outcome = match outcome {
            Ok(ActDone::Said { figures, reload }) => {
                let text = fill(&done, &figures);
                if reload {
                    crate::nav::keep(&kept, &text);
                    return crate::nav::reload();
                }
                (text, "saved")
            }
            Ok(ActDone::Go { to }) => return crate::nav::go(&to),
            Ok(ActDone::Refused) => (refused, "error"),
            // Said here, the page as it was: what is gone stays on it until loaded again.
            Ok(ActDone::Report { done, headline, .. }) => {
                if done {
                    gone.set(true);
                }
                // "gone" strikes out the row that showed it (style/main.css).
                (headline, if done { "saved gone" } else { "error" })
            }
            Ok(_) => return crate::nav::reload(),
            Err(error) => (error.to_string(), "error"),
        };
        said.set(Some(outcome));
    };
    let status = move || {
        if pending.get() {
            return busy.clone().map(|text| (text, "saving"));
        }
        said.get()
    };
    view! {
        <button
            type="button"
            class=class
            data-act=kind
            disabled=move || pending.get() || gone.get()
            on:click=move |_| {
                if question.as_deref().is_none_or(confirm) {
                    pending.set(true);
                    let act = act.clone();
                    leptos::task::spawn_local(async move {
                        let outcome = perform_act(current_shop(), act).await;
                        pending.set(false);
                        settle(outcome);
                    });
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
                &[("due".to_owned(), 3), ("sent".to_owned(), 2)]
            ),
            "Done: 3 due, 2 sent, {n}"
        );
    }
}
