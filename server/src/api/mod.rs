//! The HTTP API shops integrate against (`/api/v1/…`), authenticated by API key.

mod body;
mod coupons;
mod error;
pub mod events;
mod jobs;
pub mod keys;
mod log;
pub mod openapi;
mod privacy;
mod redeem;
pub mod reference;
pub mod tracker;
pub mod webhooks;

use axum::{
    extract::DefaultBodyLimit,
    routing::{get, post},
    Router,
};

use crate::state::AppState;
pub use error::ApiError;

/// Requests larger than this are refused with 413 before they are read.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/events", post(events::receive))
        .route("/api/v1/jobs/run", post(jobs::run))
        .route("/api/v1/coupons/{code}", get(coupons::check))
        .route("/api/v1/coupons/{code}/redeem", post(redeem::redeem))
        .route("/api/v1/privacy/export", post(privacy::export))
        .route("/api/v1/privacy/erase", post(privacy::erase))
        .route("/webhooks/shopify/{shop}", post(webhooks::shopify))
        .route("/webhooks/woocommerce/{shop}", post(webhooks::woocommerce))
        .route("/webhooks/sms/{shop}", post(webhooks::sms::signed))
        .route(
            "/webhooks/sms/{shop}/{secret}",
            post(webhooks::sms::with_secret),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .route("/t.js", get(tracker::script))
        .route("/api/v1/openapi.json", get(openapi::serve))
        .route(
            "/api/v1/tracker/{key}",
            post(tracker::receive)
                .options(tracker::preflight)
                .layer(DefaultBodyLimit::max(tracker::MAX_TRACKER_BYTES)),
        )
}
