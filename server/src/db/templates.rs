use crate::db::on;
use crate::db::Conn;
use crate::db::Done;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use domain::{
    EmailTemplate, HexColor, Language, Layout, ReassuranceItem, SocialLinks, Subject,
    TemplateContent, WebUrl,
};

use super::{DbError, Pool};

#[derive(sqlx::FromRow)]
struct TemplateRow {
    template_id: String,
    name: String,
    layout: String,
    primary_color: String,
    secondary_color: String,
}

#[derive(sqlx::FromRow)]
struct ContentRow {
    template_id: String,
    language: String,
    subject: String,
    body: String,
    discount_text: String,
    button_text: String,
    reassurance_json: String,
    facebook_url: Option<String>,
    instagram_url: Option<String>,
    x_url: Option<String>,
    unsubscribe_text: String,
    unsubscribe_link_text: String,
}

fn optional_url(value: Option<String>) -> Result<Option<WebUrl>, DbError> {
    value
        .map(|url| WebUrl::parse(&url))
        .transpose()
        .map_err(DbError::corrupt)
}

impl ContentRow {
    fn into_domain(self) -> Result<(Language, TemplateContent), DbError> {
        let reassurance: Vec<ReassuranceItem> =
            serde_json::from_str(&self.reassurance_json).map_err(DbError::corrupt)?;
        let content = TemplateContent {
            subject: Subject::parse(&self.subject).map_err(DbError::corrupt)?,
            body: self.body,
            discount_text: self.discount_text,
            button_text: self.button_text,
            reassurance,
            social: SocialLinks {
                facebook: optional_url(self.facebook_url)?,
                instagram: optional_url(self.instagram_url)?,
                x: optional_url(self.x_url)?,
            },
            unsubscribe_text: self.unsubscribe_text,
            unsubscribe_link_text: self.unsubscribe_link_text,
        };
        let language = Language::parse(&self.language).map_err(DbError::corrupt)?;
        Ok((language, content))
    }
}

/// All of a shop's templates with their content in every language.
#[tracing::instrument(skip_all, fields(shop_id))]
pub async fn load_templates(pool: &Pool, shop_id: &str) -> Result<Vec<EmailTemplate>, DbError> {
    let templates: Vec<TemplateRow> = on!(pool, |db| sqlx::query_as(
        "select template_id, name, layout, primary_color, secondary_color
         from email_templates where shop_id = $1 order by name, template_id",
    )
    .bind(shop_id)
    .fetch_all(db)
    .await)?;
    let contents: Vec<ContentRow> = on!(pool, |db| {
        sqlx::query_as(
        "select template_id, language, subject, body, discount_text, button_text, reassurance_json,
                facebook_url, instagram_url, x_url, unsubscribe_text, unsubscribe_link_text
         from template_contents where shop_id = $1",
    )
    .bind(shop_id)
    .fetch_all(db).await
    })?;

    let mut by_template: BTreeMap<String, BTreeMap<Language, TemplateContent>> = BTreeMap::new();
    for row in contents {
        let template_id = row.template_id.clone();
        let (language, content) = row.into_domain()?;
        by_template
            .entry(template_id)
            .or_default()
            .insert(language, content);
    }
    templates
        .into_iter()
        .map(|row| {
            EmailTemplate::new(
                row.template_id.clone(),
                &row.name,
                Layout::parse(&row.layout).map_err(DbError::corrupt)?,
                HexColor::parse(&row.primary_color).map_err(DbError::corrupt)?,
                HexColor::parse(&row.secondary_color).map_err(DbError::corrupt)?,
                by_template.remove(&row.template_id).unwrap_or_default(),
            )
            .map_err(DbError::corrupt)
        })
        .collect()
}

pub async fn insert_template(
    conn: &mut Conn<'_>,
    shop_id: &str,
    template: &EmailTemplate,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    on!(conn, |db| {
        sqlx::query(
        "insert into email_templates (template_id, shop_id, name, layout, primary_color, secondary_color, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(&template.id)
    .bind(shop_id)
    .bind(&template.name)
    .bind(template.layout.as_str())
    .bind(template.primary_color.as_str())
    .bind(template.secondary_color.as_str())
    .bind(now)
    .execute(db).await.map(Done::from)
    })?;
    insert_contents(conn, shop_id, template, now).await
}

async fn insert_contents(
    conn: &mut Conn<'_>,
    shop_id: &str,
    template: &EmailTemplate,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    for (language, content) in &template.contents {
        let reassurance = serde_json::to_string(&content.reassurance).map_err(DbError::corrupt)?;
        on!(conn, |db| {
            sqlx::query(
            "insert into template_contents (template_id, shop_id, language, subject, body, discount_text,
                 button_text, reassurance_json, facebook_url, instagram_url, x_url, unsubscribe_text,
                 unsubscribe_link_text, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)",
        )
        .bind(&template.id)
        .bind(shop_id)
        .bind(language.code())
        .bind(content.subject.as_str())
        .bind(&content.body)
        .bind(&content.discount_text)
        .bind(&content.button_text)
        .bind(reassurance)
        .bind(content.social.facebook.as_ref().map(WebUrl::as_str))
        .bind(content.social.instagram.as_ref().map(WebUrl::as_str))
        .bind(content.social.x.as_ref().map(WebUrl::as_str))
        .bind(&content.unsubscribe_text)
        .bind(&content.unsubscribe_link_text)
        .bind(now)
        .execute(db).await.map(Done::from)
        })?;
    }
    Ok(())
}

/// A template's name, design and when it changed, with the reminders that use it.
#[derive(sqlx::FromRow)]
pub struct TemplateSummaryRow {
    pub template_id: String,
    pub name: String,
    pub layout: String,
    pub languages: Option<String>,
    pub used_by: i64,
    pub updated_at: DateTime<Utc>,
}

pub async fn template_summaries(
    pool: &Pool,
    shop_id: &str,
) -> Result<Vec<TemplateSummaryRow>, DbError> {
    Ok(on!(pool, |db, dialect| {
        sqlx::query_as(dialect.pick(
        "select t.template_id, t.name, t.layout, t.updated_at,
                (select group_concat(c.language, ',') from template_contents c where c.template_id = t.template_id) as languages,
                (select count(*) from reminder_steps s where s.template_id = t.template_id
                    or exists (select 1 from step_discounts d where d.step_id = s.step_id
                               and d.template_id = t.template_id)) as used_by
         from email_templates t where t.shop_id = $1 order by t.name, t.template_id",
        "select t.template_id, t.name, t.layout, t.updated_at,
                (select string_agg(c.language, ',') from template_contents c where c.template_id = t.template_id) as languages,
                (select count(*) from reminder_steps s where s.template_id = t.template_id
                    or exists (select 1 from step_discounts d where d.step_id = s.step_id
                               and d.template_id = t.template_id)) as used_by
         from email_templates t where t.shop_id = $1 order by t.name, t.template_id",
    ))
    .bind(shop_id)
    .fetch_all(db).await
    })?)
}

/// The delays of the reminders that send this template (`1 hours`, `1 days`), in delay order.
pub async fn template_users(
    pool: &Pool,
    shop_id: &str,
    template_id: &str,
) -> Result<Vec<(i64, String)>, DbError> {
    Ok(on!(pool, |db| {
        sqlx::query_as(
            "select delay_amount, delay_unit from reminder_steps s where shop_id = $1
           and (template_id = $2 or exists (select 1 from step_discounts d
                                            where d.step_id = s.step_id and d.template_id = $2))
         order by case delay_unit when 'hours' then delay_amount else delay_amount * 24 end",
        )
        .bind(shop_id)
        .bind(template_id)
        .fetch_all(db)
        .await
    })?)
}

/// Replaces a template's design and all its texts in one transaction; `false` if it is not
/// this shop's template.
pub async fn update_template(
    pool: &Pool,
    shop_id: &str,
    template: &EmailTemplate,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let mut tx = pool.begin().await?;
    let updated = on!(tx, |db| sqlx::query(
        "update email_templates set name = $1, layout = $2, primary_color = $3, secondary_color = $4, updated_at = $5
         where template_id = $6 and shop_id = $7",
    )
    .bind(&template.name)
    .bind(template.layout.as_str())
    .bind(template.primary_color.as_str())
    .bind(template.secondary_color.as_str())
    .bind(now)
    .bind(&template.id)
    .bind(shop_id)
    .execute(db).await.map(Done::from))?
    .rows_affected();
    if updated == 0 {
        return Ok(false);
    }
    on!(tx, |db| sqlx::query(
        "delete from template_contents where template_id = $1"
    )
    .bind(&template.id)
    .execute(db)
    .await
    .map(Done::from))?;
    insert_contents(&mut tx.conn(), shop_id, template, now).await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn create_template(
    pool: &Pool,
    shop_id: &str,
    template: &EmailTemplate,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mut tx = pool.begin().await?;
    insert_template(&mut tx.conn(), shop_id, template, now).await?;
    tx.commit().await?;
    Ok(())
}

pub enum DeleteOutcome {
    Deleted,
    NotFound,
    /// Reminders still send it: their number.
    InUse(i64),
}

/// Deletes a template no reminder uses; the check and the delete share one transaction.
pub async fn delete_template(
    pool: &Pool,
    shop_id: &str,
    template_id: &str,
) -> Result<DeleteOutcome, DbError> {
    let mut tx = pool.begin().await?;
    let (used_by,): (i64,) = on!(tx, |db| {
        sqlx::query_as(
        "select count(*) from reminder_steps s where template_id = $1 or split_template_id = $1
           or exists (select 1 from step_discounts d where d.step_id = s.step_id and d.template_id = $1)"
    )
    .bind(template_id)
    .fetch_one(db)
    .await
    })?;
    if used_by > 0 {
        return Ok(DeleteOutcome::InUse(used_by));
    }
    let deleted = on!(tx, |db| sqlx::query(
        "delete from email_templates where template_id = $1 and shop_id = $2"
    )
    .bind(template_id)
    .bind(shop_id)
    .execute(db)
    .await
    .map(Done::from))?
    .rows_affected();
    tx.commit().await?;
    Ok(if deleted == 0 {
        DeleteOutcome::NotFound
    } else {
        DeleteOutcome::Deleted
    })
}
