//! A discount can be a free gift product: the wizard checks its SKU and name, the engine gives
//! a code whose check names the product, and the email names it, escaped.

use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, TestApp};
use crate::smtp_peer::SmtpPeer;

fn gift(sku: &str, name: &str) -> Value {
    json!({ "kind": "free_gift", "value": "", "validity_days": "10", "combinable": false,
            "tax_included": true, "gift_sku": sku, "gift_name": name })
}

async fn editor(app: &TestApp, cookie: &str, shop: &str, step: &str) -> Value {
    let loaded = app
        .call_form(
            cookie,
            "load_reminder_editor",
            &[("shop", shop), ("id", step)],
        )
        .await;
    serde_json::from_str(&loaded.body).unwrap()
}

#[tokio::test]
async fn a_gift_tier_gives_a_code_whose_check_and_email_name_the_product() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let mut draft = editor(&app, &cookie, "demo", "demo-step-2").await["draft"].clone();
    // From 100 €: a tote bag instead of 20 € off.
    draft["ranges"][2]["discount"] = gift("TOTE 01", "");
    let refused = app
        .call_json(&cookie, "save_reminder", json!({ "draft": draft.clone() }))
        .await;
    assert!(
        refused.body.contains("ranges[2].gift_sku"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("ranges[2].gift_name"),
        "{}",
        refused.body
    );
    draft["ranges"][2]["discount"] = gift("TOTE-01", "Sac <en> toile");
    let saved = app
        .call_json(&cookie, "save_reminder", json!({ "draft": draft }))
        .await;
    assert!(saved.body.contains("Saved"), "{}", saved.body);
    let reloaded = editor(&app, &cookie, "demo", "demo-step-2").await;
    assert_eq!(
        reloaded["draft"]["ranges"][2]["discount"]["gift_sku"],
        "TOTE-01"
    );

    let key = app.api_key().await;
    let mut big = cart_updated("e-1", "big", "2026-11-23T10:00:00Z", 1);
    big["cart"]["total_tax_incl"] = "150.00".into();
    big["cart"]["total_tax_excl"] = "125.00".into();
    let posted = app.post_events(&key, json!({ "events": [big] })).await;
    assert!(posted.body.contains("\"accepted\":1"), "{}", posted.body);
    let peer = SmtpPeer::start(&[]).await;
    let first = app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(first["sent"], 1, "{first}");
    peer.clear();
    let second = app.run_once(&peer.url(), "2026-11-24T11:00:00Z").await;
    assert_eq!(second["sent"], 1, "{second}");

    let (code, sku): (String, Option<String>) = on!(&app.pool, |db| {
        sqlx::query_as(
        "select c.code, c.gift_sku from coupons c join deliveries d on d.delivery_id = c.delivery_id
         where d.step_id = 'demo-step-2'"
    )
    .fetch_one(db)
    .await
    })
    .unwrap();
    assert_eq!(sku.as_deref(), Some("TOTE-01"));
    let mail = &peer.received()[0].data;
    assert!(mail.contains("en cadeau"), "{mail}");
    // The text part reads the name as typed; the HTML part escapes it.
    assert!(mail.contains("Sac <en> toile en cadeau"), "{mail}");
    assert!(mail.contains("Sac &#60;en&#62; toile en cadeau"), "{mail}");
    let (_, answer) = app.check_coupon(&key, &code).await;
    assert_eq!(answer["kind"], "free_gift", "{answer}");
    assert_eq!(
        answer["gift"],
        json!({ "sku": "TOTE-01", "name": "Sac <en> toile" })
    );
    assert!(answer.get("value").is_none(), "{answer}");
}

#[tokio::test]
async fn a_shop_made_through_set_up_saves_a_gift_step_and_exports_it() {
    let app = TestApp::empty().await;
    let (slug, cookie) = crate::setup::set_up_shop(&app).await;
    let step = format!("{slug}-step-1");
    let mut draft = editor(&app, &cookie, &slug, &step).await["draft"].clone();
    draft["by_cart_value"] = false.into();
    draft["single"] = gift("MUG-2", "Mug Relance");
    let saved = app
        .call_json(
            &cookie,
            "save_reminder",
            json!({ "shop": slug, "draft": draft }),
        )
        .await;
    assert!(saved.body.contains("Saved"), "{}", saved.body);

    let list = app
        .call_form(&cookie, "list_reminders", &[("shop", slug.as_str())])
        .await;
    assert!(list.body.contains("Mug Relance"), "{}", list.body);
    let file = app
        .get_as(&cookie, &format!("/s/{slug}/campaign.json"))
        .await;
    let exported: Value = serde_json::from_str(&file.body).unwrap();
    let text = exported.to_string();
    assert!(
        text.contains("\"free_gift\"") && text.contains("MUG-2"),
        "{text}"
    );
}
