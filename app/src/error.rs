use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The one error server functions return. Internal causes are logged on the server and never
/// sent: the browser only learns that something failed and whether retrying may help.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Error)]
#[serde(tag = "error", content = "detail", rename_all = "snake_case")]
pub enum AppError {
    /// The request was understood but a value is wrong; the message is for the user.
    #[error("{0}")]
    Invalid(String),
    #[error("not found")]
    NotFound,
    /// Signed in, but the account's role in this shop does not allow it.
    #[error("your role in this shop does not allow this")]
    Forbidden,
    /// No valid session: the admin must sign in (again).
    #[error("sign in to use the admin")]
    SignInRequired,
    #[error("wrong email or password")]
    WrongCredentials,
    #[error("too many sign-in attempts; wait a minute")]
    TooManyAttempts,
    #[error("the server could not complete the request")]
    Internal,
    /// The request never reached the server function or its answer could not be read.
    #[error("the server could not be reached: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(detail)
            | ServerFnErrorErr::Response(detail)
            | ServerFnErrorErr::Deserialization(detail)
            | ServerFnErrorErr::Serialization(detail)
            | ServerFnErrorErr::Args(detail)
            | ServerFnErrorErr::MissingArg(detail) => Self::Transport(detail),
            _ => Self::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The HTTP status a server function answers with for this error.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::SignInRequired | Self::WrongCredentials => StatusCode::UNAUTHORIZED,
            Self::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
            Self::Transport(_) => StatusCode::BAD_REQUEST,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Sets the response's status from the server function's error, so callers other than the
/// admin (scripts, tests) see a 4xx for bad input and a 5xx only for our failures.
#[cfg(feature = "ssr")]
pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(error.status());
        }
    }
    result
}
