use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{DateTime, Duration, TimeZone, Utc};
use rust_decimal::Decimal;

use super::*;
use crate::campaign::{
    Audience, Campaign, Delay, Discount, DiscountKind, DiscountPolicy, DiscountRange,
    DiscountRanges, Percent, ProfileSet, ReminderStep, ValidityDays, ValueBasis,
};
use crate::model::{
    Cart, CartItem, Currency, Customer, EmailAddress, EmailTemplate, HexColor, Language, Layout,
    Money, NewCart, NewCustomer, SocialLinks, Subject, TemplateContent,
};

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn eur(amount: &str) -> Money {
    Money::new(Decimal::from_str(amount).unwrap(), Currency::EUR).unwrap()
}

fn discount(kind: DiscountKind, days: u32) -> Discount {
    Discount {
        kind,
        validity: ValidityDays::new(days).unwrap(),
        combinable: false,
    }
}

/// The PrestaShop guide's campaign, as the demo seeds it.
fn campaign() -> Campaign {
    let ranges = DiscountRanges::new(
        ValueBasis::TaxIncluded,
        vec![
            DiscountRange {
                min: Decimal::ONE,
                max: None,
                template_id: None,
                discount: discount(
                    DiscountKind::Percent {
                        percent: Percent::new(Decimal::TEN).unwrap(),
                    },
                    10,
                ),
            },
            DiscountRange {
                min: Decimal::from(50),
                max: None,
                template_id: None,
                discount: discount(DiscountKind::FreeShipping, 11),
            },
            DiscountRange {
                min: Decimal::from(100),
                max: None,
                template_id: None,
                discount: discount(
                    DiscountKind::Amount {
                        amount: Decimal::from(20),
                        tax_included: true,
                    },
                    7,
                ),
            },
        ],
    )
    .unwrap();
    Campaign::new(
        "c".into(),
        "Relance",
        vec![
            ReminderStep {
                id: "s1".into(),
                delay: Delay::hours(1).unwrap(),
                enabled: true,
                audience: Audience::EVERYONE,
                discount: DiscountPolicy::None,
                template_id: "t1".into(),
                channel: Default::default(),
                code_collection: None,
                split: None,
            },
            ReminderStep {
                id: "s2".into(),
                delay: Delay::days(1).unwrap(),
                enabled: true,
                audience: Audience::EVERYONE,
                discount: DiscountPolicy::Ranges { ranges },
                template_id: "t2".into(),
                channel: Default::default(),
                code_collection: None,
                split: None,
            },
        ],
    )
    .unwrap()
}

fn content() -> TemplateContent {
    TemplateContent {
        subject: Subject::parse("Votre panier").unwrap(),
        body: "{cart}".into(),
        discount_text: String::new(),
        button_text: String::new(),
        reassurance: vec![],
        social: SocialLinks::default(),
        unsubscribe_text: "{unsubscribe}".into(),
        unsubscribe_link_text: String::new(),
    }
}

fn template(id: &str, languages: &[Language]) -> EmailTemplate {
    EmailTemplate::new(
        id.into(),
        id,
        Layout::Boxy,
        HexColor::parse("#1A73E8").unwrap(),
        HexColor::parse("#F4B400").unwrap(),
        languages
            .iter()
            .map(|l| (*l, content()))
            .collect::<BTreeMap<_, _>>(),
    )
    .unwrap()
}

fn cart(total: &str) -> Cart {
    Cart::new(NewCart {
        id: "c-1".into(),
        currency: Currency::EUR,
        items: vec![CartItem {
            sku: "s".into(),
            name: "T-shirt".into(),
            description: String::new(),
            image_url: None,
            product_url: None,
            category: None,
            unit_price: eur(total),
            quantity: 1,
            stock: None,
            ean: None,
        }],
        total_tax_incl: eur(total),
        total_tax_excl: eur("0"),
        shipping: eur("0"),
        url: None,
    })
    .unwrap()
}

fn customer(language: &str, newsletter: bool) -> Customer {
    Customer::new(
        EmailAddress::parse("jeanne@example.com").unwrap(),
        NewCustomer {
            id: "cu".into(),
            first_name: "Jeanne".into(),
            last_name: "Martin".into(),
            gender: None,
            language: Some(Language::parse(language).unwrap()),
            country: None,
            groups: vec![],
            newsletter,
            birthdate: None,
            orders_count: 0,
            last_order_at: None,
            ..Default::default()
        },
    )
    .unwrap()
}

struct World {
    campaign: Campaign,
    templates: Vec<EmailTemplate>,
    cart: Cart,
    customer: Customer,
    done: Vec<String>,
}

impl World {
    fn new() -> Self {
        Self {
            campaign: campaign(),
            templates: vec![
                template("t1", &[Language::FRENCH, Language::ENGLISH]),
                template("t2", &[Language::FRENCH, Language::ENGLISH]),
            ],
            cart: cart("69.51"),
            customer: customer("fr", true),
            done: Vec::new(),
        }
    }

    fn situation(&self) -> Situation<'_> {
        Situation {
            cart: &self.cart,
            customer: &self.customer,
            // Idle 30 minutes (the default "abandoned after"): abandoned at `start()`.
            last_activity_at: start() - Duration::minutes(30),
            sequence: SequenceFacts::default(),
            ordered: false,
            deleted: false,
            unsubscribed: false,
            suppressed: false,
            done_steps: &self.done,
            last_reminder_at: None,
            last_coupon_at: None,
            zone: &Utc,
        }
    }

    fn decide_with(&self, situation: &Situation<'_>, now: DateTime<Utc>) -> Action {
        decide(
            &self.campaign,
            situation,
            |id| self.templates.iter().find(|t| t.id == id),
            &SendingRules::default(),
            now,
        )
    }

    fn decide(&self, now: DateTime<Utc>) -> Action {
        self.decide_with(&self.situation(), now)
    }
}

fn send(step: &str, language: Language, discount: Option<Discount>) -> Action {
    Action::Send {
        step_id: step.into(),
        language,
        discount,
        discount_held: None,
    }
}

fn skip(step: &str, reason: SkipReason) -> Action {
    Action::Skip {
        step_id: step.into(),
        reason,
    }
}

#[test]
fn step_delays_count_from_the_abandonment_not_from_the_last_activity() {
    let world = World::new();
    let situation = world.situation();
    let rules = SendingRules {
        abandoned_after: Duration::hours(2),
        ..SendingRules::default()
    };
    let decide_at = |now| {
        decide(
            &world.campaign,
            &situation,
            |id| world.templates.iter().find(|t| t.id == id),
            &rules,
            now,
        )
    };
    // Last active at start - 30 min, abandoned two hours later, step 1 an hour after that.
    let due = start() - Duration::minutes(30) + Duration::hours(3);
    assert_eq!(
        decide_at(start() + Duration::hours(1)),
        Action::Wait { at: due }
    );
    assert_eq!(decide_at(due), send("s1", Language::FRENCH, None));
}

#[test]
fn the_first_step_waits_one_hour_after_the_abandonment() {
    let world = World::new();
    assert_eq!(
        world.decide(start() + Duration::minutes(59)),
        Action::Wait {
            at: start() + Duration::hours(1)
        }
    );
    assert_eq!(
        world.decide(start() + Duration::hours(1)),
        send("s1", Language::FRENCH, None)
    );
}

#[test]
fn the_second_step_follows_with_the_discount_of_the_cart_value_range() {
    let mut world = World::new();
    world.done = vec!["s1".into()];
    let situation = Situation {
        last_reminder_at: Some(start() + Duration::hours(1)),
        ..world.situation()
    };
    assert_eq!(
        world.decide_with(&situation, start() + Duration::hours(23)),
        Action::Wait {
            at: start() + Duration::days(1)
        }
    );
    assert_eq!(
        world.decide_with(&situation, start() + Duration::days(1)),
        send(
            "s2",
            Language::FRENCH,
            Some(discount(DiscountKind::FreeShipping, 11))
        )
    );
    let mut big_cart = World::new();
    big_cart.done = vec!["s1".into()];
    big_cart.cart = cart("120");
    let Action::Send {
        discount: Some(big),
        ..
    } = big_cart.decide(start() + Duration::days(1))
    else {
        panic!("the step is sent");
    };
    assert!(matches!(big.kind, DiscountKind::Amount { .. }));
}

#[test]
fn after_a_day_down_the_stale_first_step_is_skipped_and_the_second_sent_in_order() {
    let mut world = World::new();
    let now = start() + Duration::days(2);
    assert_eq!(world.decide(now), skip("s1", SkipReason::TooLate));
    world.done = vec!["s1".into()];
    assert_eq!(
        world.decide(now),
        send(
            "s2",
            Language::FRENCH,
            Some(discount(DiscountKind::FreeShipping, 11))
        )
    );
    world.done.push("s2".into());
    assert_eq!(world.decide(now), Action::Done);
}

#[test]
fn an_ordered_emptied_deleted_unsubscribed_or_suppressed_cart_is_skipped_with_its_reason() {
    let world = World::new();
    let now = start() + Duration::hours(2);
    let cases = [
        (
            Situation {
                ordered: true,
                ..world.situation()
            },
            SkipReason::Ordered,
        ),
        (
            Situation {
                deleted: true,
                ..world.situation()
            },
            SkipReason::Deleted,
        ),
        (
            Situation {
                unsubscribed: true,
                ..world.situation()
            },
            SkipReason::Unsubscribed,
        ),
        (
            Situation {
                suppressed: true,
                unsubscribed: true,
                ..world.situation()
            },
            SkipReason::Suppressed,
        ),
    ];
    for (situation, reason) in cases {
        assert_eq!(world.decide_with(&situation, now), skip("s1", reason));
    }
    let mut emptied = World::new();
    emptied.cart.items.clear();
    assert_eq!(emptied.decide(now), skip("s1", SkipReason::Emptied));
}

#[test]
fn the_audience_filters_newsletter_and_profiles() {
    let mut world = World::new();
    world.campaign = Campaign::new(
        "c".into(),
        "Relance",
        vec![ReminderStep {
            audience: Audience {
                newsletter_only: true,
                profiles: ProfileSet::new(true, true, false).unwrap(),
            },
            ..world.campaign.steps()[0].clone()
        }],
    )
    .unwrap();
    let now = start() + Duration::hours(1);
    world.customer = customer("fr", false);
    assert_eq!(
        world.decide(now),
        skip("s1", SkipReason::NotSubscribedToNewsletter)
    );
    world.customer = customer("fr", true);
    assert_eq!(world.decide(now), skip("s1", SkipReason::OutsideAudience));
}

#[test]
fn the_language_falls_back_to_english_else_the_step_is_skipped() {
    let mut world = World::new();
    world.customer = customer("de", true);
    let now = start() + Duration::hours(1);
    assert_eq!(world.decide(now), send("s1", Language::ENGLISH, None));
    world.templates[0] = template("t1", &[Language::FRENCH]);
    assert_eq!(
        world.decide(now),
        skip("s1", SkipReason::NoContentForLanguage)
    );
    world.templates.remove(0);
    assert_eq!(world.decide(now), skip("s1", SkipReason::TemplateMissing));
}

#[test]
fn a_customer_reminded_recently_waits_for_the_minimum_gap() {
    let world = World::new();
    let other_cart_reminder = start() - Duration::hours(2);
    let situation = Situation {
        last_reminder_at: Some(other_cart_reminder),
        ..world.situation()
    };
    let now = start() + Duration::hours(1);
    assert_eq!(
        world.decide_with(&situation, now),
        Action::Wait {
            at: other_cart_reminder + Duration::hours(12)
        }
    );
    assert_eq!(
        world.decide_with(&situation, other_cart_reminder + Duration::hours(12)),
        send("s1", Language::FRENCH, None)
    );
}

#[test]
fn a_second_coupon_within_thirty_days_is_withheld_but_the_mail_goes() {
    let mut world = World::new();
    world.done = vec!["s1".into()];
    let situation = Situation {
        last_coupon_at: Some(start() - Duration::days(10)),
        ..world.situation()
    };
    assert_eq!(
        world.decide_with(&situation, start() + Duration::days(1)),
        Action::Send {
            step_id: "s2".into(),
            language: Language::FRENCH,
            discount: None,
            discount_held: Some(DiscountHold::Cooldown),
        }
    );
    let long_ago = Situation {
        last_coupon_at: Some(start() - Duration::days(31)),
        ..world.situation()
    };
    assert!(matches!(
        world.decide_with(&long_ago, start() + Duration::days(1)),
        Action::Send {
            discount: Some(_),
            ..
        }
    ));
}

#[test]
fn disabled_steps_are_passed_over() {
    let mut world = World::new();
    let mut steps = world.campaign.steps().to_vec();
    steps[0].enabled = false;
    world.campaign = Campaign::new("c".into(), "Relance", steps).unwrap();
    assert_eq!(
        world.decide(start() + Duration::hours(2)),
        Action::Wait {
            at: start() + Duration::days(1)
        }
    );
}

#[test]
fn skip_reasons_have_stable_names() {
    for reason in SkipReason::ALL {
        assert_eq!(SkipReason::parse(reason.as_str()), Some(reason));
    }
    assert_eq!(
        SkipReason::NoContentForLanguage.as_str(),
        "no_content_for_language"
    );
}

#[test]
fn a_begun_sequence_keeps_its_schedule_when_the_abandonment_delay_changes() {
    let mut world = World::new();
    world.done = vec!["s1".into()];
    let situation = Situation {
        sequence: SequenceFacts {
            abandoned_at: Some(start()),
            sent: true,
            ..SequenceFacts::default()
        },
        last_reminder_at: Some(start() + Duration::hours(1)),
        ..world.situation()
    };
    let longer = SendingRules {
        abandoned_after: Duration::hours(3),
        ..SendingRules::default()
    };
    let action = decide(
        &world.campaign,
        &situation,
        |id| world.templates.iter().find(|t| t.id == id),
        &longer,
        start() + Duration::days(1),
    );
    assert!(
        matches!(&action, Action::Send { step_id, .. } if step_id == "s2"),
        "{action:?}"
    );
}

#[test]
fn a_cart_active_again_waits_to_be_abandoned_again_before_its_next_step() {
    let mut world = World::new();
    world.done = vec!["s1".into()];
    // Step 2 was due at start + 1 day, but the customer removed an item 10 minutes before.
    let activity = start() + Duration::days(1) - Duration::minutes(10);
    let situation = Situation {
        last_activity_at: activity,
        sequence: SequenceFacts {
            abandoned_at: Some(start()),
            sent: true,
            ..SequenceFacts::default()
        },
        ..world.situation()
    };
    assert_eq!(
        world.decide_with(&situation, start() + Duration::days(1)),
        Action::Wait {
            at: activity + Duration::minutes(30)
        }
    );
}

#[test]
fn a_restarted_sequence_gets_nothing_within_seven_days_of_another_one_s_reminders() {
    let world = World::new();
    let restarted = |other: Option<DateTime<Utc>>, sent| Situation {
        sequence: SequenceFacts {
            restarted: true,
            sent,
            other_restart_sent_at: other,
            ..SequenceFacts::default()
        },
        ..world.situation()
    };
    let now = start() + Duration::hours(1);
    let six_days_ago = Some(now - Duration::days(6));
    let eight_days_ago = Some(now - Duration::days(8));
    assert_eq!(
        world.decide_with(&restarted(six_days_ago, false), now),
        skip("s1", SkipReason::ReEntryLimit)
    );
    assert_eq!(
        world.decide_with(&restarted(eight_days_ago, false), now),
        send("s1", Language::FRENCH, None)
    );
    assert_eq!(
        world.decide_with(&restarted(None, false), now),
        send("s1", Language::FRENCH, None)
    );
    // A sequence that already reminded the customer goes on.
    assert_eq!(
        world.decide_with(&restarted(six_days_ago, true), now),
        send("s1", Language::FRENCH, None)
    );
    let no_limit = SendingRules {
        re_entry: Duration::zero(),
        ..SendingRules::default()
    };
    let situation = restarted(six_days_ago, false);
    let action = decide(
        &world.campaign,
        &situation,
        |id| world.templates.iter().find(|t| t.id == id),
        &no_limit,
        now,
    );
    assert_eq!(action, send("s1", Language::FRENCH, None));
}

#[test]
fn a_step_due_in_the_quiet_hours_waits_for_their_end_and_its_lateness_counts_from_there() {
    let world = World::new();
    // Abandoned at 21:30 UTC: the first step (1 hour) falls due at 22:30, inside 21:00-08:00.
    let evening = start() + Duration::hours(11) + Duration::minutes(30);
    let situation = Situation {
        last_activity_at: evening - Duration::minutes(30),
        ..world.situation()
    };
    let morning = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
    let rules = SendingRules::default();

    let at_night = world.decide_with(&situation, evening + Duration::hours(2));
    assert_eq!(at_night, Action::Wait { at: morning });
    assert!(matches!(
        world.decide_with(&situation, morning),
        Action::Send { .. }
    ));
    // 24 hours of lateness count from 08:00, not from 22:30.
    let late = morning + rules.max_lateness;
    assert!(matches!(
        world.decide_with(&situation, late),
        Action::Send { .. }
    ));
    assert!(matches!(
        world.decide_with(&situation, late + Duration::minutes(1)),
        Action::Skip {
            reason: SkipReason::TooLate,
            ..
        }
    ));
}

#[test]
fn a_step_decided_at_night_after_an_outage_waits_for_the_morning_and_no_quiet_hours_send_at_once() {
    let world = World::new();
    // Due at 11:00 UTC; the server comes back at 23:00, inside the quiet hours.
    let back = start() + Duration::hours(13);
    let morning = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
    assert_eq!(world.decide(back), Action::Wait { at: morning });
    let anytime = SendingRules {
        quiet_hours: None,
        ..SendingRules::default()
    };
    assert!(matches!(
        decide(
            &world.campaign,
            &world.situation(),
            |id| world.templates.iter().find(|t| t.id == id),
            &anytime,
            back
        ),
        Action::Send { .. }
    ));
}

#[test]
fn an_escalating_campaign_offers_a_discount_only_after_a_reminder_without_one() {
    let mut world = World::new();
    world.campaign = campaign().with_escalation(true);
    world.done = vec!["s1".into()];
    let second_step_due = start() + Duration::days(1);
    // Step 1 was skipped (no reminder went out): step 2 goes out, its discount held back.
    let first = world.decide(second_step_due);
    assert!(matches!(
        first,
        Action::Send {
            discount: None,
            discount_held: Some(DiscountHold::Escalation),
            ..
        }
    ));
    // Step 1 went out without a discount: step 2 offers its own.
    let after_plain = Situation {
        sequence: SequenceFacts {
            abandoned_at: Some(start()),
            sent: true,
            sent_without_discount: true,
            ..SequenceFacts::default()
        },
        ..world.situation()
    };
    assert!(matches!(
        world.decide_with(&after_plain, second_step_due),
        Action::Send {
            discount: Some(_),
            discount_held: None,
            ..
        }
    ));
    // Without escalation, the first reminder sent offers the discount at once.
    world.campaign = campaign();
    assert!(matches!(
        world.decide(second_step_due),
        Action::Send {
            discount: Some(_),
            ..
        }
    ));
}

#[test]
fn a_queued_reminder_of_a_cart_the_merchant_stopped_is_passed_over_unless_it_was_ordered() {
    let stopped = CartStops {
        stopped: true,
        ..CartStops::default()
    };
    assert_eq!(stop_reason(stopped), Some(SkipReason::Stopped));
    let ordered = CartStops {
        ordered: true,
        ..stopped
    };
    assert_eq!(stop_reason(ordered), Some(SkipReason::Ordered));
    assert_eq!(stop_reason(CartStops::default()), None);
}

/// The demo campaign with its second step a call task.
fn with_call_step(world: &mut World) {
    let mut steps = world.campaign.steps().to_vec();
    steps[1].channel = crate::calls::Channel::Call { assignee: None };
    world.campaign = Campaign::new("c".into(), "Relance", steps).unwrap();
}

#[test]
fn a_due_call_step_opens_a_task_even_at_night_and_without_a_template() {
    let mut world = World::new();
    with_call_step(&mut world);
    world.done = vec!["s1".into()];
    world.templates.retain(|t| t.id != "t2");
    // Due a day after the abandonment, at 10:00 UTC; and at 3:00, inside the quiet hours.
    let due = start() + Duration::days(1);
    assert_eq!(
        world.decide(due),
        Action::Call {
            step_id: "s2".into()
        }
    );
    let mut night = world.situation();
    night.last_reminder_at = Some(due - Duration::hours(1));
    assert_eq!(
        world.decide_with(&night, due + Duration::hours(17)),
        Action::Call {
            step_id: "s2".into()
        }
    );
}

#[test]
fn a_call_step_keeps_the_audience_and_consent_checks() {
    let mut world = World::new();
    with_call_step(&mut world);
    world.done = vec!["s1".into()];
    let mut steps = world.campaign.steps().to_vec();
    steps[1].audience.newsletter_only = true;
    world.campaign = Campaign::new("c".into(), "Relance", steps).unwrap();
    world.customer = customer("fr", false);
    assert_eq!(
        world.decide(start() + Duration::days(1)),
        skip("s2", SkipReason::NotSubscribedToNewsletter)
    );
}

#[test]
fn an_ordered_cart_gets_no_call_task() {
    let mut world = World::new();
    with_call_step(&mut world);
    world.done = vec!["s1".into()];
    let mut situation = world.situation();
    situation.ordered = true;
    assert_eq!(
        world.decide_with(&situation, start() + Duration::days(1)),
        skip("s2", SkipReason::Ordered)
    );
}

#[test]
fn a_discount_tier_with_its_own_template_sends_it_and_needs_its_languages() {
    let mut world = World::new();
    let mut steps = world.campaign.steps().to_vec();
    if let DiscountPolicy::Ranges { ranges } = &steps[1].discount {
        let mut tiers = ranges.ranges().to_vec();
        // From 50: free shipping, with a template of its own, in English only.
        tiers[1].template_id = Some("t-big".into());
        steps[1].discount = DiscountPolicy::Ranges {
            ranges: DiscountRanges::new(ranges.basis(), tiers).unwrap(),
        };
    }
    world.campaign = Campaign::new("c".into(), "Relance", steps).unwrap();
    world
        .templates
        .push(template("t-big", &[Language::ENGLISH]));
    world.done = vec!["s1".into()];
    let due = start() + Duration::days(1);
    // 69.51 € is in the tier: its template, which has no French, goes in English.
    assert_eq!(
        world.decide(due),
        send(
            "s2",
            Language::ENGLISH,
            Some(discount(DiscountKind::FreeShipping, 11))
        )
    );
    assert_eq!(world.campaign.steps()[1].template_for(&world.cart), "t-big");
    // A 20 € cart is in the first tier: the step's own template, in French.
    world.cart = cart("20");
    assert_eq!(world.campaign.steps()[1].template_for(&world.cart), "t2");
    world.templates.retain(|t| t.id != "t-big");
    world.cart = cart("69.51");
    assert_eq!(world.decide(due), skip("s2", SkipReason::TemplateMissing));
}

#[test]
fn a_control_sequence_gets_every_step_skipped_but_its_cart_s_own_stops_come_first() {
    let world = World::new();
    let now = start() + Duration::hours(2);
    let control = Situation {
        sequence: SequenceFacts {
            control: true,
            ..SequenceFacts::default()
        },
        ..world.situation()
    };
    assert_eq!(
        world.decide_with(&control, now),
        skip("s1", SkipReason::ControlGroup)
    );
    // Not before the step is due: both groups enter the comparison at the same moment.
    assert!(matches!(
        world.decide_with(&control, start()),
        Action::Wait { .. }
    ));
    let ordered = Situation {
        ordered: true,
        ..control.clone()
    };
    assert_eq!(
        world.decide_with(&ordered, now),
        skip("s1", SkipReason::Ordered)
    );
}

#[test]
fn a_webhook_step_is_sent_in_the_customer_s_language_without_a_template_but_waits_out_the_night() {
    let mut world = World::new();
    let mut steps = world.campaign.steps().to_vec();
    steps[0].channel = crate::calls::Channel::Webhook {
        url: crate::calls::WebhookUrl::parse("https://hooks.example/relance").unwrap(),
    };
    world.campaign = Campaign::new("c".into(), "Relance", steps).unwrap();
    world.templates.clear();
    world.customer = customer("de", true);
    assert_eq!(
        world.decide(start() + Duration::hours(2)),
        send("s1", Language::parse("de").unwrap(), None)
    );
    // Like an email: not inside the quiet hours (22:00 to 8:00 UTC here).
    assert!(matches!(
        world.decide(start() + Duration::hours(13)),
        Action::Wait { .. }
    ));
}

fn with_sms_step(world: &mut World) {
    let mut steps = world.campaign.steps().to_vec();
    let texts = crate::sms::SmsTexts::new(std::collections::BTreeMap::from([(
        Language::ENGLISH,
        crate::sms::SmsText::parse("Your cart: {cart_link}").unwrap(),
    )]))
    .unwrap();
    steps[0].channel = crate::calls::Channel::Sms { texts };
    world.campaign = Campaign::new("c".into(), "Relance", steps).unwrap();
    world.templates.clear();
}

#[test]
fn an_sms_step_needs_a_mobile_number_and_sms_consent_and_falls_back_to_english() {
    let mut world = World::new();
    with_sms_step(&mut world);
    let due = start() + Duration::hours(2);
    assert_eq!(world.decide(due), skip("s1", SkipReason::NoPhone));
    world.customer.phone = Some(crate::model::PhoneNumber::parse_e164("+33612345678").unwrap());
    assert_eq!(world.decide(due), skip("s1", SkipReason::NoSmsConsent));
    world.customer.sms_consent = true;
    assert_eq!(world.decide(due), send("s1", Language::ENGLISH, None));
}

#[test]
fn an_sms_step_keeps_night_quiet_hours_even_in_a_shop_that_set_none() {
    let mut world = World::new();
    with_sms_step(&mut world);
    world.customer.phone = Some(crate::model::PhoneNumber::parse_e164("+33612345678").unwrap());
    world.customer.sms_consent = true;
    let no_quiet_hours = SendingRules {
        quiet_hours: None,
        ..SendingRules::default()
    };
    let decide = |now| {
        decide(
            &world.campaign,
            &world.situation(),
            |_| None,
            &no_quiet_hours,
            now,
        )
    };
    // start() is 10:00 UTC: two hours later is noon, fine; 23:00 waits for 08:00.
    assert_eq!(
        decide(start() + Duration::hours(2)),
        send("s1", Language::ENGLISH, None)
    );
    let night = start() + Duration::hours(13);
    assert_eq!(
        decide(night),
        Action::Wait {
            at: start() - Duration::hours(2) + Duration::days(1)
        }
    );
}
