use thiserror::Error;

/// Why a piece of text could not become one of the small value types
/// (`EmailAddress`, `Language`, `HexColor`, `WebUrl`, `Currency`…).
///
/// The message is written for the person who typed the value: forms show it next to the field
/// and the API returns it in its JSON errors.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct ParseError {
    pub message: String,
}

impl ParseError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}
