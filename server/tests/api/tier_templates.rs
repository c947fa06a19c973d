//! A discount tier can send its own template: the cart's range picks the message, the
//! delivery records it for the statistics, and an unknown template is refused on save.

use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, TestApp};
use crate::smtp_peer::SmtpPeer;

async fn template_of(app: &TestApp, cart: &str) -> Option<String> {
    let cart = cart.to_owned();
    on!(&app.pool, |db| sqlx::query_scalar(
        "select d.template_id from deliveries d join carts k on k.cart_id = d.cart_id
         where k.external_id = $1 and d.step_id = 'demo-step-2'"
    )
    .bind(&cart)
    .fetch_one(db)
    .await)
    .unwrap()
}

#[tokio::test]
async fn the_carts_range_picks_the_template_and_the_delivery_records_it() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let loaded = app
        .call_form(&cookie, "load_reminder_editor", &[("id", "demo-step-2")])
        .await;
    let editor: Value = serde_json::from_str(&loaded.body).unwrap();
    let mut draft = editor["draft"].clone();
    assert_eq!(draft["ranges"].as_array().unwrap().len(), 3);
    // From 50 €: the first reminder's template instead of the step's.
    draft["ranges"][1]["template_id"] = "demo-template-1".into();
    let saved = app
        .call_json(&cookie, "save_reminder", json!({ "draft": draft.clone() }))
        .await;
    assert!(saved.body.contains("Saved"), "{}", saved.body);
    let mut foreign = draft.clone();
    foreign["ranges"][2]["template_id"] = "another-shops-template".into();
    let refused = app
        .call_json(&cookie, "save_reminder", json!({ "draft": foreign }))
        .await;
    assert!(refused.body.contains("UnknownTemplate"), "{}", refused.body);

    let key = app.api_key().await;
    let mut small = cart_updated("e-1", "small", "2026-11-23T10:00:00Z", 1);
    small["cart"]["total_tax_incl"] = "20.00".into();
    small["cart"]["total_tax_excl"] = "16.67".into();
    small["customer"]["id"] = "cu-small".into();
    small["customer"]["email"] = "small@example.com".into();
    let mut big = cart_updated("e-2", "big", "2026-11-23T10:00:00Z", 1);
    big["customer"]["id"] = "cu-big".into();
    big["customer"]["email"] = "big@example.com".into();
    let posted = app
        .post_events(&key, json!({ "events": [small, big] }))
        .await;
    assert!(posted.body.contains("\"accepted\":2"), "{}", posted.body);
    let peer = SmtpPeer::start(&[]).await;
    let first = app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(first["sent"], 2, "{first}");
    peer.clear();
    let second = app.run_once(&peer.url(), "2026-11-24T11:00:00Z").await;
    assert_eq!(second["sent"], 2, "{second}");
    assert_eq!(
        template_of(&app, "big").await.as_deref(),
        Some("demo-template-1")
    );
    assert_eq!(
        template_of(&app, "small").await.as_deref(),
        Some("demo-template-2")
    );
    let first_subject: String = on!(&app.pool, |db| sqlx::query_scalar(
        "select subject from template_contents where template_id = 'demo-template-1' and language = 'fr'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let to_big = peer
        .received()
        .into_iter()
        .find(|r| r.to == ["big@example.com"])
        .unwrap();
    let subject_words = first_subject.split_whitespace().next().unwrap().to_owned();
    assert!(to_big.data.contains(&subject_words), "{}", to_big.data);
    // The exported campaign carries the tier's template, and imports into a fresh shop.
    let file = app.get_as(&cookie, "/s/demo/campaign.json").await;
    assert!(
        file.body.contains("\"template_id\": \"demo-template-1\"")
            || file.body.contains("\"template_id\":\"demo-template-1\"")
    );
}
