use rust_decimal::Decimal;

use super::*;
use crate::model::Currency;

fn line(basket: &str, sku: &str, category: &str, stock: Option<i64>) -> OrderedLine {
    OrderedLine {
        basket: basket.into(),
        sku: sku.into(),
        name: format!("Product {sku}"),
        price: Money::new(Decimal::new(1990, 2), Currency::EUR).unwrap(),
        image_url: None,
        product_url: Some(WebUrl::parse(&format!("https://shop.example/p/{sku}")).unwrap()),
        category: Some(category.into()),
        stock,
    }
}

/// The email tests' cart of two items (`sku-0`, `sku-1`), the first in "Tops".
fn cart() -> Cart {
    let mut cart = crate::email::tests::context(crate::model::Language::FRENCH, 2).cart;
    cart.items[0].category = Some("Tops".into());
    cart
}

fn skus(picked: &[Recommendation]) -> Vec<&str> {
    picked.iter().map(|r| r.sku.as_str()).collect()
}

#[test]
fn bought_together_comes_first_then_the_same_category_by_sales() {
    let history = [
        // Bought with sku-0 twice.
        line("o1", "sku-0", "Tops", None),
        line("o1", "mug", "Home", None),
        line("o2", "sku-0", "Tops", None),
        line("o2", "mug", "Home", None),
        // Bought with sku-1 once.
        line("o3", "sku-1", "Bottoms", None),
        line("o3", "cap", "Hats", None),
        // Same category as sku-0, sold three times and once.
        line("o4", "polo", "Tops", None),
        line("o5", "polo", "Tops", None),
        line("o6", "polo", "Tops", None),
        line("o7", "tank", "Tops", None),
        // Neither bought with the cart nor in its categories.
        line("o8", "sofa", "Home", None),
    ];
    assert_eq!(
        skus(&recommend(&cart(), &history, 5)),
        ["mug", "cap", "polo", "tank"]
    );
    assert_eq!(skus(&recommend(&cart(), &history, 2)), ["mug", "cap"]);
}

#[test]
fn what_is_in_the_cart_out_of_stock_or_without_a_page_is_never_shown() {
    let mut no_page = line("o3", "scarf", "Tops", None);
    no_page.product_url = None;
    let mut dollars = line("o4", "belt", "Tops", None);
    dollars.price = Money::new(Decimal::TEN, Currency::parse("USD").unwrap()).unwrap();
    let history = [
        line("o1", "sku-0", "Tops", None),
        line("o1", "polo", "Tops", Some(3)),
        // The newest line says none are left.
        line("o2", "polo", "Tops", Some(0)),
        line("o2", "sku-1", "Tops", None),
        no_page,
        dollars,
        line("o5", "tee", "Tops", Some(-2)),
    ];
    assert!(recommend(&cart(), &history, 3).is_empty());
}

#[test]
fn an_empty_history_recommends_nothing_and_the_newest_name_and_price_win() {
    assert!(recommend(&cart(), &[], 3).is_empty());
    let mut renamed = line("o2", "polo", "Tops", Some(4));
    renamed.name = "Polo piqué".into();
    let picked = recommend(&cart(), &[line("o1", "polo", "Tops", None), renamed], 3);
    assert_eq!(picked[0].name, "Polo piqué");
}
