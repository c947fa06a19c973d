use axum::http::StatusCode;
use domain::{DiscountDraft, DiscountType, RangeDraft, StepDraft};
use serde_json::{json, Value};
use server::on;

use crate::helpers::TestApp;

async fn editor(app: &TestApp, cookie: &str, id: &str) -> Value {
    let response = app
        .call_form(cookie, "load_reminder_editor", &[("id", id)])
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn new_draft(app: &TestApp, cookie: &str) -> StepDraft {
    serde_json::from_value(editor(app, cookie, "").await["draft"].clone()).unwrap()
}

async fn steps(app: &TestApp) -> Vec<(String, i64, String, bool)> {
    on!(&app.pool, |db| sqlx::query_as(
        "select step_id, delay_amount, delay_unit, enabled from reminder_steps
         order by delay_amount * case delay_unit when 'days' then 24 else 1 end",
    )
    .fetch_all(db)
    .await)
    .unwrap()
}

fn three_ranges(mut draft: StepDraft) -> StepDraft {
    draft.delay_amount = "3".into();
    draft.delay_unit = domain::DelayUnit::Days;
    draft.by_cart_value = true;
    let range = |min: &str, max: &str, percent: &str| RangeDraft {
        min: min.into(),
        max: max.into(),
        discount: DiscountDraft::percent(percent),
        template_id: String::new(),
    };
    draft.ranges = vec![
        range("0", "", "5"),
        range("50", "", "10"),
        RangeDraft {
            min: "100".into(),
            max: String::new(),
            template_id: String::new(),
            discount: DiscountDraft {
                kind: DiscountType::FreeShipping,
                ..DiscountDraft::none()
            },
        },
    ];
    draft
}

#[tokio::test]
async fn a_reminder_with_three_ranges_is_saved_in_delay_order_and_opens_again_as_saved() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let draft = three_ranges(new_draft(&app, &cookie).await);

    let response = app
        .call_json(&cookie, "save_reminder", json!({ "draft": draft }))
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let outcome: Value = serde_json::from_str(&response.body).unwrap();
    let id = outcome["Saved"]["id"].as_str().unwrap().to_owned();
    let delays: Vec<(i64, String)> = steps(&app)
        .await
        .into_iter()
        .map(|(_, amount, unit, _)| (amount, unit))
        .collect();
    assert_eq!(
        delays,
        [(1, "hours".into()), (1, "days".into()), (3, "days".into())]
    );
    let reopened: StepDraft =
        serde_json::from_value(editor(&app, &cookie, &id).await["draft"].clone()).unwrap();
    assert_eq!(reopened.ranges.len(), 3);
    assert_eq!(reopened.ranges[1].discount.value, "10");
    assert_eq!(reopened.parse().unwrap(), {
        let mut expected = draft.parse().unwrap();
        expected.id = id;
        expected
    });
}

#[tokio::test]
async fn a_crafted_call_with_overlapping_ranges_is_refused_with_the_range_and_nothing_saved() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let mut draft = three_ranges(new_draft(&app, &cookie).await);
    // Range 3 starts inside range 2.
    draft.ranges[2].min = "40".into();
    let before = steps(&app).await;

    let response = app
        .call_json(&cookie, "save_reminder", json!({ "draft": draft }))
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let outcome: Value = serde_json::from_str(&response.body).unwrap();
    let problem = &outcome["Invalid"]["problems"][0];
    assert_eq!(problem["stage"], "discount");
    assert_eq!(problem["field"], "ranges[2]");
    assert_eq!(problem["issue"]["error"]["kind"], "unsorted");
    assert_eq!(steps(&app).await, before);
}

#[tokio::test]
async fn a_sixth_reminder_and_a_second_one_at_the_same_delay_are_refused() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let mut same = new_draft(&app, &cookie).await;
    same.delay_amount = "1".into();
    let response = app
        .call_json(&cookie, "save_reminder", json!({ "draft": same }))
        .await;
    let outcome: Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(outcome["Refused"]["SameDelay"]["hours"], 1);

    for hours in [2, 3, 4] {
        let mut draft = new_draft(&app, &cookie).await;
        draft.delay_amount = hours.to_string();
        let response = app
            .call_json(&cookie, "save_reminder", json!({ "draft": draft }))
            .await;
        assert!(response.body.contains("Saved"), "{}", response.body);
    }
    let mut sixth = new_draft(&app, &cookie).await;
    sixth.delay_amount = "5".into();
    let response = app
        .call_json(&cookie, "save_reminder", json!({ "draft": sixth }))
        .await;

    let outcome: Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(outcome["Refused"], "TooMany");
    assert_eq!(steps(&app).await.len(), 5);
}

#[tokio::test]
async fn the_switch_duplicate_and_delete_act_on_the_stored_reminders() {
    let app = TestApp::spawn(Some(0)).await;
    let cookie = app.sign_in().await;
    let first = steps(&app).await[0].0.clone();

    let off = app
        .call_form(
            &cookie,
            "set_reminder_enabled",
            &[("id", first.as_str()), ("enabled", "false")],
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    assert!(!steps(&app).await[0].3);

    let copy = app
        .call_form(&cookie, "duplicate_reminder", &[("id", first.as_str())])
        .await;
    assert_eq!(copy.status, StatusCode::OK, "{}", copy.body);
    let copy: Value = serde_json::from_str(&copy.body).unwrap();
    let copy_id = copy["Saved"]["id"].as_str().unwrap().to_owned();
    let all = steps(&app).await;
    assert_eq!(all.len(), 3);
    let copied = all.iter().find(|s| s.0 == copy_id).unwrap();
    // One hour plus a day: the first free delay, and off until edited.
    assert_eq!(
        (copied.1, copied.2.as_str(), copied.3),
        (25, "hours", false)
    );

    let deleted = app
        .call_form(&cookie, "delete_reminder", &[("id", copy_id.as_str())])
        .await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert_eq!(steps(&app).await.len(), 2);
    let again = app
        .call_form(&cookie, "delete_reminder", &[("id", copy_id.as_str())])
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}
