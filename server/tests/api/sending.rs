use axum::{body::Body, http::Request, http::StatusCode};
use chrono::{DateTime, Utc};
use server::links::{LinkKind, LinkSigner};
use server::on;

use crate::helpers::{cart_updated, TestApp, TEST_LINK_KEY};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// The demo shop and campaign, and John's cart (69.51 EUR) last changed at 08:30, abandoned
/// at 09:00 (30 minutes idle).
async fn one_cart() -> (TestApp, String) {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T08:30:00Z", 1))
        .await;
    (app, key)
}

async fn deliveries(app: &TestApp) -> Vec<(String, String, String, Option<String>)> {
    on!(&app.pool, |db| sqlx::query_as(
        "select delivery_id, step_id, status, skip_reason from deliveries order by due_at",
    )
    .fetch_all(db)
    .await)
    .unwrap()
}

fn signer() -> LinkSigner {
    LinkSigner::new(TEST_LINK_KEY, "http://127.0.0.1:3000")
}

#[tokio::test]
async fn a_due_step_is_sent_once_with_its_unsubscribe_headers() {
    let (app, _) = one_cart().await;

    let first = server::jobs::run_pass(&app.sender(), at("2026-11-23T10:00:00Z"))
        .await
        .unwrap();
    let again = server::jobs::run_pass(&app.sender(), at("2026-11-23T10:05:00Z"))
        .await
        .unwrap();

    assert_eq!((first.due, first.sent), (1, 1));
    assert_eq!((again.due, again.sent), (0, 0));
    let outbox = app.outbox();
    assert_eq!(outbox.len(), 1);
    let rows = deliveries(&app).await;
    assert_eq!(rows.len(), 1);
    let (delivery_id, step, status, _) = &rows[0];
    assert_eq!((step.as_str(), status.as_str()), ("demo-step-1", "sent"));
    let eml = &outbox[0];
    // On the sender's domain (RELANCE_MAIL_FROM here), never the host of Relance's URL.
    assert!(
        eml.contains(&format!("Message-ID: <{delivery_id}@localhost>")),
        "{eml}"
    );
    assert!(eml.contains("List-Unsubscribe: <http://127.0.0.1:3000/u/"));
    assert!(eml.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    assert!(eml.contains("To: john@example.com"));
}

#[tokio::test]
async fn a_customer_with_two_carts_due_in_one_pass_gets_one_reminder_then_the_other_after_the_gap()
{
    let (app, key) = one_cart().await;
    app.post_events(&key, cart_updated("e2", "web-3", "2026-11-23T08:35:00Z", 2))
        .await;

    let plan = server::jobs::plan(&app.pool, "demo", at("2026-11-23T10:10:00Z"))
        .await
        .unwrap()
        .unwrap();
    let first = server::jobs::run_pass(&app.sender(), at("2026-11-23T10:10:00Z"))
        .await
        .unwrap();
    let too_soon = server::jobs::run_pass(&app.sender(), at("2026-11-23T22:09:00Z"))
        .await
        .unwrap();
    let after_gap = server::jobs::run_pass(&app.sender(), at("2026-11-23T22:10:00Z"))
        .await
        .unwrap();

    // The default minimum gap is 12 hours: the dry run and the real run agree.
    let second_cart = plan
        .carts
        .iter()
        .find(|cart| cart.external_id == "web-3")
        .unwrap();
    assert_eq!(
        second_cart.actions,
        [domain::engine::Action::Wait {
            at: at("2026-11-23T22:10:00Z")
        }]
    );
    assert_eq!(plan.summary().would_send, 1);
    assert_eq!((first.sent, first.waiting), (1, 1));
    assert_eq!(too_soon.sent, 0);
    assert_eq!(after_gap.sent, 1);
    assert_eq!(app.outbox().len(), 2);
}

#[tokio::test]
async fn an_order_between_queueing_and_sending_stops_the_mail() {
    let (app, key) = one_cart().await;
    let cart_id: String = app.cart_column("web-1", "cart_id").await;
    let customer_id: String = app.cart_column("web-1", "customer_id").await;
    let mut conn = app.pool.acquire().await.unwrap();
    server::db::deliveries::enqueue(
        &mut conn.conn(),
        &server::db::deliveries::DeliveryKey {
            shop_id: "demo",
            cart_id: &cart_id,
            customer_id: &customer_id,
            campaign_id: "demo-campaign",
            step_id: "demo-step-1",
            sequence: 1,
            abandoned_at: at("2026-11-23T09:00:00Z"),
            due_at: at("2026-11-23T10:00:00Z"),
            control_group: None,
        },
        domain::Language::FRENCH,
        None,
        &domain::engine::CouponPrefix::default(),
        at("2026-11-23T10:00:00Z"),
    )
    .await
    .unwrap();
    app.post_events(
        &key,
        serde_json::json!({"id": "o1", "type": "order_completed", "occurred_at": "2026-11-23T10:00:30Z",
            "cart": {"id": "web-1"}, "order": {"id": "o-1", "total_tax_incl": "69.51"}}),
    )
    .await;

    let summary = server::jobs::run_pass(&app.sender(), at("2026-11-23T10:01:00Z"))
        .await
        .unwrap();

    assert_eq!(summary.sent, 0);
    assert_eq!(summary.skipped.get("ordered"), Some(&1));
    assert!(app.outbox().is_empty());
    assert_eq!(deliveries(&app).await[0].3.as_deref(), Some("ordered"));
}

#[tokio::test]
async fn step_two_brings_a_single_use_code_from_the_cart_value_range() {
    let (app, _) = one_cart().await;
    server::jobs::run_pass(&app.sender(), at("2026-11-23T10:00:00Z"))
        .await
        .unwrap();

    let second = server::jobs::run_pass(&app.sender(), at("2026-11-24T09:00:00Z"))
        .await
        .unwrap();

    assert_eq!(second.sent, 1);
    let (code, kind, expires_at): (String, String, DateTime<Utc>) =
        on!(&app.pool, |db| sqlx::query_as(
            "select code, kind, expires_at from coupons"
        )
        .fetch_one(db)
        .await)
        .unwrap();
    assert!(code.starts_with("RLC-") && code.len() == 12, "{code}");
    // 69.51 EUR: the guide's "from 50 EUR" range, free shipping for 11 days.
    assert_eq!(kind, "free_shipping");
    assert_eq!(expires_at, at("2026-12-05T09:00:00Z"));
    assert!(app.outbox()[1].contains(&code));
}

async fn get(app: &TestApp, path: &str) -> crate::helpers::TestResponse {
    app.request(Request::get(path).body(Body::empty()).unwrap())
        .await
}

fn path(url: &str) -> &str {
    url.trim_start_matches("http://127.0.0.1:3000")
}

#[tokio::test]
async fn signed_links_redirect_count_and_unsubscribe_only_on_post() {
    let (app, _) = one_cart().await;
    server::jobs::run_pass(&app.sender(), at("2026-11-23T10:00:00Z"))
        .await
        .unwrap();
    let delivery_id = deliveries(&app).await[0].0.clone();
    let signer = signer();

    let recover = get(&app, path(&signer.url(LinkKind::Recover, &delivery_id, ""))).await;
    let click_url = signer.url(LinkKind::Click, &delivery_id, "https://shop.example/p/1");
    let click = get(&app, path(&click_url)).await;
    let tampered = get(&app, &path(&click_url).replacen("/t/c/", "/t/c/x", 1)).await;
    let swapped = get(
        &app,
        path(&signer.url(LinkKind::Open, &delivery_id, ""))
            .replacen("/t/o/", "/u/", 1)
            .as_str(),
    )
    .await;
    let pixel = get(&app, path(&signer.url(LinkKind::Open, &delivery_id, ""))).await;
    let unsubscribe_url = signer.url(LinkKind::Unsubscribe, &delivery_id, "");
    let page = get(&app, path(&unsubscribe_url)).await;
    let suppressed_after_get: i64 = app.count("select count(*) from suppressions").await;

    assert!(recover.status.is_redirection());
    assert_eq!(
        recover.location.as_deref(),
        Some("https://shop.example/cart?id=42")
    );
    assert!(click.status.is_redirection());
    assert_eq!(click.location.as_deref(), Some("https://shop.example/p/1"));
    assert_eq!(tampered.status, StatusCode::NOT_FOUND);
    assert_eq!(swapped.status, StatusCode::NOT_FOUND);
    assert_eq!(pixel.status, StatusCode::OK);
    assert_eq!(pixel.content_type, "image/gif");
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("john@example.com") && page.body.contains("<form method=\"post\">"));
    assert_eq!(suppressed_after_get, 0);

    let one_click = || {
        Request::post(path(&unsubscribe_url))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from("List-Unsubscribe=One-Click"))
            .unwrap()
    };
    // One-click twice (mail apps retry): the same single unsubscribe.
    assert_eq!(app.request(one_click()).await.status, StatusCode::OK);
    assert_eq!(app.request(one_click()).await.status, StatusCode::OK);
    let (reason,): (String,) = on!(&app.pool, |db| sqlx::query_as(
        "select reason from suppressions where email = 'john@example.com'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(reason, "one_click");
    let events: Vec<(String,)> = on!(&app.pool, |db| sqlx::query_as(
        "select kind from delivery_events order by occurred_at, kind"
    )
    .fetch_all(db)
    .await)
    .unwrap();
    let kinds: Vec<&str> = events.iter().map(|(k,)| k.as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "click").count(), 2);
    assert_eq!(kinds.iter().filter(|k| **k == "open").count(), 1);
    assert_eq!(kinds.iter().filter(|k| **k == "unsubscribe").count(), 2);
}

async fn cron(app: &TestApp, token: Option<&str>) -> crate::helpers::TestResponse {
    let mut request = Request::post("/api/v1/jobs/run");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    app.request(request.body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn the_cron_url_needs_its_token_and_never_starts_a_second_run() {
    // The cron URL runs on the wall clock: a cart left two hours ago has its first step due.
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let two_hours_ago = (Utc::now() - chrono::Duration::hours(2)).to_rfc3339();
    app.post_events(&key, cart_updated("e1", "web-1", &two_hours_ago, 1))
        .await;

    let anonymous = cron(&app, None).await;
    let api_key_instead = cron(&app, Some(&key)).await;
    // Another run holds the engine's lock (as another process would).
    let other = server::jobs::lock::try_lock(&app.pool, Utc::now())
        .await
        .unwrap()
        .unwrap();
    let while_running = cron(&app, Some(crate::helpers::TEST_CRON_TOKEN)).await;
    other.release(&app.pool).await.unwrap();
    let run = cron(&app, Some(crate::helpers::TEST_CRON_TOKEN)).await;

    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(api_key_instead.status, StatusCode::UNAUTHORIZED);
    assert!(anonymous.body.contains("cron token"));
    assert_eq!(while_running.status, StatusCode::CONFLICT);
    assert!(while_running.body.contains("already in progress"));
    assert_eq!(run.status, StatusCode::OK, "{}", run.body);
    let summary: serde_json::Value = serde_json::from_str(&run.body).unwrap();
    assert_eq!(summary["sent"], 1, "{summary}");
    assert_eq!(app.outbox().len(), 1);
    let (trigger, error): (String, Option<String>) = on!(&app.pool, |db| sqlx::query_as(
        "select trigger, error from engine_runs"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!((trigger.as_str(), error), ("cron", None));
    assert_eq!(app.count("select count(*) from job_locks").await, 0);
}

#[tokio::test]
async fn two_runs_at_the_same_moment_send_each_reminder_once() {
    let (app, _) = one_cart().await;
    let now = at("2026-11-23T10:00:00Z");
    let (sender_a, sender_b) = (app.sender(), app.sender());

    let (a, b) = tokio::join!(
        server::jobs::run_pass(&sender_a, now),
        server::jobs::run_pass(&sender_b, now)
    );

    assert_eq!(a.unwrap().sent + b.unwrap().sent, 1);
    assert_eq!(app.outbox().len(), 1);
    assert_eq!(app.count("select count(*) from deliveries").await, 1);
}

async fn status_of(app: &TestApp, now: &str) -> (domain::lifecycle::CartStatus, usize) {
    let page = server::web::carts_page(
        &app.pool,
        &app.demo_shop().await,
        &app::api::CartsQuery::default(),
        at(now),
    )
    .await
    .unwrap();
    let line = page
        .lines
        .iter()
        .find(|l| l.external_id == "web-1")
        .expect("the cart is listed");
    // The same cart found again through the status filter: SQL and domain agree.
    let filtered = server::web::carts_page(
        &app.pool,
        &app.demo_shop().await,
        &app::api::CartsQuery {
            status: Some(line.status),
            ..app::api::CartsQuery::default()
        },
        at(now),
    )
    .await
    .unwrap();
    let found = filtered
        .lines
        .iter()
        .filter(|l| l.external_id == "web-1")
        .count();
    (line.status, found)
}

#[tokio::test]
async fn a_cart_goes_waiting_in_progress_finished_and_an_order_after_a_reminder_is_recovered() {
    use domain::lifecycle::CartStatus;
    let (app, key) = one_cart().await;
    assert_eq!(
        status_of(&app, "2026-11-23T09:45:00Z").await,
        (CartStatus::Waiting, 1)
    );

    server::jobs::run_pass(&app.sender(), at("2026-11-23T10:00:00Z"))
        .await
        .unwrap();
    assert_eq!(
        status_of(&app, "2026-11-23T10:01:00Z").await,
        (CartStatus::InProgress, 1)
    );

    server::jobs::run_pass(&app.sender(), at("2026-11-24T09:00:00Z"))
        .await
        .unwrap();
    assert_eq!(
        status_of(&app, "2026-11-24T09:01:00Z").await,
        (CartStatus::Finished, 1)
    );

    // After the first reminder (the API refuses events from the future, so not later).
    let response = app
        .post_events(
            &key,
            serde_json::json!({"id": "o1", "type": "order_completed", "occurred_at": "2026-11-23T10:30:00Z",
                "cart": {"id": "web-1"}, "order": {"id": "o-1", "total_tax_incl": "69.51"}}),
        )
        .await;
    assert_eq!(response.status, StatusCode::ACCEPTED, "{}", response.body);
    assert_eq!(
        status_of(&app, "2026-11-24T12:01:00Z").await,
        (CartStatus::Recovered, 1)
    );

    let cart_id: String = app.cart_column("web-1", "cart_id").await;
    let detail = server::web::cart_detail(
        &app.pool,
        &app.demo_shop().await,
        &cart_id,
        at("2026-11-24T12:01:00Z"),
    )
    .await
    .unwrap()
    .unwrap();
    let reminders: Vec<&str> = detail
        .timeline
        .iter()
        .filter_map(|entry| match entry {
            app::api::TimelineEntry::Reminder { status, .. } => Some(status.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(reminders, ["sent", "sent"]);
}

#[tokio::test]
async fn the_shop_checks_a_code_valid_then_used_up_by_an_order_then_expired() {
    // Step 2 (with a code) goes out on the wall clock's day, so the code is still valid now.
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let last_activity = Utc::now() - chrono::Duration::days(1) - chrono::Duration::minutes(90);
    app.post_events(
        &key,
        cart_updated("e1", "web-1", &last_activity.to_rfc3339(), 1),
    )
    .await;
    server::jobs::run_pass(&app.sender(), last_activity + chrono::Duration::minutes(90))
        .await
        .unwrap();
    server::jobs::run_pass(&app.sender(), Utc::now())
        .await
        .unwrap();
    let (code,): (String,) = on!(&app.pool, |db| sqlx::query_as("select code from coupons")
        .fetch_one(db)
        .await)
    .unwrap();

    let (status, valid) = app.check_coupon(&key, &code.to_ascii_lowercase()).await;
    let (unknown_status, unknown) = app.check_coupon(&key, "RLC-NOPE2345").await;
    let anonymous = app
        .request(
            Request::get(format!("/api/v1/coupons/{code}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(valid["state"], "valid");
    assert_eq!(valid["kind"], "free_shipping");
    assert_eq!(valid["code"], code.as_str());
    assert_eq!(unknown_status, StatusCode::NOT_FOUND);
    assert_eq!(unknown["state"], "unknown");
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let order = app
        .post_events(
            &key,
            serde_json::json!({"id": "o1", "type": "order_completed", "occurred_at": Utc::now().to_rfc3339(),
                "cart": {"id": "web-1"}, "order": {"id": "o-1", "total_tax_incl": "69.51", "coupon_codes": [code]}}),
        )
        .await;
    assert_eq!(order.status, StatusCode::ACCEPTED, "{}", order.body);
    let (used_status, used) = app.check_coupon(&key, &code).await;
    assert_eq!(used_status, StatusCode::CONFLICT);
    assert_eq!(used["state"], "used");
    assert_eq!(
        used["kind"], "free_shipping",
        "the terms come with the refusal"
    );

    on!(&app.pool, |db| sqlx::query(
        "update coupons set used_at = null, used_by_order = null, expires_at = $1"
    )
    .bind(Utc::now() - chrono::Duration::days(1))
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();
    let (expired_status, expired) = app.check_coupon(&key, &code).await;
    assert_eq!(expired_status, StatusCode::GONE);
    assert_eq!(expired["state"], "expired");
}

#[tokio::test]
async fn send_the_next_reminder_now_sends_it_at_the_next_pass_once() {
    let (app, _) = one_cart().await;
    let cart_id: String = app.cart_column("web-1", "cart_id").await;
    let (user_id,): (String,) = on!(&app.pool, |db| sqlx::query_as(
        "select user_id from admin_users"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    server::db::cart_detail::queue_reminder_request(
        &app.pool,
        "demo",
        &cart_id,
        &user_id,
        at("2026-11-23T09:10:00Z"),
    )
    .await
    .unwrap();

    // Ten minutes after the last activity: step 1 (1 hour) is not due, but asked for.
    let summary = server::jobs::run_pass(&app.sender(), at("2026-11-23T09:10:00Z"))
        .await
        .unwrap();
    let again = server::jobs::run_pass(&app.sender(), at("2026-11-23T09:20:00Z"))
        .await
        .unwrap();

    assert_eq!(summary.sent, 1);
    assert_eq!(again.sent, 0);
    assert_eq!(app.outbox().len(), 1);
    assert_eq!(
        app.count("select count(*) from reminder_requests where handled_at is null")
            .await,
        0
    );
}

#[tokio::test]
async fn expired_unused_codes_are_deleted_after_the_retention_but_used_ones_stay() {
    let (app, _) = one_cart().await;
    server::jobs::run_pass(&app.sender(), at("2026-11-23T10:00:00Z"))
        .await
        .unwrap();
    server::jobs::run_pass(&app.sender(), at("2026-11-24T09:00:00Z"))
        .await
        .unwrap();
    assert_eq!(app.count("select count(*) from coupons").await, 1);

    // Free shipping for 11 days: expired on 2026-12-05, deleted 30 days later.
    server::jobs::run_pass(&app.sender(), at("2027-01-03T09:00:00Z"))
        .await
        .unwrap();
    assert_eq!(app.count("select count(*) from coupons").await, 1);
    server::jobs::run_pass(&app.sender(), at("2027-01-05T09:00:00Z"))
        .await
        .unwrap();
    assert_eq!(app.count("select count(*) from coupons").await, 0);
}

fn smtp_sender(app: &TestApp, peer: &crate::smtp_peer::SmtpPeer) -> server::jobs::Sender {
    server::jobs::Sender {
        mail: server::mail::smtp(&peer.url()).unwrap(),
        ..app.sender()
    }
}

#[tokio::test]
async fn a_550_fails_that_reminder_once_suppresses_the_address_and_the_others_go_out() {
    let (app, key) = one_cart().await;
    let mut mary = cart_updated("e2", "web-2", "2026-11-23T08:30:00Z", 1);
    mary["customer"]["id"] = "cu-8".into();
    mary["customer"]["email"] = "mary@example.com".into();
    app.post_events(&key, mary).await;
    let peer = crate::smtp_peer::SmtpPeer::start(&["john@"]).await;
    let sender = smtp_sender(&app, &peer);

    let first = server::jobs::run_pass(&sender, at("2026-11-23T10:00:00Z"))
        .await
        .unwrap();
    let next_day = server::jobs::run_pass(&sender, at("2026-11-24T09:00:00Z"))
        .await
        .unwrap();

    assert_eq!((first.sent, first.failed, first.retrying), (1, 1, 0));
    let (reason,): (String,) = on!(&app.pool, |db| sqlx::query_as(
        "select reason from suppressions where email = 'john@example.com'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(reason, "permanent_bounce");
    assert_eq!(next_day.sent, 1, "Mary's second reminder");
    assert_eq!(next_day.skipped.get("suppressed"), Some(&1), "{next_day:?}");
    let received = peer.received();
    assert_eq!(received.len(), 2);
    assert!(received.iter().all(|m| m.to == ["mary@example.com"]));
}

#[tokio::test]
async fn reminders_come_from_the_sender_set_in_settings_with_its_reply_address() {
    let (app, _) = one_cart().await;
    on!(&app.pool, |db| sqlx::query(
        "update shop_settings set sender_name = 'Boutique Demo', sender_email = 'bonjour@boutique.example',
         reply_to = 'sav@boutique.example'",
    )
    .execute(db).await.map(server::db::Done::from))
    .unwrap();

    server::jobs::run_pass(&app.sender(), at("2026-11-23T10:00:00Z"))
        .await
        .unwrap();

    let outbox = app.outbox();
    assert_eq!(outbox.len(), 1);
    assert!(
        outbox[0].contains("From: \"Boutique Demo\" <bonjour@boutique.example>")
            || outbox[0].contains("From: Boutique Demo <bonjour@boutique.example>"),
        "{}",
        outbox[0]
    );
    assert!(outbox[0].contains("Reply-To: sav@boutique.example"));
}
