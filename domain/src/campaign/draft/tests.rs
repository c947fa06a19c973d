use super::*;
use crate::campaign::RangesError;
use rust_decimal::Decimal;

fn three_ranges() -> StepDraft {
    let mut draft = StepDraft::new("t1");
    draft.by_cart_value = true;
    draft.ranges = vec![
        RangeDraft {
            min: "0".into(),
            max: String::new(),
            template_id: String::new(),
            discount: DiscountDraft::percent("5"),
        },
        RangeDraft {
            min: "50".into(),
            max: String::new(),
            template_id: String::new(),
            discount: DiscountDraft::percent("10"),
        },
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

#[test]
fn three_ranges_parse_and_round_trip_through_the_step() {
    let step = three_ranges().parse().unwrap();
    assert!(
        matches!(step.discount, DiscountPolicy::Ranges { ref ranges } if ranges.ranges().len() == 3)
    );
    assert_eq!(StepDraft::from_step(&step).parse().unwrap(), step);
}

#[test]
fn a_range_starting_below_the_one_before_is_reported_on_that_range() {
    let mut draft = three_ranges();
    draft.ranges[2].min = "40".into();
    let problems = draft.problems_of(Stage::Discount);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "ranges[2]");
    assert!(matches!(
        problems[0].issue,
        StepIssue::Ranges {
            error: RangesError::Unsorted {
                range: 3,
                previous: 2,
                ..
            }
        }
    ));
    assert!(draft.problems_of(Stage::Target).is_empty());
}

#[test]
fn only_the_last_range_keeps_an_upper_bound() {
    let mut draft = three_ranges();
    draft.ranges[0].max = "20".into();
    draft.ranges[2].max = "500".into();
    let step = draft.parse().unwrap();
    let DiscountPolicy::Ranges { ranges } = step.discount else {
        panic!("ranges expected");
    };
    let maxes: Vec<Option<Decimal>> = ranges.ranges().iter().map(|r| r.max).collect();
    assert_eq!(maxes, [None, None, Some(Decimal::from(500))]);
    draft.ranges[2].max = "80".into();
    assert!(matches!(
        draft.problems_of(Stage::Discount)[0].issue,
        StepIssue::Ranges {
            error: RangesError::EmptyRange { range: 3, .. }
        }
    ));
}

#[test]
fn each_stage_reports_its_own_fields() {
    let mut draft = StepDraft::new("");
    draft.active = false;
    draft.inactive = false;
    draft.never_ordered = false;
    draft.delay_amount = "31".into();
    draft.delay_unit = DelayUnit::Days;
    draft.single = DiscountDraft::percent("120");
    let fields = |stage| -> Vec<String> {
        draft
            .problems_of(stage)
            .into_iter()
            .map(|p| p.field)
            .collect()
    };
    assert_eq!(fields(Stage::Target), ["profiles", "delay"]);
    assert_eq!(fields(Stage::Discount), ["single.value"]);
    assert_eq!(fields(Stage::Email), ["template"]);
}

#[test]
fn a_comma_decimal_is_read() {
    let mut draft = three_ranges();
    draft.ranges[0].discount = DiscountDraft {
        kind: DiscountType::Amount,
        value: "4,50".into(),
        ..DiscountDraft::none()
    };
    assert!(draft.parse().is_ok());
    draft.ranges[1].min = "abc".into();
    let problems = draft.problems_of(Stage::Discount);
    assert_eq!(problems[0].field, "ranges[1].min");
    assert_eq!(problems[0].issue, StepIssue::NotANumber);
}

#[test]
fn adding_a_range_starts_it_where_the_last_one_ends() {
    let mut draft = StepDraft::new("t1");
    draft.by_cart_value = true;
    draft.ranges[0].max = "200".into();
    draft.add_range();
    assert_eq!(draft.ranges[1].min, "50");
    // The upper bound moved to the new last range.
    assert_eq!(
        (draft.ranges[0].max.as_str(), draft.ranges[1].max.as_str()),
        ("", "200")
    );
    draft.add_range();
    assert_eq!(draft.ranges[2].min, "100");
    assert!(draft.parse().is_ok());
}

#[test]
fn a_free_gift_needs_its_sku_and_name_and_round_trips_through_the_step() {
    let mut draft = three_ranges();
    draft.ranges[2].discount = DiscountDraft {
        kind: DiscountType::FreeGift,
        gift_sku: "TOTE 01".into(),
        gift_name: String::new(),
        ..DiscountDraft::none()
    };
    let fields: Vec<String> = draft
        .problems_of(Stage::Discount)
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(fields, ["ranges[2].gift_sku", "ranges[2].gift_name"]);

    draft.ranges[2].discount.gift_sku = " TOTE-01 ".into();
    draft.ranges[2].discount.gift_name = "Sac en toile".into();
    let step = draft.parse().unwrap();
    let DiscountPolicy::Ranges { ranges } = &step.discount else {
        panic!("ranges expected")
    };
    assert!(matches!(
        &ranges.ranges()[2].discount.kind,
        crate::campaign::DiscountKind::FreeGift { gift } if gift.sku() == "TOTE-01"
    ));
    assert_eq!(StepDraft::from_step(&step).parse().unwrap(), step);
}

#[test]
fn an_a_b_test_needs_another_template_and_a_share_and_round_trips() {
    let mut draft = StepDraft::new("t1");
    draft.id = "s1".into();
    draft.split = true;
    draft.split_template = "t1".into();
    draft.split_share = "100".into();
    let fields: Vec<String> = draft
        .parse()
        .unwrap_err()
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(fields, ["split_template", "split_share"]);
    draft.split_template = "t2".into();
    draft.split_share = "30".into();
    let step = draft.parse().unwrap();
    assert_eq!(StepDraft::from_step(&step).parse().unwrap(), step);
    // A cart drawn for variant B gets its template whatever its discount range.
    let cart = |id: &str| {
        crate::model::Cart::new(crate::model::NewCart {
            id: id.into(),
            currency: crate::model::Currency::EUR,
            items: Vec::new(),
            total_tax_incl: crate::model::Money::zero(crate::model::Currency::EUR),
            total_tax_excl: crate::model::Money::zero(crate::model::Currency::EUR),
            shipping: crate::model::Money::zero(crate::model::Currency::EUR),
            url: None,
        })
        .unwrap()
    };
    let split = step.split.clone().unwrap();
    let (b, a): (Vec<String>, Vec<String>) = (0..200)
        .map(|i| format!("cart-{i}"))
        .partition(|id| split.takes("s1", id));
    assert!(!a.is_empty() && !b.is_empty());
    assert!(b.iter().all(|id| step.template_for(&cart(id)) == "t2"));
    assert!(a.iter().all(|id| step.template_for(&cart(id)) == "t1"));

    // Variant B may test its own discount: checked like the step's, kept on a round trip,
    // and offered to B's carts only.
    draft.split_own_discount = true;
    draft.split_discount = DiscountDraft::percent("0");
    let fields: Vec<String> = draft
        .parse()
        .unwrap_err()
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(fields, ["split_discount.value"]);
    draft.split_discount = DiscountDraft::percent("15");
    let step = draft.parse().unwrap();
    assert_eq!(StepDraft::from_step(&step).parse().unwrap(), step);
    assert!(b
        .iter()
        .all(|id| step.discount_for(&cart(id)) != &step.discount));
    assert!(a
        .iter()
        .all(|id| step.discount_for(&cart(id)) == &step.discount));
}

#[test]
fn an_sms_step_takes_a_text_per_language_and_names_each_ones_problem() {
    let mut draft = StepDraft::new("t1");
    draft.sms = true;
    let problems = draft.parse().unwrap_err();
    assert_eq!(problems[0].field, "sms");
    assert_eq!(problems[0].issue, StepIssue::SmsEmpty);

    draft.sms_texts = [
        (
            "fr".to_owned(),
            "Votre panier : {cart_link} STOP 36111".to_owned(),
        ),
        ("en".to_owned(), "Your cart is waiting: {cart} ".to_owned()),
        ("de".to_owned(), "   ".to_owned()),
    ]
    .into();
    let problems = draft.parse().unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "sms.en");
    assert_eq!(problems[0].issue, StepIssue::SmsTag { tag: "cart".into() });

    draft.sms_texts.insert("en".into(), "x".repeat(470));
    let problems = draft.parse().unwrap_err();
    assert_eq!(problems[0].issue, StepIssue::SmsTooLong { segments: 4 });

    draft
        .sms_texts
        .insert("en".into(), "Your cart: {cart_link}".into());
    let step = draft.parse().unwrap();
    let texts = step.channel.sms().unwrap();
    assert_eq!(texts.languages().count(), 2);
    assert_eq!(StepDraft::from_step(&step).parse().unwrap(), step);
}

#[test]
fn every_discount_type_reads_back_from_the_name_its_select_sends() {
    for kind in DiscountType::ALL {
        assert_eq!(DiscountType::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(
        DiscountType::parse("free_gift"),
        Some(DiscountType::FreeGift)
    );
    assert_eq!(DiscountType::parse("gift"), None);
}
