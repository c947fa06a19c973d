//! The storefront tracker: `GET /t.js` (the script a shop pastes) and
//! `POST /api/v1/tracker/<public-key>` (its events). The public key is in every page of the shop, so it opens nothing but this:
//! events about the tracker's own carts, from the shop's allowed origins (checked on `Origin`,
//! answered with CORS headers for that origin only), rate limited per address and per key, and
//! validated as the events API validates its own.

pub mod limits;
pub mod wire;

use std::net::{IpAddr, SocketAddr};

use axum::body::Bytes;
use axum::extract::{rejection::BytesRejection, ConnectInfo, Path, State};
use axum::http::{header, Extensions, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use domain::Origin;

use super::error::ApiError;
use super::events::Accepted;
use crate::db::{self, trackers::Tracker};
use crate::state::AppState;

/// The script, as served: small enough to read (`server/src/api/tracker/t.js`).
pub const SCRIPT: &str = include_str!("t.js");

/// A tracker request is one event: a cart of 100 lines fits in far less.
pub const MAX_TRACKER_BYTES: usize = 64 * 1024;

pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            (
                header::HeaderName::from_static("x-content-type-options"),
                "nosniff",
            ),
        ],
        SCRIPT,
    )
        .into_response()
}

/// The connection's peer, when the server was started with it (tests call the router alone).
fn peer(extensions: &Extensions) -> Option<SocketAddr> {
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0)
}

/// The visitor's address: the peer's, or, when the peer is a proxy on this machine or network,
/// the last address it added to `X-Forwarded-For`.
fn client_ip(peer: Option<SocketAddr>, headers: &HeaderMap) -> Option<IpAddr> {
    let peer = peer.map(|p| p.ip());
    let behind_proxy = peer.is_none_or(|ip| match ip {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_private(),
        IpAddr::V6(v6) => v6.is_loopback(),
    });
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse().ok());
    if behind_proxy {
        forwarded.or(peer)
    } else {
        peer
    }
}

/// The tracker of `key` and the request's origin, when the origin is one of its own.
async fn allowed(
    state: &AppState,
    key: &str,
    headers: &HeaderMap,
) -> Result<(Tracker, HeaderValue), ApiError> {
    let Some(tracker) = db::trackers::by_key(state.pool(), key).await? else {
        return Err(ApiError::UnknownTrackerKey);
    };
    let origin = headers.get(header::ORIGIN).ok_or_else(|| {
        ApiError::OriginRefused("origin: the request has no Origin header".into())
    })?;
    let listed = origin
        .to_str()
        .ok()
        .and_then(|o| Origin::parse(o).ok())
        .is_some_and(|o| {
            tracker
                .allowed_origins
                .lines()
                .any(|allowed| allowed == o.as_str())
        });
    if !listed {
        return Err(ApiError::OriginRefused(format!(
            "origin: {} is not an allowed origin of this tracker (the Connect page lists them)",
            origin.to_str().unwrap_or("this origin")
        )));
    }
    Ok((tracker, origin.clone()))
}

fn with_cors(mut response: Response, origin: HeaderValue) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    response
}

/// The browser's preflight: allowed for the tracker's origins only.
pub async fn preflight(
    State(state): State<AppState>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (_, origin) = allowed(&state, &key, &headers).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    let out = response.headers_mut();
    out.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST"),
    );
    out.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type"),
    );
    out.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    Ok(with_cors(response, origin))
}

/// A storefront tracker's event
///
/// Sent by `/t.js` with the shop's public key, from the shop's allowed origins only (as
/// `text/plain`, so that browsers send it without a preflight).
#[utoipa::path(
    post,
    operation_id = "tracker_event",
    path = "/api/v1/tracker/{key}",
    tag = "tracker",
    // The public key is in the path and the origin is checked: no credential is sent.
    security(()),
    params(("key" = String, Path, description = "The shop's public tracker key (pk_…)")),
    request_body(content = wire::TrackerEvent, content_type = "text/plain"),
    responses(
        (status = 200, description = "Stored (new or duplicate)", body = Accepted),
        (status = 401, description = "Not a tracker's public key", body = super::error::ErrorBody),
        (status = 403, description = "Not an allowed origin", body = super::error::ErrorBody),
        (status = 413, description = "Body over 64 KB", body = super::error::ErrorBody),
        (status = 422, description = "A field is wrong", body = super::error::ErrorBody),
        (status = 429, description = "Too many events; retry after Retry-After", body = super::error::ErrorBody),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn receive(
    State(state): State<AppState>,
    Path(key): Path<String>,
    extensions: Extensions,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    state
        .tracker_limits
        .check(client_ip(peer(&extensions), &headers), &key)
        .map_err(|retry_after| ApiError::RateLimited { retry_after })?;
    let (tracker, origin) = match allowed(&state, &key, &headers).await {
        Ok(found) => found,
        Err(refused) => {
            if let Ok(Some(tracker)) = db::trackers::by_key(state.pool(), &key).await {
                let summary = "tracker event".to_owned();
                super::log::note(
                    &state,
                    &tracker.owner.shop_id,
                    "tracker",
                    summary,
                    Err(&refused),
                );
            }
            return Err(refused);
        }
    };
    let shop_id = tracker.owner.shop_id.clone();
    let mut carried = "tracker event".to_owned();
    let result = async {
        // The script sends text/plain, which needs no preflight; JSON is accepted too.
        let body = body.map_err(|rejection| match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
            _ => ApiError::MalformedJson(rejection.body_text()),
        })?;
        let event: wire::TrackerEvent = super::webhooks::parse(&body)?;
        carried = format!("{} t-{}", event.kind.as_str(), event.cart.id);
        let event = wire::to_event(event, Utc::now());
        super::webhooks::store(&state, tracker.owner, vec![event]).await
    }
    .await;
    let counts = result
        .as_ref()
        .map(|(_, Json(accepted))| (accepted.accepted, accepted.duplicates));
    super::log::note(&state, &shop_id, "tracker", carried, counts);
    let (status, Json(accepted)): (StatusCode, Json<Accepted>) = result?;
    Ok(with_cors((status, Json(accepted)).into_response(), origin))
}
