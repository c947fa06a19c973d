//! Roles per shop: staff see, managers also edit, owners also administer. A server function
//! or route refuses what the role does not allow (403, nothing changed), and a shop the
//! account does not reach is not found (404), its pages, functions and exports alike.

use axum::http::StatusCode;
use domain::settings::NewShopDraft;
use domain::team::Role;
use server::on;

use crate::helpers::TestApp;

fn other_shop() -> NewShopDraft {
    NewShopDraft {
        name: "Other Shop".into(),
        url: "https://other.example".into(),
        currency: "USD".into(),
        time_zone: "America/New_York".into(),
        language: "en".into(),
        sender_name: String::new(),
        sender_email: String::new(),
    }
}

async fn first_step_enabled(app: &TestApp) -> bool {
    on!(&app.pool, |db| sqlx::query_scalar(
        "select enabled from reminder_steps where step_id = 'demo-step-1'"
    )
    .fetch_one(db)
    .await)
    .unwrap()
}

#[tokio::test]
async fn staff_see_the_shop_but_a_campaign_edit_is_refused_with_403_and_nothing_changes() {
    let app = TestApp::spawn(Some(3)).await;
    let staff = app.member("staff@demo.test", "demo", Role::Staff).await;
    let before = first_step_enabled(&app).await;

    let carts = app.call_form(&staff, "list_reminders", &[]).await;
    let page = app.get_as(&staff, "/s/demo/carts").await;
    let toggle = app
        .call_form(
            &staff,
            "set_reminder_enabled",
            &[
                ("id", "demo-step-1"),
                ("enabled", if before { "false" } else { "true" }),
            ],
        )
        .await;
    let settings = app.call_form(&staff, "load_settings", &[]).await;
    let keys = app.call_form(&staff, "list_api_keys", &[]).await;

    assert_eq!(carts.status, StatusCode::OK, "{}", carts.body);
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(toggle.status, StatusCode::FORBIDDEN, "{}", toggle.body);
    assert_eq!(settings.status, StatusCode::FORBIDDEN);
    assert_eq!(keys.status, StatusCode::FORBIDDEN);
    assert_eq!(first_step_enabled(&app).await, before);
}

#[tokio::test]
async fn a_manager_edits_the_campaign_but_cannot_make_keys_or_shops() {
    let app = TestApp::spawn(Some(0)).await;
    let manager = app.member("manager@demo.test", "demo", Role::Manager).await;
    let before = first_step_enabled(&app).await;

    let toggle = app
        .call_form(
            &manager,
            "set_reminder_enabled",
            &[
                ("id", "demo-step-1"),
                ("enabled", if before { "false" } else { "true" }),
            ],
        )
        .await;
    let key = app
        .call_form(&manager, "create_api_key", &[("name", "sneaky")])
        .await;
    let shop = app
        .call_json(
            &manager,
            "create_shop",
            serde_json::json!({"draft": other_shop()}),
        )
        .await;

    assert_eq!(toggle.status, StatusCode::OK, "{}", toggle.body);
    assert_eq!(first_step_enabled(&app).await, !before);
    assert_eq!(key.status, StatusCode::FORBIDDEN);
    assert_eq!(shop.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.count("select count(*) from api_keys where name = 'sneaky'")
            .await,
        0
    );
    assert_eq!(app.count("select count(*) from shops").await, 1);
}

#[tokio::test]
async fn a_member_of_one_shop_finds_nothing_of_another_shop() {
    let app = TestApp::spawn(Some(2)).await;
    let (other, _) = app.add_shop(other_shop()).await;
    let staff = app.member("staff@other.test", &other, Role::Staff).await;

    let carts = app
        .call_form(&staff, "list_reminders", &[("shop", "demo")])
        .await;
    let page = app.get_as(&staff, "/s/demo/carts").await;
    let csv = app.get_as(&staff, "/s/demo/statistics.csv").await;
    let unknown = app.get_as(&staff, "/s/no-such-shop/carts").await;
    let own = app.get_as(&staff, &format!("/s/{other}/carts")).await;
    let shops = app.call_form(&staff, "my_shops", &[]).await;

    assert_eq!(carts.status, StatusCode::NOT_FOUND, "{}", carts.body);
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(csv.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(own.status, StatusCode::OK);
    let shops: serde_json::Value = serde_json::from_str(&shops.body).unwrap();
    assert_eq!(shops.as_array().unwrap().len(), 1, "{shops}");
    assert_eq!(shops[0]["slug"], other.as_str());
    assert_eq!(shops[0]["role"], "staff");
}

#[tokio::test]
async fn home_leads_to_the_shop_used_last_and_old_bookmarks_follow() {
    let app = TestApp::spawn(Some(0)).await;
    let (other, _) = app.add_shop(other_shop()).await;
    let cookie = app.sign_in().await;

    let visit = app.get_as(&cookie, &format!("/s/{other}/carts")).await;
    let remembered = visit
        .set_cookie
        .iter()
        .find(|c| c.starts_with("relance_shop="))
        .expect("the shop used is remembered")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let with_last = format!("{cookie}; {remembered}");
    let home = app.get_as(&with_last, "/").await;
    let old = app.get_as(&with_last, "/carts?page=2").await;
    let fresh = app.get_as(&cookie, "/").await;

    assert_eq!(
        home.location.as_deref(),
        Some(format!("/s/{other}").as_str())
    );
    assert_eq!(
        old.location.as_deref(),
        Some(format!("/s/{other}/carts?page=2").as_str())
    );
    // Without a remembered shop: the first by name ("Demo…" before "Other Shop").
    assert_eq!(fresh.location.as_deref(), Some("/s/demo"));
}

#[tokio::test]
async fn an_owner_adds_a_shop_that_gets_its_own_key_and_a_bad_currency_or_zone_is_named() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let mut bad = other_shop();
    bad.currency = "EUE".into();
    bad.time_zone = "Mars/Olympus".into();

    let refused = app
        .call_json(&cookie, "create_shop", serde_json::json!({"draft": bad}))
        .await;
    let created = app
        .call_json(
            &cookie,
            "create_shop",
            serde_json::json!({"draft": other_shop()}),
        )
        .await;

    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("\"currency\"") && refused.body.contains("\"time_zone\""));
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let connection: serde_json::Value = serde_json::from_str(&created.body).unwrap();
    let connection = &connection["Created"];
    assert_eq!(connection["shop_slug"], "other-shop");
    let key = connection["api_key"].as_str().unwrap();
    let posted = app
        .post_events(
            key,
            crate::helpers::cart_updated("e1", "web-1", "2026-11-23T09:00:00Z", 1),
        )
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", posted.body);
    let in_other: i64 = on!(&app.pool, |db| sqlx::query_scalar(
        "select count(*) from carts where shop_id = 'other-shop'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(in_other, 1);
}

#[tokio::test]
async fn settings_change_the_shop_currency_and_time_zone_or_name_the_wrong_field() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let loaded = app.call_form(&cookie, "load_settings", &[]).await;
    let mut draft: serde_json::Value = serde_json::from_str(&loaded.body).unwrap();

    draft["time_zone"] = "Mars/Olympus".into();
    let refused = app
        .call_json(
            &cookie,
            "save_settings",
            serde_json::json!({"draft": draft.clone()}),
        )
        .await;
    draft["time_zone"] = "America/Toronto".into();
    draft["currency"] = "cad".into();
    let saved = app
        .call_json(
            &cookie,
            "save_settings",
            serde_json::json!({"draft": draft}),
        )
        .await;

    assert!(refused.body.contains("\"time_zone\""), "{}", refused.body);
    assert!(saved.body.contains("Saved"), "{}", saved.body);
    let shop = app.demo_shop().await;
    assert_eq!(
        (shop.currency.code(), shop.time_zone.as_str()),
        ("CAD", "America/Toronto")
    );
}
