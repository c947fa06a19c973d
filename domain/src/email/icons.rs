//! The reassurance icons as SVG shapes (24×24, drawn with a stroke): the same in the sent email,
//! the preview and the admin's picker. Emoji were used before; Chromium on Debian, like many
//! mail clients without an emoji font, drew them as empty boxes.

use crate::model::ReassuranceIcon;

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
mod tests {
    use super::super::tests::{content, context, template};
    use super::super::{render, Language};
    use super::*;
    use crate::model::Layout;

    #[test]
    fn every_design_draws_the_icon_as_svg_labelled_with_the_item_text() {
        let template = template(Layout::Boxy, &[(Language::FRENCH, content("Sujet"))]);
        for layout in Layout::ALL {
            let mut template = template.clone();
            template.layout = layout;
            let html = render(&template, &context(Language::FRENCH, 1))
                .unwrap()
                .html;
            assert!(
                html.contains(r#"role="img" aria-label="Paiement sécurisé""#),
                "{layout:?}"
            );
            assert!(
                html.contains(shapes(ReassuranceIcon::SecurePayment)),
                "{layout:?}"
            );
            assert!(!html.contains('🔒'), "{layout:?}");
        }
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
