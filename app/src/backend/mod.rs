//! What server functions need from the server (database, mail), as a trait the `server` crate
//! implements. The admin never sees SQL, and server functions stay thin: read the backend, call
//! a pure mapping, return.

use std::sync::Arc;

use async_trait::async_trait;
use domain::team::Role;
use domain::{Campaign, EmailTemplate, Shop};
use leptos::prelude::use_context;

use crate::error::AppError;

/// A shop with its campaign and the templates the campaign's steps use.
pub struct ShopCampaign {
    pub shop: Shop,
    /// The rule asked for, else the shop's first.
    pub campaign: Option<Campaign>,
    /// Every rule of the shop, oldest first.
    pub campaigns: Vec<Campaign>,
    pub templates: Vec<EmailTemplate>,
}

/// The signed-in admin, put in each request's extensions by the server's guard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminIdentity {
    pub user_id: String,
    pub email: String,
}

/// The result of a sign-in attempt.
pub enum SignInOutcome {
    /// The `Set-Cookie` header value that carries the new session.
    SignedIn {
        user_id: String,
        set_cookie: String,
    },
    WrongCredentials,
    TooManyAttempts,
}

/// The result of the first run's form.
pub enum SetupResult {
    Done {
        connection: crate::api::Connection,
        /// The owner's new session.
        set_cookie: String,
    },
    Invalid(Vec<domain::settings::SetupProblem>),
    AlreadySetUp,
}

/// A failure inside the backend, with its cause; logged whole, never shown.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct BackendError(Box<dyn std::error::Error + Send + Sync>);

impl BackendError {
    /// Wraps an error (or a message, for a failure of our own) as the backend's.
    pub fn new(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self(cause.into())
    }

    /// The cause and every error underneath it, outermost first, as the log shows them.
    pub fn chain(&self) -> String {
        let mut text = self.0.to_string();
        let mut source = self.0.source();
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        text
    }
}

impl From<BackendError> for AppError {
    fn from(error: BackendError) -> Self {
        tracing::error!(cause = %error.chain(), "backend error in a server function");
        AppError::Internal
    }
}

/// What importing a campaign came to.
pub type ImportResult = Result<
    (usize, usize, Vec<domain::campaign::export::ReviewNote>),
    Vec<domain::campaign::export::ImportProblem>,
>;

/// A shop an account reaches, for the header's switcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachableShop {
    pub slug: String,
    pub name: String,
    pub role: Role,
}

mod bulk;
mod calls;
mod codes;
mod connect;
mod privacy;
mod rules;
mod sms;
mod team;
pub use bulk::BulkBackend;
pub use calls::CallsBackend;
pub use codes::CodesBackend;
pub use connect::ConnectBackend;
pub use privacy::PrivacyBackend;
pub use rules::{CartRule, RuleRemoval, RulesBackend};
pub use sms::SmsBackend;
pub use team::{AcceptResult, AuditRecord, TeamBackend};

/// Everything server functions need; the team and activity part is `TeamBackend`.
#[async_trait]
pub trait Backend:
    TeamBackend
    + ConnectBackend
    + PrivacyBackend
    + RulesBackend
    + BulkBackend
    + CallsBackend
    + CodesBackend
    + SmsBackend
    + Send
    + Sync
    + 'static
{
    /// Replaces the shop's campaign by an exported one: (steps, templates, what to review),
    /// or every problem (nothing written).
    async fn import_campaign(
        &self,
        shop: &Shop,
        rule: Option<&str>,
        document: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<ImportResult, BackendError>;

    /// Pauses or resumes one rule, or all with `None`; `false` when there is no such rule.
    async fn set_campaign_paused(
        &self,
        shop: &Shop,
        rule: Option<&str>,
        paused: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError>;

    /// Whether the server knows this IANA time zone.
    fn known_zone(&self, zone: &str) -> bool;

    /// The shop with its rule `rule` (else its first) and all its rules.
    async fn shop_campaign(
        &self,
        shop: &Shop,
        rule: Option<&str>,
    ) -> Result<Option<ShopCampaign>, BackendError>;

    /// A page of the current shop's carts; `None` before any shop exists.
    async fn carts(
        &self,
        shop: &Shop,
        query: &crate::api::CartsQuery,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<crate::api::CartsPage>, BackendError>;

    /// One cart of the current shop with its customer, items and timeline.
    async fn cart_detail(
        &self,
        shop: &Shop,
        cart_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<crate::api::CartDetail>, BackendError>;

    /// Asks the engine to send the cart's next reminder now (once while one is pending).
    async fn queue_next_reminder(
        &self,
        shop: &Shop,
        cart_id: &str,
        user_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), BackendError>;

    /// The current shop's templates; empty before any shop exists.
    async fn template_summaries(
        &self,
        shop: &Shop,
    ) -> Result<Vec<crate::api::TemplateSummary>, BackendError>;

    async fn template_editor(
        &self,
        shop: &Shop,
        template_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<crate::api::TemplateEditorData>, BackendError>;

    /// The customer and cart the preview shows for `sample` (the demo cart or a cart id).
    async fn preview_context(
        &self,
        shop: &Shop,
        sample: &str,
        language: domain::Language,
    ) -> Result<Option<domain::email::RenderContext>, BackendError>;

    /// `false` when the template is not the current shop's.
    async fn save_template(
        &self,
        shop: &Shop,
        template: &EmailTemplate,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError>;

    /// A new template named `name` with starter texts, or a copy of `copy_of`; its id, or
    /// `None` when `copy_of` is not the current shop's.
    async fn create_template(
        &self,
        shop: &Shop,
        name: &str,
        copy_of: Option<&str>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<String>, BackendError>;

    async fn delete_template(
        &self,
        shop: &Shop,
        template_id: &str,
    ) -> Result<crate::api::TemplateDeletion, BackendError>;

    /// Sends one rendered email through the configured mailer.
    async fn send_email(
        &self,
        shop: &Shop,
        to: &str,
        email: &domain::email::RenderedEmail,
    ) -> Result<(), BackendError>;

    /// The current shop's settings; `None` before any shop exists.
    async fn settings(
        &self,
        shop: &Shop,
    ) -> Result<Option<domain::settings::ShopSettings>, BackendError>;

    /// `false` when there is no shop to save them for.
    async fn save_settings(
        &self,
        shop: &Shop,
        settings: &domain::settings::ShopSettings,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError>;

    /// Creates (empty id: in rule `rule`, else the first) or replaces a reminder of the shop.
    async fn save_step(
        &self,
        shop: &Shop,
        rule: Option<&str>,
        step: &domain::ReminderStep,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<crate::api::StepSaved, BackendError>;

    /// `false` when the reminder is not the shop's.
    async fn set_step_enabled(
        &self,
        shop: &Shop,
        step_id: &str,
        enabled: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError>;

    async fn delete_step(&self, shop: &Shop, step_id: &str) -> Result<bool, BackendError>;

    /// Escalation of rule `rule` (else the first); `false` when there is no such rule.
    async fn set_escalation(
        &self,
        shop: &Shop,
        rule: Option<&str>,
        enabled: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError>;

    async fn duplicate_step(
        &self,
        shop: &Shop,
        step_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<crate::api::StepSaved, BackendError>;

    /// The Automatic sending tab's data.
    async fn sending_status(&self, shop: &Shop) -> Result<crate::api::SendingStatus, BackendError>;

    /// One engine pass now (the cron URL's path).
    async fn run_now(
        &self,
        shop: &Shop,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<crate::api::RunNowOutcome, BackendError>;

    async fn regenerate_cron_token(&self) -> Result<String, BackendError>;

    /// A page of the addresses that get no reminder.
    async fn unsubscribed(
        &self,
        shop: &Shop,
        search: &str,
        page: u32,
    ) -> Result<crate::api::UnsubscribedPage, BackendError>;

    /// The Statistics page for the URL's range (`Err` when the range is not one), the stored
    /// days brought up to date first; `None` before any shop exists.
    async fn statistics(
        &self,
        shop: &Shop,
        from: Option<&str>,
        to: Option<&str>,
        scanners: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<Result<crate::api::StatsPage, domain::stats::RangeError>>, BackendError>;

    /// `false` when the address was not on the list.
    async fn remove_unsubscribed(&self, shop: &Shop, email: &str) -> Result<bool, BackendError>;

    /// The shop's Connect page: its events endpoint and keys.
    async fn api_keys(&self, shop: &Shop) -> Result<crate::api::KeysPage, BackendError>;

    /// A new key for the shop; returns its secret (only its hash is kept).
    async fn create_api_key(
        &self,
        shop: &Shop,
        name: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<String, BackendError>;

    /// `false` when the shop has no such live key.
    async fn revoke_api_key(
        &self,
        shop: &Shop,
        id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError>;

    /// The owner and first shop from an empty database; refused once an account exists.
    async fn complete_setup(
        &self,
        draft: &domain::settings::SetupDraft,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<SetupResult, BackendError>;

    async fn sign_in(&self, email: &str, password: &str) -> Result<SignInOutcome, BackendError>;

    /// Ends the session in this `Cookie` header; returns the `Set-Cookie` value that clears it.
    async fn sign_out(&self, cookie_header: Option<&str>) -> Result<String, BackendError>;
}

/// The backend the server provided to this request.
pub fn backend() -> Result<Arc<dyn Backend>, AppError> {
    use_context::<Arc<dyn Backend>>().ok_or_else(|| {
        tracing::error!("no backend in the server function's context");
        AppError::Internal
    })
}
