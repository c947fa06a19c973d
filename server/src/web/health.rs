use axum::{extract::State, http::StatusCode, Json};
use serde_json::{json, Value};

use crate::state::AppState;

/// `GET /healthz`: 200 when the database answers, 503 otherwise (for load balancers and tests).
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    match crate::db::ping(state.pool()).await {
        Ok(_) => (StatusCode::OK, Json(json!({"status": "ok"}))),
        Err(error) => {
            tracing::error!(%error, "health check: database unavailable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "unavailable", "message": "the database does not answer"})),
            )
        }
    }
}
