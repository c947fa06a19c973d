//! A call step counts as a step of its cart's sequence, and an email sent from the call screen
//! does not: the Carts list's status and filters follow the rule's steps, on the demo's "Gros
//! paniers" (two emails, then a call) and on a set-up shop whose rule starts with a call.

use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::lifecycle::CartStatus;
use serde_json::{json, Value};
use server::on;

use crate::calls::{calls, email, make_call_step};
use crate::carts_list::listed_by_status;
use crate::helpers::{cart_updated, TestApp};
use crate::merchant::step_ids;

fn demo_clock() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

#[tokio::test]
async fn the_demo_s_big_carts_are_finished_once_their_closing_call_is_opened() {
    let app = TestApp::spawn(Some(0)).await;
    app.reseed_demo_with_rules(300).await;
    // "Gros paniers": an hour, a day later, then a call two days after that.
    for hours in [2, 26, 75] {
        server::jobs::run_pass(&app.sender(), demo_clock() + Duration::hours(hours))
            .await
            .unwrap();
    }
    let called: Vec<String> = on!(&app.pool, |db| sqlx::query_scalar(
        "select k.external_id from call_tasks t
         join carts k on k.cart_id = t.cart_id and k.sequence = t.sequence
         where k.shop_id = 'demo'"
    )
    .fetch_all(db)
    .await)
    .unwrap();
    assert!(!called.is_empty(), "no call was opened");
    let listed = listed_by_status(
        &app,
        &app.demo_shop().await,
        demo_clock() + Duration::hours(76),
    )
    .await;
    for cart in &called {
        assert_eq!(listed[cart], CartStatus::Finished, "cart {cart}");
    }
}

#[tokio::test]
async fn a_set_up_shop_s_cart_counts_its_call_as_a_step_and_not_the_email_sent_from_it() {
    let app = TestApp::empty().await;
    let (slug, owner, key) = crate::setup::set_up_shop_with_key(&app).await;
    let steps = step_ids(&app, &slug).await;
    make_call_step(&app, &owner, &slug, &steps[0], "").await;
    // Then an email a day after the call.
    let editor = app
        .call_form(
            &owner,
            "load_reminder_editor",
            &[("shop", slug.as_str()), ("id", steps[1].as_str())],
        )
        .await;
    let mut draft = serde_json::from_str::<Value>(&editor.body).unwrap()["draft"].clone();
    draft["enabled"] = true.into();
    draft["delay_amount"] = "24".into();
    draft["delay_unit"] = "hours".into();
    draft["delay_from"] = "previous_step".into();
    let saved = app
        .call_json(
            &owner,
            "save_reminder",
            json!({"shop": slug, "draft": draft}),
        )
        .await;
    assert!(saved.body.contains("Saved"), "{}", saved.body);
    crate::merchant::start_sending(&app, &owner, &slug, &[]).await;
    let at = |hours: i64, minutes: i64| {
        (demo_clock() + Duration::hours(hours) + Duration::minutes(minutes)).to_rfc3339()
    };
    app.post_events(&key, cart_updated("e-1", "web-1", &at(0, 0), 1))
        .await;
    let shop = server::db::find_shop(&app.pool, &slug)
        .await
        .unwrap()
        .unwrap();
    let status = |at: &str| {
        let at = DateTime::parse_from_rfc3339(at).unwrap().to_utc();
        let (app, shop) = (&app, &shop);
        async move { listed_by_status(app, shop, at).await["web-1"] }
    };

    let peer = crate::smtp_peer::SmtpPeer::start(&[]).await;
    let opened = app.run_once(&peer.url(), &at(3, 0)).await;
    assert_eq!(opened["calls"], 1, "{opened}");
    assert_eq!(status(&at(3, 1)).await, CartStatus::InProgress);

    // The team mails the customer from the call: the rule's email is still to come.
    let task = calls(&app, &owner, &slug, false).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let screen = app
        .call_form(
            &owner,
            "load_call",
            &[("shop", slug.as_str()), ("id", task.as_str())],
        )
        .await;
    let screen: Value = serde_json::from_str(&screen.body).unwrap();
    let template = screen["template_id"].as_str().unwrap().to_owned();
    let sent = email(&app, &owner, &slug, &task, &template, true).await;
    assert!(sent.contains("Sent"), "{sent}");
    // The screen mails at the real clock: put the email five minutes after the call.
    on!(&app.pool, |db| sqlx::query(
        "update deliveries set sent_at = $1, created_at = $1, updated_at = $1, due_at = $1
         where step_id like 'call-email-%'"
    )
    .bind(demo_clock() + Duration::hours(3) + Duration::minutes(5))
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();
    assert_eq!(status(&at(4, 5)).await, CartStatus::InProgress);

    // The rule's email counts from the call, not from the email sent from it.
    let later = app.run_once(&peer.url(), &at(27, 0)).await;
    assert_eq!(later["sent"], 1, "{later}");
    assert_eq!(status(&at(27, 1)).await, CartStatus::Finished);
}
