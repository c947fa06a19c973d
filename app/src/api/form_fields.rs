//! A form sent as an act: its fields' names and values, as the browser read them.

/// The value of field `name` (empty when the form did not send it: an unticked box).
pub(super) fn value_of(fields: &[(String, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(field, _)| field == name)
        .map(|(_, value)| value.clone())
        .unwrap_or_default()
}

/// Whether the form sent field `name` at all: a ticked box sends its name.
pub(super) fn sent(fields: &[(String, String)], name: &str) -> bool {
    fields.iter().any(|(field, _)| field == name)
}

/// A form's fields as the browser would send them, for tests.
#[cfg(test)]
pub(super) fn pairs(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}
