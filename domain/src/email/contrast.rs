//! Colours a reader can read: WCAG 2 contrast between text and its background. Content
//! filters score text close to its background as hidden text, and so do people.

use crate::model::HexColor;

/// WCAG AA for body text.
pub const MIN_CONTRAST: f64 = 4.5;

fn channels(hex: &str) -> [u8; 3] {
    let hex = hex.trim_start_matches('#');
    let channel = |at: usize| {
        hex.get(at..at + 2)
            .and_then(|pair| u8::from_str_radix(pair, 16).ok())
            .unwrap_or(0)
    };
    [channel(0), channel(2), channel(4)]
}

/// WCAG relative luminance of `#RRGGBB`.
pub fn luminance(hex: &str) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b] = channels(hex);
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// From 1 (same colour) to 21 (black on white).
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// White text on dark colours, near-black on light ones, black on the mid-tones where
/// near-black falls short (one of white and black always reaches 4.58:1).
pub fn readable_on(background: &HexColor) -> &'static str {
    // Brands usually pair their colour with white: keep it while it passes AA.
    ["#FFFFFF", "#111111", "#000000"]
        .into_iter()
        .find(|text| contrast(text, background.as_str()) >= MIN_CONTRAST)
        .unwrap_or("#000000")
}

/// `color` as text on `background`: itself when readable, else darkened just enough, so a
/// light brand colour (yellow, pastel) still reads as the brand on white.
pub fn text_on(color: &HexColor, background: &str) -> String {
    let [r, g, b] = channels(color.as_str());
    (0..=20u16)
        .map(|step| {
            let keep = |c: u8| (u16::from(c) * (20 - step) / 20) as u8;
            format!("#{:02X}{:02X}{:02X}", keep(r), keep(g), keep(b))
        })
        .find(|candidate| contrast(candidate, background) >= MIN_CONTRAST)
        .unwrap_or_else(|| "#000000".to_owned())
}

/// The dark backgrounds of the emails' dark mode (`_head.html`), the lightest last: brand text
/// readable on it is readable on all three.
pub const DARK_BACKGROUNDS: [&str; 3] = ["#121212", "#1E1E1E", "#262626"];

/// `color` as text in dark mode: itself when readable on every dark background, else lightened
/// just enough, so a dark brand colour stays its hue on a dark screen.
pub fn text_on_dark(color: &HexColor) -> String {
    let lightest = DARK_BACKGROUNDS[DARK_BACKGROUNDS.len() - 1];
    (0..=20u16)
        .map(|step| tint(color, step * 5))
        .find(|candidate| contrast(candidate, lightest) >= MIN_CONTRAST)
        .unwrap_or_else(|| "#FFFFFF".to_owned())
}

/// `color` mixed with `white_share` % of white, for soft backgrounds.
pub fn tint(color: &HexColor, white_share: u16) -> String {
    let [r, g, b] = channels(color.as_str());
    let mix = |c: u8| (u16::from(c) * (100 - white_share) + 255 * white_share) / 100;
    format!("#{:02X}{:02X}{:02X}", mix(r), mix(g), mix(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dark_brand_colour_is_lightened_for_dark_mode_and_a_light_one_kept() {
        for brand in [
            "#000000", "#1A73E8", "#0B8043", "#E91E63", "#FFFF00", "#D3D3D3",
        ] {
            let dark = text_on_dark(&hex(brand));
            for background in DARK_BACKGROUNDS {
                assert!(
                    contrast(&dark, background) >= MIN_CONTRAST,
                    "{brand} -> {dark} on {background}"
                );
            }
        }
        assert_eq!(text_on_dark(&hex("#FFFF00")), "#FFFF00");
        assert_ne!(
            text_on_dark(&hex("#1A73E8")),
            "#FFFFFF",
            "still a blue, lightened"
        );
    }

    fn hex(text: &str) -> HexColor {
        HexColor::parse(text).unwrap()
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        assert!((contrast("#000000", "#FFFFFF") - 21.0).abs() < 1e-9);
        assert!((contrast("#FFFFFF", "#FFFFFF") - 1.0).abs() < 1e-9);
        // WebAIM's checker: #767676 on white is 4.54:1, the lightest grey that passes AA.
        assert!((contrast("#767676", "#FFFFFF") - 4.54).abs() < 0.01);
        assert!(contrast("#777777", "#FFFFFF") < MIN_CONTRAST);
    }

    #[test]
    fn a_light_brand_colour_is_darkened_for_text_and_a_dark_one_kept() {
        assert_eq!(text_on(&hex("#1A73E8"), "#FFFFFF"), "#1A73E8");
        let yellow = text_on(&hex("#FFFF00"), "#FFFFFF");
        assert!(contrast(&yellow, "#FFFFFF") >= MIN_CONTRAST, "{yellow}");
        assert_ne!(yellow, "#000000", "still a yellow hue, darkened");
        assert_eq!(text_on(&hex("#FFFFFF"), "#FFFFFF"), "#727272");
    }

    #[test]
    fn white_goes_on_dark_colours_and_near_black_on_light_ones() {
        assert_eq!(readable_on(&hex("#1A73E8")), "#FFFFFF");
        assert_eq!(readable_on(&hex("#F4B400")), "#111111");
        assert_eq!(readable_on(&hex("#E91E63")), "#000000");
        assert_eq!(tint(&hex("#000000"), 90), "#E5E5E5");
    }
}
