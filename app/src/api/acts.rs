//! What the controls of server-rendered pages ask the server (`perform_act`), and how it went.
//! `perform_act` runs an `Act` by
//! calling the server function that does it, so the session, role and shop checks are that
//! function's. One function rather than one per control: each server function a control calls
//! brings its own request and response code into the browser's WASM.

use domain::team::Role;
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
    /// The reminder wizard's form: checked only (its Next), or saved.
    StepForm {
        fields: Vec<(String, String)>,
        save: bool,
    },
    /// The rule editor's form, as its fields' names and values.
    SaveRule {
        fields: Vec<(String, String)>,
    },
    /// The first run's form (public: `perform_entry_act`): the owner and the first shop.
    CompleteSetup {
        fields: Vec<(String, String)>,
    },
    /// A new shop, owned by the signed-in owner.
    CreateShop {
        fields: Vec<(String, String)>,
    },
    /// An invitation's link accepted with a password (public: `perform_entry_act`).
    AcceptInvitation {
        token: String,
        password: String,
    },
    /// A code given on call `id` (its form's fields).
    GiveCallCoupon {
        fields: Vec<(String, String)>,
    },
    /// Sends call `id`'s email from `template`.
    SendCallEmail {
        id: String,
        template: String,
    },
    LogCall {
        id: String,
        outcome: String,
        notes: String,
    },
    CreateApiKey {
        name: String,
    },
    RevokeApiKey {
        id: String,
    },
    /// Sends a test event through the events endpoint (the Connect page's log).
    SendTestEvent,
    SaveTrackerOrigins {
        origins: String,
    },
    RenewTrackerKey,
    /// A platform's webhook secret: the pasted one (Shopify), or a new one when empty.
    SetWebhookSecret {
        platform: String,
        value: String,
    },
    SaveSmsProvider {
        kind: String,
        url: String,
        sender: String,
        api_key: String,
    },
    /// A new template, opened in its editor.
    CreateTemplate {
        name: String,
    },
    DuplicateTemplate {
        id: String,
    },
    DeleteTemplate {
        id: String,
    },
    /// A collection of the shop's own codes, from a CSV text or a list.
    ImportCodes {
        name: String,
        codes: String,
    },
    DeleteCodeCollection {
        id: String,
    },
    /// Queues a cart's next reminder now (the cart page).
    SendNextReminder {
        id: String,
    },
    /// Erases the customer of a cart (the cart page's data block, for owners).
    EraseCustomer {
        id: String,
    },
    /// Stops, restarts or sends now the reminders of the selected carts (their internal ids).
    BulkCarts {
        action: super::BulkAction,
        ids: Vec<String>,
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
    /// Done: go to this page of the admin (a new template's editor).
    Go { to: String },
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
    /// Done, with a value shown this once (an invitation's link, an API key), and whether it
    /// was mailed too.
    ShownOnce { code: String, mailed: bool },
    /// A shop ready to connect: its first API key, shown this once, and its admin's address.
    Connected { key: String, open: String },
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
    pub(super) fn said(figures: &[(&str, u64)], reload: bool) -> Self {
        Self::Said {
            figures: figures
                .iter()
                .map(|(name, figure)| ((*name).to_owned(), *figure))
                .collect(),
            reload,
        }
    }
}
