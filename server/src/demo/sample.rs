//! The editor's built-in sample: a realistic cart of demo products for any shop, so a merchant
//! can design emails before the first real cart arrives.

use domain::email::RenderContext;
use domain::recommend::{Recommendation, MAX_RECOMMENDED};
use domain::{
    Cart, Customer, EmailAddress, Gender, Language, Money, NewCart, NewCustomer, Shop, WebUrl,
};
use rust_decimal::Decimal;

use super::catalogue::PRODUCTS;
use super::demo_item;

/// Camille's cart of three products, in `language`; product images are served by Relance at
/// `public_url`, links go to the shop.
pub fn sample_context(
    shop: &Shop,
    public_url: &str,
    language: Language,
) -> anyhow::Result<RenderContext> {
    let base = public_url.trim_end_matches('/');
    let mut items = Vec::new();
    for (product, quantity) in [(&PRODUCTS[0], 1), (&PRODUCTS[2], 1), (&PRODUCTS[1], 2)] {
        let mut item = demo_item(product, language, base, quantity)?;
        item.product_url = Some(WebUrl::parse(&format!(
            "{}/?product={}",
            shop.url.as_str().trim_end_matches('/'),
            product.sku
        ))?);
        item.unit_price = Money::new(item.unit_price.amount(), shop.currency)?;
        items.push(item);
    }
    let total: Decimal = items
        .iter()
        .map(|item| item.unit_price.amount() * Decimal::from(item.quantity))
        .sum();
    // French VAT at 20 %, rounded to the cent like a shop would.
    let excl = (total / Decimal::new(12, 1)).round_dp(2);
    let cart = Cart::new(NewCart {
        id: "sample".into(),
        currency: shop.currency,
        items,
        total_tax_incl: Money::new(total, shop.currency)?,
        total_tax_excl: Money::new(excl, shop.currency)?,
        shipping: Money::new(Decimal::new(490, 2), shop.currency)?,
        url: Some(shop.url.clone()),
    })?;
    let customer = Customer::new(
        EmailAddress::parse("camille.martin@example.com")?,
        NewCustomer {
            id: "sample".into(),
            first_name: "Camille".into(),
            last_name: "Martin".into(),
            gender: Some(Gender::Female),
            language: Some(language),
            country: Some("FR".into()),
            groups: vec!["customer".into()],
            newsletter: true,
            birthdate: None,
            orders_count: 1,
            last_order_at: None,
            phone: domain::PhoneNumber::parse_e164("+33612345678").ok(),
            sms_consent: true,
        },
    )?;
    // What `{recommendations}` shows in the preview: other demo products, linked to the shop.
    let mut products = Vec::new();
    for product in PRODUCTS
        .iter()
        .filter(|p| cart.items.iter().all(|item| item.sku != p.sku))
        .take(MAX_RECOMMENDED)
    {
        let item = demo_item(product, language, base, 1)?;
        products.push(Recommendation {
            sku: item.sku,
            name: item.name,
            price: Money::new(item.unit_price.amount(), shop.currency)?,
            image_url: item.image_url,
            product_url: WebUrl::parse(&format!(
                "{}/?product={}",
                shop.url.as_str().trim_end_matches('/'),
                product.sku
            ))?,
        });
    }
    let links = products
        .iter()
        .map(|p| p.product_url.as_str().to_owned())
        .collect();
    let icons = crate::links::icons_url(public_url);
    Ok(
        RenderContext::preview(shop.clone(), (&customer).into(), cart, icons)
            .with_recommendations(products, links),
    )
}
