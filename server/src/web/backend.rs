use std::sync::Arc;

use app::backend::{Backend, BackendError, ShopCampaign, SignInOutcome};
use async_trait::async_trait;

use crate::auth::{Auth, AuthError};
use crate::db::{self, templates::DeleteOutcome, DbError, Pool};
use crate::mail::{build_message, OutgoingEmail};
use crate::state::AppState;

/// The admin's backend over the database.
pub struct DbBackend {
    pool: Pool,
    auth: Arc<Auth>,
    /// Also what test mails go out with: the engine's transport, sender and public URL.
    engine: crate::jobs::Sender,
    cron_token: crate::links::CronToken,
    /// The Connect page's test event goes through ingestion like any other, and into the log.
    ingest: crate::ingest::IngestWriter,
    connect_log: crate::connect_log::ConnectLog,
}

impl DbBackend {
    pub fn new(state: &AppState) -> Self {
        Self {
            pool: state.pool().clone(),
            auth: state.auth.clone(),
            engine: state.engine.clone(),
            cron_token: state.cron_token.clone(),
            ingest: state.ingest.clone(),
            connect_log: state.connect_log.clone(),
        }
    }

    pub(super) fn ingest(&self) -> &crate::ingest::IngestWriter {
        &self.ingest
    }

    pub(super) fn connect_log(&self) -> &crate::connect_log::ConnectLog {
        &self.connect_log
    }

    pub(super) fn pool(&self) -> &Pool {
        &self.pool
    }

    pub(super) fn engine(&self) -> &crate::jobs::Sender {
        &self.engine
    }

    pub(super) fn auth(&self) -> &Auth {
        &self.auth
    }

    pub(super) fn public_url(&self) -> &str {
        self.engine.signer.public_url()
    }
}

/// An `anyhow` error as the backend's.
pub(super) fn anyhow_error(error: anyhow::Error) -> BackendError {
    BackendError::new(Box::<dyn std::error::Error + Send + Sync>::from(error))
}

impl From<AuthError> for BackendError {
    fn from(error: AuthError) -> Self {
        BackendError::new(error)
    }
}

impl From<DbError> for BackendError {
    fn from(error: DbError) -> Self {
        BackendError::new(error)
    }
}

#[async_trait]
impl Backend for DbBackend {
    async fn import_campaign(
        &self,
        shop: &domain::Shop,
        rule: Option<&str>,
        document: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<app::backend::ImportResult, BackendError> {
        let outcome = crate::campaigns::import(&self.pool, shop, rule, document, now)
            .await
            .map_err(|error| {
                BackendError::new(Box::<dyn std::error::Error + Send + Sync>::from(error))
            })?;
        Ok(outcome.map(|done| (done.steps, done.templates, done.review)))
    }

    async fn set_campaign_paused(
        &self,
        shop: &domain::Shop,
        rule: Option<&str>,
        paused: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError> {
        let campaigns = db::campaigns::load_campaigns(&self.pool, &shop.id).await?;
        if !campaigns.iter().any(|c| rule.is_none_or(|id| c.id() == id)) {
            return Ok(false);
        }
        db::campaigns::set_paused(&self.pool, &shop.id, rule, paused, now).await?;
        Ok(true)
    }

    fn known_zone(&self, zone: &str) -> bool {
        crate::zones::known_zone(zone)
    }

    async fn shop_campaign(
        &self,
        shop: &domain::Shop,
        rule: Option<&str>,
    ) -> Result<Option<ShopCampaign>, BackendError> {
        let campaigns = db::campaigns::load_campaigns(&self.pool, &shop.id).await?;
        let campaign = match rule {
            Some(id) => match campaigns.iter().find(|c| c.id() == id) {
                Some(campaign) => Some(campaign.clone()),
                None => return Ok(None),
            },
            None => campaigns.first().cloned(),
        };
        let templates = db::load_templates(&self.pool, &shop.id).await?;
        Ok(Some(ShopCampaign {
            shop: shop.clone(),
            campaign,
            campaigns,
            templates,
        }))
    }

    async fn carts(
        &self,
        shop: &domain::Shop,
        query: &app::api::CartsQuery,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<app::api::CartsPage>, BackendError> {
        Ok(Some(
            super::carts::carts_page(&self.pool, shop, query, now).await?,
        ))
    }

    async fn cart_detail(
        &self,
        shop: &domain::Shop,
        cart_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<app::api::CartDetail>, BackendError> {
        Ok(super::carts::cart_detail(&self.pool, shop, cart_id, now).await?)
    }

    async fn queue_next_reminder(
        &self,
        shop: &domain::Shop,
        cart_id: &str,
        user_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), BackendError> {
        db::cart_detail::queue_reminder_request(&self.pool, &shop.id, cart_id, user_id, now)
            .await?;
        Ok(())
    }

    async fn template_summaries(
        &self,
        shop: &domain::Shop,
    ) -> Result<Vec<app::api::TemplateSummary>, BackendError> {
        Ok(super::templates::summaries(&self.pool, &shop.id).await?)
    }

    async fn template_editor(
        &self,
        shop: &domain::Shop,
        template_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<app::api::TemplateEditorData>, BackendError> {
        Ok(super::templates::editor(&self.pool, self.public_url(), shop, template_id, now).await?)
    }

    async fn preview_context(
        &self,
        shop: &domain::Shop,
        sample: &str,
        language: domain::Language,
    ) -> Result<Option<domain::email::RenderContext>, BackendError> {
        Ok(
            super::templates::preview_context(
                &self.pool,
                self.public_url(),
                shop,
                sample,
                language,
            )
            .await?,
        )
    }

    async fn save_template(
        &self,
        shop: &domain::Shop,
        template: &domain::EmailTemplate,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError> {
        Ok(db::templates::update_template(&self.pool, &shop.id, template, now).await?)
    }

    async fn create_template(
        &self,
        shop: &domain::Shop,
        name: &str,
        copy_of: Option<&str>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<String>, BackendError> {
        let mut template = match copy_of {
            Some(id) => {
                let Some(mut original) = db::load_templates(&self.pool, &shop.id)
                    .await?
                    .into_iter()
                    .find(|t| t.id == id)
                else {
                    return Ok(None);
                };
                let copy: String = format!("{} (copy)", original.name)
                    .chars()
                    .take(100)
                    .collect();
                original.name = copy;
                original
            }
            None => {
                let mut starter = crate::demo::campaign::templates()
                    .map_err(BackendError::new)?
                    .remove(0);
                starter.name = name.to_owned();
                starter
            }
        };
        template.id = db::new_id();
        db::templates::create_template(&self.pool, &shop.id, &template, now).await?;
        Ok(Some(template.id))
    }

    async fn delete_template(
        &self,
        shop: &domain::Shop,
        template_id: &str,
    ) -> Result<app::api::TemplateDeletion, BackendError> {
        Ok(
            match db::templates::delete_template(&self.pool, &shop.id, template_id).await? {
                DeleteOutcome::Deleted => app::api::TemplateDeletion::Deleted,
                DeleteOutcome::NotFound => app::api::TemplateDeletion::NotFound,
                DeleteOutcome::InUse(count) => {
                    app::api::TemplateDeletion::InUse(u32::try_from(count).unwrap_or(u32::MAX))
                }
            },
        )
    }

    async fn send_email(
        &self,
        shop: &domain::Shop,
        to: &str,
        email: &domain::email::RenderedEmail,
    ) -> Result<(), BackendError> {
        // A test email comes from the same sender as the reminders.
        let identity = db::engine::mail_identity(&self.pool, &shop.id).await?;
        let message = build_message(
            &identity.from_header(&self.engine.mail_from),
            &OutgoingEmail {
                to: to.to_owned(),
                subject: email.subject.clone(),
                html: email.html.clone(),
                text: email.text.clone(),
                message_id: None,
                unsubscribe_url: None,
                reply_to: identity.reply_to(),
            },
        )
        .map_err(BackendError::new)?;
        self.engine
            .mail
            .send(message)
            .await
            .map_err(BackendError::new)
    }

    async fn settings(
        &self,
        shop: &domain::Shop,
    ) -> Result<Option<domain::settings::ShopSettings>, BackendError> {
        Ok(db::settings::load(&self.pool, &shop.id).await?)
    }

    async fn save_settings(
        &self,
        shop: &domain::Shop,
        settings: &domain::settings::ShopSettings,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError> {
        Ok(db::settings::save(&self.pool, &shop.id, settings, now).await?)
    }

    async fn save_step(
        &self,
        shop: &domain::Shop,
        rule: Option<&str>,
        step: &domain::ReminderStep,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<app::api::StepSaved, BackendError> {
        Ok(super::wire::step_saved(
            db::campaigns::save_step(&self.pool, &shop.id, rule, step, now).await?,
        ))
    }

    async fn set_step_enabled(
        &self,
        shop: &domain::Shop,
        step_id: &str,
        enabled: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError> {
        Ok(db::campaigns::set_step_enabled(&self.pool, &shop.id, step_id, enabled, now).await?)
    }

    async fn set_escalation(
        &self,
        shop: &domain::Shop,
        rule: Option<&str>,
        enabled: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError> {
        Ok(db::campaigns::set_escalation(&self.pool, &shop.id, rule, enabled, now).await?)
    }

    async fn delete_step(&self, shop: &domain::Shop, step_id: &str) -> Result<bool, BackendError> {
        Ok(db::campaigns::delete_step(&self.pool, &shop.id, step_id).await?)
    }

    async fn duplicate_step(
        &self,
        shop: &domain::Shop,
        step_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<app::api::StepSaved, BackendError> {
        Ok(super::steps::duplicate(&self.pool, &shop.id, step_id, now).await?)
    }

    async fn sending_status(
        &self,
        shop: &domain::Shop,
    ) -> Result<app::api::SendingStatus, BackendError> {
        let now = chrono::Utc::now();
        let runs = db::runs::recent_runs(&self.pool, &shop.id, 10)
            .await?
            .into_iter()
            .map(super::wire::run_line)
            .collect();
        // The scheduler wakes when its last run said the next step falls due, within the hour,
        // after a rest in proportion to that run.
        let next_run = db::runs::last_scheduler_run(&self.pool).await?.map(|run| {
            let next_due = run
                .summary_json
                .as_deref()
                .and_then(|json| serde_json::from_str::<crate::jobs::RunSummary>(json).ok())
                .and_then(|summary| summary.next_due);
            crate::jobs::scheduler::next_wake(run.started_at, run.finished_at, next_due)
        });
        let (queued_due, queued_later) = db::runs::backlog(&self.pool, &shop.id, now).await?;
        let errors = db::runs::recent_errors(&self.pool, &shop.id, 10)
            .await?
            .into_iter()
            .map(|row| app::api::SendingError {
                at: row.updated_at,
                email: row.email,
                error: row.last_error,
                retrying: row.status == "queued",
            })
            .collect();
        Ok(app::api::SendingStatus {
            runs,
            next_run,
            queued_due: u64::try_from(queued_due).unwrap_or(0),
            queued_later: u64::try_from(queued_later).unwrap_or(0),
            errors,
            cron_url: format!("{}/api/v1/jobs/run", self.public_url()),
            cron_token: self.cron_token.current(),
        })
    }

    async fn run_now(
        &self,
        shop: &domain::Shop,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<app::api::RunNowOutcome, BackendError> {
        match crate::jobs::run_locked(
            &self.engine,
            crate::jobs::Trigger::Admin,
            Some(&shop.id),
            now,
        )
        .await
        {
            Ok(Some(summary)) => Ok(app::api::RunNowOutcome::Ran(super::wire::figures(&summary))),
            Ok(None) => Ok(app::api::RunNowOutcome::AlreadyRunning),
            Err(error) => Err(BackendError::new(error)),
        }
    }

    async fn regenerate_cron_token(&self) -> Result<String, BackendError> {
        Ok(self.cron_token.regenerate(&self.pool).await?)
    }

    async fn statistics(
        &self,
        shop: &domain::Shop,
        from: Option<&str>,
        to: Option<&str>,
        scanners: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<Result<app::api::StatsPage, domain::stats::RangeError>>, BackendError> {
        Ok(Some(
            crate::web::statistics::page(&self.pool, shop, from, to, scanners, now).await?,
        ))
    }

    async fn unsubscribed(
        &self,
        shop: &domain::Shop,
        search: &str,
        page: u32,
    ) -> Result<app::api::UnsubscribedPage, BackendError> {
        Ok(super::unsubscribed::page(&self.pool, &shop.id, search, page).await?)
    }

    async fn remove_unsubscribed(
        &self,
        shop: &domain::Shop,
        email: &str,
    ) -> Result<bool, BackendError> {
        Ok(db::suppressions::remove(&self.pool, &shop.id, email).await?)
    }

    async fn api_keys(&self, shop: &domain::Shop) -> Result<app::api::KeysPage, BackendError> {
        let keys = db::api_keys::list_for_shop(&self.pool, &shop.id).await?;
        Ok(super::wire::keys_page(
            shop.clone(),
            self.public_url(),
            keys,
        ))
    }

    async fn create_api_key(
        &self,
        shop: &domain::Shop,
        name: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<String, BackendError> {
        Ok(crate::api::keys::create(&self.pool, &shop.id, name, now)
            .await?
            .secret)
    }

    async fn revoke_api_key(
        &self,
        shop: &domain::Shop,
        id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError> {
        Ok(db::api_keys::revoke_for_shop(&self.pool, &shop.id, id, now).await?)
    }

    async fn complete_setup(
        &self,
        draft: &domain::settings::SetupDraft,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<app::backend::SetupResult, BackendError> {
        crate::setup::complete(&self.pool, &self.auth, draft, self.public_url(), now)
            .await
            .map_err(|error| {
                BackendError::new(Box::<dyn std::error::Error + Send + Sync>::from(error))
            })
    }

    async fn sign_in(&self, email: &str, password: &str) -> Result<SignInOutcome, BackendError> {
        Ok(self
            .auth
            .sign_in(email, password, chrono::Utc::now())
            .await?)
    }

    async fn sign_out(&self, cookie_header: Option<&str>) -> Result<String, BackendError> {
        Ok(self.auth.sign_out(cookie_header).await?)
    }
}
