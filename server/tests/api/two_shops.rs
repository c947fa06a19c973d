//! The engine serves every shop in one pass, each with its own sender, currency and time
//! zone, and a shop that fails does not stop the others.

use domain::settings::NewShopDraft;
use server::on;

use crate::helpers::{cart_updated, TestApp};
use crate::smtp_peer::SmtpPeer;

fn zurich() -> NewShopDraft {
    NewShopDraft {
        name: "Boutique Émilie".into(),
        url: "https://emilie.example".into(),
        currency: "CHF".into(),
        time_zone: "Europe/Zurich".into(),
        language: "fr".into(),
        sender_name: "Émilie".into(),
        sender_email: "bonjour@emilie.example".into(),
    }
}

/// The demo shop and a Swiss shop, each with an abandoned cart whose first reminder is due
/// at 10:30 UTC (30 minutes idle, then 1 hour); the Swiss shop's campaign turned on.
async fn two_shops_with_a_due_cart() -> (TestApp, String) {
    let app = TestApp::spawn(Some(0)).await;
    let demo_key = app.api_key().await;
    let (swiss, swiss_key) = app.add_shop(zurich()).await;
    on!(&app.pool, |db| sqlx::query(
        "update reminder_steps set enabled = true where shop_id = $1"
    )
    .bind(&swiss)
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();
    let posted = app
        .post_events(
            &demo_key,
            cart_updated("e1", "web-1", "2026-11-23T09:00:00Z", 1),
        )
        .await;
    assert_eq!(posted.status, 202, "{}", posted.body);
    let mut swiss_cart = cart_updated("e1", "web-1", "2026-11-23T09:00:00Z", 2);
    swiss_cart["cart"]["currency"] = "CHF".into();
    swiss_cart["customer"]["id"] = "cu-ch-1".into();
    swiss_cart["customer"]["email"] = "anna@example.ch".into();
    let posted = app.post_events(&swiss_key, swiss_cart).await;
    assert_eq!(posted.status, 202, "{}", posted.body);
    (app, swiss)
}

#[tokio::test]
async fn one_pass_reminds_the_carts_of_every_shop_each_from_its_own_sender_and_currency() {
    let (app, swiss) = two_shops_with_a_due_cart().await;
    let peer = SmtpPeer::start(&[]).await;

    let run = app.run_once(&peer.url(), "2026-11-23T10:35:00Z").await;

    assert_eq!(run["sent"], 2, "{run}");
    let mails = peer.received();
    let to_anna = mails
        .iter()
        .find(|m| m.to == ["anna@example.ch"])
        .expect("the Swiss shop's customer got a reminder");
    let to_john = mails
        .iter()
        .find(|m| m.to == ["john@example.com"])
        .expect("the demo shop's customer got a reminder");
    assert!(
        to_anna.data.contains("bonjour@emilie.example"),
        "{}",
        to_anna.data
    );
    assert!(to_anna.data.contains("CHF"));
    assert!(!to_john.data.contains("bonjour@emilie.example"));
    // The run history has a line per shop: each shop's Sending tab shows its own.
    let runs: Vec<(String,)> = on!(&app.pool, |db| sqlx::query_as(
        "select shop_id from engine_runs where trigger = 'cli' order by shop_id"
    )
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(runs, vec![(swiss,), ("demo".to_owned(),)]);
}

#[tokio::test]
async fn a_shop_whose_pass_fails_does_not_stop_the_other_shops() {
    let (app, swiss) = two_shops_with_a_due_cart().await;
    // A stored value the domain refuses: the Swiss shop's campaign cannot be loaded.
    on!(&app.pool, |db| sqlx::query(
        "update reminder_steps set delay_amount = -1 where shop_id = $1"
    )
    .bind(&swiss)
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();

    let result = server::jobs::run_recorded(
        &app.sender(),
        server::jobs::Trigger::Cli,
        None,
        "2026-11-23T10:35:00Z".parse().unwrap(),
    )
    .await;

    let error = format!("{:#}", result.unwrap_err());
    assert!(error.contains(&format!("shop {swiss}")), "{error}");
    let outbox = app.outbox();
    assert_eq!(outbox.len(), 1, "the demo shop's reminder went out");
    assert!(outbox[0].contains("john@example.com"));
    let runs: Vec<(String, Option<String>)> = on!(&app.pool, |db| sqlx::query_as(
        "select shop_id, error from engine_runs where trigger = 'cli' order by shop_id",
    )
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].0, swiss);
    assert!(
        runs[0].1.is_some(),
        "the failure is in the Swiss shop's history"
    );
    assert_eq!(runs[1], ("demo".to_owned(), None));
}
