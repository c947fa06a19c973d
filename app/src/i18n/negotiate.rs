use super::Locale;

/// The cookie that remembers the admin's language.
pub const COOKIE_NAME: &str = "relance_lang";

/// The admin's language: the cookie if it names one we have, else the best-weighted language of
/// `Accept-Language` that we have, else English.
pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Locale {
    from_cookie(cookie_header)
        .or_else(|| from_accept_language(accept_language?))
        .unwrap_or(Locale::En)
}

fn from_cookie(header: Option<&str>) -> Option<Locale> {
    header?
        .split(';')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| name.trim() == COOKIE_NAME)
        .and_then(|(_, value)| Locale::from_code(value.trim()))
}

fn from_accept_language(header: &str) -> Option<Locale> {
    let mut best: Option<(Locale, f32)> = None;
    for entry in header.split(',') {
        let mut parts = entry.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        let weight = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        // Keep the first language at the highest weight: browsers list in preference order.
        if let Some(locale) = Locale::from_code(tag) {
            if weight > 0.0 && best.is_none_or(|(_, w)| weight > w) {
                best = Some((locale, weight));
            }
        }
    }
    best.map(|(locale, _)| locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_wins_over_the_browser_languages() {
        assert_eq!(
            negotiate(Some("a=b; relance_lang=en"), Some("fr-FR,fr;q=0.9")),
            Locale::En
        );
    }

    #[test]
    fn the_best_weighted_known_language_of_the_browser_is_used() {
        assert_eq!(negotiate(None, Some("de-DE,fr;q=0.8,en;q=0.5")), Locale::Fr);
        assert_eq!(
            negotiate(None, Some("en-GB;q=0.4, fr-CA;q=0.9")),
            Locale::Fr
        );
        assert_eq!(negotiate(None, Some("en-US,en;q=0.9,fr;q=0.8")), Locale::En);
    }

    #[test]
    fn unknown_or_refused_languages_fall_back_to_english() {
        assert_eq!(negotiate(None, None), Locale::En);
        assert_eq!(
            negotiate(Some("relance_lang=xx"), Some("de, ja")),
            Locale::En
        );
        assert_eq!(negotiate(None, Some("fr;q=0")), Locale::En);
    }
}
