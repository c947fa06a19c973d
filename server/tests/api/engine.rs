use chrono::{DateTime, Utc};
use domain::engine::{Action, SkipReason};
use domain::{DiscountKind, Language};
use server::on;

use crate::helpers::{cart_updated, TestApp};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// The demo shop and its campaign, plus one cart of John's (69.51 EUR) last changed at 08:30,
/// abandoned at 09:00 (30 minutes idle).
async fn one_cart(language: &str) -> TestApp {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    let mut event = cart_updated("e1", "web-1", "2026-11-23T08:30:00Z", 1);
    event["customer"]["language"] = language.into();
    app.post_events(&key, event).await;
    app.post_events(
        &key,
        serde_json::json!({"id": "other", "type": "cart_updated", "occurred_at": "2026-11-23T09:00:00Z",
            "cart": {"id": "web-2", "currency": "EUR", "total_tax_incl": "10", "total_tax_excl": "8", "shipping": "0", "items": []}}),
    )
    .await;
    app
}

async fn actions(app: &TestApp, now: &str) -> Vec<Action> {
    let plan = server::jobs::plan(&app.pool, "demo", at(now))
        .await
        .unwrap()
        .unwrap();
    plan.carts
        .into_iter()
        .filter(|cart| cart.external_id == "web-1")
        .flat_map(|cart| cart.actions)
        .collect()
}

#[tokio::test]
async fn step_one_is_due_an_hour_after_the_abandonment_in_the_customer_language() {
    let app = one_cart("fr").await;

    assert_eq!(
        actions(&app, "2026-11-23T09:59:00Z").await,
        [Action::Wait {
            at: at("2026-11-23T10:00:00Z")
        }]
    );
    assert_eq!(
        actions(&app, "2026-11-23T10:00:00Z").await,
        [Action::Send {
            step_id: "demo-step-1".into(),
            language: Language::FRENCH,
            discount: None,
            discount_held: None,
        }]
    );
}

#[tokio::test]
async fn a_language_without_content_gets_the_english_version() {
    let app = one_cart("de").await;

    let decided = actions(&app, "2026-11-23T10:30:00Z").await;

    assert!(matches!(
        decided.as_slice(),
        [Action::Send { language, .. }] if *language == Language::ENGLISH
    ));
}

#[tokio::test]
async fn a_stale_first_step_is_skipped_and_the_second_decided_in_the_same_pass() {
    let app = one_cart("fr").await;

    let decided = actions(&app, "2026-11-25T08:00:00Z").await;

    assert_eq!(decided.len(), 2, "{decided:?}");
    assert_eq!(
        decided[0],
        Action::Skip {
            step_id: "demo-step-1".into(),
            reason: SkipReason::TooLate
        }
    );
    let Action::Send {
        step_id, discount, ..
    } = &decided[1]
    else {
        panic!("step 2 is sent: {decided:?}");
    };
    assert_eq!(step_id, "demo-step-2");
    // 69.51 EUR falls in the guide's "from 50 EUR" range.
    assert_eq!(discount.as_ref().unwrap().kind, DiscountKind::FreeShipping);
}

#[tokio::test]
async fn an_unsubscribed_address_is_skipped_with_its_reason() {
    let app = one_cart("fr").await;
    on!(&app.pool, |db| sqlx::query(
        "insert into suppressions (shop_id, email, reason, created_at) values ('demo', 'john@example.com', 'one_click', $1)",
    )
    .bind(at("2026-11-23T09:10:00Z"))
    .execute(db).await.map(server::db::Done::from))
    .unwrap();

    let decided = actions(&app, "2026-11-23T10:00:00Z").await;

    // Step 2 is not due yet: it waits, and will be skipped for the same reason then.
    assert_eq!(
        decided,
        [
            Action::Skip {
                step_id: "demo-step-1".into(),
                reason: SkipReason::Unsubscribed
            },
            Action::Wait {
                at: at("2026-11-24T09:00:00Z")
            }
        ]
    );
}

#[tokio::test]
async fn the_summary_counts_due_steps_by_outcome_and_an_emptied_cart_is_not_due() {
    let app = one_cart("fr").await;

    let plan = server::jobs::plan(&app.pool, "demo", at("2026-11-25T08:00:00Z"))
        .await
        .unwrap()
        .unwrap();
    let summary = plan.summary();

    assert!(plan.carts.iter().all(|cart| cart.external_id != "web-2"));
    assert_eq!(summary.due, 2);
    assert_eq!(summary.would_send, 1);
    assert_eq!(summary.skipped.get("too_late"), Some(&1));
    assert_eq!(summary.sent, 0);
}

#[tokio::test]
async fn the_planner_reads_every_open_cart_exactly_once_across_its_pages() {
    // 2,000 demo carts: several pages of 500, many sharing a last-activity second.
    let app = TestApp::spawn(Some(2_000)).await;
    let now = at("2026-12-01T10:00:00Z");

    let plan = server::jobs::plan(&app.pool, "demo", now)
        .await
        .unwrap()
        .unwrap();

    let (expected,): (i64,) = on!(&app.pool, |db| sqlx::query_as(
        "select count(*) from carts where ordered_at is null and deleted_at is null
         and product_count > 0 and customer_id is not null and last_activity_at <= $1",
    )
    .bind(now - chrono::Duration::hours(1))
    .fetch_one(db)
    .await)
    .unwrap();
    let ids: std::collections::HashSet<&str> = plan
        .carts
        .iter()
        .map(|cart| cart.cart_id.as_str())
        .collect();
    assert!(expected > 1_000, "the demo has open carts: {expected}");
    assert_eq!(ids.len(), plan.carts.len(), "a cart was planned twice");
    // Carts whose sequence is over (every step has a row) are not listed; the demo has
    // none before the first run.
    assert_eq!(plan.carts.len() as i64, expected);
}

#[tokio::test]
async fn the_carts_reminder_counters_equal_a_recount_of_the_deliveries_after_real_passes() {
    let app = TestApp::spawn(Some(400)).await;
    let sender = app.sender();
    for now in [
        "2026-11-23T12:00:00Z",
        "2026-11-24T12:00:00Z",
        "2026-11-26T12:00:00Z",
    ] {
        server::jobs::run_pass(&sender, at(now)).await.unwrap();
    }
    // An order after a reminder, written the way ingestion writes it.
    on!(&app.pool, |db| sqlx::query(
        "update carts set ordered_at = '2027-01-01T00:00:00+00:00'
         where cart_id in (select cart_id from deliveries where status = 'sent' limit 5)",
    )
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();

    let (decided, different): (i64, i64) = on!(&app.pool, |db| sqlx::query_as(
        "select (select count(*) from deliveries where status <> 'queued'),
                (select count(*) from carts c where c.steps_done <>
                    (select count(*) from deliveries d where d.cart_id = c.cart_id and d.status <> 'queued')
                 or c.first_sent_at is distinct from
                    (select min(d.sent_at) from deliveries d where d.cart_id = c.cart_id and d.status = 'sent'))",
    )
    .fetch_one(db).await)
    .unwrap();
    assert!(decided > 100, "the passes decided steps: {decided}");
    assert_eq!(different, 0);
}
