use std::collections::BTreeMap;

use super::*;
use crate::{ContentDraft, DelayUnit, DiscountDraft, DiscountType, Language, Layout};

fn template(id: &str) -> TemplateDraft {
    let content = |subject: &str| ContentDraft {
        subject: subject.into(),
        body: "Bonjour {firstname}".into(),
        discount_text: String::new(),
        button_text: "Voir".into(),
        reassurance: vec![],
        facebook: String::new(),
        instagram: String::new(),
        x: String::new(),
        unsubscribe_text: "{unsubscribe}".into(),
        unsubscribe_link_text: "ici".into(),
    };
    TemplateDraft {
        id: id.into(),
        name: format!("Template {id}"),
        layout: Layout::Boxy,
        primary_color: "#1a73e8".into(),
        secondary_color: "#f4b400".into(),
        contents: BTreeMap::from([
            (Language::FRENCH, content("Votre panier")),
            (Language::ENGLISH, content("Your cart")),
        ]),
    }
}

/// Two steps: one hour without discount, one day with 5 € off.
fn document() -> CampaignDocument {
    let first = StepDraft::new("t1");
    let mut second = StepDraft::new("t2");
    second.delay_amount = "1".into();
    second.delay_unit = DelayUnit::Days;
    second.single = DiscountDraft {
        kind: DiscountType::Amount,
        value: "5".into(),
        ..DiscountDraft::none()
    };
    let campaign = Campaign::new(
        "c".into(),
        "Guide",
        vec![first.parse().unwrap(), second.parse().unwrap()],
    )
    .unwrap()
    .with_escalation(true);
    let templates = [template("t1"), template("t2"), template("unused")]
        .iter()
        .map(|t| t.parse().unwrap())
        .collect::<Vec<_>>();
    CampaignDocument::of(&campaign, Currency::parse("EUR").unwrap(), &templates)
}

#[test]
fn a_document_holds_the_steps_and_only_the_templates_they_send() {
    let doc = document();
    assert_eq!((doc.format.as_str(), doc.version), (FORMAT, VERSION));
    assert_eq!(doc.steps.len(), 2);
    let ids: Vec<&str> = doc.templates.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["t1", "t2"]);
    assert_eq!(doc.templates[0].contents.len(), 2, "every language");
}

#[test]
fn a_document_reads_back_switched_off_with_the_same_steps() {
    let doc = document();
    let checked = doc.check(Currency::parse("EUR").unwrap()).unwrap();
    assert_eq!(checked.name, "Guide");
    assert!(checked.escalation);
    assert!(checked.steps.iter().all(|s| !s.enabled));
    assert_eq!(
        checked.steps[1].discount,
        doc.steps[1].parse().unwrap().discount
    );
    assert_eq!(checked.templates.len(), 2);
    assert!(checked.review.is_empty());
}

#[test]
fn amounts_in_another_currency_are_flagged_for_review() {
    let checked = document().check(Currency::parse("CHF").unwrap()).unwrap();
    assert_eq!(
        checked.review,
        [ReviewNote::Currency {
            step: 2,
            from: Currency::parse("EUR").unwrap(),
            to: Currency::parse("CHF").unwrap(),
        }]
    );
}

#[test]
fn a_broken_document_names_every_problem_and_imports_nothing() {
    let mut doc = document();
    doc.steps[0].delay_amount = "0".into();
    doc.steps[1].template_id = "gone".into();
    doc.templates[0].primary_color = "blue-ish".into();
    let problems = doc.check(Currency::parse("EUR").unwrap()).unwrap_err();
    assert!(matches!(
        problems[0],
        ImportProblem::Template { template: 1, .. }
    ));
    assert!(matches!(problems[1], ImportProblem::Step { step: 1, .. }));
    assert_eq!(problems[2], ImportProblem::MissingTemplate { step: 2 });
}

#[test]
fn only_a_campaign_document_of_a_known_version_is_accepted() {
    assert_eq!(CampaignDocument::accept(Some(FORMAT), Some(1)), Ok(()));
    assert_eq!(
        CampaignDocument::accept(Some("something.else"), Some(1)),
        Err(ImportProblem::NotACampaign)
    );
    assert_eq!(
        CampaignDocument::accept(Some(FORMAT), Some(VERSION + 1)),
        Err(ImportProblem::NewerVersion {
            version: VERSION + 1
        })
    );
}
