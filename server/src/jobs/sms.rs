//! Sends an SMS step: the step's text in the customer's language with a short signed link,
//! through the shop's provider, each attempt logged for the cart page. An outage, a limit or
//! our own settings only delay it (until it is too late and skipped); a provider's verdict on
//! the number stops SMS to that number alone.

use chrono::{DateTime, Utc};
use domain::email::{EmailLinks, RenderContext, RenderError};
use domain::engine::{stop_reason, SkipReason};
use domain::sms::{render_sms, Encoding, SmsTexts};
use domain::{Campaign, Shop};

use super::attempt::{backoff, jitter, Outcome};
use super::sender::Sender;
use crate::db::deliveries::Claimed;
use crate::db::outcomes::Record;
use crate::db::sending::Prepared;
use crate::db::webhook_attempts::{self, Attempt};
use crate::sms::{provider, SmsMessage, SmsResult};

/// The texts of the step a delivery is for, when it is an SMS step.
pub(super) fn sms_step<'c>(campaigns: &'c [Campaign], step_id: &str) -> Option<&'c SmsTexts> {
    campaigns
        .iter()
        .flat_map(Campaign::steps)
        .find(|step| step.id == step_id)?
        .channel
        .sms()
}

pub(super) async fn deliver(
    sender: &Sender,
    shop: &Shop,
    texts: &SmsTexts,
    delivery: &Claimed,
    check: Prepared,
    now: DateTime<Utc>,
) -> anyhow::Result<(Outcome, Record)> {
    let id = delivery.delivery_id.clone();
    let skipped = |reason| {
        let record = Record::Skipped {
            delivery_id: id.clone(),
            reason,
        };
        Ok((Outcome::Skipped(reason), record))
    };
    if let Some(reason) = stop_reason(check.state.stops()) {
        return skipped(reason);
    }
    // Decided earlier; the customer may have replied STOP since.
    let Some(phone) = check.customer.phone.clone() else {
        return skipped(SkipReason::NoPhone);
    };
    let pool = &sender.pool;
    if !check.customer.sms_consent
        || crate::db::sms::is_suppressed(pool, &shop.id, phone.as_str()).await?
    {
        return skipped(SkipReason::NoSmsConsent);
    }
    let links = EmailLinks {
        cart: sender.signer.short_url(&id),
        shop: shop.url.as_str().to_owned(),
        unsubscribe: String::new(),
        products: Vec::new(),
        open_pixel: None,
        recommended: Vec::new(),
        icons: sender.signer.icons_url(),
    };
    let context = RenderContext {
        shop: shop.clone(),
        customer: (&check.customer).into(),
        cart: check.cart,
        discount: check.coupon,
        links,
        recommendations: Vec::new(),
    };
    let sms = match render_sms(texts, &context) {
        Ok(sms) => sms,
        Err(RenderError::NoContentForLanguage { .. }) => {
            return skipped(SkipReason::NoContentForLanguage)
        }
        Err(error) => return Err(error.into()),
    };
    let retry = |error: String| {
        tracing::warn!(delivery = %id, %error, "SMS not sent, will retry");
        (
            Outcome::Retrying,
            Record::Retry {
                delivery_id: id.clone(),
                error,
                retry_at: now + backoff(delivery.attempts, jitter()),
            },
        )
    };
    let Some(config) = crate::db::sms::provider(pool, &shop.id).await? else {
        return Ok(retry("no SMS provider is set up (Connect page)".to_owned()));
    };
    let secret = crate::db::secrets::sms_inbound_secret(pool, &shop.id, now).await?;
    let status_url = format!(
        "{}/webhooks/sms/{}/{secret}",
        sender.signer.public_url(),
        shop.id
    );
    let started = std::time::Instant::now();
    let exchange = provider(config, sender.http.clone())
        .send(&SmsMessage {
            to: &phone,
            text: &sms.text,
            reference: &id,
            unicode: sms.length.encoding == Encoding::Ucs2,
            status_url: &status_url,
        })
        .await;
    let error = match &exchange.result {
        SmsResult::Accepted { .. } => None,
        SmsResult::Retry(error) => Some(error.clone()),
        SmsResult::Refused { detail, .. } => Some(detail.clone()),
    };
    webhook_attempts::record(
        pool,
        &shop.id,
        &Attempt {
            delivery_id: id.clone(),
            attempt: delivery.attempts,
            attempted_at: now,
            url: exchange.url.clone(),
            status_code: exchange.status.map(i64::from),
            error,
            duration_ms: i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX),
        },
    )
    .await?;
    Ok(match exchange.result {
        SmsResult::Accepted { provider_id } => (
            Outcome::Sent,
            Record::Sent {
                delivery_id: id.clone(),
                message_id: provider_id,
                template_id: String::new(),
            },
        ),
        SmsResult::Retry(error) => retry(error),
        SmsResult::Refused { refusal, detail } => {
            tracing::warn!(delivery = %id, %detail, "the SMS provider refused the number");
            crate::db::sms::suppress_number(pool, &shop.id, phone.as_str(), refusal.as_str(), now)
                .await?;
            (
                Outcome::Failed,
                Record::Failed {
                    delivery_id: id.clone(),
                    shop_id: delivery.shop_id.clone(),
                    email: check.email,
                    error: detail,
                    suppress: false,
                },
            )
        }
    })
}
