//! Code collections: the merchant's own codes imported as CSV (every bad line named, nothing
//! stored), handed out one per reminder by the steps that name them, and once the collection
//! is empty the reminder goes without a code.

use axum::http::StatusCode;
use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, TestApp};
use crate::smtp_peer::SmtpPeer;

fn customer_cart(id: &str) -> Value {
    let mut event = cart_updated(&format!("e-{id}"), id, "2026-11-23T10:00:00Z", 1);
    event["customer"]["id"] = format!("cu-{id}").into();
    event["customer"]["email"] = format!("{id}@example.com").into();
    event
}

#[tokio::test]
async fn a_step_gives_the_collections_codes_one_per_reminder_until_none_is_left() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let bad = app
        .call_form(
            &cookie,
            "import_codes",
            &[("name", "Noël"), ("codes", "code\nNOEL-A\nno el\nnoel-a\n")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::OK, "{}", bad.body);
    assert!(
        bad.body.contains("\"line\":3") && bad.body.contains("\"line\":4"),
        "{}",
        bad.body
    );
    assert_eq!(app.count("select count(*) from collection_codes").await, 0);
    let good = app
        .call_form(
            &cookie,
            "import_codes",
            &[
                ("name", "Noël"),
                ("codes", "code,value\nnoel-a,10\nnoel-b,10\n"),
            ],
        )
        .await;
    let good: Value = serde_json::from_str(&good.body).unwrap();
    assert_eq!(good["Imported"]["count"], 2);
    let collection = good["Imported"]["id"].as_str().unwrap().to_owned();
    // A staff member may not import (campaigns are for those who edit).
    let staff = app
        .member("staff@shop.example", "demo", domain::team::Role::Staff)
        .await;
    let refused = app
        .call_form(&staff, "import_codes", &[("name", "x"), ("codes", "ABC")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let loaded = app
        .call_form(&cookie, "load_reminder_editor", &[("id", "demo-step-2")])
        .await;
    let editor: Value = serde_json::from_str(&loaded.body).unwrap();
    assert_eq!(editor["collections"][0][2], 2, "{}", editor["collections"]);
    let mut draft = editor["draft"].clone();
    draft["code_collection"] = "someone-elses".into();
    let unknown = app
        .call_json(&cookie, "save_reminder", json!({ "draft": draft.clone() }))
        .await;
    assert!(
        unknown.body.contains("UnknownCollection"),
        "{}",
        unknown.body
    );
    draft["code_collection"] = collection.clone().into();
    let saved = app
        .call_json(&cookie, "save_reminder", json!({ "draft": draft }))
        .await;
    assert!(saved.body.contains("Saved"), "{}", saved.body);

    let key = app.api_key().await;
    let carts: Vec<Value> = ["c1", "c2", "c3"].into_iter().map(customer_cart).collect();
    app.post_events(&key, json!({ "events": carts })).await;
    let peer = SmtpPeer::start(&[]).await;
    app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    peer.clear();
    let second = app.run_once(&peer.url(), "2026-11-24T11:00:00Z").await;
    assert_eq!(second["sent"], 3, "{second}");
    let given: Vec<(String, String)> = on!(&app.pool, |db| sqlx::query_as(
        "select k.external_id, c.code from coupons c join deliveries d on d.delivery_id = c.delivery_id
         join carts k on k.cart_id = d.cart_id order by c.code"
    )
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(given.len(), 2, "{given:?}");
    assert_eq!(
        given
            .iter()
            .map(|(_, code)| code.as_str())
            .collect::<Vec<_>>(),
        ["NOEL-A", "NOEL-B"]
    );
    for (cart, code) in &given {
        let mail = peer
            .received()
            .into_iter()
            .find(|r| r.to == [format!("{cart}@example.com")])
            .unwrap();
        assert!(mail.data.replace("=\r\n", "").contains(code.as_str()));
    }
    let left = app
        .count("select count(*) from collection_codes where delivery_id is null")
        .await;
    assert_eq!(left, 0);
    let listed = app.call_form(&cookie, "list_code_collections", &[]).await;
    let listed: Value = serde_json::from_str(&listed.body).unwrap();
    assert_eq!(
        (listed[0]["total"].as_u64(), listed[0]["left"].as_u64()),
        (Some(2), Some(0))
    );

    // Deleting: kept while a reminder takes its codes, refused to staff, gone once no step
    // names it; the codes already given still redeem.
    let form = [("id", collection.clone())];
    let delete = |cookie: &str| {
        let (app, cookie, form) = (&app, cookie.to_owned(), &form);
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call_form(&cookie, "delete_code_collection", &form)
                .await
        }
    };
    let kept = delete(&cookie).await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    assert_eq!(
        serde_json::from_str::<Value>(&kept.body).unwrap(),
        json!({"InUse": {"name": "Noël", "rules": ["Relance de panier abandonné"]}})
    );
    assert_eq!(delete(&staff).await.status, StatusCode::FORBIDDEN);
    let mut draft = editor["draft"].clone();
    draft["code_collection"] = "".into();
    let saved = app
        .call_json(&cookie, "save_reminder", json!({ "draft": draft }))
        .await;
    assert!(saved.body.contains("Saved"), "{}", saved.body);
    let gone = delete(&cookie).await;
    assert_eq!(
        serde_json::from_str::<Value>(&gone.body).unwrap(),
        json!({"Deleted": {"name": "Noël", "left": 0}})
    );
    assert_eq!(app.count("select count(*) from collection_codes").await, 0);
    assert_eq!(delete(&cookie).await.status, StatusCode::NOT_FOUND);
    // Given on the demo's clock a week ago: known still, and expired, not unknown.
    let (status, answer) = app.check_coupon(&key, &given[0].1).await;
    assert_eq!(
        (status, &answer["state"]),
        (StatusCode::GONE, &json!("expired"))
    );
    let logged = app
        .count("select count(*) from audit_log where action = 'codes_deleted'")
        .await;
    assert_eq!(logged, 1);
}

#[tokio::test]
async fn a_set_up_shop_deletes_its_own_collection_and_no_other_shop_reaches_it() {
    let app = TestApp::empty().await;
    let (slug, owner) = crate::setup::set_up_shop(&app).await;
    let imported = app
        .call_form(
            &owner,
            "import_codes",
            &[
                ("shop", slug.as_str()),
                ("name", "Soldes"),
                ("codes", "SOLDES-1\nSOLDES-2\n"),
            ],
        )
        .await;
    let imported: Value = serde_json::from_str(&imported.body).unwrap();
    let id = imported["Imported"]["id"].as_str().unwrap().to_owned();
    // The owner of the install's second shop, through either shop.
    let (second, _) = app.add_shop(crate::campaign_io::swiss()).await;
    let other = app
        .member("lea@geneve.example", &second, domain::team::Role::Owner)
        .await;
    for shop in [slug.as_str(), second.as_str()] {
        let foreign = app
            .call_form(
                &other,
                "delete_code_collection",
                &[("shop", shop), ("id", id.as_str())],
            )
            .await;
        assert_eq!(
            foreign.status,
            StatusCode::NOT_FOUND,
            "{shop}: {}",
            foreign.body
        );
    }
    let deleted = app
        .call_form(
            &owner,
            "delete_code_collection",
            &[("shop", slug.as_str()), ("id", id.as_str())],
        )
        .await;
    assert_eq!(
        serde_json::from_str::<Value>(&deleted.body).unwrap(),
        json!({"Deleted": {"name": "Soldes", "left": 2}})
    );
    let listed = app
        .call_form(&owner, "list_code_collections", &[("shop", slug.as_str())])
        .await;
    assert_eq!(listed.body, "[]");
}
