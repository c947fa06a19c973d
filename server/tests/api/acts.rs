//! `perform_act`, the one server function the controls of server-rendered pages call: it runs
//! the server function an act names, so that function's checks hold (role, shop), and says
//! how it went in a few words the control turns into its own.

use axum::http::StatusCode;
use domain::team::Role;
use serde_json::json;
use server::on;

use crate::helpers::TestApp;

async fn step_enabled(app: &TestApp) -> bool {
    on!(&app.pool, |db| sqlx::query_scalar(
        "select enabled from reminder_steps where step_id = 'demo-step-1'"
    )
    .fetch_one(db)
    .await)
    .unwrap()
}

async fn demo_rule(app: &TestApp) -> String {
    on!(&app.pool, |db| sqlx::query_scalar(
        "select campaign_id from campaigns where shop_id = 'demo'"
    )
    .fetch_one(db)
    .await)
    .unwrap()
}

#[tokio::test]
async fn an_act_does_what_it_names_and_says_how_it_went() {
    let app = TestApp::spawn(Some(2)).await;
    let owner = app.sign_in().await;
    let rule = demo_rule(&app).await;

    let switched = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"SwitchStep": {"id": "demo-step-1", "on": false}}}),
        )
        .await;
    let rerouted = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"RerouteRule": {"id": rule}}}),
        )
        .await;
    let last_rule = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"DeleteRule": {"id": rule}}}),
        )
        .await;
    let ran = app
        .call_json(&owner, "perform_act", json!({"act": "RunNow"}))
        .await;

    assert_eq!(switched.status, StatusCode::OK, "{}", switched.body);
    assert_eq!(switched.body, "\"Quiet\"");
    assert!(!step_enabled(&app).await);
    assert_eq!(rerouted.status, StatusCode::OK, "{}", rerouted.body);
    assert_eq!(
        rerouted.body,
        r#"{"Said":{"figures":[["n",0]],"reload":false}}"#
    );
    assert_eq!(last_rule.body, "\"Refused\"", "{}", last_rule.body);
    assert_eq!(app.count("select count(*) from campaigns").await, 1);
    let ran: serde_json::Value = serde_json::from_str(&ran.body).unwrap();
    let figures = ran["Said"]["figures"].as_array().unwrap();
    let names: Vec<&str> = figures.iter().map(|f| f[0].as_str().unwrap()).collect();
    assert_eq!(names, ["due", "sent", "skipped", "failed"], "{ran}");
    assert_eq!(ran["Said"]["reload"], true);
}

#[tokio::test]
async fn staff_are_refused_an_act_with_403_and_nothing_changes() {
    let app = TestApp::spawn(Some(2)).await;
    let staff = app.member("staff@demo.test", "demo", Role::Staff).await;
    let before = step_enabled(&app).await;

    let switched = app
        .call_json(
            &staff,
            "perform_act",
            json!({"act": {"SwitchStep": {"id": "demo-step-1", "on": !before}}}),
        )
        .await;
    let invited = app
        .call_json(
            &staff,
            "perform_act",
            json!({"act": {"InviteMember": {"email": "x@demo.test", "role": "owner", "send_mail": false}}}),
        )
        .await;

    assert_eq!(switched.status, StatusCode::FORBIDDEN, "{}", switched.body);
    assert_eq!(invited.status, StatusCode::FORBIDDEN, "{}", invited.body);
    assert_eq!(step_enabled(&app).await, before);
    assert_eq!(
        app.count("select count(*) from invitations").await,
        0,
        "no invitation made"
    );
}

#[tokio::test]
async fn an_act_on_a_shop_the_account_does_not_reach_is_not_found() {
    let app = TestApp::spawn(Some(2)).await;
    let (other, _) = app.add_shop(crate::campaign_io::swiss()).await;
    let outsider = app.member("owner@other.test", &other, Role::Owner).await;
    let before = step_enabled(&app).await;

    let switched = app
        .call_json(
            &outsider,
            "perform_act",
            json!({"shop": "demo", "act": {"SwitchStep": {"id": "demo-step-1", "on": !before}}}),
        )
        .await;

    assert_eq!(switched.status, StatusCode::NOT_FOUND, "{}", switched.body);
    assert_eq!(step_enabled(&app).await, before);
}

#[tokio::test]
async fn an_act_or_arguments_the_server_cannot_read_are_refused_with_400_and_change_nothing() {
    let app = TestApp::spawn(Some(2)).await;
    let owner = app.sign_in().await;
    let before = step_enabled(&app).await;

    let unknown = app
        .call_json(&owner, "perform_act", json!({"act": {"DropTables": {}}}))
        .await;
    let missing = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"SwitchStep": {"id": "demo-step-1"}}}),
        )
        .await;

    assert!(
        unknown.status.is_client_error(),
        "{} {}",
        unknown.status,
        unknown.body
    );
    assert!(unknown.body.contains("DropTables"), "{}", unknown.body);
    assert!(
        missing.status.is_client_error(),
        "{} {}",
        missing.status,
        missing.body
    );
    assert!(missing.body.contains("on"), "{}", missing.body);
    assert_eq!(step_enabled(&app).await, before);
}

/// The Settings form's fields as the browser sends them: every named field and its value.
async fn settings_fields(app: &TestApp, cookie: &str) -> Vec<(String, String)> {
    let loaded = app.call_form(cookie, "load_settings", &[]).await;
    let draft: serde_json::Value = serde_json::from_str(&loaded.body).unwrap();
    draft
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(name, value)| Some((name.clone(), value.as_str()?.to_owned())))
        .collect()
}

#[tokio::test]
async fn the_settings_form_is_saved_or_each_problem_is_said_by_its_field() {
    let app = TestApp::spawn(Some(2)).await;
    let owner = app.sign_in().await;
    let mut fields = settings_fields(&app, &owner).await;
    let set = |fields: &mut Vec<(String, String)>, name: &str, value: &str| {
        fields.iter_mut().find(|(n, _)| n == name).unwrap().1 = value.to_owned();
    };

    set(&mut fields, "sender_email", "not an address");
    set(&mut fields, "min_gap_hours", "-3");
    let refused = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"SaveSettings": {"fields": fields}}}),
        )
        .await;
    set(&mut fields, "sender_email", "shop@boutique.example");
    set(&mut fields, "min_gap_hours", "12");
    set(&mut fields, "support_email", "help@boutique.example");
    let saved = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"SaveSettings": {"fields": fields}}}),
        )
        .await;

    assert_eq!(refused.status, StatusCode::OK, "{}", refused.body);
    let refused: serde_json::Value = serde_json::from_str(&refused.body).unwrap();
    let problems = refused["Invalid"]["fields"].as_array().unwrap();
    let named: Vec<&str> = problems.iter().map(|p| p[0].as_str().unwrap()).collect();
    assert_eq!(named, ["sender_email", "min_gap_hours"], "{refused}");
    assert!(!problems[0][1].as_str().unwrap().is_empty());
    assert_eq!(
        saved.body, r#"{"Said":{"figures":[],"reload":false}}"#,
        "{}",
        saved.body
    );
    let now = settings_fields(&app, &owner).await;
    assert!(now.contains(&("support_email".into(), "help@boutique.example".into())));
    assert!(now.contains(&("min_gap_hours".into(), "12".into())));
}

#[tokio::test]
async fn staff_cannot_save_the_settings_form() {
    let app = TestApp::spawn(Some(2)).await;
    let owner = app.sign_in().await;
    let staff = app.member("staff@demo.test", "demo", Role::Staff).await;
    let mut fields = settings_fields(&app, &owner).await;
    fields.iter_mut().find(|(n, _)| n == "shop_name").unwrap().1 = "Taken over".into();

    let refused = app
        .call_json(
            &staff,
            "perform_act",
            json!({"act": {"SaveSettings": {"fields": fields}}}),
        )
        .await;

    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let now = settings_fields(&app, &owner).await;
    assert!(!now.contains(&("shop_name".into(), "Taken over".into())));
}

#[tokio::test]
async fn a_refusal_an_act_says_in_words_is_a_200_the_control_can_read() {
    let app = TestApp::spawn(Some(2)).await;
    let owner = app.sign_in().await;
    let steps = app.count("select count(*) from reminder_steps").await;

    let import = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"ImportCampaign": {"rule": "", "document": r#"{"hello": "world"}"#}}}),
        )
        .await;
    let sms = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"SaveSmsProvider": {
                "kind": "json", "url": "http://sms.example/send", "sender": "Maison", "api_key": "k"
            }}}),
        )
        .await;
    let unnamed_key = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"CreateApiKey": {"name": " "}}}),
        )
        .await;

    assert_eq!(import.status, StatusCode::OK, "{}", import.body);
    let import: serde_json::Value = serde_json::from_str(&import.body).unwrap();
    assert_eq!(import["Report"]["done"], false, "{import}");
    assert!(!import["Report"]["lines"].as_array().unwrap().is_empty());
    assert_eq!(
        app.count("select count(*) from reminder_steps").await,
        steps
    );
    assert_eq!(sms.status, StatusCode::OK, "{}", sms.body);
    let sms: serde_json::Value = serde_json::from_str(&sms.body).unwrap();
    assert_eq!(sms["Invalid"]["fields"][0][0], "url", "{sms}");
    assert_eq!(unnamed_key.status, StatusCode::OK, "{}", unnamed_key.body);
    let unnamed_key: serde_json::Value = serde_json::from_str(&unnamed_key.body).unwrap();
    assert_eq!(
        unnamed_key["Invalid"]["fields"][0][0], "name",
        "{unnamed_key}"
    );
    assert_eq!(
        app.count("select count(*) from api_keys").await,
        1,
        "the demo's key only"
    );
}

#[tokio::test]
async fn an_api_key_made_by_an_act_is_shown_once_and_a_manager_may_not_make_one() {
    let app = TestApp::spawn(Some(2)).await;
    let owner = app.sign_in().await;
    let manager = app.member("manager@demo.test", "demo", Role::Manager).await;

    let made = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"CreateApiKey": {"name": "PrestaShop"}}}),
        )
        .await;
    let refused = app
        .call_json(
            &manager,
            "perform_act",
            json!({"act": {"CreateApiKey": {"name": "Sneaky"}}}),
        )
        .await;

    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let made: serde_json::Value = serde_json::from_str(&made.body).unwrap();
    let code = made["ShownOnce"]["code"].as_str().unwrap();
    assert!(code.starts_with("rlk_"), "{made}");
    assert_eq!(made["ShownOnce"]["mailed"], false);
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(
        app.count("select count(*) from api_keys where name = 'Sneaky'")
            .await,
        0
    );
}

#[tokio::test]
async fn codes_are_imported_and_deleted_by_acts_with_the_outcome_in_words() {
    let app = TestApp::spawn(Some(2)).await;
    let owner = app.sign_in().await;
    let staff = app.member("staff@demo.test", "demo", Role::Staff).await;
    let import = |codes: &str| json!({"act": {"ImportCodes": {"name": "Winter", "codes": codes}}});

    let refused = app
        .call_json(
            &owner,
            "perform_act",
            import("code\nWINTER-1\nnot a code\n"),
        )
        .await;
    let imported = app
        .call_json(&owner, "perform_act", import("WINTER-1\nWINTER-2\n"))
        .await;
    let id: String = on!(&app.pool, |db| sqlx::query_scalar(
        "select collection_id from code_collections where name = 'Winter'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let delete = json!({"act": {"DeleteCodeCollection": {"id": id}}});
    let by_staff = app.call_json(&staff, "perform_act", delete.clone()).await;
    let deleted = app.call_json(&owner, "perform_act", delete).await;

    let refused: serde_json::Value = serde_json::from_str(&refused.body).unwrap();
    assert_eq!(refused["Report"]["done"], false, "{refused}");
    assert_eq!(refused["Report"]["lines"].as_array().unwrap().len(), 1);
    let imported: serde_json::Value = serde_json::from_str(&imported.body).unwrap();
    assert_eq!(imported["Report"]["done"], true, "{imported}");
    assert_eq!(by_staff.status, StatusCode::FORBIDDEN, "{}", by_staff.body);
    let deleted: serde_json::Value = serde_json::from_str(&deleted.body).unwrap();
    assert_eq!(deleted["Report"]["done"], true, "{deleted}");
    assert!(deleted["Report"]["headline"]
        .as_str()
        .unwrap()
        .contains("Winter"));
    assert_eq!(app.count("select count(*) from code_collections").await, 0);
}

#[tokio::test]
async fn a_template_made_by_an_act_opens_in_its_editor_and_is_copied_and_deleted_by_acts() {
    let app = TestApp::spawn(Some(2)).await;
    let owner = app.sign_in().await;
    let before = app.count("select count(*) from email_templates").await;

    let made = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"CreateTemplate": {"name": "Winter"}}}),
        )
        .await;
    let unnamed = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"CreateTemplate": {"name": " "}}}),
        )
        .await;

    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let made: serde_json::Value = serde_json::from_str(&made.body).unwrap();
    let to = made["Go"]["to"].as_str().unwrap();
    let id = to.strip_prefix("/s/demo/templates/").unwrap();
    assert_eq!(app.get_as(&owner, to).await.status, StatusCode::OK);
    assert_eq!(
        unnamed.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        unnamed.body
    );
    let copied = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"DuplicateTemplate": {"id": id}}}),
        )
        .await;
    assert_eq!(copied.body, "\"Reload\"", "{}", copied.body);
    assert_eq!(
        app.count("select count(*) from email_templates").await,
        before + 2
    );
    let deleted = app
        .call_json(
            &owner,
            "perform_act",
            json!({"act": {"DeleteTemplate": {"id": id}}}),
        )
        .await;
    assert_eq!(deleted.body, "\"Reload\"", "{}", deleted.body);
    assert_eq!(
        app.count("select count(*) from email_templates").await,
        before + 1
    );
}
