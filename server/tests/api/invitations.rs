//! A team by invitation: an owner invites by email (the link shown once and mailed), the
//! link works once and expires, roles change and members leave, and only owners do this.

use axum::http::StatusCode;
use domain::team::Role;
use serde_json::Value;
use server::on;

use crate::helpers::TestApp;

/// A stored email with its quoted-printable lines joined again.
fn unfolded(mail: &str) -> String {
    mail.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

fn token_of(link: &str) -> &str {
    link.rsplit('/').next().unwrap()
}

async fn invite(app: &TestApp, cookie: &str, email: &str, role: &str) -> Value {
    let response = app
        .call_form(
            cookie,
            "invite_member",
            &[("email", email), ("role", role), ("send_mail", "true")],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

#[tokio::test]
async fn an_invited_person_joins_once_with_the_role_and_the_link_is_stored_hashed() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;

    let invited = invite(&app, &owner, "lea@demo.test", "staff").await;
    let link = invited["Invited"]["link"].as_str().unwrap().to_owned();
    let token = token_of(&link);
    let team = app.call_form(&owner, "load_team", &[]).await;
    let view = app
        .call_form("", "load_invitation", &[("token", token)])
        .await;
    let short = app
        .call_form(
            "",
            "accept_invitation",
            &[("token", token), ("password", "short")],
        )
        .await;
    let accepted = app
        .call_form(
            "",
            "accept_invitation",
            &[("token", token), ("password", "a long enough password")],
        )
        .await;
    let again = app
        .call_form(
            "",
            "accept_invitation",
            &[("token", token), ("password", "a long enough password")],
        )
        .await;

    assert_eq!(invited["Invited"]["mailed"], true);
    assert!(link.starts_with("http://127.0.0.1:3000/invite/"));
    let mail = app
        .outbox()
        .into_iter()
        .find(|m| m.contains("lea@demo.test"))
        .unwrap();
    assert!(
        unfolded(&mail).contains(token),
        "the email carries the link"
    );
    assert!(team.body.contains("lea@demo.test"), "{}", team.body);
    assert!(view.body.contains("\"staff\""), "{}", view.body);
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert!(accepted.body.contains("\"signed_in\":true"));
    assert_eq!(again.status, StatusCode::GONE, "the link works once");
    let stored: String = on!(&app.pool, |db| sqlx::query_scalar(
        "select token_hash from invitations"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_ne!(stored, token);
    // Signed in by the acceptance, as staff of the shop.
    let session = crate::helpers::session_cookie(&accepted);
    assert_eq!(
        app.get_as(&session, "/s/demo/carts").await.status,
        StatusCode::OK
    );
    let edit = app
        .call_form(
            &session,
            "set_reminder_enabled",
            &[("id", "demo-step-1"), ("enabled", "false")],
        )
        .await;
    assert_eq!(edit.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_expired_invitation_is_gone() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let invited = invite(&app, &owner, "late@demo.test", "manager").await;
    let link = invited["Invited"]["link"].as_str().unwrap().to_owned();
    on!(&app.pool, |db| sqlx::query(
        "update invitations set expires_at = '2020-01-01T00:00:00Z'"
    )
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();

    let view = app
        .call_form("", "load_invitation", &[("token", token_of(&link))])
        .await;
    let accepted = app
        .call_form(
            "",
            "accept_invitation",
            &[
                ("token", token_of(&link)),
                ("password", "a long enough password"),
            ],
        )
        .await;

    assert_eq!(view.status, StatusCode::NOT_FOUND);
    assert_eq!(accepted.status, StatusCode::GONE);
    assert_eq!(app.count("select count(*) from admin_users").await, 1);
}

#[tokio::test]
async fn an_owner_changes_a_role_and_removes_a_member_who_then_finds_nothing() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    let member = app.member("sam@demo.test", "demo", Role::Staff).await;
    let user_id: String = on!(&app.pool, |db| sqlx::query_scalar(
        "select user_id from admin_users where email = 'sam@demo.test'"
    )
    .fetch_one(db)
    .await)
    .unwrap();

    let refused_invite = app
        .call_form(
            &member,
            "invite_member",
            &[
                ("email", "x@demo.test"),
                ("role", "owner"),
                ("send_mail", "false"),
            ],
        )
        .await;
    let promoted = app
        .call_form(
            &owner,
            "change_role",
            &[("user_id", &user_id), ("role", "manager")],
        )
        .await;
    let edit = app
        .call_form(
            &member,
            "set_reminder_enabled",
            &[("id", "demo-step-1"), ("enabled", "true")],
        )
        .await;
    let removed = app
        .call_form(&owner, "remove_member", &[("user_id", &user_id)])
        .await;
    let after = app.get_as(&member, "/s/demo/carts").await;

    assert_eq!(refused_invite.status, StatusCode::FORBIDDEN);
    assert_eq!(promoted.status, StatusCode::OK, "{}", promoted.body);
    assert_eq!(edit.status, StatusCode::OK, "a manager edits");
    assert_eq!(removed.status, StatusCode::OK);
    assert_eq!(after.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("select count(*) from invitations").await, 0);
}

#[tokio::test]
async fn inviting_an_existing_account_adds_it_and_the_mail_escapes_the_shop_name() {
    let app = TestApp::spawn(Some(0)).await;
    let owner = app.sign_in().await;
    on!(&app.pool, |db| sqlx::query(
        "update shops set name = '<b>Bold</b> & Co' where shop_id = 'demo'"
    )
    .execute(db)
    .await
    .map(server::db::Done::from))
    .unwrap();
    app.member("kim@demo.test", "demo", Role::Staff).await;
    let other: String = {
        let (slug, _) = app
            .add_shop(domain::settings::NewShopDraft {
                name: "Second".into(),
                url: "https://second.example".into(),
                currency: "EUR".into(),
                time_zone: "Europe/Paris".into(),
                language: "fr".into(),
                sender_name: String::new(),
                sender_email: String::new(),
            })
            .await;
        slug
    };

    let added = app
        .call_form(
            &owner,
            "invite_member",
            &[
                ("shop", &other),
                ("email", "kim@demo.test"),
                ("role", "manager"),
                ("send_mail", "true"),
            ],
        )
        .await;
    invite(&app, &owner, "new@demo.test", "staff").await;

    assert!(added.body.contains("Added"), "{}", added.body);
    let role: String = on!(&app.pool, |db| sqlx::query_scalar(
        "select role from shop_members m join admin_users a on a.user_id = m.user_id
         where a.email = 'kim@demo.test' and m.shop_id = $1",
    )
    .bind(&other)
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(role, "manager");
    let mail = app
        .outbox()
        .into_iter()
        .find(|m| m.contains("new@demo.test"))
        .unwrap();
    let html = unfolded(&mail)
        .split("text/html")
        .nth(1)
        .unwrap()
        .to_owned();
    assert!(!html.contains("<b>Bold</b>"), "{html}");
    assert!(
        html.contains("&#60;b&#62;Bold&#60;/b&#62; &#38; Co"),
        "{html}"
    );
}
