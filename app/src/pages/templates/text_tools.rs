//! Editing a text field at the cursor: insert a tag, wrap the selection in `**` or `*`.
//! The string work is pure (and tested); the studio reads and restores the selection
//! (`studio::dom::edit_text`).

#![cfg_attr(not(feature = "hydrate"), allow(dead_code))]

/// The byte index of the `units`-th UTF-16 code unit (browsers count selections in those).
fn byte_index(text: &str, units: u32) -> usize {
    let mut seen = 0u32;
    for (index, c) in text.char_indices() {
        if seen >= units {
            return index;
        }
        seen += c.len_utf16() as u32;
    }
    text.len()
}

fn utf16_len(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

/// `value` with `insert` replacing the selection; the new cursor position (UTF-16).
pub fn insert_at(value: &str, start: u32, end: u32, insert: &str) -> (String, u32) {
    let (start_byte, end_byte) = (byte_index(value, start), byte_index(value, end.max(start)));
    let new = format!("{}{insert}{}", &value[..start_byte], &value[end_byte..]);
    (new, utf16_len(&value[..start_byte]) + utf16_len(insert))
}

/// `value` with the selection wrapped in `marker`; the new selection (UTF-16), still on the
/// same words.
pub fn wrap(value: &str, start: u32, end: u32, marker: &str) -> (String, u32, u32) {
    let (start_byte, end_byte) = (byte_index(value, start), byte_index(value, end.max(start)));
    let new = format!(
        "{}{marker}{}{marker}{}",
        &value[..start_byte],
        &value[start_byte..end_byte],
        &value[end_byte..]
    );
    let open = utf16_len(&value[..start_byte]) + utf16_len(marker);
    (new, open, open + utf16_len(&value[start_byte..end_byte]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_goes_where_the_cursor_is() {
        assert_eq!(
            insert_at("Bonjour ,", 8, 8, "{first_name}"),
            ("Bonjour {first_name},".to_owned(), 20)
        );
    }

    #[test]
    fn positions_count_utf16_units_like_the_browser() {
        // "é" is one UTF-16 unit but two bytes; "🛒" is two units and four bytes.
        assert_eq!(insert_at("é🛒x", 3, 3, "!"), ("é🛒!x".to_owned(), 4));
    }

    #[test]
    fn bold_wraps_the_selection_and_keeps_it_selected() {
        assert_eq!(
            wrap("vite revenez", 0, 4, "**"),
            ("**vite** revenez".to_owned(), 2, 6)
        );
    }

    #[test]
    fn a_selection_replaced_by_a_tag_disappears() {
        assert_eq!(
            insert_at("Hi NAME!", 3, 7, "{last_name}"),
            ("Hi {last_name}!".to_owned(), 14)
        );
    }
}
