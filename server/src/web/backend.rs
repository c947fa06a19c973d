use std::sync::Arc;

use app::backend::{Backend, BackendError, ShopCampaign, SignInOutcome};
use async_trait::async_trait;

use crate::auth::{Auth, AuthError};
use crate::db::{self, templates::DeleteOutcome, DbError, Pool};
use crate::mail::{build_message, MailTransport, OutgoingEmail};
use crate::state::AppState;

/// The admin's backend over the database.
pub struct DbBackend {
    pool: Pool,
    auth: Arc<Auth>,
    mail: Arc<dyn MailTransport>,
    mail_from: String,
    public_url: String,
}

impl DbBackend {
    pub fn new(state: &AppState) -> Self {
        Self {
            pool: state.pool.clone(),
            auth: state.auth.clone(),
            mail: state.mail.clone(),
            mail_from: state.mail_from.clone(),
            public_url: state.public_url.clone(),
        }
    }

    async fn shop(&self) -> Result<domain::Shop, BackendError> {
        db::first_shop(&self.pool)
            .await?
            .ok_or_else(|| BackendError("no shop".into()))
    }
}

impl From<AuthError> for BackendError {
    fn from(error: AuthError) -> Self {
        BackendError(error.to_string())
    }
}

impl From<DbError> for BackendError {
    fn from(error: DbError) -> Self {
        BackendError(error.to_string())
    }
}

#[async_trait]
impl Backend for DbBackend {
    async fn shop_campaign(&self) -> Result<Option<ShopCampaign>, BackendError> {
        let Some(shop) = db::first_shop(&self.pool).await? else {
            return Ok(None);
        };
        let campaign = db::load_campaign(&self.pool, &shop.id).await?;
        let templates = db::load_templates(&self.pool, &shop.id).await?;
        Ok(Some(ShopCampaign {
            shop,
            campaign,
            templates,
        }))
    }

    async fn carts(
        &self,
        query: &app::api::CartsQuery,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<app::api::CartsPage>, BackendError> {
        Ok(super::carts::carts_page(&self.pool, query, now).await?)
    }

    async fn cart_detail(
        &self,
        cart_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<app::api::CartDetail>, BackendError> {
        Ok(super::carts::cart_detail(&self.pool, cart_id, now).await?)
    }

    async fn queue_next_reminder(
        &self,
        cart_id: &str,
        user_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), BackendError> {
        let shop = db::first_shop(&self.pool)
            .await?
            .ok_or_else(|| BackendError("no shop".into()))?;
        db::cart_detail::queue_reminder_request(&self.pool, &shop.id, cart_id, user_id, now)
            .await?;
        Ok(())
    }

    async fn template_summaries(&self) -> Result<Vec<app::api::TemplateSummary>, BackendError> {
        Ok(super::templates::summaries(&self.pool).await?)
    }

    async fn template_editor(
        &self,
        template_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<app::api::TemplateEditorData>, BackendError> {
        Ok(super::templates::editor(&self.pool, &self.public_url, template_id, now).await?)
    }

    async fn preview_context(
        &self,
        sample: &str,
        language: domain::Language,
    ) -> Result<Option<domain::email::RenderContext>, BackendError> {
        Ok(
            super::templates::preview_context(&self.pool, &self.public_url, sample, language)
                .await?,
        )
    }

    async fn save_template(
        &self,
        template: &domain::EmailTemplate,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError> {
        let shop = self.shop().await?;
        Ok(db::templates::update_template(&self.pool, &shop.id, template, now).await?)
    }

    async fn create_template(
        &self,
        name: &str,
        copy_of: Option<&str>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<String>, BackendError> {
        let shop = self.shop().await?;
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
                    .map_err(|e| BackendError(e.to_string()))?
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
        template_id: &str,
    ) -> Result<app::api::TemplateDeletion, BackendError> {
        let shop = self.shop().await?;
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
        to: &str,
        email: &domain::email::RenderedEmail,
    ) -> Result<(), BackendError> {
        // A test email comes from the same sender as the reminders.
        let identity = match db::first_shop(&self.pool).await? {
            Some(shop) => db::engine::mail_identity(&self.pool, &shop.id).await?,
            None => Default::default(),
        };
        let message = build_message(
            &identity.from_header(&self.mail_from),
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
        .map_err(|e| BackendError(e.to_string()))?;
        self.mail
            .send(message)
            .await
            .map_err(|e| BackendError(e.to_string()))
    }

    async fn settings(&self) -> Result<Option<domain::settings::ShopSettings>, BackendError> {
        let Some(shop) = db::first_shop(&self.pool).await? else {
            return Ok(None);
        };
        Ok(db::settings::load(&self.pool, &shop.id).await?)
    }

    async fn save_settings(
        &self,
        settings: &domain::settings::ShopSettings,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, BackendError> {
        let Some(shop) = db::first_shop(&self.pool).await? else {
            return Ok(false);
        };
        Ok(db::settings::save(&self.pool, &shop.id, settings, now).await?)
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
