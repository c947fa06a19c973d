use axum::{body::Body, http::Request, http::StatusCode};
use chrono::{DateTime, Duration, DurationRound, Utc};
use serde_json::{json, Value};
use server::db;
use server::links::{LinkKind, LinkSigner};
use server::on;

use crate::helpers::{cart_updated, TestApp, TEST_LINK_KEY};

fn path(url: &str) -> String {
    url.trim_start_matches("http://127.0.0.1:3000").to_owned()
}

fn customer_cart(event: &str, cart: &str, customer: &str, at: DateTime<Utc>, total: &str) -> Value {
    let mut e = cart_updated(event, cart, &at.to_rfc3339(), 1);
    e["cart"]["total_tax_incl"] = total.into();
    e["cart"]["total_tax_excl"] = "1.00".into();
    e["customer"]["id"] = customer.into();
    e["customer"]["email"] = format!("{customer}@example.com").into();
    e
}

fn order(
    event: &str,
    cart: &str,
    id: &str,
    at: DateTime<Utc>,
    total: &str,
    codes: &[&str],
) -> Value {
    json!({"id": event, "type": "order_completed", "occurred_at": at.to_rfc3339(),
           "cart": {"id": cart}, "order": {"id": id, "total_tax_incl": total, "coupon_codes": codes}})
}

async fn delivery_of(app: &TestApp, cart: &str, step: &str) -> String {
    let (id,): (String,) = on!(&app.pool, |db| sqlx::query_as(
        "select d.delivery_id from deliveries d join carts c on c.cart_id = d.cart_id
         where c.external_id = $1 and d.step_id = $2 and d.status = 'sent'",
    )
    .bind(cart)
    .bind(step)
    .fetch_one(db)
    .await)
    .unwrap();
    id
}

async fn refresh(app: &TestApp) {
    db::stats::refresh(&app.pool, "demo", Utc::now())
        .await
        .unwrap();
}

/// Two days of a small shop through the real API, engine and links, with the figures
/// refreshed after each step as the background task would: returns the app, signed in.
async fn scripted_history() -> (TestApp, String) {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let start = (Utc::now() - Duration::days(2))
        .duration_trunc(Duration::hours(1))
        .unwrap();
    for (event, cart, customer, total) in [
        ("e-a", "cart-a", "ann", "69.51"),
        ("e-b", "cart-b", "bob", "120.00"),
        ("e-c", "cart-c", "cid", "40.00"),
        ("e-d", "cart-d", "dan", "69.51"),
    ] {
        let response = app
            .post_events(&key, customer_cart(event, cart, customer, start, total))
            .await;
        assert_eq!(response.status, StatusCode::ACCEPTED, "{}", response.body);
    }
    // C orders before it counts as abandoned.
    app.post_events(
        &key,
        order(
            "o-c",
            "cart-c",
            "order-c",
            start + Duration::minutes(10),
            "40.00",
            &[],
        ),
    )
    .await;
    refresh(&app).await;

    // Step 1 to A, B and D: abandoned 30 minutes after `start`, reminded an hour later.
    server::jobs::run_pass(&app.sender(), start + Duration::minutes(90))
        .await
        .unwrap();
    refresh(&app).await;
    let signer = LinkSigner::new(TEST_LINK_KEY, "http://127.0.0.1:3000");
    let a1 = delivery_of(&app, "cart-a", "demo-step-1").await;
    let d1 = delivery_of(&app, "cart-d", "demo-step-1").await;
    let open = app
        .get(&path(&signer.url(LinkKind::Open, &a1, "")), "fr")
        .await;
    assert_eq!(open.status, StatusCode::OK);
    let unsubscribe = app
        .request(
            Request::post(path(&signer.url(LinkKind::Unsubscribe, &d1, "")))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("List-Unsubscribe=One-Click"))
                .unwrap(),
        )
        .await;
    assert_eq!(unsubscribe.status, StatusCode::OK);
    refresh(&app).await;

    // Step 2 to A and B (neither has ordered yet); D unsubscribed.
    server::jobs::run_pass(
        &app.sender(),
        start + Duration::hours(24) + Duration::minutes(31),
    )
    .await
    .unwrap();
    refresh(&app).await;
    let (code,): (String,) = on!(&app.pool, |db| sqlx::query_as(
        "select cp.code from coupons cp join deliveries d on d.delivery_id = cp.delivery_id
         join carts c on c.cart_id = d.cart_id where c.external_id = 'cart-b'",
    )
    .fetch_one(db)
    .await)
    .unwrap();

    // A orders within a week of its last reminder (credited to step 2, its send), B with its
    // code and no click at all, and an order of a cart Relance never saw counts for nobody.
    let now = Utc::now();
    for event in [
        order("o-a", "cart-a", "order-a", now, "69.51", &[]),
        order(
            "o-b",
            "cart-b",
            "order-b",
            now,
            "120.00",
            &[&code.to_lowercase()],
        ),
        order("o-x", "cart-unknown", "order-x", now, "15.00", &[]),
    ] {
        let response = app.post_events(&key, event).await;
        assert_eq!(response.status, StatusCode::ACCEPTED, "{}", response.body);
    }
    refresh(&app).await;
    let cookie = app.sign_in().await;
    (app, cookie)
}

fn the_range() -> (String, String) {
    let today = Utc::now().date_naive();
    (
        (today - Duration::days(5)).to_string(),
        (today + Duration::days(1)).to_string(),
    )
}

#[tokio::test]
async fn a_scripted_history_gives_exactly_the_expected_figures() {
    let (app, cookie) = scripted_history().await;
    let (from, to) = the_range();

    let response = app
        .call_form(
            &cookie,
            "load_statistics",
            &[("from", &from), ("to", &to), ("scanners", "false")],
        )
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let page: Value = serde_json::from_str(&response.body).unwrap();
    let current = &page["current"];
    assert_eq!(current["abandoned"]["part"], 3, "{current}");
    assert_eq!(current["abandoned"]["whole"], 4);
    assert_eq!(current["finalised"]["part"], 2);
    assert_eq!(current["finalised"]["whole"], 3);
    assert_eq!(current["revenue"], "189.51");
    // 189.51 of the 259.02 the three reminded carts were worth.
    assert_eq!(current["revenue_share"], "73.2");
    assert_eq!(current["unsubscribed"]["part"], 1);
    assert_eq!(current["unsubscribed"]["whole"], 3);
    let steps = page["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2);
    assert_eq!(
        (
            &steps[0]["key"],
            &steps[0]["sent"],
            &steps[0]["opened"],
            &steps[0]["clicked"],
            &steps[0]["converted"],
            &steps[0]["revenue"]
        ),
        (
            &json!("demo-step-1"),
            &json!(3),
            &json!(1),
            &json!(0),
            &json!(0),
            &json!("0")
        )
    );
    assert_eq!(
        (
            &steps[1]["key"],
            &steps[1]["sent"],
            &steps[1]["opened"],
            &steps[1]["converted"],
            &steps[1]["revenue"]
        ),
        (
            &json!("demo-step-2"),
            &json!(2),
            &json!(0),
            &json!(2),
            &json!("189.51")
        )
    );
    assert_eq!(page["templates"].as_array().unwrap().len(), 2);
    // Nothing happened in the range before: no comparison to make.
    assert_eq!(page["previous"]["abandoned"]["whole"], 0);
    let revenue_days: Vec<&Value> = page["series"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["revenue"] != "0")
        .collect();
    assert_eq!(
        revenue_days.len(),
        1,
        "all orders of the script are today's"
    );
}

#[tokio::test]
async fn the_stored_days_equal_a_recount_from_the_raw_rows() {
    let (app, _) = scripted_history().await;
    let first = Utc::now().date_naive() - Duration::days(10);
    let last = Utc::now().date_naive() + Duration::days(1);
    let incremental = db::stats::read_rows(&app.pool, "demo", first, last)
        .await
        .unwrap();

    for statement in [
        "delete from stats_days",
        "delete from stats_step_days",
        "delete from stats_reach_days",
        "delete from stats_state",
    ] {
        on!(&app.pool, |db| sqlx::query(statement)
            .execute(db)
            .await
            .map(server::db::Done::from))
        .unwrap();
    }
    let report = db::stats::refresh(&app.pool, "demo", Utc::now())
        .await
        .unwrap();
    let recounted = db::stats::read_rows(&app.pool, "demo", first, last)
        .await
        .unwrap();

    // A day with nothing is the same figures stored or not: around midnight in the shop's
    // zone, the incremental refresh may have stored an empty day the recount has no row for.
    let counted = |rows: Vec<String>| -> Vec<String> {
        rows.into_iter()
            .filter(|row| !(row.starts_with("day ") && row.ends_with(", 0, 0, 0, 0)")))
            .collect()
    };
    assert!(report.full);
    assert!(incremental.len() > 6, "{incremental:#?}");
    assert_eq!(counted(incremental), counted(recounted));
}

#[tokio::test]
async fn a_longer_attribution_window_recounts_every_day() {
    let (app, _) = scripted_history().await;
    on!(&app.pool, |db| sqlx::query(
        "update shop_settings set attribution_window_days = 30"
    )
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();

    let report = db::stats::refresh(&app.pool, "demo", Utc::now())
        .await
        .unwrap();
    let again = db::stats::refresh(&app.pool, "demo", Utc::now())
        .await
        .unwrap();

    assert!(report.full && report.days >= 3);
    assert!(!again.full);
}

#[tokio::test]
async fn a_bad_range_is_refused_with_its_reason() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;

    let reversed = app
        .call_form(
            &cookie,
            "load_statistics",
            &[
                ("from", "2026-11-20"),
                ("to", "2026-11-01"),
                ("scanners", "false"),
            ],
        )
        .await;
    let csv = app
        .request(
            Request::get("/s/demo/statistics.csv?from=2026-11-20&to=nope")
                .header("cookie", &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;

    assert_eq!(
        reversed.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reversed.body
    );
    assert!(
        reversed.body.contains("after the end date"),
        "{}",
        reversed.body
    );
    assert_eq!(csv.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(csv.body.contains("end date"), "{}", csv.body);
}

#[tokio::test]
async fn the_csv_export_has_the_tables_and_needs_a_session() {
    let (app, cookie) = scripted_history().await;
    let (from, to) = the_range();
    let url = format!("/s/demo/statistics.csv?from={from}&to={to}");

    let signed_out = app.get(&url, "en").await;
    let csv = app
        .request(
            Request::get(url.as_str())
                .header("cookie", &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;

    assert!(
        signed_out.status == StatusCode::UNAUTHORIZED || signed_out.status.is_redirection(),
        "{}",
        signed_out.status
    );
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.content_type, "text/csv; charset=utf-8");
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], "table,name,from,to,sent,opened,open_rate,clicked,click_rate,converted,conversion_rate,revenue,currency,machine_opened,machine_clicked");
    assert_eq!(lines.len(), 6, "{}", csv.body);
    // The rule's line adds its steps up.
    assert!(
        lines[1].starts_with("rule,Relance de panier abandonné,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].ends_with(",5,1,20,0,0,2,40,189.51,EUR,0,0"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("step,Reminder 1 (1 h),"),
        "{}",
        lines[2]
    );
    assert!(
        lines[2].ends_with(",3,1,33.3,0,0,0,0,0,EUR,0,0"),
        "{}",
        lines[2]
    );
}

#[tokio::test]
async fn a_claim_left_by_a_refresh_that_died_is_counted_by_the_next() {
    let (app, _) = scripted_history().await;
    let yesterday = (Utc::now() - Duration::days(1)).date_naive();
    on!(&app.pool, |db| sqlx::query("delete from stats_days")
        .execute(db)
        .await
        .map(server::db::Done::from))
    .unwrap();
    on!(&app.pool, |db| sqlx::query(
        "insert into stats_claimed_days (shop_id, day) values ('demo', $1)"
    )
    .bind(yesterday)
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();

    let report = db::stats::refresh(&app.pool, "demo", Utc::now())
        .await
        .unwrap();

    assert!(!report.full && report.days >= 2, "{report:?}");
    assert_eq!(
        app.count("select count(*) from stats_claimed_days").await,
        0
    );
    assert!(app.count("select count(*) from stats_days").await >= 4);
}
