//! Creating a shop from set-up or `relance shop create`: its identity and settings, and the
//! seeds' default campaign (the PrestaShop guide's two reminders) with its templates, switched
//! off until the merchant has read it.

use crate::db::Conn;
use anyhow::Context;
use app::api::Connection;
use chrono::{DateTime, Utc};
use domain::settings::{slug_of, NewShop, NewShopDraft, NewShopProblem};
use domain::team::Role;
use domain::{Campaign, EmailTemplate, HoldoutShare, Shop};

use crate::cli::{NewShopArgs, ShopCommand};
use crate::db::{self, Pool};
use crate::demo::campaign as seed;

/// The draft checked as the server checks it (time zones included).
pub fn check(draft: &NewShopDraft) -> Result<NewShop, Vec<NewShopProblem>> {
    draft.parse(crate::zones::known_zone)
}

/// The seeds' campaign and templates with ids of the shop's own, every step off.
pub fn default_campaign(slug: &str) -> anyhow::Result<(Vec<EmailTemplate>, Campaign)> {
    let mut templates = seed::templates()?;
    let mut renamed = Vec::new();
    for (index, template) in templates.iter_mut().enumerate() {
        let id = format!("{slug}-template-{}", index + 1);
        renamed.push((std::mem::replace(&mut template.id, id.clone()), id));
    }
    let guide = seed::campaign([format!("{slug}-step-1"), format!("{slug}-step-2")], false)?;
    let steps = guide
        .steps()
        .iter()
        .cloned()
        .map(|mut step| {
            step.enabled = false;
            if let Some((_, id)) = renamed.iter().find(|(old, _)| *old == step.template_id) {
                step.template_id = id.clone();
            }
            step
        })
        .collect();
    // A new shop measures its lift from its first reminder.
    let campaign = Campaign::new(format!("{slug}-campaign"), guide.name(), steps)?
        .with_holdout(HoldoutShare::DEFAULT);
    Ok((templates, campaign))
}

/// Creates the shop in one transaction; returns it (its id is its slug: the name's, with a
/// number when taken).
pub async fn create(pool: &Pool, new: &NewShop, now: DateTime<Utc>) -> anyhow::Result<Shop> {
    // Immediate: the slug is read then written, and a deferred transaction would fail at the
    // write if the server wrote in between (SQLite's snapshot rule), instead of waiting.
    let mut tx = pool.begin_write().await?;
    let shop = create_in(&mut tx.conn(), new, now).await?;
    tx.commit()
        .await
        .with_context(|| format!("cannot create the shop {}", shop.id))?;
    Ok(shop)
}

/// [`create`] inside the caller's transaction.
pub async fn create_in(
    conn: &mut Conn<'_>,
    new: &NewShop,
    now: DateTime<Utc>,
) -> anyhow::Result<Shop> {
    let slug = db::free_slug(conn, &slug_of(&new.name)).await?;
    let shop = Shop {
        id: slug.clone(),
        name: new.name.clone(),
        url: new.url.clone(),
        logo_url: None,
        postal_address: String::new(),
        currency: new.currency,
        default_language: new.language,
        time_zone: new.time_zone.clone(),
    };
    let (templates, campaign) = default_campaign(&slug)?;
    db::insert_shop(conn, &shop, now).await?;
    db::settings::set_sender(
        conn,
        &slug,
        &new.sender_name,
        new.sender_email.as_ref().map(|e| e.as_str()),
    )
    .await?;
    for template in &templates {
        db::insert_template(conn, &slug, template, now).await?;
    }
    db::insert_campaign(conn, &slug, &campaign, now).await?;
    Ok(shop)
}

/// What the new shop needs to send its events: shown once, with its first key.
pub fn connection(shop: Shop, public_url: &str, api_key: String, now: DateTime<Utc>) -> Connection {
    Connection {
        shop_slug: shop.id,
        shop_name: shop.name,
        endpoint: events_endpoint(public_url),
        api_key,
        example_at: now,
    }
}

/// A shop made from the admin by `user_id`, who becomes its owner, with its first API key.
pub async fn create_owned(
    pool: &Pool,
    user_id: &str,
    draft: &NewShopDraft,
    public_url: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Connection, Vec<NewShopProblem>>> {
    let new = match check(draft) {
        Ok(new) => new,
        Err(problems) => return Ok(Err(problems)),
    };
    let mut tx = pool.begin_write().await?;
    let shop = create_in(&mut tx.conn(), &new, now).await?;
    db::members::set_role(&mut tx.conn(), user_id, &shop.id, Role::Owner, now).await?;
    let key = crate::api::keys::create_in(&mut tx.conn(), &shop.id, "first key", now).await?;
    tx.commit().await?;
    tracing::info!(shop = shop.id, user_id, "shop created from the admin");
    Ok(Ok(connection(shop, public_url, key.secret, now)))
}

/// Carries out `relance shop …` and returns what it prints; bad options are refused, each
/// with its reason, and nothing is written.
pub async fn command(
    pool: &Pool,
    command: ShopCommand,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    match command {
        ShopCommand::Create(args) => {
            let new = check(&draft(args)).map_err(|problems| {
                let texts = app::i18n::Locale::En.texts().settings;
                let lines: Vec<String> = problems
                    .iter()
                    .map(|p| format!("--{}: {}", option(p.field), (texts.problem)(&p.problem)))
                    .collect();
                anyhow::anyhow!("the shop was not created:\n{}", lines.join("\n"))
            })?;
            let shop = create(pool, &new, now).await?;
            Ok(format!(
                "{}\nshop created: {} ({}, {}); its campaign is off until you turn it on.\n\
                 Next: relance api-key create <name> --shop {}",
                shop.id,
                shop.name,
                shop.currency.code(),
                shop.time_zone,
                shop.id
            ))
        }
        ShopCommand::List => {
            let lines: Vec<String> = db::list_shops(pool)
                .await?
                .into_iter()
                .map(|s| {
                    format!(
                        "{}\t{}\t{}\t{}\t{}",
                        s.shop_id,
                        s.name,
                        s.currency,
                        s.time_zone,
                        s.created_at.format("%Y-%m-%d")
                    )
                })
                .collect();
            Ok(if lines.is_empty() {
                "no shop yet: relance shop create --name … --url … --currency … --timezone … --language …".into()
            } else {
                lines.join("\n")
            })
        }
    }
}

fn draft(args: NewShopArgs) -> NewShopDraft {
    NewShopDraft {
        name: args.name,
        url: args.url,
        currency: args.currency,
        time_zone: args.timezone,
        language: args.language,
        sender_name: args.sender_name,
        sender_email: args.sender_email,
    }
}

/// The CLI's option for a field.
fn option(field: domain::settings::NewShopField) -> &'static str {
    use domain::settings::NewShopField as F;
    match field {
        F::TimeZone => "timezone",
        F::SenderName => "sender-name",
        F::SenderEmail => "sender-email",
        other => other.as_str(),
    }
}

/// Where shops send their events, under the public URL.
pub fn events_endpoint(public_url: &str) -> String {
    format!("{}/api/v1/events", public_url.trim_end_matches('/'))
}
