//! The one server function the controls of server-rendered pages call: `perform_act` runs an `Act` by
//! calling the server function that does it, so the session, role and shop checks are that
//! function's. One function rather than one per control: each server function a control calls
//! brings its own request and response code into the browser's WASM.

use domain::team::Role;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What a control asks the server to do, in the current shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Act {
    DuplicateReminder {
        id: String,
    },
    DeleteReminder {
        id: String,
    },
    /// A step's switch: `on`, the state asked for.
    SwitchStep {
        id: String,
        on: bool,
    },
    /// The discount escalation's switch of `rule`'s campaign (empty: the shop's first).
    SwitchEscalation {
        rule: String,
        on: bool,
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
    InviteMember {
        email: String,
        role: Role,
        send_mail: bool,
    },
    ChangeRole {
        user_id: String,
        role: Role,
    },
    /// Takes a member's access to the shop away.
    RemoveMember {
        user_id: String,
    },
    /// Replaces `rule`'s campaign by the one in `document` (a file's text).
    ImportCampaign {
        rule: String,
        document: String,
    },
    /// The Settings form, as its fields' names and values (a checkbox sends its name when
    /// ticked).
    SaveSettings {
        fields: Vec<(String, String)>,
    },
    /// Runs the engine's pass now (Automatic sending).
    RunNow,
    /// Makes a new cron token: the old URL stops working.
    RegenerateCronToken,
}

/// An act as a control carries it. The server draws the control with its act and reads the act
/// back when the control sends it; the browser only passes it on, as the server's JSON, so the
/// WASM every such page fetches has no decoder for `Act`'s many variants.
#[cfg(feature = "ssr")]
pub type SentAct = Act;
#[cfg(not(feature = "ssr"))]
pub type SentAct = Box<serde_json::value::RawValue>;

/// `act` as a control sends it (an act made in the browser: a switch's, a form's).
pub fn sent(act: Act) -> Result<SentAct, AppError> {
    #[cfg(feature = "ssr")]
    return Ok(act);
    #[cfg(not(feature = "ssr"))]
    serde_json::value::to_raw_value(&act).map_err(|error| AppError::Transport(error.to_string()))
}

/// How an act went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActDone {
    /// Done: the page, loaded again, shows it.
    Reload,
    /// Done, and nothing to show or say (a switch, a role).
    Quiet,
    /// Refused for the reason the control's words give (a full campaign, the shop's last rule,
    /// a run already going, an address that is not one).
    Refused,
    /// Done, with figures to say, after loading the page again when `reload`.
    Said {
        figures: Vec<(String, u64)>,
        reload: bool,
    },
    /// An invitation was made: its link, and whether it was mailed.
    Invited { link: String, mailed: bool },
    /// Nothing done: the problems, in the caller's language, each by the name of the field it
    /// is about.
    Invalid {
        headline: String,
        fields: Vec<(String, String)>,
    },
    /// The server's own words, in the caller's language (an import's report).
    Report {
        done: bool,
        headline: String,
        lines: Vec<String>,
    },
}

#[cfg(feature = "ssr")]
impl ActDone {
    fn said(figures: &[(&str, u64)], reload: bool) -> Self {
        Self::Said {
            figures: figures
                .iter()
                .map(|(name, figure)| ((*name).to_owned(), *figure))
                .collect(),
            reload,
        }
    }
}

#[server(prefix = "/admin/fn", endpoint = "perform_act", input = Json)]
pub async fn perform_act(shop: String, act: SentAct) -> Result<ActDone, AppError> {
    use super::{
        campaign_io, reminders, rules, sending, splits, team, unsubscribed, RuleDeleted,
        RunNowOutcome, StepSaved,
    };
    use crate::api::InviteOutcome;

    Ok(match act {
        Act::DuplicateReminder { id } => match reminders::duplicate_reminder(shop, id).await? {
            StepSaved::Refused(_) => ActDone::Refused,
            // Gone meanwhile: the page shows what there is now.
            StepSaved::Saved { .. } | StepSaved::NotFound => ActDone::Reload,
        },
        Act::DeleteReminder { id } => {
            reminders::delete_reminder(shop, id).await?;
            ActDone::Reload
        }
        Act::SwitchStep { id, on } => {
            reminders::set_reminder_enabled(shop, id, on).await?;
            ActDone::Quiet
        }
        Act::SwitchEscalation { rule, on } => {
            reminders::set_escalation(shop, rule, on).await?;
            ActDone::Quiet
        }
        Act::PauseRule { rule, paused } => {
            campaign_io::set_campaign_paused(shop, rule, paused).await?;
            ActDone::Reload
        }
        Act::RerouteRule { id } => {
            let moved = rules::reroute_rule(shop, id).await?;
            ActDone::said(&[("n", moved)], false)
        }
        Act::DeleteRule { id } => match rules::delete_rule(shop, id).await? {
            RuleDeleted::Deleted => ActDone::Reload,
            RuleDeleted::LastRule => ActDone::Refused,
        },
        Act::RemoveUnsubscribed { email } => {
            unsubscribed::remove_unsubscribed(shop, email).await?;
            ActDone::Reload
        }
        Act::PromoteVariant { step_id, variant } => {
            splits::promote_variant(shop, step_id, variant).await?;
            ActDone::said(&[], false)
        }
        Act::InviteMember {
            email,
            role,
            send_mail,
        } => match team::invite_member(shop, email, role, send_mail).await? {
            InviteOutcome::Invited { link, mailed } => ActDone::Invited { link, mailed },
            InviteOutcome::Added => ActDone::said(&[], true),
            InviteOutcome::BadEmail => ActDone::Refused,
        },
        Act::ChangeRole { user_id, role } => {
            team::change_role(shop, user_id, role).await?;
            ActDone::Quiet
        }
        Act::RemoveMember { user_id } => {
            team::remove_member(shop, user_id).await?;
            ActDone::Reload
        }
        Act::ImportCampaign { rule, document } => {
            let report = campaign_io::import_campaign(shop, rule, document).await?;
            ActDone::Report {
                done: report.imported,
                headline: report.headline,
                lines: report.lines,
            }
        }
        Act::SaveSettings { fields } => save_settings(shop, &fields).await?,
        Act::RunNow => match sending::run_now(shop).await? {
            RunNowOutcome::Ran(f) => ActDone::said(
                &[
                    ("due", f.due),
                    ("sent", f.sent),
                    ("skipped", f.skipped_total()),
                    ("failed", f.failed),
                ],
                // The history shows the run.
                true,
            ),
            RunNowOutcome::AlreadyRunning => ActDone::Refused,
        },
        Act::RegenerateCronToken => {
            sending::regenerate_cron_token(shop).await?;
            ActDone::said(&[], true)
        }
    })
}

/// Saves the Settings form's fields: said done, or each problem by its field.
#[cfg(feature = "ssr")]
async fn save_settings(shop: String, fields: &[(String, String)]) -> Result<ActDone, AppError> {
    use domain::settings::{SettingsDraft, SettingsField};

    let value = |name: &str| {
        fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.clone())
    };
    let mut draft = SettingsDraft {
        require_consent: value("require_consent").is_some(),
        ..SettingsDraft::default()
    };
    for field in SettingsField::ALL {
        *draft.value_mut(field) = value(field.as_str()).unwrap_or_default();
    }
    Ok(match super::settings::save_settings(shop, draft).await? {
        super::SettingsOutcome::Saved { .. } => ActDone::said(&[], false),
        super::SettingsOutcome::Invalid { problems } => {
            let t = crate::i18n::initial_locale().texts().settings;
            ActDone::Invalid {
                headline: t.not_saved.to_owned(),
                fields: problems
                    .iter()
                    .map(|p| (p.field.as_str().to_owned(), (t.problem)(&p.problem)))
                    .collect(),
            }
        }
    })
}
