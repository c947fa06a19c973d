//! `{recommendations}`: the products bought with the cart's or from its categories, from the
//! shop's paid orders, in the sent mail (behind tracked links) and in the editor's preview; on
//! a shop made through set-up and on the demo shop.

use axum::http::StatusCode;
use domain::{Language, TemplateDraft};
use serde_json::{json, Value};

use crate::helpers::{cart_updated, TestApp};
use crate::merchant::{start_sending, step_ids};
use crate::smtp_peer::SmtpPeer;

fn item(sku: &str, name: &str, category: &str, stock: i64) -> Value {
    json!({"sku": sku, "name": name, "unit_price": "12.00", "quantity": 1, "category": category,
           "stock": stock, "product_url": format!("https://shop.example/p/{sku}"),
           "image_url": format!("https://shop.example/img/{sku}.jpg")})
}

/// A cart of `items` for customer `n`, then its paid order.
fn ordered(n: usize, items: Vec<Value>) -> Vec<Value> {
    let cart = format!("old-{n}");
    vec![
        json!({"id": format!("c-{n}"), "type": "cart_updated", "occurred_at": "2026-11-10T10:00:00Z",
               "cart": {"id": cart, "currency": "EUR", "total_tax_incl": "24.00",
                        "total_tax_excl": "20.00", "items": items},
               "customer": {"id": format!("buyer-{n}"), "email": format!("buyer{n}@example.com"),
                            "language": "fr"}}),
        json!({"id": format!("o-{n}"), "type": "order_completed", "occurred_at": "2026-11-10T10:20:00Z",
               "cart": {"id": cart}, "order": {"id": format!("order-{n}"), "total_tax_incl": "24.00"}}),
    ]
}

async fn template_draft(app: &TestApp, cookie: &str, shop: &str, id: &str) -> TemplateDraft {
    let response = app
        .call_form(
            cookie,
            "load_template_editor",
            &[("shop", shop), ("id", id)],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let data: Value = serde_json::from_str(&response.body).unwrap();
    serde_json::from_value(data["draft"].clone()).unwrap()
}

/// Puts `{recommendations}` after the cart in the template's French body.
async fn add_block(app: &TestApp, cookie: &str, shop: &str, id: &str) {
    let mut draft = template_draft(app, cookie, shop, id).await;
    let french = draft.contents.get_mut(&Language::FRENCH).unwrap();
    french.body = format!("{}\n\n{{recommendations}}", french.body);
    let saved = app
        .call_json(
            cookie,
            "save_template",
            json!({"shop": shop, "draft": draft}),
        )
        .await;
    assert!(saved.body.contains("Saved"), "{}", saved.body);
}

async fn first_template(app: &TestApp, cookie: &str, shop: &str, step: &str) -> String {
    let editor = crate::merchant::reminder_editor(app, cookie, shop, step).await;
    editor["draft"]["template_id"].as_str().unwrap().to_owned()
}

fn unfolded(mail: &str) -> String {
    mail.replace("=\r\n", "").replace("=\n", "")
}

#[tokio::test]
async fn a_set_up_shop_s_reminder_recommends_what_sold_with_the_cart_behind_tracked_links() {
    let app = TestApp::empty().await;
    let (shop, cookie, key) = crate::setup::set_up_shop_with_key(&app).await;
    let mut events = Vec::new();
    // The mug sold twice with the T-shirt; the polo shares its category; the sofa is sold out;
    // the lamp sold alone, in another category.
    for n in 0..2 {
        events.extend(ordered(
            n,
            vec![
                item("TSHIRT", "Tshirt", "Tops", 5),
                item("MUG", "Mug Atelier", "Home", 9),
            ],
        ));
    }
    events.extend(ordered(2, vec![item("POLO", "Polo Marin", "Tops", 4)]));
    events.extend(ordered(
        3,
        vec![
            item("TSHIRT", "Tshirt", "Tops", 5),
            item("SOFA", "Sofa Velours", "Home", 0),
        ],
    ));
    events.extend(ordered(4, vec![item("LAMP", "Lampe Opaline", "Light", 3)]));
    let posted = app.post_events(&key, json!({ "events": events })).await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", posted.body);

    let steps = step_ids(&app, &shop).await;
    let template = first_template(&app, &cookie, &shop, &steps[0]).await;
    add_block(&app, &cookie, &shop, &template).await;
    start_sending(&app, &cookie, &shop, &steps[..1]).await;
    let mut cart = cart_updated("e-1", "web-1", "2026-11-23T10:00:00Z", 1);
    cart["cart"]["items"][0] = item("TSHIRT", "Tshirt", "Tops", 5);
    app.post_events(&key, cart).await;

    let smtp = SmtpPeer::start(&[]).await;
    let run = app.run_once(&smtp.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(run["sent"], 1, "{run}");
    let mail = unfolded(&smtp.received()[0].data);
    let mug = mail.find("Mug Atelier").expect("the mug is recommended");
    let polo = mail.find("Polo Marin").expect("the polo is recommended");
    assert!(mug < polo, "bought together first");
    assert!(!mail.contains("Sofa Velours"), "sold out");
    assert!(
        !mail.contains("Lampe Opaline"),
        "neither bought with it nor of its category"
    );
    assert!(
        !mail.contains("https://shop.example/p/MUG"),
        "only tracked links"
    );

    // The editor previews the same products for that cart, linked to their own pages.
    let cart_id: String = server::on!(&app.pool, |db| sqlx::query_scalar(
        "select cart_id from carts where external_id = 'web-1'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let preview = app
        .get_as(
            &cookie,
            &format!("/s/{shop}/templates/{template}/preview?sample={cart_id}&lang=fr"),
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(
        preview.body.contains("Vous aimerez aussi"),
        "{}",
        preview.body
    );
    assert!(preview.body.contains("https://shop.example/p/MUG"));
    assert!(!preview.body.contains("Sofa Velours"));
}

#[tokio::test]
async fn the_demo_s_preview_shows_catalogue_products_and_its_sent_mail_its_own_history() {
    let app = TestApp::spawn(Some(60)).await;
    let cookie = app.sign_in().await;
    add_block(&app, &cookie, "demo", "demo-template-1").await;
    let preview = app
        .get_as(
            &cookie,
            "/s/demo/templates/demo-template-1/preview?sample=demo&lang=fr",
        )
        .await;
    assert!(
        preview.body.contains("Vous aimerez aussi"),
        "{}",
        preview.body
    );
    assert!(preview.body.contains("?product=demo_4"), "{}", preview.body);

    let key = app.api_key().await;
    app.post_events(
        &key,
        cart_updated("e-1", "web-1", "2026-11-23T10:00:00Z", 1),
    )
    .await;
    let smtp = SmtpPeer::start(&[]).await;
    app.run_once(&smtp.url(), "2026-11-23T11:31:00Z").await;
    let to_john = smtp
        .received()
        .into_iter()
        .find(|m| m.to.iter().any(|to| to == "john@example.com"))
        .expect("John's reminder went out");
    let mail = unfolded(&to_john.data);
    assert!(mail.contains("Vous aimerez aussi"), "{mail}");
}
