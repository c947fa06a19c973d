//! Sends a webhook step: the signed document POSTed to the step's address, each attempt
//! logged for the cart page. A 2xx is sent; no answer, a timeout, 408, 429 or a 5xx is tried
//! again with the mails' backoff; any other answer fails the step for this cart only (the
//! customer's address is never suppressed for a receiver's fault).

use chrono::{DateTime, Utc};
use domain::calls::WebhookUrl;
use domain::engine::stop_reason;
use domain::{Campaign, Shop};

use super::attempt::{backoff, jitter, Outcome};
use super::sender::Sender;
use crate::db::deliveries::Claimed;
use crate::db::outcomes::Record;
use crate::db::sending::Prepared;
use crate::db::webhook_attempts::{self, Attempt};
use crate::links::LinkKind;
use crate::outbound::{document, sign, PostError, StepDocument, SIGNATURE_HEADER};

/// The step a delivery is for, when it is a webhook step: its rule, its place, its address.
pub(super) fn webhook_step<'c>(
    campaigns: &'c [Campaign],
    step_id: &str,
) -> Option<(&'c Campaign, usize, &'c WebhookUrl)> {
    campaigns.iter().find_map(|campaign| {
        let (index, step) = campaign
            .steps()
            .iter()
            .enumerate()
            .find(|(_, step)| step.id == step_id)?;
        Some((campaign, index + 1, step.channel.webhook()?))
    })
}

pub(super) struct WebhookSend<'a> {
    pub shop: &'a Shop,
    pub rule: &'a Campaign,
    pub number: usize,
    pub url: &'a WebhookUrl,
}

pub(super) async fn deliver(
    sender: &Sender,
    send: WebhookSend<'_>,
    delivery: &Claimed,
    check: Prepared,
    max_attempts: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<(Outcome, Record)> {
    let id = delivery.delivery_id.clone();
    if let Some(reason) = stop_reason(check.state.stops()) {
        let record = Record::Skipped {
            delivery_id: id,
            reason,
        };
        return Ok((Outcome::Skipped(reason), record));
    }
    let secret = crate::db::secrets::step_webhook_secret(&sender.pool, &send.shop.id, now).await?;
    let recovery = sender.signer.url(LinkKind::Recover, &id, "");
    let step = StepDocument {
        delivery_id: &id,
        rule_id: send.rule.id(),
        rule_name: send.rule.name(),
        step_id: &delivery.step_id,
        step_number: send.number,
        recovery_url: &recovery,
    };
    let body = serde_json::to_vec(&document(
        &step,
        send.shop,
        &check.customer,
        &check.cart,
        check.coupon.as_ref(),
        now,
    ))?;
    // The receiver compares the signed time with its own clock, so it is the real one even
    // when a pass runs "as if" another time.
    let signature = sign(&secret, Utc::now().timestamp(), &body);
    let headers = [
        (SIGNATURE_HEADER, signature),
        ("Relance-Delivery", id.clone()),
        ("Relance-Attempt", delivery.attempts.to_string()),
    ];
    let started = std::time::Instant::now();
    let posted = sender.http.post(send.url.as_str(), &headers, body).await;
    let (status, error) = match &posted {
        Ok(posted) if (200..300).contains(&posted.status) => (Some(posted.status), None),
        Ok(posted) => (Some(posted.status), Some(format!("HTTP {}", posted.status))),
        Err(error) => (None, Some(error.to_string())),
    };
    webhook_attempts::record(
        &sender.pool,
        &send.shop.id,
        &Attempt {
            delivery_id: id.clone(),
            attempt: delivery.attempts,
            attempted_at: now,
            url: send.url.as_str().to_owned(),
            status_code: status.map(i64::from),
            error: error.clone(),
            duration_ms: i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX),
        },
    )
    .await?;
    let retryable = match &posted {
        Ok(posted) => matches!(posted.status, 408 | 429 | 500..=599),
        Err(PostError::NoAnswer(_)) => true,
        Err(PostError::Private(_)) => false,
    };
    Ok(match error {
        None => (
            Outcome::Sent,
            Record::Sent {
                delivery_id: id,
                message_id: String::new(),
                template_id: String::new(),
            },
        ),
        Some(error) if retryable && delivery.attempts < max_attempts => {
            tracing::warn!(delivery = %id, %error, "webhook not delivered, will retry");
            (
                Outcome::Retrying,
                Record::Retry {
                    delivery_id: id,
                    error,
                    retry_at: now + backoff(delivery.attempts, jitter()),
                },
            )
        }
        Some(error) => {
            tracing::warn!(delivery = %id, %error, "webhook failed for good");
            (
                Outcome::Failed,
                Record::Failed {
                    delivery_id: id,
                    shop_id: delivery.shop_id.clone(),
                    email: check.email,
                    error,
                    suppress: false,
                },
            )
        }
    })
}
