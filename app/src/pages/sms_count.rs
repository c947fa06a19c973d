//! How many SMS a step's text can take once its tags are filled in, in words: measured by the
//! domain function the sender uses, on the server's page and as the text is typed.

use domain::sms::{SmsText, MAX_SEGMENTS};

/// The count in `pattern`'s words (`{encoding}`, `{units}`, `{segments}`), and whether it is
/// over the most a step may send.
pub fn sms_count(pattern: &str, text: &str) -> (String, bool) {
    let length = SmsText::worst_length(text);
    let words = pattern
        .replace("{encoding}", length.encoding.as_str())
        .replace("{units}", &length.units.to_string())
        .replace("{segments}", &length.segments.to_string());
    (words, length.segments > MAX_SEGMENTS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_is_one_sms_and_a_long_one_is_over() {
        let (words, over) = sms_count("{encoding}/{units}/{segments}", "Bonjour");
        assert!(words.ends_with("/1"), "{words}");
        assert!(!over);
        let (_, over) = sms_count("{segments}", &"x".repeat(2000));
        assert!(over);
    }
}
