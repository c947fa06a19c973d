use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::Serialize;
use serde_json::json;

use domain::engine::RedeemRefusal;

use crate::db::DbError;

/// One problem in one event of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct EventError {
    pub index: usize,
    pub field: String,
    pub message: String,
}

/// The body of every refusal (the OpenAPI document's view of `ApiError`'s bodies).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong, naming the field when one is at fault: `cart.currency: …`.
    pub message: String,
    /// The field at fault, when there is one.
    pub field: Option<String>,
    /// Every problem of every event, for an events request refused as a whole.
    pub errors: Option<Vec<EventError>>,
}

/// Every way an API request fails, mapped once to a status and a JSON body.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("a valid API key is required: send it as `Authorization: Bearer <key>`")]
    Unauthorized,
    #[error("the webhook's signature does not match this shop's secret for the platform (`relance webhook-secret`)")]
    BadSignature,
    #[error("the request body is larger than 1 MiB; send fewer events per request")]
    PayloadTooLarge,
    #[error("send the body as JSON with `Content-Type: application/json`")]
    UnsupportedMediaType,
    #[error("the body is not valid JSON: {0}")]
    MalformedJson(String),
    #[error("{0}")]
    BadShape(String),
    #[error("some events are invalid; none were stored")]
    InvalidEvents(Vec<EventError>),
    #[error("a valid cron token is required: send it as `Authorization: Bearer <token>` (Automatic sending shows it)")]
    CronUnauthorized,
    #[error("a run is already in progress; this request started none")]
    AlreadyRunning,
    #[error("the run failed; it will be tried again by the scheduler")]
    RunFailed(#[source] anyhow::Error),
    #[error("{field}: {message}")]
    InvalidField {
        field: &'static str,
        message: String,
    },
    #[error("{0} is not a code of this shop")]
    CouponUnknown(String),
    #[error("{}", refusal_message(.code, .refusal))]
    CouponRefused {
        code: String,
        refusal: RedeemRefusal,
    },
    #[error("key: this is not the public key of a shop's tracker (the Connect page shows it)")]
    UnknownTrackerKey,
    #[error("{0}")]
    OriginRefused(String),
    #[error("too many requests; retry in {retry_after} seconds")]
    RateLimited { retry_after: u64 },
    #[error("internal error")]
    Internal(#[from] DbError),
}

/// When a client refused for a busy database tries again (`Retry-After`).
const RETRY_BUSY_AFTER_SECONDS: u32 = 5;

fn refusal_message(code: &str, refusal: &RedeemRefusal) -> String {
    match refusal {
        RedeemRefusal::Expired => format!("{code} has expired"),
        RedeemRefusal::AlreadyUsed => format!("{code} was already used by another order"),
        RedeemRefusal::OtherCustomer => format!("{code} was made for another customer"),
        RedeemRefusal::CustomerUnknown => {
            format!("{code} is personal: say who orders with \"customer_id\" or \"email\"")
        }
        RedeemRefusal::BelowMinimum { minimum } => {
            format!("{code} needs a cart of at least {minimum}")
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            Self::Unauthorized
            | Self::CronUnauthorized
            | Self::BadSignature
            | Self::UnknownTrackerKey => StatusCode::UNAUTHORIZED,
            Self::AlreadyRunning => StatusCode::CONFLICT,
            Self::OriginRefused(_) => StatusCode::FORBIDDEN,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::RunFailed(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::MalformedJson(_) => StatusCode::BAD_REQUEST,
            Self::BadShape(_) | Self::InvalidEvents(_) | Self::InvalidField { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Self::CouponUnknown(_) => StatusCode::NOT_FOUND,
            Self::CouponRefused { refusal, .. } => match refusal {
                RedeemRefusal::Expired => StatusCode::GONE,
                RedeemRefusal::AlreadyUsed => StatusCode::CONFLICT,
                RedeemRefusal::OtherCustomer => StatusCode::FORBIDDEN,
                RedeemRefusal::CustomerUnknown | RedeemRefusal::BelowMinimum { .. } => {
                    StatusCode::UNPROCESSABLE_ENTITY
                }
            },
            Self::Internal(cause) if cause.is_busy() => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let retry_after = match &self {
            Self::RateLimited { retry_after } => Some(*retry_after),
            Self::Internal(cause) if cause.is_busy() => Some(u64::from(RETRY_BUSY_AFTER_SECONDS)),
            _ => None,
        };
        let body = match self {
            Self::InvalidEvents(errors) => {
                json!({"message": "some events are invalid; none were stored", "errors": errors})
            }
            Self::RunFailed(cause) => {
                tracing::error!(
                    cause = format!("{cause:#}"),
                    "an engine run from the cron URL failed"
                );
                json!({"message": "the run failed; it will be tried again by the scheduler"})
            }
            Self::InvalidField { field, message } => {
                json!({"message": format!("{field}: {message}"), "field": field})
            }
            Self::CouponUnknown(ref code) => {
                json!({"message": self.to_string(), "field": "code", "reason": "unknown", "code": code})
            }
            Self::CouponRefused { ref code, refusal } => {
                let mut body =
                    json!({"message": self.to_string(), "reason": refusal.as_str(), "code": code});
                if let RedeemRefusal::BelowMinimum { minimum } = refusal {
                    body["minimum"] = minimum.normalize().to_string().into();
                }
                body
            }
            Self::Internal(cause) if cause.is_busy() => {
                tracing::warn!("API request refused: every database connection is busy");
                json!({"message": "the database is busy; nothing was stored, retry in a few seconds"})
            }
            Self::Internal(cause) => {
                tracing::error!(%cause, "API request failed");
                json!({"message": "internal error; the events were not stored, retry later"})
            }
            other => json!({"message": other.to_string()}),
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(seconds),
            );
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
