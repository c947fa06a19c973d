use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::*;
use crate::campaign::{
    Audience, Campaign, Delay, DelayFrom, Discount, DiscountKind, DiscountPolicy, Percent,
    ReminderStep, ValidityDays,
};
use crate::model::{
    EmailTemplate, HexColor, Language, Layout, SocialLinks, Subject, TemplateContent,
};

fn content(body: &str, unsubscribe: &str) -> TemplateContent {
    TemplateContent {
        subject: Subject::parse("Votre panier").unwrap(),
        body: body.into(),
        discount_text: String::new(),
        button_text: String::new(),
        reassurance: vec![],
        social: SocialLinks::default(),
        unsubscribe_text: unsubscribe.into(),
        unsubscribe_link_text: String::new(),
    }
}

fn template(id: &str, contents: Vec<(Language, TemplateContent)>) -> EmailTemplate {
    EmailTemplate::new(
        id.into(),
        id,
        Layout::Boxy,
        HexColor::parse("#1A73E8").unwrap(),
        HexColor::parse("#F4B400").unwrap(),
        contents.into_iter().collect::<BTreeMap<_, _>>(),
    )
    .unwrap()
}

fn step(id: &str, delay: Delay, template: &str, coupon_days: Option<u32>) -> ReminderStep {
    ReminderStep {
        id: id.into(),
        delay,
        enabled: true,
        audience: Audience::EVERYONE,
        discount: match coupon_days {
            None => DiscountPolicy::None,
            Some(days) => DiscountPolicy::Single {
                discount: Discount {
                    kind: DiscountKind::Percent {
                        percent: Percent::new(Decimal::TEN).unwrap(),
                    },
                    validity: ValidityDays::new(days).unwrap(),
                    combinable: false,
                },
            },
        },
        template_id: template.into(),
        channel: Default::default(),
        code_collection: None,
        split: None,
    }
}

fn rule(id: &str, priority: i32, conditions: Vec<Condition>, steps: Vec<ReminderStep>) -> Campaign {
    Campaign::new(id.into(), id, steps)
        .unwrap()
        .with_rule(priority, Conditions::new(conditions).unwrap())
}

fn french() -> Condition {
    Condition::Country {
        countries: vec!["FR".into()],
    }
}

#[test]
fn a_sound_rule_passes_the_check() {
    let templates = [template(
        "t",
        vec![(Language::FRENCH, content("{cart}", "{unsubscribe}"))],
    )];
    let campaign = rule(
        "r",
        0,
        vec![],
        vec![step("s", Delay::hours(1).unwrap(), "t", None)],
    );
    let context = LaunchContext {
        templates: &templates,
        languages: &[Language::FRENCH],
        has_sender: true,
        collections: &[],
        has_sms_provider: true,
    };
    assert_eq!(
        launch_check(&campaign, std::slice::from_ref(&campaign), &context),
        []
    );
}

#[test]
fn each_problem_of_a_rule_is_found_and_only_some_block_it() {
    let templates = [template(
        "t",
        vec![(Language::ENGLISH, content("{cart} {prenom}", "bye"))],
    )];
    // Step 1's coupon lasts 2 days; step 2 goes 3 days after it.
    let later = Delay::days(3)
        .unwrap()
        .counted_from(DelayFrom::PreviousStep);
    let campaign = rule(
        "r",
        0,
        vec![french()],
        vec![
            step("s1", Delay::hours(1).unwrap(), "t", Some(2)),
            step("s2", later, "gone", None),
        ],
    );
    let context = LaunchContext {
        templates: &templates,
        languages: &[Language::FRENCH, Language::ENGLISH],
        has_sender: false,
        collections: &[],
        has_sms_provider: true,
    };
    let problems = launch_check(&campaign, std::slice::from_ref(&campaign), &context);
    assert_eq!(
        problems,
        [
            LaunchProblem::FallsBackToEnglish {
                step: 1,
                language: Language::FRENCH
            },
            LaunchProblem::UnknownTag {
                step: 1,
                language: Language::ENGLISH,
                tag: "prenom".into()
            },
            LaunchProblem::UnsubscribeMissing {
                step: 1,
                language: Language::ENGLISH
            },
            LaunchProblem::CouponExpiresFirst {
                step: 1,
                days: 2,
                next_after_hours: 72
            },
            LaunchProblem::TemplateMissing { step: 2 },
            LaunchProblem::NoSender,
        ]
    );
    let blocking: Vec<bool> = problems.iter().map(LaunchProblem::blocking).collect();
    assert_eq!(blocking, [false, true, false, false, true, false]);
}

#[test]
fn a_rule_behind_one_with_fewer_conditions_is_shadowed_unless_that_one_is_paused() {
    let everyone = rule("everyone", 10, vec![], vec![]);
    let french_only = rule("french", 0, vec![french()], vec![]);
    let context = LaunchContext {
        templates: &[],
        languages: &[],
        has_sender: true,
        collections: &[],
        has_sms_provider: true,
    };
    let all = [everyone.clone(), french_only.clone()];
    assert!(
        launch_check(&french_only, &all, &context).contains(&LaunchProblem::Shadowed {
            by: "everyone".into()
        })
    );
    // Before it, the French rule leaves room for the others.
    assert!(!launch_check(&everyone, &all, &context)
        .iter()
        .any(|p| matches!(p, LaunchProblem::Shadowed { .. })));
    let paused = [everyone.with_paused(true), french_only.clone()];
    assert!(!launch_check(&french_only, &paused, &context)
        .iter()
        .any(|p| matches!(p, LaunchProblem::Shadowed { .. })));
}

#[test]
fn a_tiers_missing_template_and_a_collection_running_out_are_found() {
    let templates = [template(
        "t",
        vec![(Language::FRENCH, content("{cart}", "{unsubscribe}"))],
    )];
    let mut with_tier = step("s", Delay::hours(1).unwrap(), "t", None);
    let tier = |min: i64, template: Option<&str>| crate::campaign::DiscountRange {
        min: Decimal::from(min),
        max: None,
        discount: Discount {
            kind: DiscountKind::FreeShipping,
            validity: ValidityDays::new(7).unwrap(),
            combinable: false,
        },
        template_id: template.map(str::to_owned),
    };
    with_tier.discount = DiscountPolicy::Ranges {
        ranges: crate::campaign::DiscountRanges::new(
            crate::campaign::ValueBasis::TaxIncluded,
            vec![tier(0, None), tier(100, Some("gone"))],
        )
        .unwrap(),
    };
    with_tier.code_collection = Some("noel".into());
    let campaign = rule("r", 0, vec![], vec![with_tier]);
    let collections = [("noel".to_owned(), 3)];
    let context = LaunchContext {
        templates: &templates,
        languages: &[Language::FRENCH],
        has_sender: true,
        collections: &collections,
        has_sms_provider: true,
    };
    assert_eq!(
        launch_check(&campaign, std::slice::from_ref(&campaign), &context),
        [
            LaunchProblem::TemplateMissing { step: 1 },
            LaunchProblem::CodesRunningOut { step: 1, left: 3 },
        ]
    );
}

#[test]
fn an_sms_step_is_checked_on_its_texts_and_the_provider_not_on_a_template() {
    let mut sms = step("s", Delay::hours(1).unwrap(), "gone", None);
    let english = crate::sms::SmsText::parse("{first_name}, your cart: {cart_link}").unwrap();
    sms.channel = crate::calls::Channel::Sms {
        texts: crate::sms::SmsTexts::new([(Language::ENGLISH, english)].into()).unwrap(),
    };
    let campaign = rule("r", 0, vec![], vec![sms]);
    let context = LaunchContext {
        templates: &[],
        languages: &[Language::FRENCH, Language::ENGLISH],
        has_sender: true,
        collections: &[],
        has_sms_provider: false,
    };
    assert_eq!(
        launch_check(&campaign, std::slice::from_ref(&campaign), &context),
        [
            LaunchProblem::NoSmsProvider { step: 1 },
            LaunchProblem::FallsBackToEnglish {
                step: 1,
                language: Language::FRENCH,
            },
        ]
    );
}
