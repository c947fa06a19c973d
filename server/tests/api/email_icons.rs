//! The reassurance icons reach every mail client as PNG images the server draws from the
//! same shapes as the admin's inline SVG: the demo's and a set-up shop's reminders point at
//! them, and the images are drawn in the asked colour, cached, and refused for anything else.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::helpers::{cart_updated, TestApp};
use crate::smtp_peer::SmtpPeer;

/// Status, headers and bytes of `GET path`.
async fn fetch(app: &TestApp, path: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let request = Request::get(path).body(Body::empty()).unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes().to_vec();
    (parts.status, parts.headers, bytes)
}

/// The icon images a mail shows, as paths on this server.
fn icon_paths(mail: &str) -> Vec<String> {
    let mail = mail.replace("=\r\n", "").replace("=3D", "=");
    mail.split("src=\"http://127.0.0.1:3000/email-icons/")
        .skip(1)
        .map(|rest| format!("/email-icons/{}", &rest[..rest.find('"').unwrap()]))
        .collect()
}

#[tokio::test]
async fn an_icon_is_a_png_in_the_asked_colour_cached_for_a_year() {
    let app = TestApp::empty().await;
    let (status, headers, png) = fetch(&app, "/email-icons/secure_payment-0B5FFF.png").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "image/png");
    assert_eq!(
        headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let image = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    assert_eq!((image.width(), image.height()), (64, 64));
    let pixels = image.pixels();
    assert_eq!(pixels[0].alpha(), 0, "a transparent background");
    assert!(
        pixels
            .iter()
            .any(|p| p.alpha() == 255 && (p.red(), p.green(), p.blue()) == (0x0B, 0x5F, 0xFF)),
        "the stroke in the asked colour"
    );
    for bad in [
        "/email-icons/secure_payment-0b5fff.png",
        "/email-icons/secure_payment-0B5FFF.svg",
        "/email-icons/rocket-0B5FFF.png",
        "/email-icons/secure_payment-0B5FF.png",
    ] {
        let (status, _, body) = fetch(&app, bad).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{bad}");
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["field"], "name", "{bad}");
    }
}

#[tokio::test]
async fn the_demo_s_reminder_shows_its_icons_as_images_the_server_serves() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    app.post_events(
        &key,
        cart_updated("e-1", "web-1", "2026-11-23T10:00:00Z", 1),
    )
    .await;
    let peer = SmtpPeer::start(&[]).await;
    let sent = app.run_once(&peer.url(), "2026-11-23T11:31:00Z").await;
    assert_eq!(sent["sent"], 1, "{sent}");
    assert_mail_icons_are_served(&app, &peer.received()[0].data).await;
}

#[tokio::test]
async fn a_set_up_shop_s_reminder_shows_its_icons_as_images_the_server_serves() {
    let app = TestApp::empty().await;
    let (slug, owner, key) = crate::setup::set_up_shop_with_key(&app).await;
    let steps = crate::merchant::step_ids(&app, &slug).await;
    crate::merchant::start_sending(&app, &owner, &slug, &steps[..1]).await;
    app.post_events(
        &key,
        cart_updated("e-1", "web-1", "2026-11-23T10:00:00Z", 1),
    )
    .await;
    let peer = SmtpPeer::start(&[]).await;
    let sent = app.run_once(&peer.url(), "2026-11-23T13:00:00Z").await;
    assert_eq!(sent["sent"], 1, "{sent}");
    assert_mail_icons_are_served(&app, &peer.received()[0].data).await;
}

async fn assert_mail_icons_are_served(app: &TestApp, mail: &str) {
    let paths = icon_paths(mail);
    assert!(!paths.is_empty(), "no icon image in the mail");
    assert!(!mail.contains("<svg"), "no inline SVG left");
    for path in paths {
        let (status, headers, _) = fetch(app, &path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers["content-type"], "image/png", "{path}");
    }
}
