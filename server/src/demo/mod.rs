//! `relance demo`: a deterministic demo shop, also our benchmark data.
//!
//! The same `--seed` and `--now` always give the same shop, customers, carts and orders; carts
//! are spread over the 14 days before `now`, about a third of them ordered.

pub(crate) mod campaign;
mod catalogue;
mod history;
mod rules;
mod sample;
mod seeded;

pub use sample::sample_context;

use anyhow::Context;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::{
    Cart, CartItem, Currency, Customer, EmailAddress, Gender, Language, Money, NewCart,
    NewCustomer, Shop, WebUrl,
};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::auth::{Auth, AuthError};
use crate::db::{self, DemoBatch, NewCartRow, NewCustomerRow, NewOrderRow, Pool};
use catalogue::{Product, PRODUCTS};
use seeded::seeded_id;

pub const DEMO_SHOP_ID: &str = "demo";
/// The demo's admin account. Public by design: it is a demo; real shops use `relance admin create`.
pub const DEMO_ADMIN_EMAIL: &str = "demo@relance.test";
pub const DEMO_ADMIN_PASSWORD: &str = "relance-demo";

/// Creates the demo admin account unless it exists.
pub async fn ensure_demo_admin(auth: &Auth, now: DateTime<Utc>) -> anyhow::Result<()> {
    match auth
        .create_admin(
            DEMO_ADMIN_EMAIL,
            DEMO_ADMIN_PASSWORD,
            &crate::db::Grant::Everything,
            now,
        )
        .await
    {
        Ok(()) | Err(AuthError::EmailTaken) => Ok(()),
        Err(error) => Err(error).context("cannot create the demo admin account"),
    }
}

/// What `seed` wrote, for the command's report and for tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    /// The demo shop's API key, shown once.
    pub api_key: String,
    pub customers: usize,
    pub carts: usize,
    pub items: usize,
    pub orders: usize,
    /// Reminders in the tracking history (`--history`).
    pub deliveries: usize,
}

pub struct DemoOptions {
    pub carts: u32,
    pub seed: u64,
    pub now: DateTime<Utc>,
    /// Images and links in the demo carts point here (RELANCE_PUBLIC_URL).
    pub public_url: String,
    pub replace: bool,
    /// Carts are spread over this many days before `now`.
    pub days: u32,
    /// Also write the reminders the campaign would have sent, with their opens and clicks.
    pub history: bool,
    /// Also write two rules tried before the main campaign ("Gros paniers", "Clients
    /// fidèles").
    pub rules: bool,
}

/// Writes the demo shop in one transaction: either all of it is there, or none.
#[tracing::instrument(skip_all, fields(carts = options.carts, seed = options.seed))]
pub async fn seed(pool: &Pool, options: &DemoOptions) -> anyhow::Result<DemoSummary> {
    let exists = db::shop_exists(pool, DEMO_SHOP_ID).await?;
    if exists && !options.replace {
        anyhow::bail!(
            "the database already has the demo shop; run `relance demo --replace` to rebuild it"
        );
    }
    let shop = demo_shop(&options.public_url)?;
    // The demo a person explores (with history) shows a measured control group and a running
    // A/B test; the tests' demo keeps a plain rule.
    let showcase = options.history;
    let mut templates = campaign::templates()?;
    if showcase {
        templates.push(campaign::short_template()?);
    }
    let campaign = campaign::campaign(["demo-step-1".into(), "demo-step-2".into()], showcase)?;
    let mut batch = generate(options, &shop)?;
    if options.history {
        let steps = campaign.steps();
        // Step delays count from the abandonment, the shop's default 30 minutes idle.
        let abandoned_after = chrono::Duration::minutes(crate::db::DEFAULT_ABANDONED_AFTER_MINUTES);
        let mut rng = fastrand::Rng::with_seed(options.seed ^ 0x5EED);
        history::add_history(
            &mut rng,
            &mut batch,
            &history::HistorySteps {
                campaign_id: campaign.id(),
                holdout: campaign.holdout(),
                split: steps[0].split.as_ref(),
                abandoned_after,
                steps: [
                    (
                        &steps[0].id,
                        &steps[0].template_id,
                        abandoned_after + steps[0].delay.duration(),
                    ),
                    (
                        &steps[1].id,
                        &steps[1].template_id,
                        abandoned_after + steps[1].delay.duration(),
                    ),
                ],
            },
            options.now,
        );
    }
    let mut summary = DemoSummary {
        api_key: String::new(),
        customers: batch.customers.len(),
        carts: batch.carts.len(),
        items: batch.carts.iter().map(|c| c.cart.items.len()).sum(),
        orders: batch.orders.len(),
        deliveries: batch.history.deliveries.len(),
    };

    let mut tx = pool.begin().await?;
    if exists {
        db::delete_shop(&mut tx.conn(), DEMO_SHOP_ID).await?;
    }
    db::insert_shop(&mut tx.conn(), &shop, options.now).await?;
    for template in &templates {
        db::insert_template(&mut tx.conn(), DEMO_SHOP_ID, template, options.now).await?;
    }
    db::insert_campaign(&mut tx.conn(), DEMO_SHOP_ID, &campaign, options.now).await?;
    if options.rules {
        for rule in rules::rules()? {
            db::insert_campaign(&mut tx.conn(), DEMO_SHOP_ID, &rule, options.now).await?;
        }
    }
    db::insert_demo_batch(&mut tx.conn(), DEMO_SHOP_ID, &batch, options.now).await?;
    tx.commit().await.context("cannot commit the demo shop")?;
    db::after_bulk_load(pool).await?;
    summary.api_key = crate::api::keys::create(pool, DEMO_SHOP_ID, "demo", options.now)
        .await?
        .secret;
    Ok(summary)
}

fn demo_shop(public_url: &str) -> anyhow::Result<Shop> {
    let base = public_url.trim_end_matches('/');
    Ok(Shop {
        id: DEMO_SHOP_ID.to_owned(),
        name: "La Boutique Démo".to_owned(),
        url: WebUrl::parse(base)?,
        logo_url: Some(WebUrl::parse(&format!("{base}/demo/logo.png"))?),
        postal_address: "12 rue des Lilas, 69002 Lyon, France".to_owned(),
        currency: Currency::EUR,
        default_language: Language::FRENCH,
        time_zone: "Europe/Paris".to_owned(),
    })
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn eur(amount: Decimal) -> anyhow::Result<Money> {
    Ok(Money::new(amount, Currency::EUR)?)
}

fn demo_customer(
    rng: &mut fastrand::Rng,
    index: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<Customer> {
    let french = rng.u8(..100) < 70;
    let (first_names, last_names, language) = if french {
        (
            catalogue::FRENCH_FIRST_NAMES,
            catalogue::FRENCH_LAST_NAMES,
            Language::FRENCH,
        )
    } else {
        (
            catalogue::ENGLISH_FIRST_NAMES,
            catalogue::ENGLISH_LAST_NAMES,
            Language::ENGLISH,
        )
    };
    let (first_name, male) = *pick(rng, first_names);
    let last_name = *pick(rng, last_names);
    let local: String = format!("{first_name}.{last_name}")
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ç' => 'c',
            'ô' => 'o',
            'ï' | 'î' => 'i',
            'à' => 'a',
            c if c.is_ascii_alphanumeric() || c == '.' => c,
            _ => '-',
        })
        .collect();
    let email = EmailAddress::parse(&format!(
        "{local}.{index}@{}",
        pick(rng, catalogue::EMAIL_DOMAINS)
    ))?;
    let orders_count = if rng.u8(..100) < 40 { 0 } else { rng.u32(1..9) };
    let last_order_at = (orders_count > 0).then(|| now - Duration::days(rng.i64(1..400)));
    let birthdate = NaiveDate::from_ymd_opt(rng.i32(1950..2006), rng.u32(1..13), rng.u32(1..29));
    Ok(Customer::new(
        email,
        NewCustomer {
            id: format!("cu-{}", index + 1),
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            gender: Some(if male { Gender::Male } else { Gender::Female }),
            language: Some(language),
            country: Some(if french { "FR" } else { "GB" }.to_owned()),
            groups: vec!["customer".to_owned()],
            newsletter: rng.u8(..100) < 60,
            birthdate,
            orders_count,
            last_order_at,
            // Drawn customers get no phone: more draws would move every later one.
            ..Default::default()
        },
    )?)
}

fn demo_item(
    product: &Product,
    language: Language,
    base: &str,
    quantity: u32,
) -> anyhow::Result<CartItem> {
    let french = language == Language::FRENCH;
    Ok(CartItem {
        sku: product.sku.to_owned(),
        name: if french {
            product.name_fr
        } else {
            product.name_en
        }
        .to_owned(),
        description: if french {
            product.description_fr
        } else {
            product.description_en
        }
        .to_owned(),
        image_url: Some(WebUrl::parse(&format!("{base}/demo/{}", product.image))?),
        product_url: Some(WebUrl::parse(&format!("{base}/?product={}", product.sku))?),
        category: Some(product.category.to_owned()),
        unit_price: eur(product.price.parse()?)?,
        quantity,
        stock: Some(i64::from(quantity) * 7 + 3),
        ean: None,
    })
}

fn generate(options: &DemoOptions, shop: &Shop) -> anyhow::Result<DemoBatch> {
    let mut rng = fastrand::Rng::with_seed(options.seed);
    let now = options.now;
    let base = shop.url.as_str().trim_end_matches('/');
    let cart_count = options.carts as usize;
    // About three carts for every two customers: some customers come back.
    let customer_count = (cart_count * 2).div_ceil(3).max(1);
    let mut batch = DemoBatch::default();
    for index in 0..customer_count {
        let customer = demo_customer(&mut rng, index, now)?;
        batch.customers.push(NewCustomerRow {
            customer_id: seeded_id(&mut rng),
            customer,
        });
    }

    let window_seconds = Duration::days(i64::from(options.days.max(1))).num_seconds();
    for index in 0..cart_count {
        // One cart in ten is a guest's: no customer known yet.
        let owner = (rng.u8(..100) >= 10).then(|| rng.usize(..customer_count));
        let language = owner
            .map(|i| batch.customers[i].customer.language)
            .unwrap_or(Language::FRENCH);
        let mut items = Vec::new();
        for _ in 0..rng.usize(1..5) {
            let product = pick(&mut rng, PRODUCTS);
            if items.iter().any(|item: &CartItem| item.sku == product.sku) {
                continue;
            }
            items.push(demo_item(product, language, base, rng.u32(1..4))?);
        }
        let total: Decimal = items
            .iter()
            .map(|item| item.unit_price.amount() * Decimal::from(item.quantity))
            .sum();
        let shipping = if total >= Decimal::from(50) {
            Decimal::ZERO
        } else {
            Decimal::new(490, 2)
        };
        let tax_incl = total + shipping;
        // French VAT at 20 %, rounded to the cent as a shop would.
        let tax_excl = (tax_incl / Decimal::new(12, 1))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        let external_id = format!("c-{}", index + 1);
        let cart = Cart::new(NewCart {
            id: external_id.clone(),
            currency: Currency::EUR,
            items,
            total_tax_incl: eur(tax_incl)?,
            total_tax_excl: eur(tax_excl)?,
            shipping: eur(shipping)?,
            url: Some(WebUrl::parse(&format!("{base}/?cart={external_id}"))?),
        })?;
        let last_activity_at = now - Duration::seconds(rng.i64(60..window_seconds));
        let created_at = last_activity_at - Duration::seconds(rng.i64(0..3 * 3600));
        let roll = rng.u8(..100);
        let ordered_at = (roll < 35)
            .then(|| last_activity_at + Duration::minutes(rng.i64(5..3 * 24 * 60)))
            .filter(|at| *at <= now);
        let deleted_at = (ordered_at.is_none() && roll >= 97).then_some(last_activity_at);
        let cart_id = seeded_id(&mut rng);
        if let Some(ordered_at) = ordered_at {
            batch.orders.push(NewOrderRow {
                order_id: seeded_id(&mut rng),
                external_id: format!("o-{}", batch.orders.len() + 1),
                cart: index,
                ordered_at,
                coupon_codes: Vec::new(),
            });
        }
        batch.carts.push(NewCartRow {
            cart_id,
            customer_id: owner.map(|i| batch.customers[i].customer_id.clone()),
            cart,
            created_at,
            last_activity_at,
            ordered_at,
            deleted_at,
        });
    }
    Ok(batch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn options(seed: u64) -> DemoOptions {
        DemoOptions {
            carts: 300,
            seed,
            now: Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap(),
            public_url: "http://127.0.0.1:3000".into(),
            replace: false,
            days: 14,
            history: false,
            rules: false,
        }
    }

    fn fingerprint(batch: &DemoBatch) -> Vec<String> {
        batch
            .carts
            .iter()
            .map(|c| {
                format!(
                    "{} {} {} {:?}",
                    c.cart_id,
                    c.cart.total_tax_incl.amount(),
                    c.last_activity_at,
                    c.ordered_at
                )
            })
            .collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_data_and_another_seed_does_not() {
        let shop = demo_shop("http://127.0.0.1:3000").unwrap();
        let a = generate(&options(7), &shop).unwrap();
        let b = generate(&options(7), &shop).unwrap();
        let c = generate(&options(8), &shop).unwrap();
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_ne!(fingerprint(&a), fingerprint(&c));
    }

    #[test]
    fn carts_fall_in_the_last_fourteen_days_and_some_are_ordered_and_many_not() {
        let opts = options(1);
        let batch = generate(&opts, &demo_shop(&opts.public_url).unwrap()).unwrap();
        assert_eq!(batch.carts.len(), 300);
        for cart in &batch.carts {
            assert!(cart.last_activity_at <= opts.now);
            assert!(cart.last_activity_at > opts.now - Duration::days(14));
            assert!(!cart.cart.items.is_empty());
        }
        let ordered = batch
            .carts
            .iter()
            .filter(|c| c.ordered_at.is_some())
            .count();
        assert!(ordered > 50 && ordered < 150, "{ordered} ordered of 300");
        assert_eq!(ordered, batch.orders.len());
    }

    #[test]
    fn the_demo_campaign_follows_the_guide() {
        let campaign = campaign::campaign(["a".into(), "b".into()], false).unwrap();
        let steps = campaign.steps();
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0].delay.total_hours(), 1);
        assert_eq!(steps[1].delay.total_hours(), 24);
        assert_eq!(
            steps[0].discount.summary(),
            domain::DiscountSummary::NoDiscount
        );
        assert_eq!(
            steps[1].discount.summary(),
            domain::DiscountSummary::DependsOnCartValue
        );
        let templates = campaign::templates().unwrap();
        assert_eq!(
            templates[0].contents[&Language::FRENCH].subject.as_str(),
            "N'oubliez pas votre panier !"
        );
        assert_eq!(
            templates[0].contents[&Language::ENGLISH].subject.as_str(),
            "Don't forget your cart!"
        );
    }
}
