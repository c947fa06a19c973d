//! The demo campaign, modelled on the PrestaShop "Relance de Panier Abandonné Pro" guide.

use std::collections::BTreeMap;

use domain::{
    Audience, Campaign, Delay, Discount, DiscountKind, DiscountPolicy, DiscountRange,
    DiscountRanges, EmailTemplate, HexColor, HoldoutShare, Language, Layout, Percent,
    ReassuranceIcon, ReassuranceItem, ReminderStep, SocialLinks, SplitShare, SplitTest, Subject,
    TemplateContent, ValidityDays, ValueBasis, WebUrl,
};
use rust_decimal::Decimal;

pub const FIRST_TEMPLATE_ID: &str = "demo-template-1";
pub const SECOND_TEMPLATE_ID: &str = "demo-template-2";
/// Variant B of the first reminder in the showcase's A/B test.
pub const SHORT_TEMPLATE_ID: &str = "demo-template-1b";
/// The showcase's control group: a fifth of the customers, so two weeks of demo carts are
/// enough to measure the lift.
pub const SHOWCASE_HOLDOUT: u8 = 20;

struct Texts {
    subject: &'static str,
    body: &'static str,
    discount_text: &'static str,
    button_text: &'static str,
    reassurance: [&'static str; 3],
    unsubscribe_text: &'static str,
    unsubscribe_link_text: &'static str,
}

fn content(texts: &Texts) -> anyhow::Result<TemplateContent> {
    let icons = [
        ReassuranceIcon::FreeDelivery,
        ReassuranceIcon::SecurePayment,
        ReassuranceIcon::CustomerService,
    ];
    Ok(TemplateContent {
        subject: Subject::parse(texts.subject)?,
        body: texts.body.to_owned(),
        discount_text: texts.discount_text.to_owned(),
        button_text: texts.button_text.to_owned(),
        reassurance: icons
            .into_iter()
            .zip(texts.reassurance)
            .map(|(icon, text)| ReassuranceItem {
                icon,
                text: text.to_owned(),
            })
            .collect(),
        social: SocialLinks {
            facebook: Some(WebUrl::parse("https://www.facebook.com/")?),
            instagram: Some(WebUrl::parse("https://www.instagram.com/")?),
            x: None,
        },
        unsubscribe_text: texts.unsubscribe_text.to_owned(),
        unsubscribe_link_text: texts.unsubscribe_link_text.to_owned(),
    })
}

const FR_REASSURANCE: [&str; 3] = [
    "Livraison offerte dès 50 €",
    "Paiement 100 % sécurisé",
    "Service client à votre écoute",
];
const EN_REASSURANCE: [&str; 3] = [
    "Free delivery from €50",
    "100% secure payment",
    "Customer service at your side",
];

fn template(
    id: &str,
    name: &str,
    layout: Layout,
    colors: (&str, &str),
    fr: &Texts,
    en: &Texts,
) -> anyhow::Result<EmailTemplate> {
    let contents = BTreeMap::from([
        (Language::FRENCH, content(fr)?),
        (Language::ENGLISH, content(en)?),
    ]);
    Ok(EmailTemplate::new(
        id.to_owned(),
        name,
        layout,
        HexColor::parse(colors.0)?,
        HexColor::parse(colors.1)?,
        contents,
    )?)
}

/// The two templates the demo campaign sends.
pub fn templates() -> anyhow::Result<Vec<EmailTemplate>> {
    let first = template(
        FIRST_TEMPLATE_ID,
        "Premier rappel",
        Layout::Boxy,
        ("#1A73E8", "#F4B400"),
        &Texts {
            subject: "N'oubliez pas votre panier !",
            body: "Bonjour {gender} {last_name},\n\nVous avez laissé **{nb_product} article(s)** dans votre panier. Bonne nouvelle : nous l'avons gardé pour vous.\n\n{cart}",
            discount_text: "",
            button_text: "Finaliser ma commande",
            reassurance: FR_REASSURANCE,
            unsubscribe_text: "Vous ne souhaitez plus recevoir ces rappels ? {unsubscribe}",
            unsubscribe_link_text: "Se désinscrire",
        },
        &Texts {
            subject: "Don't forget your cart!",
            body: "Hello {first_name},\n\nYou left **{nb_product} item(s)** in your cart. Good news: we kept it for you.\n\n{cart}",
            discount_text: "",
            button_text: "Complete my order",
            reassurance: EN_REASSURANCE,
            unsubscribe_text: "Don't want these reminders any more? {unsubscribe}",
            unsubscribe_link_text: "Unsubscribe",
        },
    )?;
    let second = template(
        SECOND_TEMPLATE_ID,
        "Deuxième rappel avec code promo",
        Layout::Puffy,
        ("#C2185B", "#263238"),
        &Texts {
            subject: "Quelle chance ! Nous avons conservé votre panier bien au chaud et voilà un code promo -10% !",
            body: "Bonjour {first_name},\n\nVotre panier vous attend toujours. *Les stocks partent vite*, ne tardez pas !\n\n{cart}",
            discount_text: "Profitez de **{discount_value}** avec le code **{discount_code}**, valable jusqu'au {discount_expiry}.",
            button_text: "Retrouver mon panier",
            reassurance: FR_REASSURANCE,
            unsubscribe_text: "Vous ne souhaitez plus recevoir ces rappels ? {unsubscribe}",
            unsubscribe_link_text: "Se désinscrire",
        },
        &Texts {
            subject: "Lucky you! We kept your cart warm, and here is a discount code!",
            body: "Hello {first_name},\n\nYour cart is still waiting for you. *Stock goes fast*, so don't wait too long!\n\n{cart}",
            discount_text: "Enjoy **{discount_value}** with the code **{discount_code}**, valid until {discount_expiry}.",
            button_text: "Back to my cart",
            reassurance: EN_REASSURANCE,
            unsubscribe_text: "Don't want these reminders any more? {unsubscribe}",
            unsubscribe_link_text: "Unsubscribe",
        },
    )?;
    Ok(vec![first, second])
}

fn discount(kind: DiscountKind, days: u32) -> anyhow::Result<Discount> {
    Ok(Discount {
        kind,
        validity: ValidityDays::new(days)?,
        combinable: false,
    })
}

/// Step 1 after 1 hour without discount; step 2 after 1 day with a discount by cart value
/// The showcase's variant B of the first reminder: shorter, straight to the cart.
pub fn short_template() -> anyhow::Result<EmailTemplate> {
    template(
        SHORT_TEMPLATE_ID,
        "Premier rappel, version courte",
        Layout::Boxy,
        ("#00695C", "#F4B400"),
        &Texts {
            subject: "{first_name}, votre panier vous attend",
            body: "Bonjour {first_name},\n\nVos **{nb_product} article(s)** sont toujours là.\n\n{cart}\n\n{recommendations}",
            discount_text: "",
            button_text: "Voir mon panier",
            reassurance: FR_REASSURANCE,
            unsubscribe_text: "Vous ne souhaitez plus recevoir ces rappels ? {unsubscribe}",
            unsubscribe_link_text: "Se désinscrire",
        },
        &Texts {
            subject: "{first_name}, your cart is waiting",
            body: "Hello {first_name},\n\nYour **{nb_product} item(s)** are still there.\n\n{cart}\n\n{recommendations}",
            discount_text: "",
            button_text: "See my cart",
            reassurance: EN_REASSURANCE,
            unsubscribe_text: "Don't want these reminders any more? {unsubscribe}",
            unsubscribe_link_text: "Unsubscribe",
        },
    )
}

/// (from 1 EUR: 10 % for 10 days; from 50 EUR: free shipping for 11 days; from 100 EUR: 20 EUR
/// off for 7 days).
/// With `showcase` (the demo a person explores), the rule also holds out
/// [`SHOWCASE_HOLDOUT`] % of its customers and tests a shorter first reminder on half the carts.
pub fn campaign(step_ids: [String; 2], showcase: bool) -> anyhow::Result<Campaign> {
    let [first_id, second_id] = step_ids;
    let ranges = DiscountRanges::new(
        ValueBasis::TaxIncluded,
        vec![
            DiscountRange {
                min: Decimal::ONE,
                max: None,
                template_id: None,
                discount: discount(
                    DiscountKind::Percent {
                        percent: Percent::new(Decimal::TEN)?,
                    },
                    10,
                )?,
            },
            DiscountRange {
                min: Decimal::from(50),
                max: None,
                template_id: None,
                discount: discount(DiscountKind::FreeShipping, 11)?,
            },
            DiscountRange {
                min: Decimal::ONE_HUNDRED,
                max: None,
                template_id: None,
                discount: discount(DiscountKind::amount(Decimal::from(20), true)?, 7)?,
            },
        ],
    )?;
    let steps = vec![
        ReminderStep {
            id: first_id,
            delay: Delay::hours(1)?,
            enabled: true,
            audience: Audience::EVERYONE,
            discount: DiscountPolicy::None,
            template_id: FIRST_TEMPLATE_ID.to_owned(),
            channel: Default::default(),
            code_collection: None,
            split: showcase.then(|| SplitTest {
                template_id: SHORT_TEMPLATE_ID.to_owned(),
                share: SplitShare::HALF,
                discount: None,
            }),
        },
        ReminderStep {
            id: second_id,
            delay: Delay::days(1)?,
            enabled: true,
            audience: Audience::EVERYONE,
            discount: DiscountPolicy::Ranges { ranges },
            template_id: SECOND_TEMPLATE_ID.to_owned(),
            channel: Default::default(),
            code_collection: None,
            split: None,
        },
    ];
    let holdout = if showcase {
        HoldoutShare::new(SHOWCASE_HOLDOUT)?
    } else {
        HoldoutShare::NONE
    };
    Ok(Campaign::new(
        "demo-campaign".to_owned(),
        "Relance de panier abandonné",
        steps,
    )?
    .with_holdout(holdout))
}
