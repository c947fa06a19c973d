//! Manual phone steps: a call step opens a task when due, staff are told by mail, and from the
//! call screen they give a code, mail a template carrying it and log the outcome, which stops
//! the sequence or lets it go on; on the demo shop and on a shop made through set-up, each
//! member reaching only its own shop's tasks.

use axum::http::StatusCode;
use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, TestApp};
use crate::merchant::step_ids;
use crate::smtp_peer::SmtpPeer;

/// Turns the step into a call task (for `assignee`, else any staff), switched on.
pub async fn make_call_step(app: &TestApp, cookie: &str, shop: &str, step: &str, assignee: &str) {
    let loaded = app
        .call_form(
            cookie,
            "load_reminder_editor",
            &[("shop", shop), ("id", step)],
        )
        .await;
    assert_eq!(loaded.status, StatusCode::OK, "{}", loaded.body);
    let editor: Value = serde_json::from_str(&loaded.body).unwrap();
    let mut draft = editor["draft"].clone();
    draft["call"] = true.into();
    draft["assignee"] = assignee.into();
    draft["enabled"] = true.into();
    let saved = app
        .call_json(
            cookie,
            "save_reminder",
            json!({"shop": shop, "draft": draft}),
        )
        .await;
    assert!(saved.body.contains("Saved"), "{}", saved.body);
}

pub async fn calls(app: &TestApp, cookie: &str, shop: &str, done: bool) -> Vec<Value> {
    let listed = app
        .call_json(
            cookie,
            "list_calls",
            json!({"shop": shop, "filter": {"done": done, "mine": false}}),
        )
        .await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    serde_json::from_str(&listed.body).unwrap()
}

/// Logs the call `id` of `shop` as the member of `cookie`; the answer's body.
async fn log(
    app: &TestApp,
    cookie: &str,
    shop: &str,
    id: &str,
    outcome: &str,
    notes: &str,
) -> String {
    app.call_form(
        cookie,
        "log_call",
        &[
            ("shop", shop),
            ("id", id),
            ("outcome", outcome),
            ("notes", notes),
        ],
    )
    .await
    .body
}

/// The call's email from `template`: previewed, or sent with `send`; the answer's body.
pub async fn email(
    app: &TestApp,
    cookie: &str,
    shop: &str,
    id: &str,
    template: &str,
    send: bool,
) -> String {
    let send = if send { "true" } else { "false" };
    app.call_form(
        cookie,
        "call_email",
        &[
            ("shop", shop),
            ("id", id),
            ("template", template),
            ("send", send),
        ],
    )
    .await
    .body
}

/// The text of a mail with its quoted-printable soft breaks joined.
fn unfolded(mail: &str) -> String {
    mail.replace("=\r\n", "").replace("=\n", "")
}

#[tokio::test]
async fn a_call_step_opens_a_task_staff_give_a_code_mail_it_and_stop_the_sequence() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let staff = app
        .member("marie@shop.example", "demo", domain::team::Role::Staff)
        .await;
    let steps = step_ids(&app, "demo").await;
    make_call_step(&app, &owner, "demo", &steps[1], "").await;
    let key = app.api_key().await;
    let mut event = cart_updated("e-1", "web-1", "2026-11-23T10:00:00Z", 1);
    event["customer"]["address"] = "12 rue des Lilas, 75011 Paris".into();
    app.post_events(&key, event).await;

    let peer = SmtpPeer::start(&[]).await;
    let first = app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(
        (first["sent"].as_u64(), first["calls"].as_u64()),
        (Some(1), Some(0))
    );
    // A day after the abandonment, at night for the customer: the task opens all the same,
    // and the shop's staff member is told.
    peer.clear();
    let second = app.run_once(&peer.url(), "2026-11-24T23:00:00Z").await;
    assert_eq!(
        (second["sent"].as_u64(), second["calls"].as_u64()),
        (Some(0), Some(1)),
        "{second}"
    );
    let told = peer.received();
    assert_eq!(told.len(), 1, "one mail to the one staff member");
    assert_eq!(told[0].to, ["marie@shop.example"]);
    assert!(told[0].data.contains("/s/demo/calls"), "{}", told[0].data);
    // Told once: the next pass opens nothing and tells nobody.
    let third = app.run_once(&peer.url(), "2026-11-24T23:10:00Z").await;
    assert_eq!(third["calls"], 0);
    assert_eq!(peer.count(), 1);

    let open = calls(&app, &staff, "demo", false).await;
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0]["phone"], "+33600000000");
    assert_eq!(open[0]["customer"], "John Doe");
    let id = open[0]["id"].as_str().unwrap().to_owned();
    let screen = app
        .call_form(
            &staff,
            "load_call",
            &[("shop", "demo"), ("id", id.as_str())],
        )
        .await;
    assert_eq!(screen.status, StatusCode::OK, "{}", screen.body);
    let screen: Value = serde_json::from_str(&screen.body).unwrap();
    assert_eq!(screen["address"], "12 rue des Lilas, 75011 Paris");
    assert_eq!(screen["customer"]["orders_count"], 1);
    assert_eq!(screen["items"][0]["name"], "T-shirt délavé");
    assert_eq!(screen["reminders"].as_array().unwrap().len(), 1);
    // The step's discount for a 69.51 € cart: free shipping (50 € and up).
    assert_eq!(screen["suggested"]["kind"], "free_shipping");

    let mut discount = screen["suggested"].clone();
    discount["kind"] = "percent".into();
    discount["value"] = "150".into();
    let refused = app
        .call_json(
            &staff,
            "give_call_coupon",
            json!({"shop": "demo", "id": id, "discount": discount}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::OK, "{}", refused.body);
    let refused: Value = serde_json::from_str(&refused.body).unwrap();
    assert_eq!(refused["Invalid"][0][0], "value", "{refused}");
    discount["value"] = "15".into();
    let given = app
        .call_json(
            &staff,
            "give_call_coupon",
            json!({"shop": "demo", "id": id, "discount": discount}),
        )
        .await;
    let given: Value = serde_json::from_str(&given.body).unwrap();
    let code = given["Given"]["code"].as_str().unwrap().to_owned();
    let again = app
        .call_json(
            &staff,
            "give_call_coupon",
            json!({"shop": "demo", "id": id, "discount": discount}),
        )
        .await;
    assert!(
        again.body.contains(&code) && again.body.contains("AlreadyGiven"),
        "{}",
        again.body
    );

    let template = screen["template_id"].as_str().unwrap();
    let preview = email(&app, &staff, "demo", &id, template, false).await;
    assert!(
        preview.contains("Preview") && preview.contains(&code),
        "{}",
        preview
    );
    assert!(app.outbox().is_empty(), "a preview sends nothing");
    let sent = email(&app, &staff, "demo", &id, template, true).await;
    assert_eq!(sent, "\"Sent\"");
    let twice = email(&app, &staff, "demo", &id, template, true).await;
    assert_eq!(twice, "\"AlreadySent\"");
    let outbox = app.outbox();
    assert_eq!(outbox.len(), 1);
    assert!(unfolded(&outbox[0]).contains(&code));
    assert!(outbox[0].contains("john@example.com"));

    let logged = log(&app, &staff, "demo", &id, "not_interested", "Trop cher").await;
    assert_eq!(logged, r#"{"Logged":{"stopped":true}}"#);
    let late = log(&app, &owner, "demo", &id, "no_answer", "").await;
    assert_eq!(late, "\"AlreadyDone\"");
    assert!(calls(&app, &staff, "demo", false).await.is_empty());
    let done = calls(&app, &staff, "demo", true).await;
    assert_eq!(done[0]["outcome"], "not_interested");
    assert_eq!(done[0]["done_by"], "marie@shop.example");
    let stopped: Option<chrono::DateTime<chrono::Utc>> =
        app.cart_column("web-1", "reminders_stopped_at").await;
    assert!(stopped.is_some());
    // The cart's timeline shows the call with its outcome, and the email sent from it.
    let cart_id = screen["cart_id"].as_str().unwrap();
    let page = app.call_form(&owner, "load_cart", &[("id", cart_id)]).await;
    let page: Value = serde_json::from_str(&page.body).unwrap();
    let timeline = page["timeline"].as_array().unwrap();
    let call = timeline.iter().find(|e| e["kind"] == "call").unwrap();
    assert_eq!(call["outcome"], "not_interested");
    assert_eq!(
        timeline
            .iter()
            .filter(|e| e["kind"] == "reminder" && e["status"] == "sent")
            .count(),
        2,
        "{timeline:?}"
    );
    let coupons = app
        .count("select count(*) from coupons where call_task_id is not null and used_at is null")
        .await;
    assert_eq!(coupons, 1);

    // The customer orders after all: the staff report credits Marie's call.
    let ordered = chrono::Utc::now() + chrono::Duration::minutes(1);
    let order = json!({"id": "e-order", "type": "order_completed", "occurred_at": ordered.to_rfc3339(),
                       "cart": {"id": "web-1"},
                       "order": {"id": "o-1", "total_tax_incl": "69.51", "coupon_codes": [code]}});
    app.post_events(&key, order).await;
    let csv = app.get_as(&owner, "/s/demo/statistics.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    let line = csv
        .body
        .lines()
        .find(|l| l.starts_with("staff,"))
        .unwrap_or_else(|| panic!("{}", csv.body))
        .to_owned();
    let cells: Vec<&str> = line.split(',').collect();
    assert_eq!(cells[1], "marie@shop.example");
    // Calls, reached, orders after a call, conversion, revenue.
    assert_eq!(
        (cells[4], cells[5], cells[9], cells[10], cells[11]),
        ("1", "1", "1", "100", "69.51")
    );
}

#[tokio::test]
async fn a_call_with_no_answer_lets_the_sequence_go_on_in_a_set_up_shop_and_tasks_stay_in_their_shop(
) {
    let app = TestApp::spawn(Some(0)).await;
    let demo_owner = app.sign_in().await;
    let fresh = TestApp::empty().await;
    let (shop, owner) = crate::setup::set_up_shop(&fresh).await;
    let staff_id: String = {
        fresh
            .member("paul@emilie.example", &shop, domain::team::Role::Staff)
            .await;
        let email = "paul@emilie.example".to_owned();
        on!(&fresh.pool, |db| sqlx::query_scalar(
            "select user_id from admin_users where email = $1"
        )
        .bind(&email)
        .fetch_one(db)
        .await)
        .unwrap()
    };
    let other_staff = fresh
        .member("lea@emilie.example", &shop, domain::team::Role::Staff)
        .await;
    let steps = step_ids(&fresh, &shop).await;
    assert!(steps.len() >= 2, "{steps:?}");
    make_call_step(&fresh, &owner, &shop, &steps[0], &staff_id).await;
    let enabled = fresh
        .call_form(
            &owner,
            "set_reminder_enabled",
            &[
                ("shop", shop.as_str()),
                ("id", steps[1].as_str()),
                ("enabled", "true"),
            ],
        )
        .await;
    assert_eq!(enabled.status, StatusCode::OK, "{}", enabled.body);
    // A set-up shop's campaign starts paused.
    let on = fresh
        .call_form(
            &owner,
            "set_campaign_paused",
            &[("shop", shop.as_str()), ("paused", "false")],
        )
        .await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.body);
    let key = server::api::keys::create(&fresh.pool, &shop, "test", chrono::Utc::now())
        .await
        .unwrap()
        .secret;
    fresh
        .post_events(
            &key,
            cart_updated("e-1", "web-1", "2026-11-23T10:00:00Z", 1),
        )
        .await;

    let peer = SmtpPeer::start(&[]).await;
    let opened = fresh.run_once(&peer.url(), "2026-11-23T13:00:00Z").await;
    assert_eq!(opened["calls"], 1, "{opened}");
    // Assigned: only Paul is told.
    let told: Vec<Vec<String>> = peer.received().into_iter().map(|r| r.to).collect();
    assert_eq!(told, [vec!["paul@emilie.example".to_owned()]]);
    let open = calls(&fresh, &other_staff, &shop, false).await;
    let id = open[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(open[0]["assignee"], "paul@emilie.example");

    // The demo's owner does not reach this shop's task, through either shop.
    for slug in ["demo", shop.as_str()] {
        let foreign = app
            .call_form(
                &demo_owner,
                "load_call",
                &[("shop", slug), ("id", id.as_str())],
            )
            .await;
        assert_eq!(
            foreign.status,
            StatusCode::NOT_FOUND,
            "{slug}: {}",
            foreign.body
        );
    }
    // The customer unsubscribed since: the call screen sends them no email.
    on!(&fresh.pool, |db| sqlx::query(
        "insert into suppressions (shop_id, email, reason, created_at)
         values ($1, 'john@example.com', 'one_click', $2)"
    )
    .bind(&shop)
    .bind(chrono::Utc::now())
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();
    let screen = fresh
        .call_form(
            &other_staff,
            "load_call",
            &[("shop", shop.as_str()), ("id", id.as_str())],
        )
        .await;
    let screen: Value = serde_json::from_str(&screen.body).unwrap();
    let template = screen["template_id"].as_str().unwrap().to_owned();
    let refused = email(&fresh, &other_staff, &shop, &id, &template, true).await;
    assert_eq!(refused, "\"Unsubscribed\"");
    assert!(fresh.outbox().is_empty());
    // Subscribed again (the merchant removed the address from the list).
    on!(&fresh.pool, |db| sqlx::query("delete from suppressions")
        .execute(db)
        .await
        .map(server::db::Done::from))
    .unwrap();
    // A free gift as the call's code: named on the code, checked like the wizard's.
    let mut gift = screen["suggested"].clone();
    gift["kind"] = "free_gift".into();
    gift["gift_sku"] = "MUG-2".into();
    gift["gift_name"] = "".into();
    let give = |discount: Value| {
        fresh.call_json(
            &other_staff,
            "give_call_coupon",
            json!({"shop": shop, "id": id, "discount": discount}),
        )
    };
    let refused = give(gift.clone()).await;
    assert!(refused.body.contains("gift_name"), "{}", refused.body);
    gift["gift_name"] = "Mug Relance".into();
    let given = give(gift).await;
    assert!(given.body.contains("\"Given\""), "{}", given.body);
    let (kind, sku): (String, Option<String>) = on!(&fresh.pool, |db| sqlx::query_as(
        "select kind, gift_sku from coupons where call_task_id = $1"
    )
    .bind(&id)
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(
        (kind.as_str(), sku.as_deref()),
        ("free_gift", Some("MUG-2"))
    );
    let unknown = log(&fresh, &other_staff, &shop, &id, "maybe", "").await;
    assert_eq!(unknown, r#"{"Invalid":"UnknownOutcome"}"#);
    let logged = log(&fresh, &other_staff, &shop, &id, "no_answer", "").await;
    assert_eq!(logged, r#"{"Logged":{"stopped":false}}"#);
    // The next step, an email, goes out at its time.
    peer.clear();
    let later = fresh.run_once(&peer.url(), "2026-11-24T13:00:00Z").await;
    assert_eq!(later["sent"], 1, "{later}");
    assert_eq!(peer.received()[0].to, ["john@example.com"]);
}
