//! Cart lines may carry a barcode (EAN): a wrong one is refused naming the field, a right one
//! is kept, and the rule editor's product list finds the product by it.

use serde_json::{json, Value};

use crate::helpers::{cart_updated, TestApp};

async fn products(app: &TestApp, cookie: &str, shop: &str) -> Vec<Value> {
    let loaded = app
        .call_form(cookie, "load_rule", &[("shop", shop), ("id", "new")])
        .await;
    let data: Value = serde_json::from_str(&loaded.body).unwrap();
    data["products"].as_array().cloned().unwrap_or_default()
}

fn cart_with_ean(event: &str, cart: &str, ean: &str) -> Value {
    let mut event = cart_updated(event, cart, "2026-11-23T10:00:00Z", 1);
    event["cart"]["items"][0]["ean"] = ean.into();
    event
}

async fn barcodes_are_checked_kept_and_offered(app: &TestApp, shop: &str, key: &str, cookie: &str) {
    let wrong = app
        .post_events(
            key,
            json!({ "events": [cart_with_ean("e-1", "c-1", "4006381333932")] }),
        )
        .await;
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    assert!(wrong.body.contains("cart.items[0].ean"), "{}", wrong.body);
    assert!(wrong.body.contains("check digit"), "{}", wrong.body);
    let right = app
        .post_events(
            key,
            json!({ "events": [cart_with_ean("e-2", "c-2", " 4006381333931 ")] }),
        )
        .await;
    assert!(right.body.contains("\"accepted\":1"), "{}", right.body);

    let offered = products(app, cookie, shop).await;
    let product = offered
        .iter()
        .find(|p| p["ean"] == "4006381333931")
        .unwrap_or_else(|| panic!("{offered:?}"));
    let sku = product["sku"].as_str().unwrap();
    assert!(!sku.is_empty());
    let (stored,): (Option<String>,) = server::on!(&app.pool, |db| sqlx::query_as(
        "select max(ean) from cart_items where sku = $1"
    )
    .bind(sku)
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(stored.as_deref(), Some("4006381333931"));
}

#[tokio::test]
async fn the_demo_shop_keeps_a_checked_barcode_and_offers_the_product_by_it() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let key = app.api_key().await;
    barcodes_are_checked_kept_and_offered(&app, "demo", &key, &cookie).await;
}

#[tokio::test]
async fn a_shop_made_through_set_up_does_the_same() {
    let app = TestApp::empty().await;
    let (slug, cookie, key) = crate::setup::set_up_shop_with_key(&app).await;
    barcodes_are_checked_kept_and_offered(&app, &slug, &key, &cookie).await;
}
