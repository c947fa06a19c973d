//! A rule's control group: a stable share of its customers gets nothing, the cart page and
//! Statistics say so, and the lift compares both groups' orders; on a shop made through
//! set-up (whose rule starts with the default 10 %) and on the demo shop.

use axum::http::StatusCode;
use domain::HoldoutShare;
use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, TestApp};
use crate::merchant::{start_sending, statistics, step_ids};
use crate::smtp_peer::SmtpPeer;

fn email(i: usize) -> String {
    format!("client{i}@holdout.example")
}

/// A cart of its own customer per `i`, updated at `at`.
fn carts(count: usize, at: &str) -> Value {
    let events: Vec<Value> = (0..count)
        .map(|i| {
            let mut event = cart_updated(&format!("e-{i}"), &format!("web-{i}"), at, 1);
            event["customer"]["id"] = format!("cu-{i}").into();
            event["customer"]["email"] = email(i).into();
            event
        })
        .collect();
    json!({ "events": events })
}

async fn rule_draft(app: &TestApp, cookie: &str, shop: &str, rule: &str) -> Value {
    let loaded = app
        .call_form(cookie, "load_rule", &[("shop", shop), ("id", rule)])
        .await;
    assert_eq!(loaded.status, StatusCode::OK, "{}", loaded.body);
    serde_json::from_str::<Value>(&loaded.body).unwrap()["draft"].clone()
}

async fn set_holdout(app: &TestApp, cookie: &str, shop: &str, rule: &str, share: &str) -> String {
    let mut draft = rule_draft(app, cookie, shop, rule).await;
    draft["holdout"] = share.into();
    let saved = app
        .call_json(cookie, "save_rule", json!({ "shop": shop, "draft": draft }))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    saved.body
}

async fn skipped_as_control(app: &TestApp, shop: &str, step: &str) -> i64 {
    let (shop, step) = (shop.to_owned(), step.to_owned());
    on!(&app.pool, |db| sqlx::query_scalar(
        "select count(*) from deliveries
         where shop_id = $1 and step_id = $2 and skip_reason = 'control_group'"
    )
    .bind(&shop)
    .bind(&step)
    .fetch_one(db)
    .await)
    .unwrap()
}

#[tokio::test]
async fn a_set_up_shop_s_control_group_gets_nothing_stays_drawn_and_statistics_show_the_lift() {
    let app = TestApp::empty().await;
    let (shop, cookie, key) = crate::setup::set_up_shop_as_is(&app).await;
    let rule = format!("{shop}-campaign");
    assert_eq!(
        rule_draft(&app, &cookie, &shop, &rule).await["holdout"],
        "10"
    );
    let refused = set_holdout(&app, &cookie, &shop, &rule, "60").await;
    assert!(refused.contains("holdout"), "{refused}");
    assert!(set_holdout(&app, &cookie, &shop, &rule, "50")
        .await
        .contains("Saved"));
    let steps = step_ids(&app, &shop).await;
    start_sending(&app, &cookie, &shop, &steps).await;

    let posted = app
        .post_events(&key, carts(80, "2026-11-23T10:00:00Z"))
        .await;
    assert!(posted.body.contains("\"accepted\":80"), "{}", posted.body);
    let half = HoldoutShare::new(50).unwrap();
    let control: Vec<usize> = (0..80)
        .filter(|i| half.holds_out(&rule, &email(*i)))
        .collect();
    assert!((30..=50).contains(&control.len()), "{control:?}");

    let peer = SmtpPeer::start(&[]).await;
    let first = app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(first["sent"], 80 - control.len(), "{first}");
    let mut told: Vec<String> = peer.received().into_iter().flat_map(|m| m.to).collect();
    told.sort();
    let mut reminded: Vec<String> = (0..80)
        .filter(|i| !control.contains(i))
        .map(email)
        .collect();
    reminded.sort();
    assert_eq!(told, reminded);
    assert_eq!(
        skipped_as_control(&app, &shop, &steps[0]).await,
        control.len() as i64
    );
    let external = format!("web-{}", control[0]);
    let cart_id: String = on!(&app.pool, |db| sqlx::query_scalar(
        "select cart_id from carts where shop_id = $1 and external_id = $2"
    )
    .bind(&shop)
    .bind(&external)
    .fetch_one(db)
    .await)
    .unwrap();
    let page = app
        .get_as(&cookie, &format!("/s/{shop}/carts/{cart_id}"))
        .await;
    assert!(
        page.body.contains("in the rule&#x27;s control group")
            || page.body.contains("in the rule's control group"),
        "{}",
        page.body
    );

    // One cart in four orders the next morning, in both groups.
    let orders: Vec<Value> = (0..80)
        .filter(|i| i % 4 == 0)
        .map(|i| {
            json!({"id": format!("o-e-{i}"), "type": "order_completed",
                   "occurred_at": "2026-11-24T09:00:00Z", "cart": {"id": format!("web-{i}")},
                   "order": {"id": format!("o-{i}"), "total_tax_incl": "69.51"}})
        })
        .collect();
    let posted = app.post_events(&key, json!({ "events": orders })).await;
    assert!(posted.body.contains("\"accepted\":20"), "{}", posted.body);

    // The share goes to 0: the customers drawn keep their group for the sequence.
    assert!(set_holdout(&app, &cookie, &shop, &rule, "0")
        .await
        .contains("Saved"));
    peer.clear();
    let second = app.run_once(&peer.url(), "2026-11-24T11:00:00Z").await;
    let ordered = |group: &[usize]| group.iter().filter(|i| *i % 4 == 0).count();
    let reminded_ids: Vec<usize> = (0..80).filter(|i| !control.contains(i)).collect();
    assert_eq!(
        second["sent"],
        reminded_ids.len() - ordered(&reminded_ids),
        "{second}"
    );
    assert_eq!(
        skipped_as_control(&app, &shop, &steps[1]).await,
        (control.len() - ordered(&control)) as i64
    );

    let page = statistics(&app, &cookie, &shop, "2026-11-20", "2026-11-30").await;
    let line = &page["holdout"][0];
    assert_eq!(line["share"], 0, "{line}");
    assert_eq!(line["reminded"]["carts"], reminded_ids.len(), "{line}");
    assert_eq!(line["reminded"]["converted"], ordered(&reminded_ids));
    assert_eq!(line["control"]["carts"], control.len());
    assert_eq!(line["control"]["converted"], ordered(&control));
    let revenue = format!("{:.2}", 69.51 * ordered(&control) as f64);
    assert_eq!(line["control"]["revenue"], revenue, "{line}");
    // 80 carts split about evenly, one in four ordered in each: no lift to speak of.
    let measured = &line["lift"]["Measured"];
    assert_eq!(measured["significant"], false, "{line}");
    let csv = app
        .get_as(
            &cookie,
            &format!("/s/{shop}/statistics.csv?from=2026-11-20&to=2026-11-30"),
        )
        .await;
    let control_line = csv
        .body
        .lines()
        .find(|l| l.starts_with("holdout_control,"))
        .unwrap_or_else(|| panic!("{}", csv.body));
    assert!(
        control_line.contains(&format!(",{},", control.len())),
        "{control_line}"
    );
}

#[tokio::test]
async fn the_demo_shop_s_rule_holds_out_its_drawn_customers_once_given_a_control_group() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let rule = "demo-campaign";
    assert_eq!(
        rule_draft(&app, &cookie, "demo", rule).await["holdout"],
        "0"
    );
    assert!(set_holdout(&app, &cookie, "demo", rule, "30")
        .await
        .contains("Saved"));
    let key = app.api_key().await;
    app.post_events(&key, carts(12, "2026-11-23T10:00:00Z"))
        .await;
    let share = HoldoutShare::new(30).unwrap();
    let control: Vec<usize> = (0..12)
        .filter(|i| share.holds_out(rule, &email(*i)))
        .collect();
    assert!(!control.is_empty() && control.len() < 12, "{control:?}");

    let peer = SmtpPeer::start(&[]).await;
    let run = app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(run["sent"], 12 - control.len(), "{run}");
    assert_eq!(run["skipped"]["control_group"], control.len(), "{run}");
    let told: Vec<String> = peer.received().into_iter().flat_map(|m| m.to).collect();
    for i in &control {
        assert!(!told.contains(&email(*i)), "{told:?}");
    }
    let page = statistics(&app, &cookie, "demo", "2026-11-20", "2026-11-30").await;
    let line = page["holdout"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["share"] == 30)
        .unwrap_or_else(|| panic!("{page}"))
        .clone();
    assert_eq!(line["control"]["carts"], control.len(), "{line}");
    assert_eq!(
        line["lift"]["NotEnoughData"]["control_short"],
        30 - control.len(),
        "{line}"
    );
    let html = app
        .get_as(&cookie, "/s/demo/statistics?from=2026-11-20&to=2026-11-30")
        .await;
    assert!(html.body.contains("Not enough data yet"), "{}", html.body);
}

#[tokio::test]
async fn the_demo_with_history_shows_a_measured_control_group_and_a_running_a_b_test() {
    let app = TestApp::spawn(None).await;
    let seeded = crate::helpers::relance(
        &app,
        &["demo", "--history", "--now", "2026-11-23T10:00:00Z"],
    )
    .await;
    crate::helpers::stdout(&seeded);
    let cookie = app.sign_in().await;
    assert_eq!(
        rule_draft(&app, &cookie, "demo", "demo-campaign").await["holdout"],
        "20"
    );
    server::db::stats::refresh(&app.pool, "demo", chrono::Utc::now())
        .await
        .unwrap();
    let page = statistics(&app, &cookie, "demo", "2026-11-09", "2026-11-23").await;
    let line = page["holdout"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["share"] == 20)
        .unwrap_or_else(|| panic!("{page}"))
        .clone();
    let measured = &line["lift"]["Measured"];
    assert!(measured.is_object(), "enough carts in both groups: {line}");
    let points: f64 = measured["lift_points"].as_str().unwrap().parse().unwrap();
    assert!(points > 0.0, "the reminders bring orders: {line}");
    let split = page["splits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["step_id"] == "demo-step-1")
        .unwrap_or_else(|| panic!("{page}"))
        .clone();
    let (a, b) = (
        split["a"]["sent"].as_u64().unwrap(),
        split["b"]["sent"].as_u64().unwrap(),
    );
    assert!(a > 50 && b > 50, "about half each: {split}");
    let html = app
        .get_as(&cookie, "/s/demo/statistics?from=2026-11-09&to=2026-11-23")
        .await;
    assert!(
        html.body.contains("Premier rappel, version courte"),
        "{}",
        html.body
    );
}
