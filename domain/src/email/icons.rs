//! The reassurance icons as SVG shapes (24×24, drawn with a stroke). The admin's picker draws
//! them inline; emails show them as PNG images the server draws from the same shapes, because
//! Gmail and Outlook drop inline SVG. Emoji were used before; Chromium on Debian, like many
//! mail clients without an emoji font, drew them as empty boxes.

use crate::model::{HexColor, ReassuranceIcon};

/// The width and height of an icon's PNG: more than twice the largest a design shows (28 px),
/// so it stays sharp on high-density screens.
pub const IMAGE_PX: u32 = 64;

/// The file name of the icon's PNG stroked in `colour`: `free_delivery-1F2937.png`.
pub fn image_name(icon: ReassuranceIcon, colour: &HexColor) -> String {
    format!("{}-{}.png", icon.slug(), &colour.as_str()[1..])
}

/// The icon and colour an image name stands for; `None` for any other name, a colour in
/// lower case included, so each image has one address and caches once.
pub fn parse_image_name(name: &str) -> Option<(ReassuranceIcon, HexColor)> {
    let (slug, hex) = name.strip_suffix(".png")?.rsplit_once('-')?;
    let icon = ReassuranceIcon::from_slug(slug)?;
    let colour = HexColor::parse(&format!("#{hex}")).ok()?;
    (colour.as_str()[1..] == *hex).then_some((icon, colour))
}

/// The icon as a standalone SVG document stroked in `colour`, `IMAGE_PX` wide: what the
/// server draws the PNG from.
pub fn document(icon: ReassuranceIcon, colour: &HexColor) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{IMAGE_PX}" height="{IMAGE_PX}" viewBox="0 0 24 24" fill="none" stroke="{colour}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{}</svg>"#,
        shapes(icon)
    )
}

/// The shapes inside `<svg viewBox="0 0 24 24">`, stroked in the caller's colour.
pub fn shapes(icon: ReassuranceIcon) -> &'static str {
    match icon {
        ReassuranceIcon::FreeDelivery => {
            r#"<path d="M1 6h13v10H1zM14 10h4l3 3v3h-7z"/><circle cx="5.5" cy="17.5" r="1.5"/><circle cx="17.5" cy="17.5" r="1.5"/>"#
        }
        ReassuranceIcon::FastDelivery => r#"<path d="M13 2L4 14h7l-1 8 9-12h-7z"/>"#,
        ReassuranceIcon::SecurePayment => {
            r#"<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>"#
        }
        ReassuranceIcon::CustomerService => r#"<path d="M4 5h16v11H9l-5 4z"/><path d="M8 10h8"/>"#,
        ReassuranceIcon::EasyReturns => {
            r#"<path d="M9 14L4 9l5-5"/><path d="M4 9h10a6 6 0 0 1 0 12h-3"/>"#
        }
        ReassuranceIcon::Warranty => {
            r#"<path d="M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z"/><path d="M9 12l2 2 4-4"/>"#
        }
        ReassuranceIcon::Quality => {
            r#"<path d="M12 2l3 6.5 7 .9-5.2 4.8 1.4 7L12 17.8l-6.2 3.4 1.4-7L2 9.4l7-.9z"/>"#
        }
        ReassuranceIcon::GiftWrapping => {
            r#"<rect x="3" y="8" width="18" height="4"/><path d="M5 12v9h14v-9M12 8v13"/><path d="M12 8c-2-4-5-4-5-2s3 2 5 2c2 0 5 0 5-2s-3-2-5 2"/>"#
        }
        ReassuranceIcon::MadeLocally => {
            r#"<path d="M12 22s7-7 7-12a7 7 0 0 0-14 0c0 5 7 12 7 12z"/><circle cx="12" cy="10" r="2.5"/>"#
        }
        ReassuranceIcon::EcoFriendly => {
            r#"<path d="M5 19C5 10 11 4 20 4c0 9-6 15-15 15z"/><path d="M5 19l8-8"/>"#
        }
        ReassuranceIcon::LoyaltyPoints => {
            r#"<path d="M6 3h12l4 6-10 12L2 9z"/><path d="M2 9h20"/>"#
        }
        ReassuranceIcon::ClickAndCollect => {
            r#"<path d="M3 9l2-5h14l2 5z"/><path d="M5 9v12h14V9"/><path d="M10 21v-6h4v6"/>"#
        }
    }
}

#[cfg(test)]
mod image_tests {
    use super::*;

    #[test]
    fn an_image_name_reads_back_as_its_icon_and_colour_and_nothing_else_does() {
        let colour = HexColor::parse("#1f2937").unwrap();
        for icon in ReassuranceIcon::ALL {
            let name = image_name(icon, &colour);
            assert_eq!(
                parse_image_name(&name),
                Some((icon, colour.clone())),
                "{name}"
            );
        }
        assert_eq!(
            image_name(ReassuranceIcon::EasyReturns, &colour),
            "easy_returns-1F2937.png"
        );
        for other in [
            "easy_returns-1f2937.png",
            "easy_returns-1F29370.png",
            "easy_returns-1F2937.svg",
            "easy_returns-GGGGGG.png",
            "rocket-1F2937.png",
            "easy_returns.png",
            "../easy_returns-1F2937.png",
        ] {
            assert_eq!(parse_image_name(other), None, "{other}");
        }
    }

    #[test]
    fn every_slug_is_the_icon_s_serde_name() {
        for icon in ReassuranceIcon::ALL {
            assert_eq!(
                serde_json::to_value(icon).unwrap(),
                serde_json::Value::from(icon.slug())
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{content, context, template};
    use super::super::{render, Language};
    use super::*;
    use crate::model::Layout;

    #[test]
    fn every_design_shows_the_icon_as_a_png_labelled_with_the_item_text_and_no_svg() {
        let template = template(Layout::Boxy, &[(Language::FRENCH, content("Sujet"))]);
        for layout in Layout::ALL {
            let mut template = template.clone();
            template.layout = layout;
            let email = render(&template, &context(Language::FRENCH, 1)).unwrap();
            let src = r#"<img src="https://relance.example/email-icons/secure_payment-"#;
            let at = email.html.find(src).unwrap_or_else(|| panic!("{layout:?}"));
            let tag = &email.html[at..at + email.html[at..].find('>').unwrap()];
            assert!(tag.contains(r#".png""#), "{layout:?}: {tag}");
            assert!(
                tag.contains(r#"alt="Paiement sécurisé""#),
                "{layout:?}: {tag}"
            );
            assert!(!email.html.contains("<svg"), "{layout:?}");
            assert!(email.text.contains("- Paiement sécurisé"), "{layout:?}");
            assert!(!email.text.contains("<path"), "{layout:?}");
        }
    }

    #[test]
    fn the_image_s_document_strokes_the_icon_s_shapes_in_its_colour() {
        let colour = HexColor::parse("#0B5FFF").unwrap();
        let svg = document(ReassuranceIcon::Warranty, &colour);
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="64""#));
        assert!(svg.contains(r##"stroke="#0B5FFF""##));
        assert!(svg.contains(shapes(ReassuranceIcon::Warranty)));
    }

    #[test]
    fn every_icon_has_its_own_shapes_of_well_formed_elements() {
        let all: Vec<&str> = ReassuranceIcon::ALL.into_iter().map(shapes).collect();
        for (index, shapes) in all.iter().enumerate() {
            assert!(!all[..index].contains(shapes), "{shapes} repeats");
            assert_eq!(
                shapes.matches('<').count(),
                shapes.matches("/>").count(),
                "{shapes}"
            );
        }
    }
}
