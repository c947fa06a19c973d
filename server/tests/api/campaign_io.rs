//! A campaign copied between shops (export and import, from the CLI and the admin), and the
//! operators' pause: `relance campaign disable` stops every reminder at once.

use axum::http::StatusCode;
use domain::settings::NewShopDraft;
use domain::team::Role;
use domain::TemplateDraft;
use server::on;

use crate::helpers::{cart_updated, relance, stdout, TestApp};
use crate::smtp_peer::SmtpPeer;

/// A second shop in another currency and country.
pub fn swiss() -> NewShopDraft {
    NewShopDraft {
        name: "Atelier Genève".into(),
        url: "https://geneve.example".into(),
        currency: "CHF".into(),
        time_zone: "Europe/Zurich".into(),
        language: "fr".into(),
        sender_name: String::new(),
        sender_email: String::new(),
    }
}

/// A template's texts without its id, to compare copies.
fn texts(template: &domain::EmailTemplate) -> TemplateDraft {
    TemplateDraft {
        id: String::new(),
        ..TemplateDraft::from_template(template)
    }
}

#[tokio::test]
async fn a_campaign_exported_from_one_shop_imports_into_another_switched_off_with_every_language() {
    let app = TestApp::spawn(Some(0)).await;
    let (geneve, _) = app.add_shop(swiss()).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("campaign.json");

    let exported = stdout(&relance(&app, &["campaign", "export", "--shop", "demo"]).await);
    std::fs::write(&file, &exported).unwrap();
    let imported = stdout(
        &relance(
            &app,
            &[
                "campaign",
                "import",
                "--shop",
                &geneve,
                file.to_str().unwrap(),
            ],
        )
        .await,
    );

    assert!(
        imported.contains("2 reminder(s), switched off"),
        "{imported}"
    );
    assert!(
        imported.contains("in EUR, this shop counts in CHF"),
        "{imported}"
    );
    let demo = server::db::load_campaign(&app.pool, "demo")
        .await
        .unwrap()
        .unwrap();
    let copy = server::db::load_campaign(&app.pool, &geneve)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(copy.steps().len(), demo.steps().len());
    for (original, copied) in demo.steps().iter().zip(copy.steps()) {
        assert_eq!(copied.delay, original.delay);
        assert_eq!(copied.audience, original.audience);
        assert_eq!(copied.discount, original.discount);
        assert!(!copied.enabled);
    }
    let demo_templates = server::db::load_templates(&app.pool, "demo").await.unwrap();
    let copied_templates = server::db::load_templates(&app.pool, &geneve)
        .await
        .unwrap();
    for step in copy.steps() {
        let copied = copied_templates
            .iter()
            .find(|t| t.id == step.template_id)
            .unwrap();
        let original = demo_templates
            .iter()
            .find(|t| t.name == copied.name && texts(t) == texts(copied));
        assert!(
            original.is_some(),
            "template {} copied as it was",
            copied.name
        );
        assert!(copied.contents.len() >= 2, "every language");
    }
}

#[tokio::test]
async fn the_admin_imports_a_downloaded_campaign_and_refuses_another_file_without_writing() {
    let app = TestApp::spawn(Some(0)).await;
    let (geneve, _) = app.add_shop(swiss()).await;
    let cookie = app.sign_in().await;
    let download = app.get_as(&cookie, "/s/demo/campaign.json").await;
    let steps_before = app.count("select count(*) from reminder_steps").await;

    let refused = app
        .call_form(
            &cookie,
            "import_campaign",
            &[("shop", &geneve), ("document", r#"{"hello": "world"}"#)],
        )
        .await;
    let staff = app.member("staff@geneve.test", &geneve, Role::Staff).await;
    let forbidden = app
        .call_form(
            &staff,
            "import_campaign",
            &[("shop", &geneve), ("document", &download.body)],
        )
        .await;
    let steps_after_refusals = app.count("select count(*) from reminder_steps").await;
    let done = app
        .call_form(
            &cookie,
            "import_campaign",
            &[("shop", &geneve), ("document", &download.body)],
        )
        .await;

    assert_eq!(download.status, StatusCode::OK);
    assert!(download.body.contains("\"format\": \"relance.campaign\""));
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("not a campaign exported from Relance"),
        "{}",
        refused.body
    );
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert_eq!(steps_after_refusals, steps_before);
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("\"imported\":true"), "{}", done.body);
    assert!(
        done.body
            .contains("amounts are in EUR, this shop counts in CHF"),
        "the CHF shop is told to review the amounts: {}",
        done.body
    );
}

#[tokio::test]
async fn disabling_a_campaign_from_the_command_line_stops_its_reminders_until_enabled() {
    let app = TestApp::spawn(Some(0)).await;
    let key = app.api_key().await;
    app.post_events(&key, cart_updated("e1", "web-1", "2026-11-23T09:00:00Z", 1))
        .await;
    let peer = SmtpPeer::start(&[]).await;

    let disabled = stdout(&relance(&app, &["campaign", "disable", "--shop", "demo"]).await);
    let listed = stdout(&relance(&app, &["campaign", "list", "--shop", "demo"]).await);
    let paused_run = app.run_once(&peer.url(), "2026-11-23T10:35:00Z").await;
    let enabled = stdout(&relance(&app, &["campaign", "enable", "--shop", "demo"]).await);
    let resumed_run = app.run_once(&peer.url(), "2026-11-23T10:36:00Z").await;
    let unknown = relance(&app, &["campaign", "disable", "--shop", "demo", "nope"]).await;

    assert!(disabled.contains("1 campaign(s) paused"), "{disabled}");
    assert!(listed.contains("\tpaused\t"), "{listed}");
    assert_eq!(paused_run["sent"], 0, "{paused_run}");
    assert!(enabled.contains("running"), "{enabled}");
    assert_eq!(resumed_run["sent"], 1, "{resumed_run}");
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no campaign `nope`"));
    let logged: Vec<(String, String)> = on!(&app.pool, |db| sqlx::query_as(
        "select user_email, after from audit_log where action = 'campaign_paused' order by at",
    )
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(
        logged,
        [
            ("relance (command line)".to_owned(), "paused".to_owned()),
            ("relance (command line)".to_owned(), "running".to_owned())
        ]
    );
}

#[tokio::test]
async fn an_export_carries_the_control_group_and_the_a_b_variant_with_its_template() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let (geneve, _) = app.add_shop(swiss()).await;
    let loaded = app
        .call_form(&cookie, "load_reminder_editor", &[("id", "demo-step-1")])
        .await;
    let data: serde_json::Value = serde_json::from_str(&loaded.body).unwrap();
    let mut draft = data["draft"].clone();
    let own = draft["template_id"].as_str().unwrap().to_owned();
    let other = data["templates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["id"].as_str().unwrap().to_owned(),
                t["name"].as_str().unwrap().to_owned(),
            )
        })
        .find(|(id, _)| *id != own)
        .unwrap();
    draft["split"] = true.into();
    draft["split_template"] = other.0.as_str().into();
    draft["split_share"] = "25".into();
    let saved = app
        .call_json(
            &cookie,
            "save_reminder",
            serde_json::json!({"draft": draft}),
        )
        .await;
    assert!(saved.body.contains("Saved"), "{}", saved.body);
    let loaded = app
        .call_form(&cookie, "load_rule", &[("id", "demo-campaign")])
        .await;
    let mut rule: serde_json::Value = serde_json::from_str(&loaded.body).unwrap();
    rule["draft"]["holdout"] = "20".into();
    let saved = app
        .call_json(
            &cookie,
            "save_rule",
            serde_json::json!({"draft": rule["draft"]}),
        )
        .await;
    assert!(saved.body.contains("Saved"), "{}", saved.body);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("campaign.json");
    // The shop's first rule, the demo's guide campaign.
    let exported = stdout(&relance(&app, &["campaign", "export", "--shop", "demo"]).await);
    std::fs::write(&file, &exported).unwrap();
    let imported = relance(
        &app,
        &[
            "campaign",
            "import",
            "--shop",
            &geneve,
            file.to_str().unwrap(),
        ],
    )
    .await;
    assert!(imported.status.success(), "{}", stdout(&imported));

    let copy = server::db::load_campaign(&app.pool, &geneve)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(copy.holdout().percent(), 20);
    let split = copy.steps()[0]
        .split
        .clone()
        .expect("the variant came along");
    assert_eq!(split.share.percent(), 25);
    let templates = server::db::load_templates(&app.pool, &geneve)
        .await
        .unwrap();
    let variant = templates
        .iter()
        .find(|t| t.id == split.template_id)
        .expect("variant B's template is the new shop's");
    assert_eq!(variant.name, other.1);
}
