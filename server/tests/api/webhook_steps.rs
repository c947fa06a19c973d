//! A webhook step POSTs a signed JSON document to the merchant's address: tried again when
//! the receiver is down, failed for good (the customer untouched) when it refuses, each POST
//! on the cart page; on the demo shop and on a shop made through set-up.

use axum::http::StatusCode;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use server::on;
use sha2::Sha256;

use crate::helpers::{cart_updated, TestApp};
use crate::http_peer::HttpPeer;
use crate::merchant::{reminder_editor, start_sending, statistics, step_ids};
use crate::smtp_peer::SmtpPeer;

async fn make_webhook_step(
    app: &TestApp,
    cookie: &str,
    shop: &str,
    step: &str,
    url: &str,
) -> String {
    let mut draft = reminder_editor(app, cookie, shop, step).await["draft"].clone();
    draft["webhook"] = true.into();
    draft["webhook_url"] = url.into();
    draft["enabled"] = true.into();
    app.call_json(
        cookie,
        "save_reminder",
        json!({"shop": shop, "draft": draft}),
    )
    .await
    .body
}

async fn secret(app: &TestApp, shop: &str) -> String {
    let name = format!("step-webhook:{shop}");
    on!(&app.pool, |db| sqlx::query_scalar(
        "select value from app_secrets where name = $1"
    )
    .bind(&name)
    .fetch_one(db)
    .await)
    .unwrap()
}

/// Checks `Relance-Signature` as a receiver would: HMAC-SHA256 of "<t>.<body>".
fn signed_by(secret: &str, header: &str, body: &str) -> bool {
    let Some((t, v1)) = header
        .strip_prefix("t=")
        .and_then(|rest| rest.split_once(",v1="))
    else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.{body}").as_bytes());
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    expected == v1
}

#[tokio::test]
async fn a_demo_webhook_step_is_retried_while_the_receiver_is_busy_or_down_then_delivered_signed() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let refused =
        make_webhook_step(&app, &cookie, "demo", "demo-step-1", "http://crm.example/h").await;
    assert!(refused.contains("webhook_url"), "{refused}");
    assert!(refused.contains("webhook_not_encrypted"), "{refused}");
    let hook = HttpPeer::start(&[429, 503, 200]).await;
    let saved =
        make_webhook_step(&app, &cookie, "demo", "demo-step-1", &hook.url("/relance")).await;
    assert!(saved.contains("Saved"), "{saved}");

    let key = app.api_key().await;
    app.post_events(
        &key,
        cart_updated("e-1", "web-1", "2026-11-23T10:00:00Z", 1),
    )
    .await;
    let smtp = SmtpPeer::start(&[]).await;
    let first = app.run_once(&smtp.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(first["retrying"], 1, "{first}");
    let second = app.run_once(&smtp.url(), "2026-11-23T11:45:00Z").await;
    assert_eq!(second["retrying"], 1, "{second}");
    let third = app.run_once(&smtp.url(), "2026-11-23T11:50:00Z").await;
    assert_eq!(third["sent"], 1, "{third}");
    assert_eq!(smtp.count(), 0, "a webhook step sends no email");

    let received = hook.received();
    assert_eq!(received.len(), 3);
    let last = &received[2];
    assert_eq!(last.path, "/relance");
    let signature = last.headers["relance-signature"].to_str().unwrap();
    let shop_secret = secret(&app, "demo").await;
    assert!(shop_secret.starts_with("whsec_"));
    assert!(
        signed_by(&shop_secret, signature, &last.body),
        "{signature}"
    );
    assert!(!signed_by("whsec_other", signature, &last.body));
    assert_eq!(last.headers["relance-attempt"], "3");
    assert_eq!(
        last.headers["relance-delivery"],
        received[0].headers["relance-delivery"]
    );
    let document: Value = serde_json::from_str(&last.body).unwrap();
    assert_eq!(document["type"], "reminder");
    assert_eq!(document["customer"]["email"], "john@example.com");
    assert_eq!(document["customer"]["language"], "fr");
    assert_eq!(document["cart"]["id"], "web-1");
    assert_eq!(document["cart"]["total_tax_incl"], "69.51");
    assert_eq!(document["cart"]["items"][0]["sku"], "demo_1");
    assert_eq!(document["step"]["number"], 1);
    assert_eq!(document["rule"]["id"], "demo-campaign");
    let recovery = document["cart"]["recovery_url"].as_str().unwrap();
    assert!(recovery.starts_with("http"), "{recovery}");
    // The signed recovery link works like an email's.
    let path = recovery.split_once("://").unwrap().1;
    let path = &path[path.find('/').unwrap()..];
    let followed = app.get(path, "fr").await;
    assert_eq!(followed.status, StatusCode::SEE_OTHER, "{}", followed.body);

    let cart_id: String = app.cart_column("web-1", "cart_id").await;
    let page = app
        .get_as(&cookie, &format!("/s/demo/carts/{cart_id}"))
        .await;
    assert!(
        page.body
            .contains("(attempt 1): answered 429, not delivered"),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains("(attempt 2): answered 503, not delivered"));
    assert!(page.body.contains("(attempt 3): answered 200, delivered"));

    // Counted for its step, in no template's line.
    server::db::stats::refresh(&app.pool, "demo", chrono::Utc::now())
        .await
        .unwrap();
    let stats = statistics(&app, &cookie, "demo", "2026-11-20", "2026-11-30").await;
    let step = stats["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == "demo-step-1")
        .unwrap_or_else(|| panic!("{stats}"));
    assert_eq!(step["sent"], 1);
    assert!(stats["templates"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["key"] != ""));
}

#[tokio::test]
async fn a_set_up_shop_s_refused_webhook_fails_that_step_only_and_the_next_email_still_goes() {
    let app = TestApp::empty().await;
    let (shop, cookie, key) = crate::setup::set_up_shop_with_key(&app).await;
    let steps = step_ids(&app, &shop).await;
    let hook = HttpPeer::start(&[410]).await;
    let saved = make_webhook_step(&app, &cookie, &shop, &steps[0], &hook.url("/gone")).await;
    assert!(saved.contains("Saved"), "{saved}");
    start_sending(&app, &cookie, &shop, &steps[1..]).await;
    app.post_events(
        &key,
        cart_updated("e-1", "web-1", "2026-11-23T10:00:00Z", 1),
    )
    .await;

    let smtp = SmtpPeer::start(&[]).await;
    let first = app.run_once(&smtp.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(first["failed"], 1, "{first}");
    assert_eq!(hook.received().len(), 1, "a refusal is not tried again");
    assert_eq!(app.count("select count(*) from suppressions").await, 0);
    let second = app.run_once(&smtp.url(), "2026-11-24T11:00:00Z").await;
    assert_eq!(second["sent"], 1, "{second}");
    assert_eq!(smtp.count(), 1);
    let (status, error): (String, Option<String>) = on!(&app.pool, |db| sqlx::query_as(
        "select status, last_error from deliveries where step_id = $1"
    )
    .bind(&steps[0])
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(status, "failed");
    assert_eq!(error.as_deref(), Some("HTTP 410"));
}
