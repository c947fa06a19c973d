//! `POST /api/v1/jobs/run`: the cron URL. One engine pass now, for merchants who prefer an
//! external cron to the built-in scheduler; never two runs at once.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use chrono::Utc;
use sha2::{Digest, Sha256};

use super::error::ApiError;
use crate::jobs::{run_locked, RunSummary, Trigger};
use crate::state::AppState;

/// Compares digests, so the time taken says nothing about how much of the token matched.
fn same_token(given: &str, expected: &str) -> bool {
    Sha256::digest(given.as_bytes()) == Sha256::digest(expected.as_bytes())
}

pub async fn run(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<RunSummary>, ApiError> {
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .ok_or(ApiError::CronUnauthorized)?;
    if !same_token(given.trim(), &state.cron_token) {
        return Err(ApiError::CronUnauthorized);
    }
    match run_locked(&state.engine, Trigger::Cron, Utc::now()).await {
        Ok(Some(summary)) => Ok(Json(summary)),
        Ok(None) => Err(ApiError::AlreadyRunning),
        Err(error) => Err(ApiError::RunFailed(format!("{error:#}"))),
    }
}
