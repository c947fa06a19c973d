//! An A/B test of a step: each cart gets its drawn variant's template, Statistics compares
//! the variants and names the winner, and an editor (not staff) keeps it, ending the test;
//! on a shop made through set-up and on the demo shop.

use axum::http::StatusCode;
use chrono::Utc;
use domain::{SplitShare, SplitTest};
use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, TestApp};
use crate::merchant::{reminder_editor, start_sending, statistics};
use crate::smtp_peer::SmtpPeer;

fn carts(count: usize, at: &str) -> Value {
    let events: Vec<Value> = (0..count)
        .map(|i| {
            let mut event = cart_updated(&format!("e-{i}"), &format!("web-{i}"), at, 1);
            event["customer"]["id"] = format!("cu-{i}").into();
            event["customer"]["email"] = format!("client{i}@split.example").into();
            event
        })
        .collect();
    json!({ "events": events })
}

async fn start_test(app: &TestApp, cookie: &str, shop: &str, step: &str, b: &str, share: &str) {
    let mut draft = reminder_editor(app, cookie, shop, step).await["draft"].clone();
    draft["split"] = true.into();
    draft["split_template"] = b.into();
    draft["split_share"] = share.into();
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

/// A new template for variant B, "Relance B"; its id.
async fn template_b(app: &TestApp, owner: &str, shop: &str) -> String {
    let created = app
        .call_form(
            owner,
            "create_template",
            &[("shop", shop), ("name", "Relance B")],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    serde_json::from_str(&created.body).unwrap()
}

/// The template each cart's reminder of `step` was sent with, by the shop's cart id.
async fn sent_templates(app: &TestApp, step: &str) -> Vec<(String, String)> {
    let step = step.to_owned();
    on!(&app.pool, |db| {
        sqlx::query_as(
        "select c.external_id, d.template_id from deliveries d join carts c on c.cart_id = d.cart_id
         where d.step_id = $1 and d.status = 'sent' order by c.external_id"
    )
    .bind(&step)
    .fetch_all(db)
    .await
    })
    .unwrap()
}

#[tokio::test]
async fn a_set_up_shop_s_test_sends_each_cart_its_variant_names_the_winner_and_an_editor_keeps_it()
{
    let app = TestApp::empty().await;
    let (shop, owner, key) = crate::setup::set_up_shop_with_key(&app).await;
    let step = format!("{shop}-step-1");
    let b = template_b(&app, &owner, &shop).await;
    let a = reminder_editor(&app, &owner, &shop, &step).await["draft"]["template_id"]
        .as_str()
        .unwrap()
        .to_owned();
    start_test(&app, &owner, &shop, &step, &b, "50").await;
    start_sending(&app, &owner, &shop, &[]).await;
    app.post_events(&key, carts(80, "2026-11-23T10:00:00Z"))
        .await;
    let peer = SmtpPeer::start(&[]).await;
    let run = app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(run["sent"], 80, "{run}");

    let split = SplitTest {
        template_id: b.clone(),
        share: SplitShare::HALF,
        discount: None,
    };
    let sent = sent_templates(&app, &step).await;
    assert_eq!(sent.len(), 80);
    for (cart, template) in &sent {
        let expected = if split.takes(&step, cart) { &b } else { &a };
        assert_eq!(template, expected, "{cart}");
    }
    let in_b: Vec<&String> = sent
        .iter()
        .filter(|(_, t)| *t == b)
        .map(|(c, _)| c)
        .collect();
    assert!((30..=50).contains(&in_b.len()), "{}", in_b.len());

    // Every variant B cart orders, no variant A cart does.
    let orders: Vec<Value> = in_b
        .iter()
        .map(|cart| {
            json!({"id": format!("o-{cart}"), "type": "order_completed",
                   "occurred_at": "2026-11-23T13:00:00Z", "cart": {"id": cart},
                   "order": {"id": format!("o-{cart}"), "total_tax_incl": "69.51"}})
        })
        .collect();
    app.post_events(&key, json!({ "events": orders })).await;
    server::db::stats::refresh(&app.pool, &shop, Utc::now())
        .await
        .unwrap();
    let page = statistics(&app, &owner, &shop, "2026-11-20", "2026-11-30").await;
    let line = &page["splits"][0];
    assert_eq!(line["step_id"], step.as_str(), "{page}");
    assert_eq!(line["b"]["sent"], in_b.len());
    assert_eq!(line["b"]["converted"], in_b.len());
    assert_eq!(line["a"]["sent"], 80 - in_b.len());
    assert_eq!(line["a"]["converted"], 0);
    assert_eq!(
        line["verdict"]["Measured"]["metric"], "conversion",
        "{line}"
    );
    assert_eq!(line["verdict"]["Measured"]["winner"], "b", "{line}");
    assert_eq!(page["can_edit"], true);
    let html = app
        .get_as(
            &owner,
            &format!("/s/{shop}/statistics?from=2026-11-20&to=2026-11-30"),
        )
        .await;
    assert!(
        html.body.contains("Keep variant B and end the test"),
        "{}",
        html.body
    );

    let promote = |cookie: String, variant: &'static str| {
        let (app, shop, step) = (&app, shop.clone(), step.clone());
        async move {
            app.call_form(
                &cookie,
                "promote_variant",
                &[
                    ("shop", shop.as_str()),
                    ("id", step.as_str()),
                    ("variant", variant),
                ],
            )
            .await
        }
    };
    let staff = app
        .member("staff@split.example", &shop, domain::team::Role::Staff)
        .await;
    let refused = promote(staff.clone(), "b").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let bad = promote(owner.clone(), "c").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let kept = promote(owner.clone(), "b").await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    let draft = reminder_editor(&app, &owner, &shop, &step).await["draft"].clone();
    assert_eq!(draft["template_id"], b.as_str());
    assert_eq!(draft["split"], false);
    let again = promote(owner.clone(), "b").await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "{}", again.body);
}

#[tokio::test]
async fn the_demo_shop_s_test_draws_carts_by_its_share_and_keeps_variant_b_s_template_in_use() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let data = reminder_editor(&app, &cookie, "demo", "demo-step-1").await;
    let a = data["draft"]["template_id"].as_str().unwrap().to_owned();
    let b = data["templates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .find(|id| *id != a)
        .unwrap();
    let mut same = data["draft"].clone();
    same["split"] = true.into();
    same["split_template"] = a.as_str().into();
    let refused = app
        .call_json(&cookie, "save_reminder", json!({"draft": same}))
        .await;
    assert!(refused.body.contains("split_template"), "{}", refused.body);
    start_test(&app, &cookie, "demo", "demo-step-1", &b, "30").await;
    let key = app.api_key().await;
    app.post_events(&key, carts(20, "2026-11-23T10:00:00Z"))
        .await;
    let peer = SmtpPeer::start(&[]).await;
    let run = app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(run["sent"], 20, "{run}");
    let split = SplitTest {
        template_id: b.clone(),
        share: SplitShare::new(30).unwrap(),
        discount: None,
    };
    for (cart, template) in sent_templates(&app, "demo-step-1").await {
        let expected = if split.takes("demo-step-1", &cart) {
            &b
        } else {
            &a
        };
        assert_eq!(&template, expected, "{cart}");
    }
    let deleted = app
        .call_form(&cookie, "delete_template", &[("id", b.as_str())])
        .await;
    assert_ne!(deleted.status, StatusCode::OK, "{}", deleted.body);
}

#[tokio::test]
async fn variant_b_s_own_discount_goes_to_its_carts_only_and_keeping_b_adopts_it() {
    let app = TestApp::empty().await;
    let (shop, owner, key) = crate::setup::set_up_shop_with_key(&app).await;
    let step = format!("{shop}-step-1");
    let b = template_b(&app, &owner, &shop).await;
    let mut draft = reminder_editor(&app, &owner, &shop, &step).await["draft"].clone();
    assert_eq!(
        draft["single"]["kind"], "none",
        "the step offers no discount"
    );
    draft["split"] = true.into();
    draft["split_template"] = b.clone().into();
    draft["split_share"] = "50".into();
    draft["split_own_discount"] = true.into();
    draft["split_discount"] = json!({"kind": "percent", "value": "150", "validity_days": "7",
                                     "combinable": false, "tax_included": true});
    draft["enabled"] = true.into();
    let refused = app
        .call_json(
            &owner,
            "save_reminder",
            json!({"shop": shop, "draft": draft.clone()}),
        )
        .await;
    assert!(
        refused.body.contains("split_discount.value"),
        "{}",
        refused.body
    );
    draft["split_discount"]["value"] = "15".into();
    let saved = app
        .call_json(
            &owner,
            "save_reminder",
            json!({"shop": shop, "draft": draft}),
        )
        .await;
    assert!(saved.body.contains("Saved"), "{}", saved.body);
    let reloaded = reminder_editor(&app, &owner, &shop, &step).await["draft"].clone();
    assert_eq!(reloaded["split_own_discount"], true);
    assert_eq!(reloaded["split_discount"]["value"], "15");

    start_sending(&app, &owner, &shop, &[]).await;
    app.post_events(&key, carts(40, "2026-11-23T10:00:00Z"))
        .await;
    let peer = SmtpPeer::start(&[]).await;
    let run = app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(run["sent"], 40, "{run}");
    let coded: Vec<(String, String, Option<String>)> = on!(&app.pool, |db| sqlx::query_as(
        "select c.external_id, d.template_id, cp.code from deliveries d
         join carts c on c.cart_id = d.cart_id
         left join coupons cp on cp.delivery_id = d.delivery_id
         where d.step_id = $1 and d.status = 'sent'"
    )
    .bind(&step)
    .fetch_all(db)
    .await)
    .unwrap();
    let split = SplitTest {
        template_id: b.clone(),
        share: SplitShare::HALF,
        discount: None,
    };
    let in_b = coded
        .iter()
        .filter(|(cart, ..)| split.takes(&step, cart))
        .count();
    assert!((10..=30).contains(&in_b), "{in_b}");
    for (cart, template, code) in &coded {
        let b_cart = split.takes(&step, cart);
        assert_eq!(template == &b, b_cart, "{cart}");
        assert_eq!(
            code.is_some(),
            b_cart,
            "{cart}: only variant B carries a code"
        );
    }

    // Statistics names each variant's discount, as B offers its own.
    server::db::stats::refresh(&app.pool, &shop, Utc::now())
        .await
        .unwrap();
    let page = statistics(&app, &owner, &shop, "2026-11-20", "2026-11-30").await;
    let discounts = &page["splits"][0]["discounts"];
    assert_eq!(discounts, &json!([["None"], [{"Percent": "15"}]]), "{page}");
    let html = app
        .get_as(
            &owner,
            &format!("/s/{shop}/statistics?from=2026-11-20&to=2026-11-30"),
        )
        .await;
    for variant in ["Premier rappel · No discount", "Relance B · 15"] {
        assert!(html.body.contains(variant), "{variant}: {}", html.body);
    }

    let kept = app
        .call_form(
            &owner,
            "promote_variant",
            &[
                ("shop", shop.as_str()),
                ("id", step.as_str()),
                ("variant", "b"),
            ],
        )
        .await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    let after = reminder_editor(&app, &owner, &shop, &step).await["draft"].clone();
    assert_eq!(after["split"], false);
    assert_eq!(after["template_id"], b.as_str());
    assert_eq!(after["single"]["kind"], "percent");
    assert_eq!(after["single"]["value"], "15");
}
