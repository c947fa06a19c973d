//! `POST /api/v1/events`: cart events from a shop, one or a batch of up to 1,000, stored all or
//! nothing and idempotent by (API key, event id).

pub(crate) mod validate;
pub(crate) mod wire;

use axum::{
    body::Bytes,
    extract::{rejection::BytesRejection, State},
    http::{header, HeaderMap, StatusCode},
    Json,
};
use chrono::Utc;
use domain::Currency;
use serde::Serialize;
use serde_json::value::RawValue;

use super::error::{ApiError, EventError};
use super::keys;
use crate::state::AppState;
pub use validate::{validate, ValidEvent};

/// The most events one request may carry.
pub const MAX_BATCH: usize = 1_000;

/// What was stored: events new to Relance, and events it had already (sent again).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Accepted {
    pub accepted: usize,
    pub duplicates: usize,
}

/// A body as sent: `{"events": [...]}` or one event. Each event stays raw JSON so that it is
/// parsed once, straight into its wire type, with the path of any error.
#[derive(serde::Deserialize)]
struct Batch<'a> {
    #[serde(borrow)]
    events: Option<Vec<&'a RawValue>>,
}

fn event_values(body: &[u8]) -> Result<Vec<&RawValue>, ApiError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::MalformedJson("the body is not UTF-8".into()))?;
    let whole: &RawValue =
        serde_json::from_str(text).map_err(|e| ApiError::MalformedJson(e.to_string()))?;
    if !whole.get().trim_start().starts_with('{') {
        return Err(ApiError::BadShape(
            "the body must be an event object or {\"events\": [...]}".into(),
        ));
    }
    let batch: Batch = serde_json::from_str(whole.get())
        .map_err(|_| ApiError::BadShape("\"events\" must be an array of events".into()))?;
    match batch.events {
        None => Ok(vec![whole]),
        Some(events) if events.is_empty() => Err(ApiError::BadShape("\"events\" is empty".into())),
        Some(events) if events.len() > MAX_BATCH => Err(ApiError::BadShape(format!(
            "\"events\" holds {} events, at most {MAX_BATCH} are allowed per request",
            events.len()
        ))),
        Some(events) => Ok(events),
    }
}

/// Parses and checks every event; all of them, so the shop gets every problem at once.
pub fn parse_events(body: &[u8], shop_currency: Currency) -> Result<Vec<ValidEvent>, ApiError> {
    let now = Utc::now();
    let mut valid = Vec::new();
    let mut errors = Vec::new();
    for (index, raw) in event_values(body)?.into_iter().enumerate() {
        let mut deserializer = serde_json::Deserializer::from_str(raw.get());
        let wire = match serde_path_to_error::deserialize::<_, wire::EventWire>(&mut deserializer) {
            Ok(wire) => wire,
            Err(error) => {
                let path = error.path().to_string();
                errors.push(EventError {
                    index,
                    field: if path == "." { String::new() } else { path },
                    message: error.into_inner().to_string(),
                });
                continue;
            }
        };
        match validate(wire, shop_currency, now) {
            Ok(event) => valid.push(event),
            Err(field_errors) => errors.extend(field_errors.into_iter().map(|e| EventError {
                index,
                field: e.field,
                message: e.message,
            })),
        }
    }
    if errors.is_empty() {
        Ok(valid)
    } else {
        Err(ApiError::InvalidEvents(errors))
    }
}

/// Cart and order events
///
/// One event or a batch of up to 1,000, stored all or nothing, idempotent by event id.
#[utoipa::path(
    post,
    operation_id = "post_events",
    path = "/api/v1/events",
    tag = "events",
    request_body = wire::EventsBody,
    security(("api_key" = [])),
    responses(
        (status = 202, description = "Stored (new or duplicates)", body = Accepted),
        (status = 401, description = "No valid API key", body = super::error::ErrorBody),
        (status = 413, description = "Body over 1 MiB", body = super::error::ErrorBody),
        (status = 415, description = "Not JSON", body = super::error::ErrorBody),
        (status = 422, description = "Some events are invalid; none stored", body = super::error::ErrorBody),
        (status = 503, description = "Database busy; retry after Retry-After", body = super::error::ErrorBody),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn receive(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Accepted>), ApiError> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let Some(owner) = keys::authenticate(state.pool(), authorization).await? else {
        return Err(ApiError::Unauthorized);
    };
    let shop_id = owner.shop_id.clone();
    let mut carried = "events".to_owned();
    let result = async {
        let body = super::body::json_body(&headers, body)?;
        let currency = Currency::parse(&owner.currency).unwrap_or(Currency::EUR);
        let events = parse_events(&body, currency)?;
        carried = describe(&events);
        let summary = state.ingest.submit(owner, events).await?;
        Ok(Accepted {
            accepted: summary.accepted,
            duplicates: summary.duplicates,
        })
    }
    .await;
    let counts = result.as_ref().map(|a| (a.accepted, a.duplicates));
    super::log::note(&state, &shop_id, "api", carried, counts);
    result.map(|accepted| (StatusCode::ACCEPTED, Json(accepted)))
}

/// What a request carried, for the Connect page: its first events' types and carts.
pub fn describe(events: &[ValidEvent]) -> String {
    let first: Vec<String> = events
        .iter()
        .take(3)
        .map(|e| format!("{} {}", e.kind.as_str(), e.cart_id))
        .collect();
    match events.len() {
        0..=3 => first.join(", "),
        n => format!("{}, … ({n} events)", first.join(", ")),
    }
}
