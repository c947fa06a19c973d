//! `POST /api/v1/jobs/run`: the cron URL. One engine pass now, for merchants who prefer an
//! external cron to the built-in scheduler; never two runs at once.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use chrono::Utc;

use super::error::ApiError;
use crate::jobs::{run_locked, RunSummary, Trigger};
use crate::state::AppState;

/// Run the engine now
///
/// For a host's cron: one pass over every shop, as the scheduler runs it.
#[utoipa::path(
    post,
    operation_id = "run_jobs",
    path = "/api/v1/jobs/run",
    tag = "jobs",
    security(("cron_token" = [])),
    responses(
        (status = 200, description = "The pass's summary", body = RunSummary),
        (status = 401, description = "No valid cron token", body = super::error::ErrorBody),
        (status = 409, description = "A run is in progress", body = super::error::ErrorBody),
        (status = 500, description = "The run failed", body = super::error::ErrorBody),
    )
)]
pub async fn run(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<RunSummary>, ApiError> {
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .ok_or(ApiError::CronUnauthorized)?;
    if !state.cron_token.matches(given.trim()) {
        return Err(ApiError::CronUnauthorized);
    }
    match run_locked(&state.engine, Trigger::Cron, None, Utc::now()).await {
        Ok(Some(summary)) => Ok(Json(summary)),
        Ok(None) => Err(ApiError::AlreadyRunning),
        Err(error) => Err(ApiError::RunFailed(error)),
    }
}
