use axum::{body::Body, http::Request, http::StatusCode};

use crate::helpers::TestApp;

#[tokio::test]
async fn the_reminders_page_html_holds_the_demo_steps_before_any_javascript() {
    let app = TestApp::spawn(Some(20)).await;

    let page = app
        .get_signed_in("/s/demo", "fr-FR,fr;q=0.9,en;q=0.5")
        .await;

    assert_eq!(page.status, StatusCode::OK);
    assert!(page.content_type.starts_with("text/html"));
    assert!(page.body.contains("<html lang=\"fr\""));
    for expected in [
        "1 heure",
        "1 jour",
        "N'oubliez pas votre panier !",
        "Aucune réduction",
        "Selon le montant du panier",
    ] {
        assert!(
            page.body.contains(expected),
            "{expected:?} missing from the server HTML"
        );
    }
}

#[tokio::test]
async fn the_language_cookie_wins_over_the_browser_language() {
    let app = TestApp::spawn(Some(5)).await;
    let session = app.sign_in().await;

    let page = app
        .request(
            Request::get("/s/demo")
                .header("accept-language", "fr-FR")
                .header("cookie", format!("relance_lang=en; {session}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;

    assert!(page.body.contains("<html lang=\"en\""));
    assert!(page.body.contains("1 hour"));
    assert!(page.body.contains("Depends on cart value"));
}

#[tokio::test]
async fn without_a_shop_home_leads_to_adding_one_and_a_shop_url_is_not_found() {
    let app = TestApp::spawn(None).await;

    let home = app.get_signed_in("/", "en").await;
    let shop = app.get_signed_in("/s/demo", "en").await;

    assert_eq!(home.status, StatusCode::SEE_OTHER);
    assert_eq!(home.location.as_deref(), Some("/shops/new"));
    assert_eq!(shop.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_reminders_server_function_returns_the_steps_as_json() {
    let app = TestApp::spawn(Some(5)).await;
    let session = app.sign_in().await;

    let response = app
        .request(
            Request::post("/admin/fn/list_reminders")
                .header("cookie", session)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .body(Body::from("shop=demo"))
                .unwrap(),
        )
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let data: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    let rows = data["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["delay_amount"], 1);
    assert_eq!(rows[0]["delay_unit"], "hours");
    assert_eq!(rows[1]["delay_unit"], "days");
    assert_eq!(rows[1]["discount"]["kind"], "depends_on_cart_value");
}

#[tokio::test]
async fn the_health_check_answers_when_the_database_does() {
    let app = TestApp::spawn(None).await;

    let response = app.get("/healthz", "en").await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body, r#"{"status":"ok"}"#);
    app.pool.close().await;
    let response = app.get("/healthz", "en").await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn the_language_form_keeps_the_choice_for_a_year_sends_the_page_back_and_refuses_others() {
    let app = TestApp::spawn(Some(0)).await;
    let post = |code: &str, accept: &str| {
        Request::post("/admin/fn/set_language")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", accept)
            .header("referer", "http://localhost/s/demo/help")
            .body(Body::from(format!("code={code}")))
            .unwrap()
    };

    // A plain form post, as the FR / EN buttons send it, signed out as on the sign-in page:
    // back to the page it came from.
    let english = app.request(post("en", "text/html,*/*")).await;
    let unknown = app.request(post("de", "application/json")).await;

    assert_eq!(english.status, StatusCode::FOUND);
    assert!(english
        .location
        .as_deref()
        .is_some_and(|to| to.starts_with("http://localhost/s/demo/help")));
    assert_eq!(english.set_cookie.len(), 1);
    assert!(english.set_cookie[0].starts_with("relance_lang=en;"));
    assert!(english.set_cookie[0].contains("Max-Age=31536000"));
    assert_eq!(
        unknown.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        unknown.body
    );
    assert!(unknown.body.contains("code"), "{}", unknown.body);
    assert!(unknown.set_cookie.is_empty());
}
