//! SMS steps against a real HTTP server standing in for the provider: Brevo's and the JSON
//! gateway's shapes, retries while the provider is busy, a refused number suppressed (that
//! number only), STOP through both notice addresses, consent and quiet hours, and the short
//! signed link; on the demo shop and on a shop made through set-up.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};
use server::on;

use crate::helpers::{cart_updated, TestApp};
use crate::http_peer::HttpPeer;
use crate::merchant::{reminder_editor, start_sending, step_ids};
use crate::smtp_peer::SmtpPeer;

const BROWSER: &str = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile";

async fn set_provider(
    app: &TestApp,
    cookie: &str,
    shop: &str,
    form: Value,
) -> (StatusCode, String) {
    let saved = app
        .call_json(
            cookie,
            "save_sms_provider",
            json!({"shop": shop, "form": form}),
        )
        .await;
    (saved.status, saved.body)
}

async fn make_sms_step(
    app: &TestApp,
    cookie: &str,
    shop: &str,
    step: &str,
    texts: Value,
) -> String {
    let mut draft = reminder_editor(app, cookie, shop, step).await["draft"].clone();
    draft["sms"] = true.into();
    draft["sms_texts"] = texts;
    draft["enabled"] = true.into();
    app.call_json(
        cookie,
        "save_reminder",
        json!({"shop": shop, "draft": draft}),
    )
    .await
    .body
}

/// A JSON gateway on loopback that accepts every message, set as the shop's provider.
async fn accepting_gateway(app: &TestApp, cookie: &str, shop: &str) -> HttpPeer {
    let gateway = HttpPeer::answering(&[(202, r#"{"id":"m-1"}"#)]).await;
    let (status, body) = set_provider(
        app,
        cookie,
        shop,
        json!({"kind": "json", "url": gateway.url("/send"), "sender": "Shop", "api_key": "k"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    gateway
}

/// Turns each of `steps` into a French SMS with the cart's link.
async fn french_sms_steps(app: &TestApp, cookie: &str, shop: &str, steps: &[String]) {
    for step in steps {
        let texts = json!({"fr": "Votre panier : {cart_link}"});
        let saved = make_sms_step(app, cookie, shop, step, texts).await;
        assert!(saved.contains("Saved"), "{saved}");
    }
}

/// The demo helper's cart, from a customer with a mobile number who accepted SMS.
fn sms_cart(event: &str, cart: &str, at: &str, phone: &str) -> Value {
    let mut body = cart_updated(event, cart, at, 1);
    body["customer"]["phone"] = phone.into();
    body["customer"]["sms_consent"] = true.into();
    body
}

/// The status and skip reason of `step`'s delivery for the cart the shop calls `cart`.
async fn delivery_of(app: &TestApp, cart: &str, step: &str) -> (String, Option<String>) {
    on!(&app.pool, |db| sqlx::query_as(
        "select d.status, d.skip_reason from deliveries d join carts c on c.cart_id = d.cart_id
         where c.external_id = $1 and d.step_id = $2"
    )
    .bind(cart)
    .bind(step)
    .fetch_one(db)
    .await)
    .unwrap()
}

async fn sms_secret(app: &TestApp, cookie: &str, shop: &str) -> String {
    let provider = app
        .call_form(cookie, "load_sms_provider", &[("shop", shop)])
        .await;
    let line: Value = serde_json::from_str(&provider.body).unwrap();
    let url = line["notice_url"].as_str().unwrap().to_owned();
    url.rsplit('/').next().unwrap().to_owned()
}

async fn post_notice(
    app: &TestApp,
    path: &str,
    signature: Option<&str>,
    body: &str,
) -> (StatusCode, String) {
    let mut request = Request::post(path).header("content-type", "application/json");
    if let Some(signature) = signature {
        request = request.header("relance-signature", signature);
    }
    let answer = app
        .request(request.body(Body::from(body.to_owned())).unwrap())
        .await;
    (answer.status, answer.body)
}

#[tokio::test]
async fn a_demo_sms_goes_through_brevo_after_a_429_and_a_503_and_its_short_link_counts_a_click() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let brevo = HttpPeer::answering(&[
        (429, r#"{"code":"too_many_requests","message":"slow down"}"#),
        (503, ""),
        (
            201,
            r#"{"reference":"ab1","messageId":1511882900176220,"smsCount":1}"#,
        ),
    ])
    .await;
    let (status, body) = set_provider(
        &app,
        &cookie,
        "demo",
        json!({"kind": "brevo", "url": brevo.url("/v3/transactionalSMS/send"),
               "sender": "MaisonLum", "api_key": "xkeysib-test"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let saved = make_sms_step(
        &app,
        &cookie,
        "demo",
        "demo-step-1",
        json!({"fr": "{first_name}, votre panier vous attend : {cart_link}", "en": "{first_name}, your cart: {cart_link}"}),
    )
    .await;
    assert!(saved.contains("Saved"), "{saved}");

    let key = app.api_key().await;
    let posted = app
        .post_events(
            &key,
            sms_cart("e-1", "web-1", "2026-11-23T10:00:00Z", "06 12 34 56 78"),
        )
        .await;
    assert_eq!(posted.status, StatusCode::ACCEPTED, "{}", posted.body);
    let smtp = SmtpPeer::start(&[]).await;
    for (at, expected) in [
        ("2026-11-23T11:31:00Z", "retrying"),
        ("2026-11-23T11:45:00Z", "retrying"),
        ("2026-11-23T11:50:00Z", "sent"),
    ] {
        let run = app.run_once(&smtp.url(), at).await;
        assert_eq!(run[expected], 1, "{at}: {run}");
    }
    assert_eq!(smtp.count(), 0, "an SMS step sends no email");

    let received = brevo.received();
    assert_eq!(received.len(), 3);
    let sent = &received[2];
    assert_eq!(sent.path, "/v3/transactionalSMS/send");
    assert_eq!(sent.headers["api-key"], "xkeysib-test");
    let message: Value = serde_json::from_str(&sent.body).unwrap();
    assert_eq!(message["sender"], "MaisonLum");
    assert_eq!(
        message["recipient"], "33612345678",
        "Brevo takes digits only"
    );
    assert_eq!(message["unicodeEnabled"], false);
    let content = message["content"].as_str().unwrap();
    assert!(
        content.starts_with("John, votre panier vous attend : http"),
        "{content}"
    );
    assert!(domain::sms::measure(content).segments <= 1, "{content}");
    let web_url = message["webUrl"].as_str().unwrap();
    assert!(web_url.contains("/webhooks/sms/demo/"), "{web_url}");

    let (status, _) = delivery_of(&app, "web-1", "demo-step-1").await;
    assert_eq!(status, "sent");
    let link = content.rsplit(' ').next().unwrap();
    let path = &link[link.find("/m/").unwrap()..];
    let click = app
        .request(
            Request::get(path)
                .header("user-agent", BROWSER)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(click.status, StatusCode::SEE_OTHER, "{}", click.body);
    let target = click.location.unwrap();
    assert!(target.starts_with("https://shop.example/"), "{target}");
    assert_eq!(
        app.count(
            "select count(*) from delivery_events where kind = 'click' and not probable_scanner"
        )
        .await,
        1
    );
    // The last character changed to another one: appending a fixed "x" in
    // its place failed one run in sixty-four, when the signature ended in "x".
    let last = if path.ends_with('A') { 'B' } else { 'A' };
    let forged = format!("{}{last}", &path[..path.len() - 1]);
    assert_eq!(app.get(&forged, "fr").await.status, StatusCode::NOT_FOUND);

    let cart_id: String = app.cart_column("web-1", "cart_id").await;
    let page = app
        .get_as(&cookie, &format!("/s/demo/carts/{cart_id}"))
        .await;
    assert!(page.body.contains("answered 429"), "{}", page.body);
    assert!(page.body.contains("answered 201"), "{}", page.body);
}

#[tokio::test]
async fn a_set_up_shop_s_gateway_refusing_a_number_suppresses_that_number_only_and_email_goes_on() {
    let app = TestApp::empty().await;
    let (shop, cookie, key) = crate::setup::set_up_shop_with_key(&app).await;
    let gateway = HttpPeer::answering(&[
        (422, r#"{"error":"invalid_number"}"#),
        (202, r#"{"id":"m-2"}"#),
    ])
    .await;
    let refused = set_provider(
        &app,
        &cookie,
        &shop,
        json!({"kind": "json", "url": "http://sms.example/send", "sender": "Shop", "api_key": "k"}),
    )
    .await;
    assert_eq!(refused.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.1.contains("url:"), "{}", refused.1);
    let (status, body) = set_provider(
        &app,
        &cookie,
        &shop,
        json!({"kind": "json", "url": gateway.url("/send"), "sender": "+33700000001", "api_key": "gw-secret"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let steps = step_ids(&app, &shop).await;
    let saved = make_sms_step(
        &app,
        &cookie,
        &shop,
        &steps[0],
        json!({"fr": "Votre panier : {cart_link}"}),
    )
    .await;
    assert!(saved.contains("Saved"), "{saved}");
    start_sending(&app, &cookie, &shop, &steps[1..]).await;
    app.post_events(
        &key,
        sms_cart("e-1", "web-1", "2026-11-23T10:00:00Z", "+33 6 11 22 33 44"),
    )
    .await;
    app.post_events(&key, {
        let mut other = sms_cart("e-2", "web-2", "2026-11-23T10:00:00Z", "+33611223355");
        other["customer"]["id"] = "cu-8".into();
        other["customer"]["email"] = "jane@example.com".into();
        other
    })
    .await;

    let smtp = SmtpPeer::start(&[]).await;
    let first = app.run_once(&smtp.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(first["failed"], 1, "{first}");
    assert_eq!(first["sent"], 1, "{first}");
    let received = gateway.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].headers["authorization"], "Bearer gw-secret");
    let message: Value = serde_json::from_str(&received[0].body).unwrap();
    assert_eq!(message["from"], "+33700000001");
    assert!(message["to"] == "+33611223344" || message["to"] == "+33611223355");
    let refused_number = message["to"].as_str().unwrap().to_owned();
    let suppressed: Vec<String> = on!(&app.pool, |db| sqlx::query_scalar(
        "select phone from sms_suppressions where shop_id = $1"
    )
    .bind(&shop)
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(suppressed, std::slice::from_ref(&refused_number));
    assert_eq!(
        app.count("select count(*) from suppressions").await,
        0,
        "the email address is untouched"
    );

    // The next step is an email: both customers get it.
    let second = app.run_once(&smtp.url(), "2026-11-24T11:00:00Z").await;
    assert_eq!(second["sent"], 2, "{second}");
    assert_eq!(smtp.count(), 2);

    // A new cart of the refused customer gets no SMS: consent lost with the number.
    let refused_event = if refused_number == "+33611223344" {
        sms_cart("e-3", "web-3", "2026-11-25T10:00:00Z", "+33611223344")
    } else {
        let mut other = sms_cart("e-3", "web-3", "2026-11-25T10:00:00Z", "+33611223355");
        other["customer"]["id"] = "cu-8".into();
        other["customer"]["email"] = "jane@example.com".into();
        other
    };
    app.post_events(&key, refused_event).await;
    app.run_once(&smtp.url(), "2026-11-25T11:31:00Z").await;
    assert_eq!(
        delivery_of(&app, "web-3", &steps[0]).await,
        ("skipped".to_owned(), Some("no_sms_consent".to_owned()))
    );
    assert_eq!(gateway.received().len(), 2);
}

#[tokio::test]
async fn stop_through_either_notice_address_stops_the_next_sms_and_bad_proofs_get_401() {
    let app = TestApp::empty().await;
    let (shop, cookie, key) = crate::setup::set_up_shop_with_key(&app).await;
    let gateway = accepting_gateway(&app, &cookie, &shop).await;
    let steps = step_ids(&app, &shop).await;
    french_sms_steps(&app, &cookie, &shop, &steps[..2]).await;
    start_sending(&app, &cookie, &shop, &[]).await;
    app.post_events(
        &key,
        sms_cart("e-1", "web-1", "2026-11-23T10:00:00Z", "+33612345678"),
    )
    .await;
    let smtp = SmtpPeer::start(&[]).await;
    let first = app.run_once(&smtp.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(first["sent"], 1, "{first}");

    let secret = sms_secret(&app, &cookie, &shop).await;
    let stop = r#"{"from": "+33612345678", "text": "Stop"}"#;
    let wrong = post_notice(
        &app,
        &format!("/webhooks/sms/{shop}/{}", "0".repeat(64)),
        None,
        stop,
    )
    .await;
    assert_eq!(wrong.0, StatusCode::UNAUTHORIZED, "{}", wrong.1);
    let unsigned = post_notice(
        &app,
        &format!("/webhooks/sms/{shop}"),
        Some("t=1,v1=00"),
        stop,
    )
    .await;
    assert_eq!(unsigned.0, StatusCode::UNAUTHORIZED, "{}", unsigned.1);
    assert_eq!(app.count("select count(*) from sms_suppressions").await, 0);
    let garbled = post_notice(
        &app,
        &format!("/webhooks/sms/{shop}/{secret}"),
        None,
        r#"{"hello": 1}"#,
    )
    .await;
    assert_eq!(garbled.0, StatusCode::UNPROCESSABLE_ENTITY, "{}", garbled.1);

    // A relay signs its notice; Brevo's event comes to the address with the secret.
    let now = chrono::Utc::now().timestamp();
    let signature = server::outbound::sign(&secret, now, stop.as_bytes());
    let signed = post_notice(
        &app,
        &format!("/webhooks/sms/{shop}"),
        Some(&signature),
        stop,
    )
    .await;
    assert_eq!(signed.0, StatusCode::OK, "{}", signed.1);
    assert!(signed.1.contains(r#""action":"stop""#), "{}", signed.1);
    let brevo = r#"{"to": "33612345678", "msg_status": "replied", "reply": "ARRET"}"#;
    let again = post_notice(&app, &format!("/webhooks/sms/{shop}/{secret}"), None, brevo).await;
    assert_eq!(again.0, StatusCode::OK, "{}", again.1);
    assert_eq!(app.count("select count(*) from sms_suppressions").await, 1);

    // The customer's next event still says yes to SMS: the STOP holds.
    let later = sms_cart("e-2", "web-9", "2026-11-23T12:00:00Z", "+33612345678");
    app.post_events(&key, later).await;
    let consent: Vec<bool> = on!(&app.pool, |db| sqlx::query_scalar(
        "select sms_consent from customers where shop_id = $1"
    )
    .bind(&shop)
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(consent, [false]);
    app.run_once(&smtp.url(), "2026-11-24T11:00:00Z").await;
    assert_eq!(gateway.received().len(), 1);
    assert_eq!(
        delivery_of(&app, "web-1", &steps[1]).await,
        ("skipped".to_owned(), Some("no_sms_consent".to_owned()))
    );
}

#[tokio::test]
async fn sms_go_only_to_a_valid_mobile_with_consent_and_never_at_night() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let _gateway = accepting_gateway(&app, &cookie, "demo").await;
    french_sms_steps(&app, &cookie, "demo", &["demo-step-1".to_owned()]).await;
    let key = app.api_key().await;

    let invalid = app
        .post_events(&key, sms_cart("e-0", "web-0", "2026-11-23T10:00:00Z", "12"))
        .await;
    assert_eq!(
        invalid.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        invalid.body
    );
    assert!(invalid.body.contains("customer.phone"), "{}", invalid.body);
    assert_eq!(
        app.count("select count(*) from carts").await,
        0,
        "nothing half-written"
    );

    let mut no_consent = sms_cart("e-1", "web-1", "2026-11-23T10:00:00Z", "+33612345678");
    no_consent["customer"]["sms_consent"] = false.into();
    app.post_events(&key, no_consent).await;
    let smtp = SmtpPeer::start(&[]).await;
    let run = app.run_once(&smtp.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(run["skipped"]["no_sms_consent"], 1, "{run}");
    assert_eq!(
        delivery_of(&app, "web-1", "demo-step-1").await.1.as_deref(),
        Some("no_sms_consent")
    );
}

#[tokio::test]
async fn a_set_up_shop_s_sms_due_at_night_waits_for_eight_in_the_morning() {
    let app = TestApp::empty().await;
    let (shop, cookie, key) = crate::setup::set_up_shop_with_key(&app).await;
    let gateway = accepting_gateway(&app, &cookie, &shop).await;
    let steps = step_ids(&app, &shop).await;
    french_sms_steps(&app, &cookie, &shop, &steps[..1]).await;
    start_sending(&app, &cookie, &shop, &[]).await;
    // Abandoned at 20:00 in Paris: due at 21:30, it waits for 8:00.
    app.post_events(
        &key,
        sms_cart("e-1", "web-1", "2026-11-24T19:00:00Z", "+33612345679"),
    )
    .await;
    let smtp = SmtpPeer::start(&[]).await;
    let night = app.run_once(&smtp.url(), "2026-11-24T20:31:00Z").await;
    assert_eq!(night["sent"], 0, "{night}");
    assert!(gateway.received().is_empty());
    let dawn = app.run_once(&smtp.url(), "2026-11-25T06:55:00Z").await;
    assert_eq!(dawn["sent"], 0, "7:55 in Paris: {dawn}");
    let morning = app.run_once(&smtp.url(), "2026-11-25T07:05:00Z").await;
    assert_eq!(morning["sent"], 1, "{morning}");
    assert_eq!(gateway.received().len(), 1);
}

#[tokio::test]
async fn the_sms_provider_is_for_owners_and_its_key_never_comes_back() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let blank = app
        .call_form(&cookie, "load_sms_provider", &[("shop", "demo")])
        .await;
    let line: Value = serde_json::from_str(&blank.body).unwrap();
    assert_eq!(line["kind"], Value::Null);
    let (status, body) = set_provider(
        &app,
        &cookie,
        "demo",
        json!({"kind": "brevo", "url": "", "sender": "Maison Lumière", "api_key": "k"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("sender:"), "{body}");
    let (status, _) = set_provider(
        &app,
        &cookie,
        "demo",
        json!({"kind": "brevo", "url": "", "sender": "MaisonLum", "api_key": "xkeysib-secret"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // A blank key keeps the stored one.
    let (status, _) = set_provider(
        &app,
        &cookie,
        "demo",
        json!({"kind": "brevo", "url": "", "sender": "Lumiere", "api_key": ""}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let loaded = app
        .call_form(&cookie, "load_sms_provider", &[("shop", "demo")])
        .await;
    assert!(!loaded.body.contains("xkeysib-secret"), "{}", loaded.body);
    let line: Value = serde_json::from_str(&loaded.body).unwrap();
    assert_eq!(line["kind"], "brevo");
    assert_eq!(line["sender"], "Lumiere");
    assert_eq!(line["key_set"], true);
    assert_eq!(line["url"], server::sms::BREVO_URL);
    let key: String = on!(&app.pool, |db| sqlx::query_scalar(
        "select api_key from sms_providers"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(key, "xkeysib-secret");

    let editor = app
        .member("editor@example.com", "demo", domain::team::Role::Manager)
        .await;
    let forbidden = app
        .call_form(&editor, "load_sms_provider", &[("shop", "demo")])
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let (status, _) = set_provider(
        &app,
        &editor,
        "demo",
        json!({"kind": "json", "url": "https://evil.example/x", "sender": "Shop", "api_key": ""}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
