//! Call tasks on the server: staff told by mail when tasks open, and the call screen's code
//! and email, sent with the same renderer and signed links as the engine's reminders.

use anyhow::Context;
use chrono::{DateTime, Utc};
use domain::email::{render, RenderContext, RenderError, RenderedEmail};
use domain::Shop;

use crate::db::calls::{self, TaskRow};
use crate::db::{self, Pool};
use crate::jobs::Sender;
use crate::mail::{build_message, OutgoingEmail};

/// The mail that tells a member about new call tasks (askama escapes every value).
#[derive(askama::Template)]
#[template(path = "call_tasks.html")]
struct CallTasksMail<'a> {
    shop: &'a str,
    count: usize,
    link: &'a str,
}

/// Tells staff about the shop's new call tasks: each task's assignee, or every staff member
/// of the shop (every member when it has no staff), one mail per member listing how many
/// calls wait. A mail that fails leaves its tasks to tell at the next pass; the pass goes on.
pub async fn notify_staff(sender: &Sender, shop: &Shop, now: DateTime<Utc>) -> anyhow::Result<()> {
    let pool = &sender.pool;
    let tasks = calls::unnotified(pool, &shop.id).await?;
    if tasks.is_empty() {
        return Ok(());
    }
    let members = db::team::members_of(pool, &shop.id).await?;
    let staff: Vec<&db::team::MemberRow> = members
        .iter()
        .filter(|m| m.role.as_deref() == Some("staff"))
        .collect();
    let everyone: Vec<&db::team::MemberRow> = if staff.is_empty() {
        members.iter().collect()
    } else {
        staff
    };
    // Member email → the tasks to tell them about.
    let mut by_member: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for task in &tasks {
        let assignee = task
            .assignee_id
            .as_deref()
            .and_then(|id| members.iter().find(|m| m.user_id == id));
        let to: Vec<&str> = match assignee {
            Some(member) => vec![member.email.as_str()],
            // Assigned to someone no longer in the shop, or to nobody: everyone.
            None => everyone.iter().map(|m| m.email.as_str()).collect(),
        };
        for email in to {
            by_member
                .entry(email)
                .or_default()
                .push(task.task_id.clone());
        }
    }
    let link = format!(
        "{}/s/{}/calls",
        sender.signer.public_url().trim_end_matches('/'),
        shop.id
    );
    let mut told = Vec::new();
    for (email, ids) in by_member {
        match mail_member(sender, shop, email, ids.len(), &link).await {
            Ok(()) => told.extend(ids),
            Err(error) => tracing::warn!(
                shop = %shop.id,
                error = format!("{error:#}"),
                "cannot tell a member about call tasks; next pass tries again"
            ),
        }
    }
    if everyone.is_empty() {
        // Nobody to tell: the queue shows them.
        told.extend(tasks.iter().map(|t| t.task_id.clone()));
    }
    told.sort();
    told.dedup();
    calls::mark_notified(pool, &told, now).await?;
    Ok(())
}

async fn mail_member(
    sender: &Sender,
    shop: &Shop,
    to: &str,
    count: usize,
    link: &str,
) -> anyhow::Result<()> {
    use askama::Template;
    let html = CallTasksMail {
        shop: &shop.name,
        count,
        link,
    }
    .render()?;
    let message = build_message(
        &sender.mail_from,
        &OutgoingEmail {
            to: to.to_owned(),
            subject: format!("{count} call(s) to make for {}", shop.name),
            html,
            text: format!(
                "{count} abandoned cart(s) of {} wait for a call.\n\nOpen the Calls queue: {link}\n",
                shop.name
            ),
            message_id: None,
            unsubscribe_url: None,
            reply_to: None,
        },
    )?;
    sender.mail.send(message).await?;
    Ok(())
}

/// The call's email from `template_id`, rendered for the customer and cart with the call's
/// code, its links signed for `delivery_id` (a preview, `None`, has no open pixel: it is no
/// delivery); `None` when the template has no content the customer reads, or is not the
/// shop's.
pub async fn render_call_email(
    sender: &Sender,
    shop: &Shop,
    task: &TaskRow,
    template_id: &str,
    delivery_id: Option<&str>,
) -> anyhow::Result<Option<RenderedEmail>> {
    let pool = &sender.pool;
    let templates = db::load_templates(pool, &shop.id).await?;
    let Some(template) = templates.iter().find(|t| t.id == template_id) else {
        return Ok(None);
    };
    let Some((customer, cart)) =
        db::render_data::cart_with_customer(pool, &shop.id, &task.cart_id).await?
    else {
        return Ok(None);
    };
    let mut links = crate::jobs::signed_links(
        &sender.signer,
        delivery_id.unwrap_or("preview"),
        shop,
        &cart,
    );
    if delivery_id.is_none() {
        links.open_pixel = None;
    }
    let recommended = if crate::jobs::recommend::wants_recommendations(template) {
        crate::jobs::recommend::recommendations(
            pool,
            &sender.signer,
            &shop.id,
            &cart,
            delivery_id.unwrap_or("preview"),
            chrono::Utc::now(),
        )
        .await?
    } else {
        (Vec::new(), Vec::new())
    };
    let context = RenderContext {
        links,
        shop: shop.clone(),
        customer: (&customer).into(),
        cart,
        discount: calls::call_coupon(pool, &task.task_id).await?,
        recommendations: Vec::new(),
    }
    .with_recommendations(recommended.0, recommended.1);
    match render(template, &context) {
        Ok(email) => Ok(Some(email)),
        Err(RenderError::NoContentForLanguage { .. }) => Ok(None),
        Err(error) => Err(error).context("cannot render the call's email"),
    }
}

/// What sending the call's email came to.
pub enum Sent {
    Sent,
    AlreadySent,
    NoContent,
    /// The address unsubscribed or bounced for good: no email, whoever asks.
    Unsubscribed,
    /// The mail server refused or failed: nothing recorded, staff may try again.
    Failed(String),
}

/// Sends the call's email: reserved first (so two clicks send one mail), then sent, then
/// recorded as a sent reminder of the cart; a failed send frees the reservation.
pub async fn send_call_email(
    sender: &Sender,
    shop: &Shop,
    task: &TaskRow,
    template_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Sent> {
    let pool: &Pool = &sender.pool;
    let stops = {
        let mut conn = pool.acquire().await?;
        db::sending::states(&mut conn.conn(), &[task.cart_id.as_str()])
            .await?
            .get(&task.cart_id)
            .map(|state| state.stops())
            .unwrap_or_default()
    };
    if stops.suppressed || stops.unsubscribed {
        return Ok(Sent::Unsubscribed);
    }
    let delivery_id = db::new_id();
    let Some(email) =
        render_call_email(sender, shop, task, template_id, Some(&delivery_id)).await?
    else {
        return Ok(Sent::NoContent);
    };
    if !calls::reserve_call_email(
        pool,
        &shop.id,
        task,
        &delivery_id,
        template_id,
        email.language,
        now,
    )
    .await?
    {
        return Ok(Sent::AlreadySent);
    }
    let identity = db::engine::mail_identity(pool, &shop.id).await?;
    let from = identity.from_header(&sender.mail_from);
    let message_id = crate::mail::message_id(&delivery_id, &from);
    let message = build_message(
        &from,
        &OutgoingEmail {
            to: task.email.clone(),
            subject: email.subject,
            html: email.html,
            text: email.text,
            message_id: Some(message_id.clone()),
            unsubscribe_url: Some(sender.signer.url(
                crate::links::LinkKind::Unsubscribe,
                &delivery_id,
                "",
            )),
            reply_to: identity.reply_to(),
        },
    );
    let sent = match message {
        Ok(message) => sender.mail.send(message).await.map_err(anyhow::Error::from),
        Err(error) => Err(anyhow::Error::from(error)),
    };
    match sent {
        Ok(()) => {
            calls::call_email_sent(pool, &delivery_id, &message_id, now).await?;
            Ok(Sent::Sent)
        }
        Err(error) => {
            calls::drop_call_email(pool, &delivery_id).await?;
            Ok(Sent::Failed(format!("{error:#}")))
        }
    }
}
