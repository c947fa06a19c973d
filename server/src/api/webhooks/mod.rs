//! Platform webhooks: `POST /webhooks/<platform>/<shop-slug>`. Each is signed with the shop's
//! secret for the platform (HMAC-SHA256 of the raw body, base64, compared in constant time),
//! turned into Relance's own events, checked like the events API's, and stored under the
//! platform's key, so a redelivered webhook (same delivery id) is a duplicate, not a new event.

mod privacy;
pub mod shopify;
pub mod sms;
pub mod woocommerce;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use base64::Engine;
use domain::Currency;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub use shopify::receive as shopify;
pub use woocommerce::receive as woocommerce;

use super::error::ApiError;
use super::events::{parse_events, Accepted};
use crate::db::api_keys::ApiKeyOwner;
use crate::db::{self, webhooks::WebhookSecret, Pool};
use crate::state::AppState;

/// What a webhook gets back: how many events were new and how many were seen before.
pub type Answer = (StatusCode, Json<Accepted>);

/// The answer when the webhook says nothing Relance keeps (a ping, a partial refund).
pub(super) fn nothing_stored() -> Answer {
    let nothing = Accepted {
        accepted: 0,
        duplicates: 0,
    };
    (StatusCode::OK, Json(nothing))
}

/// Checks the events a webhook became, as the events API checks its own, and stores them
/// under the platform's key.
pub(super) async fn store(
    state: &AppState,
    owner: ApiKeyOwner,
    events: Vec<serde_json::Value>,
) -> Result<Answer, ApiError> {
    if events.is_empty() {
        return Ok(nothing_stored());
    }
    let currency = Currency::parse(&owner.currency).unwrap_or(Currency::EUR);
    let batch = serde_json::json!({ "events": events }).to_string();
    let events = parse_events(batch.as_bytes(), currency)?;
    let summary = state.ingest.submit(owner, events).await?;
    Ok((
        StatusCode::OK,
        Json(Accepted {
            accepted: summary.accepted,
            duplicates: summary.duplicates,
        }),
    ))
}

/// Notes a platform's request in the shop's Connect log: its topic and delivery id, and how it
/// ended (a shop the slug does not name gets nothing written).
pub(super) fn note(
    state: &AppState,
    slug: &str,
    platform: &Platform,
    topic_header: &str,
    headers: &HeaderMap,
    result: &Result<Answer, ApiError>,
) {
    let summary = format!(
        "{} {}",
        header(headers, topic_header).unwrap_or("(no topic)"),
        header(headers, platform.delivery_header).unwrap_or_default()
    );
    let counts = result
        .as_ref()
        .map(|(_, Json(accepted))| (accepted.accepted, accepted.duplicates));
    super::log::note(state, slug, platform.name, summary, counts);
}

pub(super) fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// A webhook secret is at least this long.
pub const MIN_SECRET_CHARS: usize = 16;

/// The platforms a shop can connect by webhook.
pub const PLATFORMS: [&str; 2] = ["shopify", "woocommerce"];

/// A platform's payload read into `T`; a wrong type gets 422 naming the field.
pub(super) fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let field = error.path().to_string();
        ApiError::BadShape(format!("{field}: {}", error.into_inner()))
    })
}

/// Whether `signature` (base64) is the HMAC-SHA256 of `body` with `secret`, in constant time.
pub fn signed_by(secret: &str, body: &[u8], signature: &str) -> bool {
    let Ok(expected) = base64::engine::general_purpose::STANDARD.decode(signature.trim()) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(body);
    mac.verify_slice(&expected).is_ok()
}

/// The signature of `body` with `secret`, as the platforms send it (tests and the docs' example).
pub fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The shop's secret for `platform` when `signature` matches the body; a shop without one and
/// a wrong signature look the same (401), so the URL reveals nothing.
async fn verified(
    pool: &Pool,
    slug: &str,
    platform: &str,
    body: &Bytes,
    signature: Option<&str>,
) -> Result<WebhookSecret, ApiError> {
    let Some(found) = db::webhooks::find(pool, slug, platform).await? else {
        return Err(ApiError::BadSignature);
    };
    match signature {
        Some(signature) if signed_by(&found.secret, body, signature) => Ok(found),
        _ => Err(ApiError::BadSignature),
    }
}

/// What to do with a shop's webhook secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretChange<'a> {
    /// Keep it, making one the first time.
    Keep,
    /// A new random one (the old one stops working).
    Rotate,
    /// This one (Shopify's app secret), at least 16 characters.
    Set(&'a str),
}

/// How a platform signs and names its deliveries.
pub(super) struct Platform {
    pub name: &'static str,
    pub signature_header: &'static str,
    pub delivery_header: &'static str,
}

/// A delivery whose signature matched: the shop's secret and events' owner, the body, and the
/// delivery's id (the events' id, so a redelivery is a duplicate).
pub(super) struct Delivery {
    pub found: WebhookSecret,
    pub body: Bytes,
    pub id: String,
}

/// Reads a JSON delivery and checks its signature and id, as every platform's handler must.
pub(super) async fn signed_delivery(
    pool: &Pool,
    slug: &str,
    platform: &Platform,
    headers: &HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Delivery, ApiError> {
    let body = super::body::json_body(headers, body)?;
    let signature = header(headers, platform.signature_header);
    let found = verified(pool, slug, platform.name, &body, signature).await?;
    let id = header(headers, platform.delivery_header)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| {
            ApiError::BadShape(format!(
                "the {} header is missing",
                platform.delivery_header
            ))
        })?
        .to_owned();
    Ok(Delivery { found, body, id })
}

/// Sets (or, without a value, makes) the shop's secret for `platform`; returns it.
pub async fn set_secret(
    pool: &Pool,
    slug: &str,
    platform: &str,
    value: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<String> {
    let change = value.map_or(SecretChange::Keep, SecretChange::Set);
    change_secret(pool, slug, platform, change, now).await
}

/// Changes the shop's secret for `platform` as asked; returns the secret now in use.
pub async fn change_secret(
    pool: &Pool,
    slug: &str,
    platform: &str,
    change: SecretChange<'_>,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<String> {
    use crate::auth::session::{new_token, token_hash};
    anyhow::ensure!(
        PLATFORMS.contains(&platform),
        "--platform is shopify or woocommerce"
    );
    anyhow::ensure!(
        db::find_shop(pool, slug).await?.is_some(),
        "no shop `{slug}`: `relance shop list` prints the slugs"
    );
    let secret = match change {
        SecretChange::Set(value) if value.trim().len() >= MIN_SECRET_CHARS => {
            value.trim().to_owned()
        }
        SecretChange::Set(_) => {
            anyhow::bail!("a webhook secret has at least {MIN_SECRET_CHARS} characters")
        }
        SecretChange::Rotate => new_token(),
        SecretChange::Keep => match db::webhooks::find(pool, slug, platform).await? {
            Some(found) => return Ok(found.secret),
            None => new_token(),
        },
    };
    db::webhooks::set(
        pool,
        slug,
        platform,
        &secret,
        &token_hash(&new_token()),
        now,
    )
    .await?;
    Ok(secret)
}
