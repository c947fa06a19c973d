//! Editing a text field at the cursor: insert a tag, wrap the selection in `**` or `*`.
//! The string work is pure (and tested); the browser part reads and restores the selection.

use leptos::html::{Input, Textarea};
use leptos::prelude::*;

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

/// A text field the tools can act on (read only in the browser).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum FieldRef {
    Area(NodeRef<Textarea>),
    Line(NodeRef<Input>),
}

/// Applies `edit(value, start, end) -> (new value, selection start, selection end)` to the
/// field, writes the result through `set`, and puts the cursor back where the edit says.
pub fn edit_field(
    field: FieldRef,
    set: impl Fn(String),
    edit: impl Fn(&str, u32, u32) -> (String, u32, u32),
) {
    #[cfg(feature = "hydrate")]
    {
        let (value, start, end) = match field {
            FieldRef::Area(node) => match node.get_untracked() {
                Some(el) => (
                    el.value(),
                    el.selection_start().ok().flatten().unwrap_or(0),
                    el.selection_end().ok().flatten().unwrap_or(0),
                ),
                None => return,
            },
            FieldRef::Line(node) => match node.get_untracked() {
                Some(el) => (
                    el.value(),
                    el.selection_start().ok().flatten().unwrap_or(0),
                    el.selection_end().ok().flatten().unwrap_or(0),
                ),
                None => return,
            },
        };
        let (new, sel_start, sel_end) = edit(&value, start, end);
        match field {
            FieldRef::Area(node) => {
                if let Some(el) = node.get_untracked() {
                    el.set_value(&new);
                    let _ = el.focus();
                    let _ = el.set_selection_range(sel_start, sel_end);
                }
            }
            FieldRef::Line(node) => {
                if let Some(el) = node.get_untracked() {
                    el.set_value(&new);
                    let _ = el.focus();
                    let _ = el.set_selection_range(sel_start, sel_end);
                }
            }
        }
        set(new);
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (field, set, edit);
    }
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
