//! Honest opens and clicks: a hit made by a machine (a privacy proxy, a scanner, a click with
//! no open, a burst of clicks) is recorded with its reason and left out of the human figures.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{DateTime, Duration, DurationRound, Utc};
use server::db::tracking::{delivery, record, HitOrigin};
use server::links::{LinkKind, LinkSigner};
use server::on;

use crate::helpers::{cart_updated, TestApp, TEST_LINK_KEY};
use crate::smtp_peer::SmtpPeer;

const BROWSER: &str =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15";

/// A reminder sent an hour ago to John's cart; its delivery id and when it went.
async fn sent_reminder(app: &TestApp) -> (String, DateTime<Utc>) {
    let key = app.api_key().await;
    let left = Utc::now().duration_trunc(Duration::minutes(1)).unwrap() - Duration::hours(3);
    app.post_events(&key, cart_updated("e-cart", "web-1", &left.to_rfc3339(), 1))
        .await;
    let peer = SmtpPeer::start(&[]).await;
    let run = app
        .run_once(&peer.url(), &(left + Duration::minutes(90)).to_rfc3339())
        .await;
    assert_eq!(run["sent"], 1, "{run}");
    on!(&app.pool, |db| sqlx::query_as(
        "select delivery_id, sent_at from deliveries where status = 'sent'"
    )
    .fetch_one(db)
    .await)
    .unwrap()
}

async fn reasons(app: &TestApp, delivery_id: &str) -> Vec<(String, Option<String>, bool)> {
    let id = delivery_id.to_owned();
    on!(&app.pool, |db| sqlx::query_as(
        "select kind, machine_reason, probable_scanner from delivery_events
         where delivery_id = $1 order by occurred_at"
    )
    .bind(&id)
    .fetch_all(db)
    .await)
    .unwrap()
}

#[tokio::test]
async fn each_machine_hit_gets_its_reason_and_an_open_just_after_a_click_clears_it() {
    let app = TestApp::spawn(Some(0)).await;
    let (id, sent_at) = sent_reminder(&app).await;
    let row = delivery(&app.pool, &id).await.unwrap().unwrap();
    let browser = HitOrigin {
        user_agent: Some(BROWSER),
        ip: Some("81.250.1.2".parse().unwrap()),
    };
    let hit = |kind, destination, origin, seconds| {
        record(
            &app.pool,
            &row,
            &id,
            kind,
            destination,
            origin,
            sent_at + Duration::seconds(seconds),
        )
    };
    let proxy = HitOrigin {
        user_agent: Some("Mozilla/5.0"),
        ip: Some("17.58.100.3".parse().unwrap()),
    };
    hit("open", None, proxy, 60).await.unwrap();
    // A click with no person's open yet, then the person's open a second later.
    hit("click", Some("https://shop.example/a"), browser, 600)
        .await
        .unwrap();
    hit("open", None, browser, 601).await.unwrap();
    // Later, two links within the same second.
    hit("click", Some("https://shop.example/a"), browser, 900)
        .await
        .unwrap();
    hit("click", Some("https://shop.example/b"), browser, 900)
        .await
        .unwrap();

    let got = reasons(&app, &id).await;
    let expected = [
        ("open", Some("privacy_proxy"), true),
        ("click", None, false),
        ("open", None, false),
        ("click", Some("burst_of_clicks"), true),
        ("click", Some("burst_of_clicks"), true),
    ];
    let got: Vec<(&str, Option<&str>, bool)> = got
        .iter()
        .map(|(k, r, s)| (k.as_str(), r.as_deref(), *s))
        .collect();
    assert_eq!(got, expected);
}

#[tokio::test]
async fn a_scanners_click_through_the_real_link_is_flagged_and_still_redirected() {
    let app = TestApp::spawn(Some(0)).await;
    let (id, _) = sent_reminder(&app).await;
    let signer = LinkSigner::new(TEST_LINK_KEY, "http://127.0.0.1:3000");
    let click = signer.url(LinkKind::Click, &id, "https://shop.example/cart?id=42");
    let response = app
        .request(
            Request::get(click.trim_start_matches("http://127.0.0.1:3000"))
                .header("user-agent", "Mozilla/5.0 (compatible; Barracuda Sentinel)")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    // The customer's redirect is the same either way.
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(
        reasons(&app, &id).await,
        [("click".to_owned(), Some("scanner_agent".to_owned()), true)]
    );

    // Statistics count the emails people clicked, and show beside them what machines added.
    let cookie = app.sign_in().await;
    app.current_figures(&cookie).await;
    let today = Utc::now().date_naive();
    let (from, to) = (
        (today - Duration::days(5)).to_string(),
        (today + Duration::days(1)).to_string(),
    );
    let page = app
        .call_form(
            &cookie,
            "load_statistics",
            &[("from", &from), ("to", &to), ("scanners", "false")],
        )
        .await;
    let page: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    let step = &page["steps"][0];
    assert_eq!(
        (&step["sent"], &step["clicked"]),
        (&1.into(), &0.into()),
        "{step}"
    );
    assert_eq!(step["machine_clicked"], 1, "{step}");
}
