//! The `{recommendations}` block, in the three designs and the text part.

use rust_decimal::Decimal;

use super::tests::{content, context, template};
use super::*;
use crate::model::{Currency, Layout, Money, WebUrl};
use crate::recommend::Recommendation;

fn product(sku: &str, name: &str, cents: i64) -> Recommendation {
    Recommendation {
        sku: sku.into(),
        name: name.into(),
        price: Money::new(Decimal::new(cents, 2), Currency::EUR).unwrap(),
        image_url: Some(WebUrl::parse(&format!("https://shop.example/img/{sku}.jpg")).unwrap()),
        product_url: WebUrl::parse(&format!("https://shop.example/p/{sku}")).unwrap(),
    }
}

fn with_block(layout: Layout) -> EmailTemplate {
    let mut body = content("Votre panier");
    body.body = "Bonjour,\n\n{cart}\n\n{recommendations}\n\nÀ bientôt.".into();
    template(layout, &[(Language::FRENCH, body)])
}

#[test]
fn recommended_products_show_with_image_price_and_their_tracked_link_in_every_design() {
    let ctx = context(Language::FRENCH, 1).with_recommendations(
        vec![
            product("mug", "Mug <émaillé>", 1200),
            product("cap", "Casquette", 1990),
        ],
        vec![
            "https://relance.example/c/SIGNED-R0".into(),
            "https://relance.example/c/SIGNED-R1".into(),
        ],
    );
    for layout in [Layout::Boxy, Layout::Sendy, Layout::Puffy] {
        let email = render(&with_block(layout), &ctx).unwrap();
        for expected in [
            "Vous aimerez aussi",
            "Mug &#60;émaillé&#62;",
            "12,00\u{a0}€",
            "https://relance.example/c/SIGNED-R1",
            "alt=\"Casquette\"",
        ] {
            assert!(email.html.contains(expected), "{layout:?} lacks {expected}");
        }
        assert!(
            !email.html.contains("https://shop.example/p/mug"),
            "{layout:?}: untracked"
        );
        assert!(email.text.contains("Vous aimerez aussi\n- Mug <émaillé> — 12,00\u{a0}€\n  https://relance.example/c/SIGNED-R0"), "{}", email.text);
        assert!(email.html.find("Vous aimerez aussi") < email.html.find("À bientôt"));
    }
}

#[test]
fn without_products_the_block_and_its_heading_are_left_out() {
    let ctx = context(Language::FRENCH, 1);
    for layout in [Layout::Boxy, Layout::Sendy, Layout::Puffy] {
        let email = render(&with_block(layout), &ctx).unwrap();
        assert!(!email.html.contains("Vous aimerez aussi"), "{layout:?}");
        assert!(!email.text.contains("Vous aimerez aussi"), "{layout:?}");
        assert!(!email.html.contains("{recommendations}"), "{layout:?}");
    }
}

#[test]
fn a_link_that_is_not_a_web_page_hides_its_product() {
    let ctx = context(Language::FRENCH, 1).with_recommendations(
        vec![product("mug", "Mug", 1200)],
        vec!["javascript:alert(1)".into()],
    );
    let email = render(&with_block(Layout::Boxy), &ctx).unwrap();
    assert!(!email.html.contains("javascript:"));
    assert!(!email.html.contains("Vous aimerez aussi"));
}
