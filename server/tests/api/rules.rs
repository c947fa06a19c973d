//! Rules: a shop's campaigns tried by priority with conditions on the abandoned cart. Carts
//! run through several rules with the events API, `relance run-once --at` and a real SMTP
//! server on loopback; the cart page's explanation and the dry run agree with the choice; a
//! rule edit does not move carts in a sequence until the merchant re-routes them.

use axum::http::StatusCode;
use domain::lifecycle::CartStatus;
use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, relance, stdout, TestApp};
use crate::smtp_peer::SmtpPeer;

/// Saves a rule from the editor's fields; its id.
async fn save_rule(app: &TestApp, cookie: &str, shop: &str, draft: Value) -> String {
    let saved = app
        .call_json(cookie, "save_rule", json!({"shop": shop, "draft": draft}))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let outcome: Value = serde_json::from_str(&saved.body).unwrap();
    outcome["Saved"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("not saved: {}", saved.body))
        .to_owned()
}

/// Adds a reminder to `rule`: `amount` hours after the abandonment, or after the previous
/// reminder; the wizard's default otherwise (everyone, no discount, the first template).
async fn add_step(app: &TestApp, cookie: &str, shop: &str, rule: &str, hours: u32, previous: bool) {
    let editor = app
        .call_form(
            cookie,
            "load_reminder_editor",
            &[("shop", shop), ("id", ""), ("rule", rule)],
        )
        .await;
    assert_eq!(editor.status, StatusCode::OK, "{}", editor.body);
    let mut draft = serde_json::from_str::<Value>(&editor.body).unwrap()["draft"].clone();
    assert_eq!(draft["rule_id"], rule);
    draft["delay_amount"] = hours.to_string().into();
    draft["delay_unit"] = "hours".into();
    draft["delay_from"] = if previous {
        "previous_step"
    } else {
        "abandonment"
    }
    .into();
    let saved = app
        .call_json(
            cookie,
            "save_reminder",
            json!({"shop": shop, "draft": draft}),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert!(saved.body.contains("Saved"), "{}", saved.body);
}

async fn turn_on(app: &TestApp, cookie: &str, shop: &str, rule: &str) {
    let on = app
        .call_form(
            cookie,
            "set_campaign_paused",
            &[("shop", shop), ("rule", rule), ("paused", "false")],
        )
        .await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.body);
}

/// Switches a step on (a set-up shop's start switched off).
async fn enable_step(app: &TestApp, cookie: &str, shop: &str, step: &str) {
    let enabled = app
        .call_form(
            cookie,
            "set_reminder_enabled",
            &[("shop", shop), ("id", step), ("enabled", "true")],
        )
        .await;
    assert_eq!(enabled.status, StatusCode::OK, "{}", enabled.body);
}

/// A cart of a customer of `country`, quiet from 10:00 UTC on 23 November.
fn cart_from(cart: &str, country: &str) -> Value {
    let mut event = cart_updated(&format!("e-{cart}"), cart, "2026-11-23T10:00:00Z", 1);
    event["customer"]["id"] = format!("cu-{cart}").into();
    event["customer"]["email"] = format!("{cart}@example.com").into();
    event["customer"]["country"] = country.into();
    event
}

/// The rule (campaign id) and status of each of the cart's reminders, oldest first.
async fn reminders_of(app: &TestApp, external_id: &str) -> Vec<(String, String)> {
    let external_id = external_id.to_owned();
    on!(&app.pool, |db| sqlx::query_as(
        "select d.campaign_id, d.status from deliveries d join carts k on k.cart_id = d.cart_id
         where k.external_id = $1 order by d.due_at, d.created_at",
    )
    .bind(&external_id)
    .fetch_all(db)
    .await)
    .unwrap()
}

async fn internal_id(app: &TestApp, external_id: &str) -> String {
    let external_id = external_id.to_owned();
    on!(&app.pool, |db| sqlx::query_scalar(
        "select cart_id from carts where external_id = $1"
    )
    .bind(&external_id)
    .fetch_one(db)
    .await)
    .unwrap()
}

/// The demo shop's own campaign (its first rule) and a "Belgique" rule before it.
async fn demo_with_belgium(app: &TestApp, cookie: &str) -> (String, String) {
    let demo: String = on!(&app.pool, |db| sqlx::query_scalar(
        "select campaign_id from campaigns where shop_id = 'demo'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let belgium = save_rule(
        app,
        cookie,
        "demo",
        json!({"name": "Belgique", "priority": "10", "countries": "be"}),
    )
    .await;
    add_step(app, cookie, "demo", &belgium, 1, false).await;
    add_step(app, cookie, "demo", &belgium, 24, true).await;
    turn_on(app, cookie, "demo", &belgium).await;
    (demo, belgium)
}

#[tokio::test]
async fn each_cart_follows_the_first_rule_whose_conditions_hold_and_the_explanation_agrees() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let (demo, belgium) = demo_with_belgium(&app, &cookie).await;
    let key = app.api_key().await;
    for (cart, country) in [("web-be", "BE"), ("web-fr", "FR")] {
        let posted = app.post_events(&key, cart_from(cart, country)).await;
        assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", posted.body);
    }

    let dry = relance(
        &app,
        &[
            "run-once",
            "--dry-run",
            "--at",
            "2026-11-23T11:31:00Z",
            "--shop",
            "demo",
        ],
    )
    .await;
    let printed = stdout(&dry);
    assert!(printed.contains("rule \"Belgique\""), "{printed}");
    assert!(printed.contains("✓ Country is BE [BE]"), "{printed}");
    assert!(printed.contains("✗ Country is BE [FR]"), "{printed}");

    let peer = SmtpPeer::start(&[]).await;
    let summary = app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(summary["sent"], 2, "{summary}");
    assert_eq!(reminders_of(&app, "web-be").await[0].0, belgium);
    assert_eq!(reminders_of(&app, "web-fr").await[0].0, demo);

    let id = internal_id(&app, "web-be").await;
    let why = app
        .call_form(&cookie, "load_cart_rule", &[("id", id.as_str())])
        .await;
    assert_eq!(why.status, StatusCode::OK, "{}", why.body);
    let why: Value = serde_json::from_str(&why.body).unwrap();
    assert_eq!(why["explanation"]["chosen"], belgium.as_str());
    assert_eq!(why["recorded"], "Belgique");
    let rules = why["explanation"]["rules"].as_array().unwrap();
    assert_eq!(rules[0]["state"], "chosen");
    assert_eq!(rules[0]["checks"][0]["value"], "BE");
    assert_eq!(rules[1]["state"], "outranked");

    // Statistics count each rule's reminders apart, and name each step with its rule.
    server::db::stats::refresh(&app.pool, "demo", chrono::Utc::now())
        .await
        .unwrap();
    let stats = app
        .call_form(
            &cookie,
            "load_statistics",
            &[
                ("from", "2026-11-01"),
                ("to", "2026-11-30"),
                ("scanners", "false"),
            ],
        )
        .await;
    assert_eq!(stats.status, StatusCode::OK, "{}", stats.body);
    let stats: Value = serde_json::from_str(&stats.body).unwrap();
    let rules: Vec<(String, u64)> = stats["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["label"]["Rule"].as_str().unwrap().to_owned(),
                l["sent"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            ("Belgique".to_owned(), 1),
            ("Relance de panier abandonné".to_owned(), 1)
        ]
    );
    assert_eq!(stats["steps"][0]["label"]["Step"]["rule"], "Belgique");

    // The cart page times each cart's next reminder by its own rule: a day after Belgique's
    // first reminder, and the demo rule's second step a day after the abandonment.
    for (cart, next) in [
        ("web-be", "2026-11-24T11:31:00Z"),
        ("web-fr", "2026-11-24T10:30:00Z"),
    ] {
        let id = internal_id(&app, cart).await;
        let page = app
            .call_form(&cookie, "load_cart", &[("id", id.as_str())])
            .await;
        let page: Value = serde_json::from_str(&page.body).unwrap();
        assert_eq!(page["next_reminder_at"], next, "{cart}");
    }
}

#[tokio::test]
async fn an_edited_rule_keeps_its_carts_in_sequence_until_they_are_re_routed() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let (demo, belgium) = demo_with_belgium(&app, &cookie).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_from("web-be", "BE")).await;
    app.post_events(&key, cart_from("web-be2", "BE")).await;
    let peer = SmtpPeer::start(&[]).await;
    app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    // The rule now wants German carts: the Belgian carts' sequences stay with it.
    save_rule(
        &app,
        &cookie,
        "demo",
        json!({"id": belgium, "name": "Belgique", "priority": "10", "countries": "DE"}),
    )
    .await;
    let id = internal_id(&app, "web-be2").await;
    let moved = app
        .call_form(&cookie, "reroute_rule", &[("id", belgium.as_str())])
        .await;
    assert_eq!(moved.body, "2", "{}", moved.body);
    // Only web-be2 is re-routed: web-be is put back into its recorded rule by hand.
    on!(&app.pool, |db| sqlx::query(
        "update carts set rerouted_at = null where external_id = 'web-be'"
    )
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();

    // Its second reminder counts from the first one (sent at 11:31), a day later.
    let early = app.run_once(&peer.url(), "2026-11-24T11:30:00Z").await;
    let on_time = app.run_once(&peer.url(), "2026-11-24T11:32:00Z").await;

    let kept = reminders_of(&app, "web-be").await;
    assert_eq!(
        kept,
        [
            (belgium.clone(), "sent".to_owned()),
            (belgium.clone(), "sent".to_owned())
        ]
    );
    let rerouted = reminders_of(&app, "web-be2").await;
    assert_eq!(rerouted[0].0, belgium);
    assert!(
        rerouted[1..].iter().all(|(rule, _)| *rule == demo),
        "{rerouted:?}"
    );
    assert!(
        rerouted
            .iter()
            .any(|(rule, status)| *rule == demo && status == "sent"),
        "{rerouted:?}"
    );
    assert!(early["sent"].as_u64().unwrap() <= 1, "{early}");
    assert!(on_time["sent"].as_u64().unwrap() >= 1, "{on_time}");
    let why = app
        .call_form(&cookie, "load_cart_rule", &[("id", id.as_str())])
        .await;
    assert!(
        why.body.contains(&format!("\"chosen\":\"{demo}\"")),
        "{}",
        why.body
    );
}

#[tokio::test]
async fn a_rule_with_impossible_conditions_is_refused_field_by_field_and_nothing_is_written() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let before = app.count("select count(*) from campaigns").await;
    let refused = app
        .call_json(
            &cookie,
            "save_rule",
            json!({"draft": {"name": "", "priority": "x", "age_min": "60", "age_max": "18",
                             "period_from": "2026-12-31", "period_to": "2026-12-01",
                             "stock": "low", "stock_below": "0"}}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::OK, "{}", refused.body);
    let outcome: Value = serde_json::from_str(&refused.body).unwrap();
    let fields: Vec<&str> = outcome["Invalid"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["age_max", "stock_below", "period", "name", "priority"]
    );
    assert_eq!(app.count("select count(*) from campaigns").await, before);
}

#[tokio::test]
async fn staff_cannot_change_rules_and_the_last_rule_cannot_be_deleted() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let staff = app
        .member("staff@boutique.example", "demo", domain::team::Role::Staff)
        .await;
    let listed = app.call_form(&staff, "list_rules", &[]).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let refused = app
        .call_json(&staff, "save_rule", json!({"draft": {"name": "VIP"}}))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let demo: String = on!(&app.pool, |db| sqlx::query_scalar(
        "select campaign_id from campaigns where shop_id = 'demo'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let last = app
        .call_form(&owner, "delete_rule", &[("id", demo.as_str())])
        .await;
    assert_eq!(last.body, "\"LastRule\"", "{}", last.body);
    assert_eq!(app.count("select count(*) from reminder_steps").await, 2);
}

#[tokio::test]
async fn a_set_up_shop_gets_rules_and_conditions_on_fields_it_never_sent_are_flagged() {
    let app = TestApp::empty().await;
    let (shop, cookie) = crate::setup::set_up_shop(&app).await;
    let shop_key = server::api::keys::create(&app.pool, &shop, "test", chrono::Utc::now())
        .await
        .unwrap()
        .secret;
    let mut event = cart_from("web-1", "FR");
    event["customer"]["birthdate"] = Value::Null;
    event["customer"]["groups"] = json!([]);
    app.post_events(&shop_key, event).await;
    let first: String = on!(&app.pool, |db| sqlx::query_scalar(
        "select campaign_id from campaigns where shop_id <> 'demo' order by created_at limit 1"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    turn_on(&app, &cookie, &shop, &first).await;
    // A set-up shop's reminders start switched off.
    let step = format!("{shop}-step-1");
    enable_step(&app, &cookie, &shop, &step).await;
    let young = save_rule(
        &app,
        &cookie,
        &shop,
        json!({"name": "Jeunes", "priority": "5", "age_max": "25", "groups": "VIP"}),
    )
    .await;
    add_step(&app, &cookie, &shop, &young, 2, false).await;
    turn_on(&app, &cookie, &shop, &young).await;

    let listed = app
        .call_form(&cookie, "list_rules", &[("shop", shop.as_str())])
        .await;
    let listed: Value = serde_json::from_str(&listed.body).unwrap();
    let rule = &listed["rules"][0];
    assert_eq!(rule["name"], "Jeunes");
    assert_eq!(rule["missing"], json!(["groups", "birthdate"]));

    let peer = SmtpPeer::start(&[]).await;
    app.run_once(&peer.url(), "2026-11-23T13:00:00Z").await;
    // Unknown age and groups fail: the cart gets the shop's first rule.
    assert_eq!(reminders_of(&app, "web-1").await[0].0, first);
    let id = internal_id(&app, "web-1").await;
    let why = app
        .call_form(
            &cookie,
            "load_cart_rule",
            &[("shop", shop.as_str()), ("id", id.as_str())],
        )
        .await;
    let why: Value = serde_json::from_str(&why.body).unwrap();
    let checks = &why["explanation"]["rules"][0]["checks"];
    assert_eq!(checks[0]["value"], Value::Null);
    assert_eq!(checks[0]["passed"], false);
}

/// A set-up shop's own rule has two steps and "Belgique" one: after one reminder each, the
/// French cart is in progress and the Belgian one finished, and the filters list them so.
#[tokio::test]
async fn a_set_up_shop_s_carts_are_filtered_by_the_steps_of_their_own_rule() {
    let app = TestApp::empty().await;
    let (shop, cookie, key) = crate::setup::set_up_shop_with_key(&app).await;
    let first: String = on!(&app.pool, |db| sqlx::query_scalar(
        "select campaign_id from campaigns where shop_id = $1"
    )
    .bind(&shop)
    .fetch_one(db)
    .await)
    .unwrap();
    turn_on(&app, &cookie, &shop, &first).await;
    for step in ["step-1", "step-2"] {
        enable_step(&app, &cookie, &shop, &format!("{shop}-{step}")).await;
    }
    let belgium = save_rule(
        &app,
        &cookie,
        &shop,
        json!({"name": "Belgique", "priority": "10", "countries": "be"}),
    )
    .await;
    add_step(&app, &cookie, &shop, &belgium, 1, false).await;
    turn_on(&app, &cookie, &shop, &belgium).await;
    for (cart, country) in [("web-be", "BE"), ("web-fr", "FR")] {
        let posted = app.post_events(&key, cart_from(cart, country)).await;
        assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", posted.body);
    }

    let peer = SmtpPeer::start(&[]).await;
    let summary = app.run_once(&peer.url(), "2026-11-23T13:00:00Z").await;
    assert_eq!(summary["sent"], 2, "{summary}");
    assert_eq!(reminders_of(&app, "web-be").await[0].0, belgium);
    assert_eq!(reminders_of(&app, "web-fr").await[0].0, first);

    let found = server::db::find_shop(&app.pool, &shop)
        .await
        .unwrap()
        .unwrap();
    let at = "2026-11-23T13:05:00Z".parse().unwrap();
    let listed = crate::carts_list::listed_by_status(&app, &found, at).await;
    assert_eq!(listed["web-be"], CartStatus::Finished);
    assert_eq!(listed["web-fr"], CartStatus::InProgress);
}

#[tokio::test]
async fn the_demo_shop_shows_three_rules_and_its_carts_spread_over_them_as_explained() {
    let app = TestApp::spawn(Some(0)).await;
    app.reseed_demo_with_rules(300).await;
    let plan = server::jobs::plan(&app.pool, "demo", "2026-11-23T10:00:00Z".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let names: Vec<&str> = domain::rules::in_priority_order(&plan.campaigns)
        .iter()
        .map(|c| c.name())
        .collect();
    assert_eq!(
        names,
        [
            "Gros paniers",
            "Clients fidèles",
            "Relance de panier abandonné"
        ]
    );
    let mut per_rule = std::collections::BTreeMap::<&str, usize>::new();
    for cart in &plan.carts {
        let explanation = cart.explanation.as_ref().unwrap();
        assert_eq!(
            explanation.chosen.as_deref(),
            Some(cart.campaign_id.as_str())
        );
        *per_rule.entry(cart.campaign_id.as_str()).or_default() += 1;
    }
    assert_eq!(per_rule.len(), 3, "{per_rule:?}");
}

#[tokio::test]
async fn a_rule_goes_on_only_when_its_pre_launch_check_has_nothing_blocking() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let (_, belgium) = demo_with_belgium(&app, &cookie).await;
    // A rule with no condition tried first: Belgique can never apply.
    let everyone = save_rule(
        &app,
        &cookie,
        "demo",
        json!({"name": "Tout le monde", "priority": "50"}),
    )
    .await;
    turn_on(&app, &cookie, "demo", &everyone).await;
    let listed = app.call_form(&cookie, "list_rules", &[]).await;
    let listed: Value = serde_json::from_str(&listed.body).unwrap();
    let line = |id: &str| {
        listed["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    assert!(line(&belgium)["check"]
        .as_array()
        .unwrap()
        .contains(&json!({"kind": "shadowed", "by": "Tout le monde"})));
    assert!(line(&everyone)["check"]
        .as_array()
        .unwrap()
        .contains(&json!({"kind": "no_reminder"})));

    // A template with a tag nobody replaces blocks the rule from going on, and it stays off.
    on!(&app.pool, |db| sqlx::query(
        "update template_contents set body = body || ' {prenom}'"
    )
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();
    let off = app
        .call_form(
            &cookie,
            "set_campaign_paused",
            &[("rule", belgium.as_str()), ("paused", "true")],
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    let refused = app
        .call_form(
            &cookie,
            "set_campaign_paused",
            &[("rule", belgium.as_str()), ("paused", "false")],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("pre-launch check"),
        "{}",
        refused.body
    );
    let paused: bool = on!(&app.pool, |db| sqlx::query_scalar(
        "select paused from campaigns where campaign_id = $1"
    )
    .bind(&belgium)
    .fetch_one(db)
    .await)
    .unwrap();
    assert!(paused);
    let reminders = app
        .call_form(&cookie, "list_reminders", &[("rule", belgium.as_str())])
        .await;
    assert!(
        reminders.body.contains("\"kind\":\"unknown_tag\""),
        "{}",
        reminders.body
    );
}

#[tokio::test]
async fn a_rule_exported_from_one_shop_is_imported_with_its_priority_and_conditions() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let (_, belgium) = demo_with_belgium(&app, &cookie).await;
    let file = app
        .get_as(&cookie, &format!("/s/demo/campaign.json?rule={belgium}"))
        .await;
    assert_eq!(file.status, StatusCode::OK, "{}", file.body);
    let document: Value = serde_json::from_str(&file.body).unwrap();
    assert_eq!(document["name"], "Belgique");
    assert_eq!(document["priority"], 10);

    let fresh = TestApp::empty().await;
    let (shop, owner) = crate::setup::set_up_shop(&fresh).await;
    let imported = fresh
        .call_form(
            &owner,
            "import_campaign",
            &[("shop", shop.as_str()), ("document", file.body.as_str())],
        )
        .await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
    assert!(
        imported.body.contains("\"imported\":true"),
        "{}",
        imported.body
    );
    let listed = fresh
        .call_form(&owner, "list_rules", &[("shop", shop.as_str())])
        .await;
    let listed: Value = serde_json::from_str(&listed.body).unwrap();
    assert_eq!(listed["rules"][0]["name"], "Belgique");
    assert_eq!(listed["rules"][0]["priority"], 10);
    assert_eq!(
        listed["rules"][0]["conditions"],
        json!([{"kind": "country", "countries": ["BE"]}])
    );

    // A file with a condition that cannot hold is refused, naming it; nothing changes.
    let mut broken = document.clone();
    broken["conditions"] = json!([{"kind": "age", "min": 70, "max": 20}]);
    let refused = fresh
        .call_form(
            &owner,
            "import_campaign",
            &[("shop", shop.as_str()), ("document", &broken.to_string())],
        )
        .await;
    assert!(
        refused.body.contains("rule condition 1"),
        "{}",
        refused.body
    );
}
