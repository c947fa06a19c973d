//! The Connect page's part of the admin's backend: webhooks and the storefront tracker.

use app::api::{TrackerChange, TrackerLine, WebhookLine};
use app::backend::{BackendError, ConnectBackend};
use async_trait::async_trait;

use super::backend::{anyhow_error, DbBackend};
use crate::api::webhooks::{change_secret, SecretChange, MIN_SECRET_CHARS, PLATFORMS};
use crate::db;
use chrono::Utc;
use domain::Origin;

#[async_trait]
impl ConnectBackend for DbBackend {
    fn events_endpoint(&self) -> String {
        crate::shops::events_endpoint(self.public_url())
    }

    async fn step_webhook_secret(&self, shop: &domain::Shop) -> Result<String, BackendError> {
        Ok(db::secrets::step_webhook_secret(self.pool(), &shop.id, chrono::Utc::now()).await?)
    }

    async fn webhooks(&self, shop: &domain::Shop) -> Result<Vec<WebhookLine>, BackendError> {
        let mut lines = Vec::new();
        for platform in PLATFORMS {
            let secret = db::webhooks::find(self.pool(), &shop.id, platform)
                .await?
                .map(|found| found.secret);
            lines.push(WebhookLine {
                platform: platform.to_owned(),
                url: format!(
                    "{}/webhooks/{platform}/{}",
                    self.public_url().trim_end_matches('/'),
                    shop.id
                ),
                secret,
            });
        }
        Ok(lines)
    }

    async fn set_webhook_secret(
        &self,
        shop: &domain::Shop,
        platform: &str,
        value: Option<&str>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Result<(), String>, BackendError> {
        if !PLATFORMS.contains(&platform) {
            return Ok(Err("platform: shopify or woocommerce".into()));
        }
        if value.is_some_and(|v| v.chars().count() < MIN_SECRET_CHARS) {
            return Ok(Err(format!(
                "value: a webhook secret has at least {MIN_SECRET_CHARS} characters"
            )));
        }
        let change = value.map_or(SecretChange::Rotate, SecretChange::Set);
        change_secret(self.pool(), &shop.id, platform, change, now)
            .await
            .map_err(anyhow_error)?;
        Ok(Ok(()))
    }

    async fn connect_log(
        &self,
        shop: &domain::Shop,
    ) -> Result<Vec<app::api::ConnectLogLine>, BackendError> {
        let rows = db::connect_log::list(self.pool(), &shop.id).await?;
        Ok(rows
            .into_iter()
            .map(|row| app::api::ConnectLogLine {
                at: row.received_at,
                source: row.source,
                summary: row.summary,
                result: row.result,
                reason: row.reason,
            })
            .collect())
    }

    async fn send_test_event(
        &self,
        shop: &domain::Shop,
    ) -> Result<Result<(), String>, BackendError> {
        use crate::connect_log::Outcome;
        self.tracker(shop).await?;
        let tracker = db::trackers::for_shop(self.pool(), &shop.id)
            .await?
            .ok_or_else(|| BackendError::new("the shop's tracker is missing"))?;
        let now = Utc::now();
        let id = format!("relance-test-{}", now.timestamp_millis());
        // No customer: a test cart is never reminded.
        let event = serde_json::json!({
            "id": id, "type": "cart_updated", "occurred_at": now,
            "cart": {"id": id, "currency": tracker.owner.currency,
                     "total_tax_incl": "10.00", "total_tax_excl": "10.00",
                     "items": [{"sku": "relance-test", "name": "Test (Connect page)",
                                "unit_price": "10.00", "quantity": 1}]}
        });
        let currency =
            domain::Currency::parse(&tracker.owner.currency).unwrap_or(domain::Currency::EUR);
        let events = match crate::api::events::parse_events(event.to_string().as_bytes(), currency)
        {
            Ok(events) => events,
            Err(refused) => return Ok(Err(refused.to_string())),
        };
        let summary = crate::api::events::describe(&events);
        let stored = self
            .ingest()
            .submit(tracker.owner, events)
            .await
            .map_err(|e| BackendError::new(e.to_string()))?;
        let outcome = Outcome::Stored {
            accepted: stored.accepted,
            duplicates: stored.duplicates,
        };
        self.connect_log().note(&shop.id, "test", summary, outcome);
        Ok(Ok(()))
    }

    async fn api_reference(&self) -> Result<Vec<app::api::ApiOperation>, BackendError> {
        let document = serde_json::to_value(crate::api::openapi::document())
            .map_err(|e| BackendError::new(e.to_string()))?;
        Ok(crate::api::reference::operations(&document))
    }

    async fn tracker(&self, shop: &domain::Shop) -> Result<TrackerLine, BackendError> {
        let tracker = match db::trackers::for_shop(self.pool(), &shop.id).await? {
            Some(tracker) => tracker,
            None => {
                save_tracker(self.pool(), &shop.id, TrackerChange::NewKey, Utc::now()).await?;
                db::trackers::for_shop(self.pool(), &shop.id)
                    .await?
                    .ok_or_else(|| BackendError::new("the tracker just made is not there"))?
            }
        };
        Ok(TrackerLine {
            public_key: tracker.public_key,
            script_url: format!("{}/t.js", self.public_url().trim_end_matches('/')),
            allowed_origins: tracker.allowed_origins.lines().map(str::to_owned).collect(),
        })
    }

    async fn change_tracker(
        &self,
        shop: &domain::Shop,
        change: TrackerChange,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Result<(), String>, BackendError> {
        if let TrackerChange::Origins(typed) = &change {
            if let Err(problem) = Origin::parse_list(typed) {
                return Ok(Err(format!("allowed_origins: {problem}")));
            }
        }
        save_tracker(self.pool(), &shop.id, change, now).await?;
        Ok(Ok(()))
    }
}

/// A new public key: `pk_` and 32 random bytes, recognisable in a page's source.
fn public_key() -> String {
    format!("pk_{}", crate::auth::session::new_token())
}

/// Applies `change` to the shop's tracker, making it first when it has none. Origins must have
/// been checked.
async fn save_tracker(
    pool: &db::Pool,
    shop_id: &str,
    change: TrackerChange,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), BackendError> {
    use crate::auth::session::{new_token, token_hash};
    let origins = match &change {
        TrackerChange::Origins(typed) => Some(
            Origin::parse_list(typed)
                .map_err(|e| BackendError::new(e.to_string()))?
                .iter()
                .map(Origin::as_str)
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        TrackerChange::NewKey => None,
    };
    let rotated = matches!(change, TrackerChange::NewKey).then(public_key);
    let first_key = public_key();
    db::trackers::save(
        pool,
        shop_id,
        &first_key,
        &token_hash(&new_token()),
        db::trackers::TrackerChange {
            public_key: rotated.as_deref(),
            allowed_origins: origins.as_deref(),
        },
        now,
    )
    .await?;
    Ok(())
}
