//! The sending side of a pass: renders each claimed reminder with signed links, sends it, and
//! hands its outcome back to the store at once.

use std::collections::VecDeque;
use std::sync::Arc;

use anyhow::Context;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::email::{render, EmailLinks, RenderContext, RenderError};
use domain::engine::{open_at, stop_reason, too_late, SendingRules, SkipReason};
use domain::recommend::Recommendation;
use domain::{Campaign, Cart, EmailTemplate, Shop};
use futures_util::stream::{FuturesUnordered, StreamExt};
use tokio::sync::mpsc;

use super::attempt::{backoff, jitter, Outcome};
use super::sender::Sender;
use super::summary::RunSummary;
use crate::db::deliveries::Claimed;
use crate::db::outcomes::Record;
use crate::db::sending::Prepared;
use crate::db::{self, engine};
use crate::links::{LinkKind, LinkSigner};
use crate::mail::{build_message, MailError, OutgoingEmail, SenderFault};
use crate::zones::{customer_zone, shop_zone};

/// Reminders in flight at once. lettre writes the final `.` of a message in its own small
/// packet without TCP_NODELAY, so a single connection waits out the peer's delayed ACK (40 ms)
/// on many messages; several connections of its pool hide those waits.
const IN_FLIGHT: usize = crate::mail::SMTP_CONNECTIONS as usize;

/// A claimed delivery and what sending it needs; `None` when its cart or customer is gone.
pub type Ready = (Claimed, Option<Prepared>);

/// Sends every batch the store hands out, up to IN_FLIGHT at once, and passes each outcome
/// back to the store as soon as it is known.
pub async fn send_all(
    sender: &Sender,
    shop: &Shop,
    campaigns: &[Campaign],
    now: DateTime<Utc>,
    mut ready: mpsc::Receiver<Vec<Ready>>,
    finished: mpsc::UnboundedSender<Record>,
    summary: &mut RunSummary,
) -> anyhow::Result<Option<SenderFault>> {
    let pool = &sender.pool;
    let shop = shop.clone();
    let templates = db::load_templates(pool, &shop.id).await?;
    let max_attempts = engine::max_attempts(pool, &shop.id).await?;
    let identity = engine::mail_identity(pool, &shop.id).await?;
    let rules = engine::engine_settings(pool, &shop.id).await?.rules;
    let zone = shop_zone(&shop.time_zone);
    let shared = Arc::new(Pass {
        from: identity.from_header(&sender.mail_from),
        reply_to: identity.reply_to(),
        shop,
        campaigns: campaigns.to_vec(),
        templates,
        rules,
        zone,
    });
    let mut queue: VecDeque<Ready> = VecDeque::new();
    let mut in_flight = FuturesUnordered::new();
    let mut exhausted = false;
    // The first fault on the sending side: nothing more is started, what waits goes back.
    let mut fault = None;
    loop {
        if fault.is_none() && !exhausted && queue.len() < IN_FLIGHT {
            match ready.recv().await {
                Some(batch) => queue.extend(batch),
                None => exhausted = true,
            }
        }
        while fault.is_none() && in_flight.len() < IN_FLIGHT {
            let Some((delivery, prepared)) = queue.pop_front() else {
                break;
            };
            let (sender, shared) = (sender.clone(), shared.clone());
            in_flight.push(tokio::spawn(async move {
                deliver(&sender, &shared, &delivery, prepared, max_attempts, now).await
            }));
        }
        let Some(done) = in_flight.next().await else {
            if fault.is_some() || (exhausted && queue.is_empty()) {
                break;
            }
            continue;
        };
        let (outcome, record) = done.context("a send task failed")??;
        if finished.send(record).is_err() {
            break; // the store stopped on an error, returned by the caller
        }
        match outcome {
            Outcome::Sent => summary.sent += 1,
            Outcome::Skipped(reason) => {
                *summary
                    .skipped
                    .entry(reason.as_str().to_owned())
                    .or_default() += 1
            }
            Outcome::Retrying => summary.retrying += 1,
            Outcome::Postponed(until) => summary.add_wait(until),
            Outcome::Failed => summary.failed += 1,
            Outcome::Deferred(at_fault) => {
                fault.get_or_insert(at_fault);
            }
        }
    }
    if let Some(fault) = fault {
        tracing::error!(%fault, "sending stopped; every reminder not sent stays queued");
        for (delivery, _) in queue {
            let _ = finished.send(Record::Deferred {
                delivery_id: delivery.delivery_id,
                error: fault.to_string(),
            });
        }
    }
    Ok(fault)
}

/// The links of one delivery, each signed for it.
pub fn signed_links(
    signer: &LinkSigner,
    delivery_id: &str,
    shop: &Shop,
    cart: &Cart,
) -> EmailLinks {
    EmailLinks {
        cart: signer.url(LinkKind::Recover, delivery_id, ""),
        shop: signer.url(LinkKind::Click, delivery_id, shop.url.as_str()),
        unsubscribe: signer.url(LinkKind::Unsubscribe, delivery_id, ""),
        products: cart
            .items
            .iter()
            .map(|item| {
                item.product_url
                    .as_ref()
                    .map(|url| signer.url(LinkKind::Click, delivery_id, url.as_str()))
            })
            .collect(),
        open_pixel: Some(signer.url(LinkKind::Open, delivery_id, "")),
        recommended: Vec::new(),
        icons: signer.icons_url(),
    }
}

/// What every send of a pass shares.
struct Pass {
    shop: Shop,
    /// Every rule of the shop: a queued reminder may be any rule's step.
    campaigns: Vec<Campaign>,
    templates: Vec<EmailTemplate>,
    from: String,
    reply_to: Option<String>,
    /// The shop's sending rules: a reminder queued too long ago is skipped, not sent stale.
    rules: SendingRules,
    /// The shop's time zone, for the quiet hours of customers without their own.
    zone: Tz,
}

/// Sends one claimed reminder, unless something stopped it since the decision; returns its
/// outcome and the record the store writes.
async fn deliver(
    sender: &Sender,
    pass: &Pass,
    delivery: &Claimed,
    prepared: Option<Prepared>,
    max_attempts: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<(Outcome, Record)> {
    let skipped = |reason| {
        let record = Record::Skipped {
            delivery_id: delivery.delivery_id.clone(),
            reason,
        };
        Ok((Outcome::Skipped(reason), record))
    };
    let Some(check) = prepared else {
        return skipped(SkipReason::Deleted);
    };
    // Retried after a fault or a refusal: not later than any step may go out.
    if too_late(delivery.queued_at, &pass.rules, now) {
        return skipped(SkipReason::TooLate);
    }
    // Nor inside the customer's quiet hours, which a retry can reach (an SMS keeps the
    // night's even where the shop set none).
    let sms = super::sms::sms_step(&pass.campaigns, &delivery.step_id);
    let rules = match sms {
        Some(_) => pass.rules.for_sms(),
        None => pass.rules,
    };
    let zone = customer_zone(check.time_zone.as_deref(), pass.zone);
    let opens = open_at(now, &rules, &zone);
    if opens > now {
        let record = Record::Postponed {
            delivery_id: delivery.delivery_id.clone(),
            until: opens,
        };
        return Ok((Outcome::Postponed(opens), record));
    }
    if let Some(texts) = sms {
        return super::sms::deliver(sender, &pass.shop, texts, delivery, check, now).await;
    }
    if let Some((rule, number, url)) =
        super::webhook::webhook_step(&pass.campaigns, &delivery.step_id)
    {
        let send = super::webhook::WebhookSend {
            shop: &pass.shop,
            rule,
            number,
            url,
        };
        return super::webhook::deliver(sender, send, delivery, check, max_attempts, now).await;
    }
    let template = match template_to_send(pass, delivery, &check) {
        Ok(template) => template,
        Err(reason) => return skipped(reason),
    };
    let recommended = if super::recommend::wants_recommendations(template) {
        super::recommend::recommendations(
            &sender.pool,
            &sender.signer,
            &pass.shop.id,
            &check.cart,
            &delivery.delivery_id,
            now,
        )
        .await?
    } else {
        (Vec::new(), Vec::new())
    };
    let email = match render_reminder(sender, pass, delivery, template, check, recommended)? {
        Ok(email) => email,
        Err(reason) => return skipped(reason),
    };
    let sent = match build_message(&pass.from, &email) {
        Ok(message) => sender.mail.send(message).await,
        Err(error) => Err(error),
    };
    Ok(outcome(
        delivery,
        email,
        &template.id,
        sent,
        max_attempts,
        now,
    ))
}

/// The step's template, or why the reminder may no longer go out: things change between the
/// decision and the send (an order, an unsubscribe, a bounce, a template deleted).
fn template_to_send<'p>(
    pass: &'p Pass,
    delivery: &Claimed,
    check: &Prepared,
) -> Result<&'p EmailTemplate, SkipReason> {
    if let Some(reason) = stop_reason(check.state.stops()) {
        return Err(reason);
    }
    pass.campaigns
        .iter()
        .flat_map(Campaign::steps)
        .find(|step| step.id == delivery.step_id)
        .and_then(|step| {
            let id = step.template_for(&check.cart);
            pass.templates.iter().find(|t| t.id == id)
        })
        .ok_or(SkipReason::TemplateMissing)
}

/// The reminder rendered with its signed links, ready to send; a skip when the template has
/// no content in any language the customer reads.
fn render_reminder(
    sender: &Sender,
    pass: &Pass,
    delivery: &Claimed,
    template: &EmailTemplate,
    check: Prepared,
    (products, links): (Vec<Recommendation>, Vec<String>),
) -> anyhow::Result<Result<OutgoingEmail, SkipReason>> {
    let context = RenderContext {
        links: signed_links(
            &sender.signer,
            &delivery.delivery_id,
            &pass.shop,
            &check.cart,
        ),
        shop: pass.shop.clone(),
        customer: (&check.customer).into(),
        cart: check.cart,
        discount: check.coupon,
        recommendations: Vec::new(),
    }
    .with_recommendations(products, links);
    let email = match render(template, &context) {
        Ok(email) => email,
        Err(RenderError::NoContentForLanguage { .. }) => {
            return Ok(Err(SkipReason::NoContentForLanguage));
        }
        Err(error) => return Err(error).context("cannot render a reminder"),
    };
    Ok(Ok(OutgoingEmail {
        to: check.email,
        subject: email.subject,
        html: email.html,
        text: email.text,
        message_id: Some(crate::mail::message_id(&delivery.delivery_id, &pass.from)),
        unsubscribe_url: Some(context.links.unsubscribe),
        reply_to: pass.reply_to.clone(),
    }))
}

/// What a send's result means for the reminder: sent, tried again later, or failed for good.
fn outcome(
    delivery: &Claimed,
    email: OutgoingEmail,
    template_id: &str,
    sent: Result<(), MailError>,
    max_attempts: i64,
    now: DateTime<Utc>,
) -> (Outcome, Record) {
    let id = delivery.delivery_id.clone();
    match sent {
        Ok(()) => (
            Outcome::Sent,
            Record::Sent {
                template_id: template_id.to_owned(),
                delivery_id: id,
                message_id: email.message_id.unwrap_or_default(),
            },
        ),
        Err(MailError::Transport(error)) if delivery.attempts < max_attempts => {
            tracing::warn!(delivery = %id, %error, "sending failed, will retry");
            (
                Outcome::Retrying,
                Record::Retry {
                    delivery_id: id,
                    error: error.to_string(),
                    retry_at: now + backoff(delivery.attempts, jitter()),
                },
            )
        }
        Err(MailError::Sender { fault, cause }) => {
            tracing::warn!(delivery = %id, %fault, %cause, "not sent: fault on the sending side");
            (
                Outcome::Deferred(fault),
                Record::Deferred {
                    delivery_id: id,
                    error: format!("{fault}: {cause}"),
                },
            )
        }
        Err(error) => {
            let permanent = matches!(error, MailError::Permanent(_));
            tracing::warn!(delivery = %id, %error, permanent, "sending failed for good");
            (
                Outcome::Failed,
                Record::Failed {
                    delivery_id: id,
                    shop_id: delivery.shop_id.clone(),
                    email: email.to,
                    error: error.to_string(),
                    suppress: permanent,
                },
            )
        }
    }
}
