use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;

use super::*;
use crate::campaign::{DiscountKind, Percent};
use crate::model::{
    Cart, CartItem, Currency, Customer, EmailAddress, Gender, HexColor, Layout, Money, NewCart,
    NewCustomer, ReassuranceIcon, ReassuranceItem, Shop, SocialLinks, Subject, TemplateContent,
    WebUrl,
};

const HOSTILE: &str = "<img src=x onerror=alert(1)>";
const BREAKOUT: &str = "\"><script>alert(1)</script>";

fn money(amount: &str) -> Money {
    Money::new(Decimal::from_str(amount).unwrap(), Currency::EUR).unwrap()
}

fn item(index: usize, name: &str) -> CartItem {
    CartItem {
        sku: format!("sku-{index}"),
        name: name.to_owned(),
        description: "Coupe classique, coton biologique".into(),
        image_url: Some(WebUrl::parse(&format!("https://shop.example/img/{index}.jpg")).unwrap()),
        product_url: Some(WebUrl::parse(&format!("https://shop.example/p/{index}")).unwrap()),
        category: None,
        unit_price: money("16.51"),
        quantity: 2,
        stock: None,
        ean: None,
    }
}

pub(crate) fn context(language: Language, items: usize) -> RenderContext {
    let shop = Shop {
        id: "s".into(),
        name: "Maison Lumière".into(),
        url: WebUrl::parse("https://shop.example").unwrap(),
        logo_url: None,
        postal_address: "1 rue de la Paix, 75002 Paris".into(),
        currency: Currency::EUR,
        default_language: Language::FRENCH,
        time_zone: "Europe/Paris".into(),
    };
    let customer = Customer::new(
        EmailAddress::parse("jeanne@example.com").unwrap(),
        NewCustomer {
            id: "cu-1".into(),
            first_name: "Jeanne".into(),
            last_name: "Martin".into(),
            gender: Some(Gender::Female),
            language: Some(language),
            country: None,
            groups: vec![],
            newsletter: true,
            birthdate: None,
            orders_count: 0,
            last_order_at: None,
            ..Default::default()
        },
    )
    .unwrap();
    let cart = Cart::new(NewCart {
        id: "c-1".into(),
        currency: Currency::EUR,
        items: (0..items)
            .map(|index| item(index, &format!("T-shirt délavé {index}")))
            .collect(),
        total_tax_incl: money("69.51"),
        total_tax_excl: money("57.93"),
        shipping: money("4.90"),
        url: Some(WebUrl::parse("https://shop.example/cart?id=1").unwrap()),
    })
    .unwrap();
    let links = EmailLinks {
        cart: "https://relance.example/c/SIGNED-CART".into(),
        shop: "https://relance.example/c/SIGNED-SHOP".into(),
        unsubscribe: "https://relance.example/u/SIGNED-UNSUB".into(),
        products: (0..items)
            .map(|index| Some(format!("https://relance.example/c/SIGNED-P{index}")))
            .collect(),
        open_pixel: Some("https://relance.example/o/SIGNED.gif".into()),
        recommended: Vec::new(),
        icons: "https://relance.example/email-icons".into(),
    };
    RenderContext {
        shop,
        customer: (&customer).into(),
        cart,
        discount: None,
        links,
        recommendations: Vec::new(),
    }
}

pub(crate) fn content(subject: &str) -> TemplateContent {
    TemplateContent {
        subject: Subject::parse(subject).unwrap(),
        body: "Bonjour {gender} {first_name} {last_name},\n\nVos {nb_product} articles :\n\n{cart}\n\n**Vite**, *revenez* sur {shop_link} ou {cart_link}.".into(),
        discount_text: "Code {discount_code} : {discount_value} jusqu'au {discount_expiry}".into(),
        button_text: "Finaliser ma commande".into(),
        reassurance: vec![ReassuranceItem {
            icon: ReassuranceIcon::SecurePayment,
            text: "Paiement sécurisé".into(),
        }],
        social: SocialLinks {
            facebook: Some(WebUrl::parse("https://facebook.com/maison").unwrap()),
            instagram: None,
            x: None,
        },
        unsubscribe_text: "Pour ne plus recevoir ces e-mails, {unsubscribe}.".into(),
        unsubscribe_link_text: "cliquez ici".into(),
    }
}

pub(crate) fn template(layout: Layout, languages: &[(Language, TemplateContent)]) -> EmailTemplate {
    EmailTemplate::new(
        "t1".into(),
        "Relance",
        layout,
        HexColor::parse("#1A73E8").unwrap(),
        HexColor::parse("#F4B400").unwrap(),
        languages.iter().cloned().collect::<BTreeMap<_, _>>(),
    )
    .unwrap()
}

fn french(layout: Layout) -> EmailTemplate {
    template(
        layout,
        &[(
            Language::FRENCH,
            content("{first_name}, votre panier vous attend"),
        )],
    )
}

fn discount(kind: DiscountKind) -> Option<OfferedDiscount> {
    Some(OfferedDiscount {
        code: "RLC-7K2M9QXP".into(),
        kind,
        expires_at: Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap(),
    })
}

#[test]
fn every_tag_is_replaced_in_the_html_the_text_and_the_subject() {
    let mut ctx = context(Language::FRENCH, 2);
    ctx.discount = discount(DiscountKind::Percent {
        percent: Percent::new(Decimal::TEN).unwrap(),
    });
    for layout in Layout::ALL {
        let email = render(&french(layout), &ctx).unwrap();
        assert_eq!(email.subject, "Jeanne, votre panier vous attend");
        for expected in [
            "Bonjour Mme Jeanne Martin,",
            "Vos 4 articles",
            "T-shirt délavé 1",
            "16,51\u{a0}€",
            "Code RLC-7K2M9QXP : 10\u{202f}% jusqu&#39;au 3 décembre 2026",
            "https://relance.example/c/SIGNED-SHOP",
            "https://relance.example/c/SIGNED-CART",
            "https://relance.example/c/SIGNED-P1",
            "https://relance.example/u/SIGNED-UNSUB",
            "https://relance.example/o/SIGNED.gif",
            "<strong>Vite</strong>",
            "<em>revenez</em>",
            "Paiement sécurisé",
            "https://facebook.com/maison",
            "lang=\"fr\"",
        ] {
            assert!(
                email.html.contains(expected),
                "{layout:?} html lacks {expected}"
            );
        }
        for tag in Tag::ALL {
            assert!(
                !email.html.contains(&tag.token()),
                "{layout:?} kept {tag:?}"
            );
            assert!(
                !email.text.contains(&tag.token()),
                "{layout:?} kept {tag:?}"
            );
        }
        assert!(email.text.contains("Bonjour Mme Jeanne Martin,"));
        assert!(email.text.contains("- 2 × T-shirt délavé 0 — 16,51\u{a0}€"));
        assert!(email
            .text
            .contains("Code RLC-7K2M9QXP : 10\u{202f}% jusqu'au 3 décembre 2026"));
        assert!(email
            .text
            .contains("cliquez ici <https://relance.example/u/SIGNED-UNSUB>"));
    }
}

#[test]
fn discount_values_read_as_in_the_language() {
    let mut ctx = context(Language::ENGLISH, 1);
    let english = template(Layout::Boxy, &[(Language::ENGLISH, content("Your cart"))]);
    ctx.discount = discount(DiscountKind::Amount {
        amount: Decimal::from(20),
        tax_included: true,
    });
    let email = render(&english, &ctx).unwrap();
    assert!(email.text.contains("€20.00 jusqu'au December 3, 2026"));
    ctx.discount = discount(DiscountKind::FreeShipping);
    assert!(render(&english, &ctx)
        .unwrap()
        .text
        .contains(": free shipping"));
}

#[test]
fn hostile_customer_and_product_data_is_escaped() {
    let mut ctx = context(Language::FRENCH, 1);
    ctx.customer.first_name = HOSTILE.into();
    ctx.customer.last_name = BREAKOUT.into();
    ctx.cart.items[0].name = BREAKOUT.into();
    ctx.cart.items[0].description = HOSTILE.into();
    ctx.shop.name = BREAKOUT.into();
    for layout in Layout::ALL {
        let email = render(&french(layout), &ctx).unwrap();
        assert!(!email.html.contains("<img src=x"), "{layout:?}");
        assert!(!email.html.contains("<script>"), "{layout:?}");
        assert!(email.html.contains("&#60;img src=x onerror=alert(1)&#62;"));
        assert!(email.html.contains("&#34;&#62;&#60;script&#62;"));
    }
}

#[test]
fn merchant_markup_is_text_and_only_safe_links_are_written() {
    let mut ctx = context(Language::FRENCH, 1);
    ctx.links.cart = "javascript:alert(1)".into();
    ctx.links.products = vec![Some("data:text/html,x".into())];
    let mut body = content("Sujet");
    body.body = "<b>gras</b> {cart_link}\n\n{cart}".into();
    let email = render(&template(Layout::Sendy, &[(Language::FRENCH, body)]), &ctx).unwrap();
    assert!(email
        .html
        .contains("&#60;b&#62;gras&#60;/b&#62; votre panier"));
    assert!(!email.html.contains("javascript:"));
    assert!(!email.html.contains("data:text"));
    // Without a safe cart link there is no button to point anywhere.
    assert!(!email.html.contains("Finaliser ma commande"));
}

#[test]
fn the_discount_text_shows_only_with_a_discount() {
    let mut ctx = context(Language::FRENCH, 1);
    let without = render(&french(Layout::Puffy), &ctx).unwrap();
    assert!(!without.html.contains("RLC-"));
    assert!(!without.text.contains("Code"));
    ctx.discount = discount(DiscountKind::FreeShipping);
    let with = render(&french(Layout::Puffy), &ctx).unwrap();
    assert!(with.html.contains("Code RLC-7K2M9QXP : livraison offerte"));
}

#[test]
fn a_free_gift_is_named_in_the_customers_language_and_escaped() {
    let gift = |name: &str| DiscountKind::FreeGift {
        gift: crate::campaign::GiftProduct::new("TOTE-01", name).unwrap(),
    };
    let mut ctx = context(Language::FRENCH, 1);
    ctx.discount = discount(gift("Sac <en> toile"));
    let french_mail = render(&french(Layout::Puffy), &ctx).unwrap();
    assert!(french_mail
        .html
        .contains("Code RLC-7K2M9QXP : Sac &#60;en&#62; toile en cadeau"));
    assert!(french_mail.text.contains("Sac <en> toile en cadeau"));
    let mut english = context(Language::ENGLISH, 1);
    english.discount = discount(gift("Tote bag"));
    let mut body = content("Subject");
    body.body = "{discount_value}".into();
    let english_mail = render(
        &template(Layout::Puffy, &[(Language::ENGLISH, body)]),
        &english,
    )
    .unwrap();
    assert!(english_mail.text.contains("a free Tote bag"));
}

#[test]
fn the_button_shows_only_when_its_text_is_set() {
    let ctx = context(Language::FRENCH, 1);
    let mut no_button = content("Sujet");
    no_button.button_text = "  ".into();
    for layout in Layout::ALL {
        let with = render(&french(layout), &ctx).unwrap();
        assert!(with.html.contains(">Finaliser ma commande"), "{layout:?}");
        let without = render(
            &template(layout, &[(Language::FRENCH, no_button.clone())]),
            &ctx,
        )
        .unwrap();
        assert!(!without.html.contains("Finaliser"), "{layout:?}");
    }
}

#[test]
fn a_missing_language_falls_back_to_english_else_is_not_rendered() {
    let german = Language::parse("de").unwrap();
    let ctx = context(german, 1);
    let both = template(
        Layout::Boxy,
        &[
            (Language::FRENCH, content("Votre panier")),
            (Language::ENGLISH, content("Your cart")),
        ],
    );
    let email = render(&both, &ctx).unwrap();
    assert_eq!(email.language, Language::ENGLISH);
    assert_eq!(email.subject, "Your cart");
    assert!(email.html.contains("lang=\"en\""));
    assert!(email.html.contains("Ms Jeanne Martin"));
    assert_eq!(
        render(&french(Layout::Boxy), &ctx),
        Err(RenderError::NoContentForLanguage { wanted: german })
    );
}

#[test]
fn the_unsubscribe_link_is_kept_when_the_merchant_removed_the_tag() {
    let ctx = context(Language::FRENCH, 1);
    let mut no_tag = content("Sujet");
    no_tag.unsubscribe_text = "Vous pouvez vous désinscrire.".into();
    no_tag.unsubscribe_link_text = String::new();
    let email = render(&template(Layout::Boxy, &[(Language::FRENCH, no_tag)]), &ctx).unwrap();
    assert!(email
        .html
        .contains("href=\"https://relance.example/u/SIGNED-UNSUB\""));
    assert!(email.html.contains(">Se désinscrire</a>"));
    assert!(email.text.contains(
        "Vous pouvez vous désinscrire. Se désinscrire <https://relance.example/u/SIGNED-UNSUB>"
    ));
}

#[test]
fn colours_drive_the_design_and_only_hex_colours_are_accepted() {
    let ctx = context(Language::FRENCH, 1);
    let mut green = french(Layout::Boxy);
    green.primary_color = HexColor::parse("#0B8043").unwrap();
    let email = render(&green, &ctx).unwrap();
    assert!(email.html.contains("background:#0B8043"));
    assert!(!email.html.contains("#1A73E8"));
    for bad in [
        "red",
        "#12345",
        "#1234567",
        "#GGGGGG",
        "rgb(0,0,0)",
        "#123;x",
    ] {
        assert!(HexColor::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn the_three_designs_are_different() {
    let ctx = context(Language::FRENCH, 2);
    let [boxy, sendy, puffy] =
        Layout::ALL.map(|layout| render(&french(layout), &ctx).unwrap().html);
    assert_ne!(boxy, sendy);
    assert_ne!(sendy, puffy);
    assert!(puffy.contains("border-radius:999px"));
    assert!(sendy.contains("Georgia"));
}

#[test]
fn twenty_items_stay_under_gmail_clipping_size() {
    let mut ctx = context(Language::FRENCH, 20);
    ctx.shop.logo_url = None;
    ctx.discount = discount(DiscountKind::FreeShipping);
    for layout in Layout::ALL {
        let email = render(&french(layout), &ctx).unwrap();
        // `RELANCE_DUMP_EMAILS=/some/dir` writes the three designs out to look at them.
        if let Ok(dir) = std::env::var("RELANCE_DUMP_EMAILS") {
            std::fs::write(format!("{dir}/{layout:?}.html"), &email.html).unwrap();
        }
        assert!(
            email.html.len() < GMAIL_CLIP_BYTES,
            "{layout:?}: {} bytes",
            email.html.len()
        );
        assert_eq!(
            email.html.matches("T-shirt délavé").count(),
            40,
            "{layout:?}"
        );
    }
}

#[test]
fn every_image_has_alt_text_and_every_design_is_responsive_and_dark_mode_aware() {
    let mut ctx = context(Language::FRENCH, 3);
    ctx.shop.logo_url = Some(WebUrl::parse("https://shop.example/logo.png").unwrap());
    for layout in Layout::ALL {
        let html = render(&french(layout), &ctx).unwrap().html;
        assert_eq!(
            html.matches("<img ").count(),
            html.matches(" alt=\"").count()
        );
        assert!(html.contains("max-width:620px"));
        assert!(html.contains("prefers-color-scheme:dark"));
        assert!(html.contains("width:600px"));
        assert!(html.contains("alt=\"Maison Lumière\""));
    }
}
