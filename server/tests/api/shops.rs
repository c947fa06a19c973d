//! A shop made from an empty database with `relance shop create` works like the demo shop:
//! its own slug, settings and sender, the default campaign switched off until turned on, keys
//! for its events, and reminders sent through a real SMTP server on loopback.

use axum::http::StatusCode;
use server::on;

use crate::helpers::{cart_updated, relance, stdout, TestApp};
use crate::smtp_peer::SmtpPeer;

const EMILIE: [&str; 13] = [
    "shop",
    "create",
    "--name",
    "Boutique Émilie",
    "--url",
    "https://emilie.example",
    "--currency",
    "chf",
    "--timezone",
    "Europe/Zurich",
    "--language",
    "fr",
    "--sender-email=bonjour@emilie.example",
];

#[tokio::test]
async fn a_shop_created_from_the_command_line_gets_its_slug_and_an_idle_default_campaign() {
    let app = TestApp::spawn(None).await;

    let created = stdout(&relance(&app, &EMILIE).await);
    let again = stdout(&relance(&app, &EMILIE).await);
    let list = stdout(&relance(&app, &["shop", "list"]).await);

    assert_eq!(created.lines().next(), Some("boutique-emilie"));
    assert_eq!(again.lines().next(), Some("boutique-emilie-2"));
    assert!(
        list.starts_with("boutique-emilie\tBoutique Émilie\tCHF\tEurope/Zurich\t"),
        "{list}"
    );
    let steps: Vec<(String, String, bool)> = on!(&app.pool, |db| {
        sqlx::query_as(
        "select step_id, template_id, enabled from reminder_steps where shop_id = 'boutique-emilie'
         order by step_id",
    )
    .fetch_all(db).await
    })
    .unwrap();
    assert_eq!(
        steps,
        [
            (
                "boutique-emilie-step-1".into(),
                "boutique-emilie-template-1".into(),
                false
            ),
            (
                "boutique-emilie-step-2".into(),
                "boutique-emilie-template-2".into(),
                false
            ),
        ]
    );
    let settings = server::db::settings::load(&app.pool, "boutique-emilie")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        settings.sender_email.map(|e| e.as_str().to_owned()),
        Some("bonjour@emilie.example".to_owned())
    );
}

#[tokio::test]
async fn bad_options_are_refused_each_with_its_reason_and_nothing_is_created() {
    let app = TestApp::spawn(None).await;
    let mut args = EMILIE;
    args[7] = "EUE";
    args[9] = "Mars/Olympus";
    args[5] = "shop.example";

    let refused = relance(&app, &args).await;

    assert!(!refused.status.success());
    let error = String::from_utf8_lossy(&refused.stderr);
    for expected in [
        "--url: An address starting with http",
        "--currency: An ISO 4217 currency code",
        "--timezone: An IANA time zone",
    ] {
        assert!(error.contains(expected), "{error}");
    }
    assert_eq!(app.count("select count(*) from shops").await, 0);
}

#[tokio::test]
async fn the_new_shop_takes_events_with_its_key_and_once_turned_on_sends_from_its_sender() {
    let app = TestApp::spawn(None).await;
    stdout(&relance(&app, &EMILIE).await);
    let key = stdout(
        &relance(
            &app,
            &["api-key", "create", "web", "--shop", "boutique-emilie"],
        )
        .await,
    );
    let key = key
        .lines()
        .find(|l| l.starts_with("rlk_"))
        .unwrap()
        .trim()
        .to_owned();
    let mut event = cart_updated("e1", "web-1", "2026-11-23T08:00:00Z", 1);
    event["cart"]["currency"] = "CHF".into();
    let posted = app.post_events(&key, event).await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", posted.body);
    let peer = SmtpPeer::start(&[]).await;

    let idle = app.run_once(&peer.url(), "2026-11-23T09:31:00Z").await;
    let cookie = app.sign_in().await;
    let on = app
        .call_form(
            &cookie,
            "set_reminder_enabled",
            &[
                ("shop", "boutique-emilie"),
                ("id", "boutique-emilie-step-1"),
                ("enabled", "true"),
            ],
        )
        .await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.body);
    let sent = app.run_once(&peer.url(), "2026-11-23T09:32:00Z").await;

    assert_eq!(idle["sent"], 0, "{idle}");
    assert_eq!(sent["sent"], 1, "{sent}");
    let mail = &peer.received()[0];
    assert_eq!(mail.to, ["john@example.com"]);
    assert!(
        mail.data.contains("bonjour@emilie.example"),
        "{}",
        mail.data
    );
    assert!(mail.data.contains("CHF"), "{}", mail.data);
    let shop: (String,) = on!(&app.pool, |db| sqlx::query_as("select shop_id from carts")
        .fetch_one(db)
        .await)
    .unwrap();
    assert_eq!(shop.0, "boutique-emilie");
}
