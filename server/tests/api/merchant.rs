//! What a merchant does in the admin before reminders go out, shared by the tests that need a
//! shop sending: its reminders in order, the wizard's data, steps switched on, rules running.

use axum::http::StatusCode;
use serde_json::Value;
use server::on;

use crate::helpers::TestApp;

/// The shop's reminder ids in sending order.
pub async fn step_ids(app: &TestApp, shop: &str) -> Vec<String> {
    let shop = shop.to_owned();
    on!(&app.pool, |db| sqlx::query_scalar(
        "select step_id from reminder_steps where shop_id = $1
         order by case delay_unit when 'days' then delay_amount * 24 else delay_amount end"
    )
    .bind(&shop)
    .fetch_all(db)
    .await)
    .unwrap()
}

/// The reminder wizard's data for `step`, as the admin loads it.
pub async fn reminder_editor(app: &TestApp, cookie: &str, shop: &str, step: &str) -> Value {
    let loaded = app
        .call_form(
            cookie,
            "load_reminder_editor",
            &[("shop", shop), ("id", step)],
        )
        .await;
    assert_eq!(loaded.status, StatusCode::OK, "{}", loaded.body);
    serde_json::from_str(&loaded.body).unwrap()
}

/// Switches `steps` on and the shop's rules on, with the Reminders page's switches (a set-up
/// shop starts with its reminders off and its rule paused).
pub async fn start_sending(app: &TestApp, cookie: &str, shop: &str, steps: &[String]) {
    for step in steps {
        let on = app
            .call_form(
                cookie,
                "set_reminder_enabled",
                &[("shop", shop), ("id", step), ("enabled", "true")],
            )
            .await;
        assert_eq!(on.status, StatusCode::OK, "{}", on.body);
    }
    let running = app
        .call_form(
            cookie,
            "set_campaign_paused",
            &[("shop", shop), ("paused", "false")],
        )
        .await;
    assert_eq!(running.status, StatusCode::OK, "{}", running.body);
}

/// The Statistics page's data for `from..=to` (without machines' hits), as the admin loads it.
pub async fn statistics(app: &TestApp, cookie: &str, shop: &str, from: &str, to: &str) -> Value {
    let loaded = app
        .call_form(
            cookie,
            "load_statistics",
            &[
                ("shop", shop),
                ("from", from),
                ("to", to),
                ("scanners", "false"),
            ],
        )
        .await;
    assert_eq!(loaded.status, StatusCode::OK, "{}", loaded.body);
    serde_json::from_str(&loaded.body).unwrap()
}
