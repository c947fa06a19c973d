//! Notes each request of a known shop in the Connect page's log, with its result.

use super::error::ApiError;
use crate::connect_log::Outcome;
use crate::state::AppState;

/// Why a request was refused, as the merchant reads it: the first fault, naming its field.
fn reason(error: &ApiError) -> String {
    match error {
        ApiError::InvalidEvents(errors) => match errors.first() {
            Some(first) if errors.len() > 1 => format!(
                "event {}: {}: {} (and {} more)",
                first.index,
                first.field,
                first.message,
                errors.len() - 1
            ),
            Some(first) => format!("event {}: {}: {}", first.index, first.field, first.message),
            None => error.to_string(),
        },
        other => other.to_string(),
    }
}

/// Notes a request of `shop_id` from `source` that carried `summary`, and how it ended:
/// `Ok((accepted, duplicates))` or the refusal.
pub fn note(
    state: &AppState,
    shop_id: &str,
    source: &'static str,
    summary: String,
    result: Result<(usize, usize), &ApiError>,
) {
    let why;
    let outcome = match result {
        Ok((accepted, duplicates)) => Outcome::Stored {
            accepted,
            duplicates,
        },
        Err(error) => {
            why = reason(error);
            Outcome::Refused(&why)
        }
    };
    state.connect_log.note(shop_id, source, summary, outcome);
}
