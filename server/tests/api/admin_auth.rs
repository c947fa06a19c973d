use axum::{body::Body, http::Request, http::StatusCode};
use server::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD};

use crate::helpers::TestApp;

#[tokio::test]
async fn an_admin_page_without_a_session_redirects_to_sign_in_and_back() {
    let app = TestApp::spawn(Some(5)).await;

    let response = app.get("/carts?page=2", "en").await;

    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(
        response.location.as_deref(),
        Some("/login?next=/carts%3Fpage%3D2")
    );
    assert!(!response.body.contains("Carts"));
}

#[tokio::test]
async fn a_server_function_without_a_session_is_refused_with_a_json_401() {
    let app = TestApp::spawn(Some(5)).await;

    let response = app
        .request(
            Request::post("/admin/fn/list_reminders")
                .header("accept", "application/json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;

    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert!(response.content_type.starts_with("application/json"));
    assert!(!response.body.contains("Don't forget"));
}

#[tokio::test]
async fn the_sign_in_page_static_files_and_health_need_no_session() {
    let app = TestApp::spawn(None).await;

    assert_eq!(app.get("/login", "en").await.status, StatusCode::OK);
    assert_eq!(app.get("/healthz", "en").await.status, StatusCode::OK);
}

#[tokio::test]
async fn signing_in_sets_an_http_only_strict_session_cookie_that_opens_the_admin() {
    let app = TestApp::spawn(Some(5)).await;

    let response = app
        .sign_in_with(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD)
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let cookie = &response.set_cookie[0];
    assert!(cookie.starts_with("relance_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let session = cookie.split(';').next().unwrap().to_owned();
    let page = app
        .request(
            Request::get("/s/demo")
                .header("cookie", session)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Don&#x27;t forget your cart!")
            || page.body.contains("Don't forget your cart!")
    );
}

#[tokio::test]
async fn a_wrong_password_or_unknown_email_gets_the_same_401_and_no_cookie() {
    let app = TestApp::spawn(None).await;

    let wrong_password = app.sign_in_with(DEMO_ADMIN_EMAIL, "not-the-password").await;
    let unknown_email = app
        .sign_in_with("nobody@example.com", DEMO_ADMIN_PASSWORD)
        .await;

    for response in [&wrong_password, &unknown_email] {
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
        assert!(response.set_cookie.is_empty());
        assert!(
            response.body.contains("wrong_credentials"),
            "{}",
            response.body
        );
    }
}

#[tokio::test]
async fn after_ten_failed_attempts_even_the_right_password_must_wait() {
    let app = TestApp::spawn(None).await;

    for _ in 0..10 {
        let response = app.sign_in_with(DEMO_ADMIN_EMAIL, "guess-guess").await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    }
    let response = app
        .sign_in_with(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD)
        .await;

    assert_eq!(response.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(response.set_cookie.is_empty());
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn(Some(5)).await;
    let session = app.sign_in().await;

    let response = app
        .request(
            Request::post("/admin/fn/sign_out")
                .header("cookie", session.clone())
                .header("accept", "application/json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert!(response.set_cookie[0].contains("Max-Age=0"));

    // The old cookie no longer opens anything, even if the browser kept it.
    let page = app
        .request(
            Request::get("/")
                .header("cookie", session)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_refused_sign_in_posted_without_javascript_sends_the_page_back_with_the_refusal() {
    let app = TestApp::spawn(None).await;

    let refused = app
        .request(
            Request::post("/admin/fn/sign_in")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "text/html")
                .header("referer", "http://relance.test/login?next=/s/demo/help")
                .body(Body::from(format!(
                    "email={DEMO_ADMIN_EMAIL}&password=wrong&next=/s/demo/help"
                )))
                .unwrap(),
        )
        .await;
    // The same refusal asked by the browser's script stays a JSON 401.
    let fetched = app
        .request(
            Request::post("/admin/fn/sign_in")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .body(Body::from(format!(
                    "email={DEMO_ADMIN_EMAIL}&password=wrong"
                )))
                .unwrap(),
        )
        .await;

    assert_eq!(refused.status, StatusCode::SEE_OTHER, "{}", refused.body);
    let location = refused.location.unwrap_or_default();
    assert!(location.contains("/login?next=/s/demo/help"), "{location}");
    assert!(location.contains("__err="), "{location}");
    assert!(refused.set_cookie.is_empty());
    assert_eq!(fetched.status, StatusCode::UNAUTHORIZED, "{}", fetched.body);
}

#[tokio::test]
async fn only_our_own_pages_may_frame_the_admin_the_sign_in_page_or_an_email_preview() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;

    let page = app.get_as(&owner, "/s/demo/settings").await;
    let embedded = app
        .get_as(&owner, "/s/demo/templates/demo-template-1?embedded=1")
        .await;
    let sign_in = app.get("/login", "en").await;
    let preview = app
        .get_as(&owner, "/s/demo/templates/demo-template-1/preview")
        .await;

    for response in [&page, &embedded, &sign_in, &preview] {
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        assert_eq!(response.frame_options.as_deref(), Some("SAMEORIGIN"));
    }
    // The editor alone, for the reminder wizard's frame: no tabs, no sign-out.
    assert!(
        embedded.body.contains("class=\"embedded\""),
        "{}",
        embedded.body
    );
    assert!(!embedded.body.contains("class=\"tabs\""));
    assert!(page.body.contains("class=\"tabs\""));
}
