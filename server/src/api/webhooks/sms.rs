//! `POST /webhooks/sms/<shop-slug>/<secret>` and `POST /webhooks/sms/<shop-slug>`: what the
//! shop's SMS provider reports back. A reply of STOP (or ARRET…) and a provider's opt-out
//! or hard bounce stop SMS to that number. The first form is the address Relance gives the
//! provider with every message (the shop's secret in it, for providers that sign nothing);
//! the second takes a relay's `Relance-Signature` made with the same secret.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use chrono::Utc;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::api::error::ApiError;
use crate::db;
use crate::outbound::SIGNATURE_HEADER;
use crate::sms::inbound::{read, Notice};
use crate::state::AppState;

/// A signed notice older or newer than this is refused (a replay).
const SIGNATURE_TOLERANCE_SECONDS: i64 = 300;

#[derive(Debug, Serialize, ToSchema)]
pub struct SmsNoticeAnswer {
    /// `stop` (no more SMS to the number), `undeliverable` (the same), or `none`.
    pub action: &'static str,
    /// The number, in E.164, when the notice named one.
    pub phone: Option<String>,
}

/// SMS provider notices (secret in the address)
///
/// A reply or an SMS event from the shop's provider: `{"from": "+33612345678", "text":
/// "STOP"}`, or Brevo's SMS event (`to`, `msg_status`: `replied` with `reply`,
/// `unsubscribed`, `hardBounce`). Relance passes this address as each message's `webUrl`.
#[utoipa::path(
    post,
    operation_id = "sms_notice",
    path = "/webhooks/sms/{shop}/{secret}",
    tag = "webhooks",
    // The secret in the address is the credential.
    security(()),
    params(
        ("shop" = String, Path, description = "The shop's slug"),
        ("secret" = String, Path, description = "The shop's SMS secret (Connect page, SMS)"),
    ),
    request_body(content = Object, description = "A reply or a provider's SMS event"),
    responses(
        (status = 200, description = "Read; what it did", body = SmsNoticeAnswer),
        (status = 401, description = "Wrong secret", body = crate::api::error::ErrorBody),
        (status = 422, description = "Neither shape, or no valid number", body = crate::api::error::ErrorBody),
    )
)]
pub async fn with_secret(
    State(state): State<AppState>,
    Path((slug, secret)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<SmsNoticeAnswer>, ApiError> {
    let stored = shop_secret(&state, &slug).await?;
    // Digests compared, so the time taken says nothing about how much matched.
    if Sha256::digest(secret.as_bytes()) != Sha256::digest(stored.as_bytes()) {
        return Err(ApiError::BadSignature);
    }
    act(&state, &slug, &body).await
}

/// SMS provider notices (signed)
///
/// The same notices from a relay that signs them: `Relance-Signature: t=<unix
/// seconds>,v1=<hex>`, the HMAC-SHA256 of `"<t>.<body>"` with the shop's SMS secret, within
/// five minutes of Relance's clock.
#[utoipa::path(
    post,
    operation_id = "sms_notice_signed",
    path = "/webhooks/sms/{shop}",
    tag = "webhooks",
    security(("relance_signature" = [])),
    params(("shop" = String, Path, description = "The shop's slug")),
    request_body(content = Object, description = "A reply or a provider's SMS event"),
    responses(
        (status = 200, description = "Read; what it did", body = SmsNoticeAnswer),
        (status = 401, description = "Wrong, old or missing signature", body = crate::api::error::ErrorBody),
        (status = 422, description = "Neither shape, or no valid number", body = crate::api::error::ErrorBody),
    )
)]
pub async fn signed(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<SmsNoticeAnswer>, ApiError> {
    let secret = shop_secret(&state, &slug).await?;
    let header = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or(ApiError::BadSignature)?;
    if !signature_holds(&secret, header, &body, Utc::now().timestamp()) {
        return Err(ApiError::BadSignature);
    }
    act(&state, &slug, &body).await
}

/// Whether `header` (`t=…,v1=…`) signs `body` with `secret`, recently enough.
fn signature_holds(secret: &str, header: &str, body: &[u8], now: i64) -> bool {
    let mut time = None;
    let mut given = None;
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => time = t.parse::<i64>().ok(),
            Some(("v1", v)) => given = Some(v),
            _ => {}
        }
    }
    let (Some(time), Some(given)) = (time, given) else {
        return false;
    };
    if (now - time).abs() > SIGNATURE_TOLERANCE_SECONDS || given.len() != 64 {
        return false;
    }
    let Some(given): Option<Vec<u8>> = (0..32)
        .map(|i| u8::from_str_radix(&given[2 * i..2 * i + 2], 16).ok())
        .collect()
    else {
        return false;
    };
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any size");
    mac.update(time.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.verify_slice(&given).is_ok()
}

/// The shop's SMS secret; an unknown shop reads as a wrong secret.
async fn shop_secret(state: &AppState, slug: &str) -> Result<String, ApiError> {
    if !db::shop_exists(state.pool(), slug).await? {
        return Err(ApiError::BadSignature);
    }
    Ok(db::secrets::sms_inbound_secret(state.pool(), slug, Utc::now()).await?)
}

async fn act(state: &AppState, slug: &str, body: &[u8]) -> Result<Json<SmsNoticeAnswer>, ApiError> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| ApiError::MalformedJson(e.to_string()))?;
    let notice = read(&value).ok_or_else(|| {
        ApiError::BadShape(
            "expected {\"from\", \"text\"} or an SMS event with `to` and `msg_status`".into(),
        )
    })?;
    let Some((raw, reason)) = notice.suppression() else {
        return Ok(Json(SmsNoticeAnswer {
            action: "none",
            phone: None,
        }));
    };
    // Providers write numbers with or without the `+`.
    let phone = crate::phone::normalise(raw, None)
        .or_else(|_| crate::phone::normalise(&format!("+{raw}"), None))
        .map_err(|message| ApiError::InvalidField {
            field: if matches!(notice, Notice::Stop { .. }) && value["from"].is_string() {
                "from"
            } else {
                "to"
            },
            message,
        })?;
    let customers =
        db::sms::suppress_number(state.pool(), slug, phone.as_str(), reason, Utc::now()).await?;
    tracing::info!(shop = slug, reason, customers, "a number gets no more SMS");
    Ok(Json(SmsNoticeAnswer {
        action: if reason == "stop" {
            "stop"
        } else {
            "undeliverable"
        },
        phone: Some(phone.to_string()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_only_for_its_body_secret_and_time() {
        let body = br#"{"from":"+33612345678","text":"STOP"}"#;
        let header = crate::outbound::sign("secret", 1_000_000, body);
        assert!(signature_holds("secret", &header, body, 1_000_100));
        assert!(!signature_holds("other", &header, body, 1_000_100));
        assert!(!signature_holds("secret", &header, b"{}", 1_000_100));
        assert!(!signature_holds("secret", &header, body, 1_000_400));
        assert!(!signature_holds(
            "secret",
            "t=1000000,v1=zz",
            body,
            1_000_000
        ));
        assert!(!signature_holds("secret", "", body, 1_000_000));
    }
}
