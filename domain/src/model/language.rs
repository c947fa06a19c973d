use std::fmt;

use serde::{Deserialize, Serialize};

use super::ParseError;

/// Every ISO 639-1 code, two letters each, in one string so the check needs no allocation.
const ISO_639_1: &str = "aaabaeafakamanarasavayazbabebgbhbibmbnbobrbscacechcocrcscucvcydadedvdzeeeleneoeseteufafffifjfofrfygagdglgngugvhahehihohrhthuhyhziaidieigiiikioisitiujajvkakgkikjkkklkmknkokrkskukvkwkylalblglilnloltlulvmgmhmimkmlmnmrmsmtmynanbndnengnlnnnonrnvnyocojomorospapiplpsptqurmrnrorurwsascsdsesgsiskslsmsnsosqsrssstsusvswtatetgthtitktltntotrtstttwtyugukuruzvevivowawoxhyiyozazhzu";

/// A language as ISO 639-1 (`fr`, `en`, `de`…).
///
/// Shops send all sorts of spellings (`fr`, `FR`, `fr-FR`, `fr_BE`); they all become `fr`.
/// English is the fallback wherever a customer's language is unknown or has no content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Language([u8; 2]);

impl Language {
    pub const ENGLISH: Language = Language(*b"en");
    pub const FRENCH: Language = Language(*b"fr");

    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let trimmed = input.trim();
        let primary = trimmed.split(['-', '_']).next().unwrap_or_default();
        let lower = primary.to_ascii_lowercase();
        let bytes = lower.as_bytes();
        let known = bytes.len() == 2
            && bytes.iter().all(u8::is_ascii_lowercase)
            && ISO_639_1.as_bytes().chunks(2).any(|code| code == bytes);
        if known {
            Ok(Self([bytes[0], bytes[1]]))
        } else {
            Err(ParseError::new(format!(
                "\"{trimmed}\" is not an ISO 639-1 language code such as fr or en"
            )))
        }
    }

    /// The customer's language when it is known and valid, English otherwise.
    pub fn parse_or_english(input: Option<&str>) -> Self {
        input
            .and_then(|code| Self::parse(code).ok())
            .unwrap_or(Self::ENGLISH)
    }

    pub fn code(&self) -> &str {
        // Only ASCII lowercase letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("en")
    }
}

impl Default for Language {
    fn default() -> Self {
        Self::ENGLISH
    }
}

impl TryFrom<String> for Language {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Language> for String {
    fn from(value: Language) -> Self {
        value.code().to_owned()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_and_upper_case_spellings_become_the_plain_code() {
        for input in ["fr", "FR", "fr-FR", "fr_BE", " Fr "] {
            assert_eq!(Language::parse(input).unwrap(), Language::FRENCH, "{input}");
        }
    }

    #[test]
    fn unknown_or_malformed_codes_are_rejected() {
        for input in ["", "f", "fra", "xx", "zz-ZZ", "1a", "é"] {
            assert!(Language::parse(input).is_err(), "{input}");
        }
    }

    #[test]
    fn a_missing_or_invalid_language_falls_back_to_english() {
        assert_eq!(Language::parse_or_english(None), Language::ENGLISH);
        assert_eq!(
            Language::parse_or_english(Some("klingon")),
            Language::ENGLISH
        );
        assert_eq!(Language::parse_or_english(Some("de")).code(), "de");
    }

    #[test]
    fn every_listed_code_parses_back_to_itself() {
        for code in ISO_639_1.as_bytes().chunks(2) {
            let code = std::str::from_utf8(code).unwrap();
            assert_eq!(Language::parse(code).unwrap().code(), code);
        }
    }
}
