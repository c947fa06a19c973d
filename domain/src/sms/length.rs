//! How long an SMS is on the network: GSM-7 when every character is in the GSM 03.38 alphabet
//! (160 per message, 153 per part of a longer one), UCS-2 otherwise (70, then 67 per part).

use serde::{Deserialize, Serialize};

/// The GSM 03.38 basic alphabet: one septet each.
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// The extension table: an escape septet and the character's own, so two each.
const GSM_EXTENDED: &str = "^{}\\[~]|€\u{c}";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gsm7 => "GSM-7",
            Self::Ucs2 => "UCS-2",
        }
    }

    /// Units in a message that fits in one SMS, and in each part of a longer one (the rest
    /// of each part carries the header that joins them).
    fn capacity(self) -> (usize, usize) {
        match self {
            Self::Gsm7 => (160, 153),
            Self::Ucs2 => (70, 67),
        }
    }
}

/// A message's size as the networks count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsLength {
    pub encoding: Encoding,
    /// Septets (GSM-7) or UTF-16 code units (UCS-2).
    pub units: usize,
    /// The SMS it takes, each billed on its own.
    pub segments: usize,
}

/// The septets of `c` in GSM-7, or `None` when it has none.
fn septets(c: char) -> Option<usize> {
    if GSM_BASIC.contains(c) {
        Some(1)
    } else if GSM_EXTENDED.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// Measures `text`. A character's units never straddle two parts (an escape and its
/// character, or a surrogate pair, travel together), so parts are packed one by one.
pub fn measure(text: &str) -> SmsLength {
    let gsm: Option<Vec<usize>> = text.chars().map(septets).collect();
    let (encoding, sizes) = match gsm {
        Some(sizes) => (Encoding::Gsm7, sizes),
        None => (
            Encoding::Ucs2,
            text.chars().map(char::len_utf16).collect::<Vec<_>>(),
        ),
    };
    let units: usize = sizes.iter().sum();
    let (single, part) = encoding.capacity();
    let segments = if units == 0 {
        0
    } else if units <= single {
        1
    } else {
        let (mut segments, mut used) = (1, 0);
        for size in sizes {
            if used + size > part {
                segments += 1;
                used = 0;
            }
            used += size;
        }
        segments
    };
    SmsLength {
        encoding,
        units,
        segments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_french_text_is_gsm_7_and_160_characters_fit_in_one_sms() {
        let one = "é".repeat(160);
        assert_eq!(
            measure(&one),
            SmsLength {
                encoding: Encoding::Gsm7,
                units: 160,
                segments: 1
            }
        );
        assert_eq!(measure(&"a".repeat(161)).segments, 2);
        assert_eq!(measure(&"a".repeat(306)).segments, 2);
        assert_eq!(measure(&"a".repeat(307)).segments, 3);
        assert_eq!(measure("").segments, 0);
    }

    #[test]
    fn the_euro_sign_and_brackets_take_two_septets_and_never_straddle_two_parts() {
        assert_eq!(measure("10 €").units, 5);
        assert_eq!(measure(&"€".repeat(80)).segments, 1);
        // 152 septets then a euro: it cannot be split, so it opens the third part.
        let text = format!("{}{}", "a".repeat(152), "€".repeat(77));
        assert_eq!(measure(&text).units, 306);
        assert_eq!(measure(&text).segments, 3);
    }

    #[test]
    fn one_character_outside_the_alphabet_makes_the_whole_message_ucs_2() {
        // "ê" and "ç" (lower case) are not in GSM 03.38; "Ç" is.
        let text = format!("{}ê", "a".repeat(69));
        assert_eq!(measure(&text).encoding, Encoding::Ucs2);
        assert_eq!(measure(&text).segments, 1);
        assert_eq!(measure(&format!("{}ç", "a".repeat(70))).segments, 2);
        assert_eq!(measure("Ça").encoding, Encoding::Gsm7);
        // An emoji is a surrogate pair: two units that stay in one part.
        let emoji = format!("{}😀", "a".repeat(69));
        assert_eq!(measure(&emoji).units, 71);
        assert_eq!(measure(&emoji).segments, 2);
        // 133 units then the pair: the pair cannot be cut at 134, so it opens a third part.
        let straddling = format!("{}😀", "ê".repeat(133));
        assert_eq!(measure(&straddling).segments, 3);
    }
}
