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
