//! A campaign copied between shops (export and import, from the admin and the CLI), and the
//! operators' `relance campaign` commands: list, pause and resume.

use std::collections::HashMap;

use anyhow::Context;
use chrono::{DateTime, Utc};
use domain::audit::AuditAction;
use domain::campaign::export::{CampaignDocument, ImportProblem, ReviewNote};
use domain::{Campaign, ReminderStep, Shop, SplitTest};
use serde::Deserialize;

use crate::cli::CampaignCommand;
use crate::db::{self, Pool};

/// The shop's campaign as a document; `None` when it has none.
pub async fn export(
    pool: &Pool,
    shop: &Shop,
    rule: Option<&str>,
) -> anyhow::Result<Option<CampaignDocument>> {
    let campaign = match rule {
        Some(id) => db::campaigns::load_campaign_by_id(pool, &shop.id, id).await?,
        None => db::load_campaign(pool, &shop.id).await?,
    };
    let Some(campaign) = campaign else {
        return Ok(None);
    };
    let templates = db::load_templates(pool, &shop.id).await?;
    Ok(Some(CampaignDocument::of(
        &campaign,
        shop.currency,
        &templates,
    )))
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub steps: usize,
    pub templates: usize,
    pub review: Vec<ReviewNote>,
}

/// The document's text read: its header first, so another file is named as such.
pub fn read(json: &str) -> Result<CampaignDocument, ImportProblem> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u32>,
    }
    let unreadable = |error: serde_json::Error| ImportProblem::Unreadable {
        message: error.to_string(),
    };
    let header: Header = serde_json::from_str(json).map_err(unreadable)?;
    CampaignDocument::accept(header.format.as_deref(), header.version)?;
    serde_json::from_str(json).map_err(unreadable)
}

/// Replaces the shop's campaign by the document's, in one transaction: its templates added
/// with new ids, its steps switched off. Nothing is written when a problem is found.
pub async fn import(
    pool: &Pool,
    shop: &Shop,
    rule: Option<&str>,
    json: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Imported, Vec<ImportProblem>>> {
    let document = match read(json) {
        Ok(document) => document,
        Err(problem) => return Ok(Err(vec![problem])),
    };
    let checked = match document.check(shop.currency) {
        Ok(checked) => checked,
        Err(problems) => return Ok(Err(problems)),
    };
    let mut new_ids = HashMap::new();
    let templates: Vec<_> = checked
        .templates
        .into_iter()
        .map(|mut template| {
            let id = db::new_id();
            new_ids.insert(std::mem::replace(&mut template.id, id.clone()), id);
            template
        })
        .collect();
    let steps: Vec<ReminderStep> = checked
        .steps
        .into_iter()
        .map(|step| {
            let rename = |id: &str| new_ids.get(id).cloned().unwrap_or_else(|| id.to_owned());
            ReminderStep {
                id: db::new_id(),
                template_id: rename(&step.template_id),
                discount: step.discount.clone().rename_templates(rename),
                split: step.split.clone().map(|split| SplitTest {
                    template_id: rename(&split.template_id),
                    discount: split.discount.map(|d| d.rename_templates(rename)),
                    ..split
                }),
                ..step
            }
        })
        .collect();
    let campaign = Campaign::new(db::new_id(), &checked.name, steps)
        .context("the checked campaign is a campaign")?
        .with_escalation(checked.escalation)
        .with_rule(checked.priority, checked.conditions)
        .with_holdout(checked.holdout);
    let mut tx = pool.begin_write().await?;
    for template in &templates {
        db::insert_template(&mut tx.conn(), &shop.id, template, now).await?;
    }
    db::campaigns::replace_campaign(&mut tx.conn(), &shop.id, rule, &campaign, now).await?;
    tx.commit().await?;
    tracing::info!(
        shop = shop.id,
        steps = campaign.steps().len(),
        "campaign imported"
    );
    Ok(Ok(Imported {
        steps: campaign.steps().len(),
        templates: templates.len(),
        review: checked.review,
    }))
}

/// An import problem in words, for the CLI (the admin words them in the merchant's language).
pub fn describe(problem: &ImportProblem) -> String {
    match problem {
        ImportProblem::Unreadable { message } => {
            format!("the file is not a readable campaign: {message}")
        }
        ImportProblem::NotACampaign => "the file is not a Relance campaign export".into(),
        ImportProblem::Condition { condition, message } => {
            format!("rule condition {condition}: {message}")
        }
        ImportProblem::NewerVersion { version } => {
            format!("the file is version {version}, newer than this Relance reads: update Relance")
        }
        ImportProblem::Step { step, problems } => format!(
            "reminder {step}: {}",
            problems
                .iter()
                .map(|p| format!("{:?}", p.issue))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ImportProblem::Template { template, problems } => format!(
            "template {template}: {}",
            problems
                .iter()
                .map(|p| p.message.clone())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ImportProblem::MissingTemplate { step } => {
            format!("reminder {step} sends a template the file does not hold")
        }
        ImportProblem::Campaign { message } => message.clone(),
    }
}

pub fn describe_note(note: &ReviewNote) -> String {
    match note {
        ReviewNote::Currency { step, from, to } => format!(
            "review reminder {step}: its discount amounts are in {}, this shop counts in {}",
            from.code(),
            to.code()
        ),
    }
}

/// Records an operator's change in the shop's activity log.
async fn log(
    pool: &Pool,
    slug: &str,
    action: AuditAction,
    change: (Option<&str>, &str),
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let entry = db::audit::NewEntry {
        shop_id: Some(slug),
        user_id: None,
        user_email: "relance (command line)",
        action,
        subject: "campaign",
        before: change.0,
        after: Some(change.1),
    };
    Ok(db::audit::record(pool, &entry, now).await?)
}

async fn shop(pool: &Pool, slug: &str) -> anyhow::Result<Shop> {
    db::find_shop(pool, slug)
        .await?
        .with_context(|| format!("no shop `{slug}`: `relance shop list` prints the slugs"))
}

/// Carries out `relance campaign …` and returns what it prints.
pub async fn command(
    pool: &Pool,
    command: CampaignCommand,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    match command {
        CampaignCommand::Export { shop: slug } => {
            let shop = shop(pool, &slug).await?;
            let document = export(pool, &shop, None)
                .await?
                .with_context(|| format!("the shop `{slug}` has no campaign"))?;
            Ok(serde_json::to_string_pretty(&document)?)
        }
        CampaignCommand::Import { shop: slug, file } => {
            let shop = shop(pool, &slug).await?;
            let json = if file.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin())?
            } else {
                std::fs::read_to_string(&file)
                    .with_context(|| format!("cannot read {}", file.display()))?
            };
            match import(pool, &shop, None, &json, now).await? {
                Ok(imported) => {
                    let what = format!(
                        "{} reminder(s), switched off; {} template(s)",
                        imported.steps, imported.templates
                    );
                    log(
                        pool,
                        &slug,
                        AuditAction::CampaignImported,
                        (None, &what),
                        now,
                    )
                    .await?;
                    let mut lines = vec![format!(
                        "imported into {slug}: {} reminder(s), switched off until you turn them on, and {} template(s)",
                        imported.steps, imported.templates
                    )];
                    lines.extend(imported.review.iter().map(describe_note));
                    Ok(lines.join("\n"))
                }
                Err(problems) => anyhow::bail!(
                    "nothing was imported:\n{}",
                    problems.iter().map(describe).collect::<Vec<_>>().join("\n")
                ),
            }
        }
        CampaignCommand::List { shop: slug } => {
            shop(pool, &slug).await?;
            let lines: Vec<String> = db::campaigns::list_campaigns(pool, &slug)
                .await?
                .into_iter()
                .map(|c| {
                    format!(
                        "{}\t{}\t{}/{} steps on\t{}",
                        c.campaign_id,
                        if c.paused { "paused" } else { "running" },
                        c.steps_on,
                        c.steps,
                        c.name
                    )
                })
                .collect();
            Ok(if lines.is_empty() {
                format!("the shop `{slug}` has no campaign")
            } else {
                lines.join("\n")
            })
        }
        CampaignCommand::Enable {
            shop: slug,
            campaign,
        } => pause(pool, &slug, campaign.as_deref(), false, now).await,
        CampaignCommand::Disable {
            shop: slug,
            campaign,
        } => pause(pool, &slug, campaign.as_deref(), true, now).await,
    }
}

async fn pause(
    pool: &Pool,
    slug: &str,
    campaign: Option<&str>,
    paused: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    shop(pool, slug).await?;
    let known = db::campaigns::list_campaigns(pool, slug).await?;
    if let Some(id) = campaign {
        if !known.iter().any(|c| c.campaign_id == id) {
            anyhow::bail!(
                "the shop `{slug}` has no campaign `{id}` (`relance campaign list --shop {slug}`)"
            );
        }
    }
    let changed = db::campaigns::set_paused(pool, slug, campaign, paused, now).await?;
    let state = if paused { "paused" } else { "running" };
    if changed > 0 {
        let was = if paused { "running" } else { "paused" };
        log(
            pool,
            slug,
            AuditAction::CampaignPaused,
            (Some(was), state),
            now,
        )
        .await?;
    }
    let total = if campaign.is_some() { 1 } else { known.len() };
    Ok(format!(
        "{slug}: {total} campaign(s) {state} ({changed} changed now, {} already were)",
        total as u64 - changed
    ))
}
