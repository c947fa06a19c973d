use std::str::FromStr;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::campaign::{Campaign, ValueBasis};
use crate::model::{
    Cart, CartItem, Currency, Customer, EmailAddress, Gender, Language, Money, NewCart, NewCustomer,
};

fn eur(amount: &str) -> Money {
    Money::new(Decimal::from_str(amount).unwrap(), Currency::EUR).unwrap()
}

fn cart(stock: Option<i64>, category: Option<&str>) -> Cart {
    Cart::new(NewCart {
        id: "k1".into(),
        currency: Currency::EUR,
        items: vec![CartItem {
            sku: "TEA-01".into(),
            name: "Thé vert".into(),
            description: String::new(),
            image_url: None,
            product_url: None,
            category: category.map(str::to_owned),
            unit_price: eur("60"),
            quantity: 2,
            stock,
            ean: None,
        }],
        total_tax_incl: eur("120"),
        total_tax_excl: eur("100"),
        shipping: eur("0"),
        url: None,
    })
    .unwrap()
}

fn customer(country: Option<&str>, birthdate: Option<NaiveDate>) -> Customer {
    Customer::new(
        EmailAddress::parse("emilie@example.com").unwrap(),
        NewCustomer {
            id: "c1".into(),
            first_name: "Émilie".into(),
            language: Some(Language::FRENCH),
            country: country.map(str::to_owned),
            gender: Some(Gender::Female),
            groups: vec!["VIP".into()],
            newsletter: true,
            birthdate,
            orders_count: 3,
            ..NewCustomer::default()
        },
    )
    .unwrap()
}

/// Saturday 2026-11-28, 14:30 UTC.
fn abandoned() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 14, 30, 0).unwrap()
}

fn facts<'a>(cart: &'a Cart, customer: &'a Customer, applied: &'a [String]) -> RuleFacts<'a> {
    RuleFacts {
        cart,
        customer,
        abandoned_at: abandoned(),
        zone: &Utc,
        active_months: 6,
        applied_rules: applied,
    }
}

fn rule(id: &str, priority: i32, conditions: Vec<Condition>) -> Campaign {
    Campaign::new(id.into(), id, vec![])
        .unwrap()
        .with_rule(priority, Conditions::new(conditions).unwrap())
}

#[test]
fn each_condition_passes_or_fails_on_the_cart_s_values() {
    let cart = cart(Some(3), Some("Thés"));
    let customer = customer(Some("FR"), NaiveDate::from_ymd_opt(1990, 12, 1));
    let facts = facts(&cart, &customer, &[]);
    let cases = [
        (
            Condition::Country {
                countries: vec!["fr".into(), "BE".into()],
            },
            true,
        ),
        (
            Condition::CustomerGroup {
                groups: vec!["Pro".into()],
            },
            false,
        ),
        (
            Condition::Gender {
                genders: vec![Gender::Female],
            },
            true,
        ),
        // 35 on the abandonment day: 36 only on 1 December.
        (
            Condition::Age {
                min: Some(36),
                max: None,
            },
            false,
        ),
        (
            Condition::Age {
                min: Some(30),
                max: Some(35),
            },
            true,
        ),
        (
            Condition::PastOrders {
                compare: Compare::AtLeast,
                count: 3,
            },
            true,
        ),
        (Condition::Newsletter { subscribed: false }, false),
        (
            Condition::CartAmount {
                compare: Compare::Above,
                amount: Decimal::from(100),
                basis: ValueBasis::TaxExcluded,
            },
            false,
        ),
        (
            Condition::Products {
                skus: vec!["TEA-01".into()],
            },
            true,
        ),
        (
            Condition::Categories {
                categories: vec!["Cafés".into()],
            },
            false,
        ),
        (
            Condition::Stock {
                level: StockLevel::Low { below: 5 },
            },
            true,
        ),
        (
            Condition::Stock {
                level: StockLevel::OutOfStock,
            },
            false,
        ),
        (
            Condition::Period {
                from: None,
                to: None,
                weekdays: vec![6, 7],
                from_hour: Some(14),
                until_hour: Some(15),
            },
            true,
        ),
        (Condition::FirstTimeForCustomer, true),
    ];
    for (condition, expected) in cases {
        let condition = condition.checked().unwrap();
        let checked = check(&condition, "r1", &facts);
        assert_eq!(checked.passed, expected, "{}", checked.condition);
        assert!(checked.value.is_some(), "{}", checked.condition);
    }
}

#[test]
fn a_condition_on_a_value_the_shop_did_not_send_fails_as_unknown() {
    let cart = cart(None, None);
    let customer = customer(None, None);
    let facts = facts(&cart, &customer, &[]);
    for condition in [
        Condition::Country {
            countries: vec!["FR".into()],
        },
        Condition::Age {
            min: None,
            max: Some(99),
        },
        Condition::Categories {
            categories: vec!["Thés".into()],
        },
        Condition::Stock {
            level: StockLevel::OutOfStock,
        },
    ] {
        let checked = check(&condition, "r1", &facts);
        assert_eq!((checked.value, checked.passed), (None, false));
    }
}

#[test]
fn a_rule_already_applied_to_the_customer_fails_its_first_time_condition() {
    let cart = cart(None, None);
    let customer = customer(None, None);
    let applied = vec!["r1".to_owned()];
    let facts = facts(&cart, &customer, &applied);
    let rules = [
        rule("r1", 10, vec![Condition::FirstTimeForCustomer]),
        rule("r2", 0, vec![Condition::FirstTimeForCustomer]),
    ];
    assert_eq!(choose(&rules, &facts).map(Campaign::id), Some("r2"));
}

#[test]
fn impossible_conditions_are_refused_naming_the_field() {
    let refused = [
        (
            Condition::Country {
                countries: vec![" ".into()],
            },
            "countries",
        ),
        (
            Condition::Country {
                countries: vec!["France".into()],
            },
            "countries",
        ),
        (
            Condition::Age {
                min: Some(40),
                max: Some(30),
            },
            "max",
        ),
        (Condition::Products { skus: vec![] }, "skus"),
        (
            Condition::Period {
                from: NaiveDate::from_ymd_opt(2026, 12, 31),
                to: NaiveDate::from_ymd_opt(2026, 12, 1),
                weekdays: vec![],
                from_hour: None,
                until_hour: None,
            },
            "to",
        ),
        (
            Condition::Period {
                from: None,
                to: None,
                weekdays: vec![],
                from_hour: Some(20),
                until_hour: Some(8),
            },
            "until_hour",
        ),
        (
            Condition::Stock {
                level: StockLevel::Low { below: 0 },
            },
            "below",
        ),
        (
            Condition::CartAmount {
                compare: Compare::Below,
                amount: Decimal::ZERO,
                basis: ValueBasis::TaxIncluded,
            },
            "amount",
        ),
    ];
    for (condition, field) in refused {
        assert_eq!(condition.checked().unwrap_err().field, field);
    }
}

#[test]
fn the_explanation_lists_every_rule_in_priority_order_with_the_chosen_one() {
    let cart = cart(Some(0), Some("Thés"));
    let customer = customer(Some("BE"), None);
    let facts = facts(&cart, &customer, &[]);
    let rules = [
        rule("everyone", 0, vec![]),
        rule(
            "france",
            20,
            vec![Condition::Country {
                countries: vec!["FR".into()],
            }],
        ),
        rule(
            "stock",
            10,
            vec![Condition::Stock {
                level: StockLevel::OutOfStock,
            }],
        ),
        rule("paused", 30, vec![]).with_paused(true),
    ];
    let explanation = explain(&rules, &facts);
    let states: Vec<(&str, RuleState)> = explanation
        .rules
        .iter()
        .map(|r| (r.rule_id.as_str(), r.state))
        .collect();
    assert_eq!(
        states,
        [
            ("paused", RuleState::Paused),
            ("france", RuleState::Failed),
            ("stock", RuleState::Chosen),
            ("everyone", RuleState::Outranked),
        ]
    );
    assert_eq!(explanation.chosen.as_deref(), Some("stock"));
    assert_eq!(explanation.rules[1].checks[0].value.as_deref(), Some("BE"));
}

/// A rule whose only condition passes (`true`), fails (`Some(false)`), or reads a field the
/// cart lacks (`None`).
fn generated(id: usize, priority: i32, passes: Option<bool>, paused: bool) -> Campaign {
    let condition = match passes {
        Some(subscribed) => Condition::Newsletter { subscribed },
        None => Condition::Country {
            countries: vec!["FR".into()],
        },
    };
    rule(&format!("r{id}"), priority, vec![condition]).with_paused(paused)
}

#[test]
fn a_rule_draft_round_trips_through_its_conditions() {
    let draft = RuleDraft {
        name: "Gros paniers VIP".into(),
        priority: "20".into(),
        countries: "fr, be".into(),
        groups: "VIP".into(),
        genders: [false, true, false],
        age_min: "25".into(),
        orders_compare: "at_least".into(),
        orders_count: "2".into(),
        newsletter: "subscribed".into(),
        profiles: [true, true, false],
        amount_compare: "above".into(),
        amount: "99,90".into(),
        skus: "TEA-01\nTEA-02".into(),
        categories: "Thés".into(),
        stock: "low".into(),
        stock_below: "3".into(),
        period_from: "2026-12-01".into(),
        weekdays: [true, true, true, true, true, false, false],
        hour_from: "9".into(),
        hour_until: "18".into(),
        first_time: true,
        holdout: "15 %".into(),
        ..RuleDraft::new()
    };
    let parsed = draft.parse().unwrap();
    assert_eq!(parsed.priority, 20);
    assert_eq!(parsed.conditions.as_slice().len(), 13);
    assert_eq!(parsed.holdout.percent(), 15);
    let campaign = Campaign::new("r".into(), &parsed.name, vec![])
        .unwrap()
        .with_rule(parsed.priority, parsed.conditions.clone())
        .with_holdout(parsed.holdout);
    let again = RuleDraft::from_campaign(&campaign).parse().unwrap();
    assert_eq!(again, parsed);
}

#[test]
fn a_rule_draft_names_each_field_in_error() {
    let draft = RuleDraft {
        name: " ".into(),
        priority: "high".into(),
        age_min: "50".into(),
        age_max: "20".into(),
        amount_compare: "above".into(),
        amount: "cent".into(),
        period_from: "2026-12-31".into(),
        period_to: "2026-12-01".into(),
        holdout: "60".into(),
        ..RuleDraft::new()
    };
    let fields: Vec<String> = draft
        .parse()
        .unwrap_err()
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(
        fields,
        ["age_max", "amount", "period", "name", "priority", "holdout"]
    );
    // A new rule starts with the default control group; an empty field is none.
    let new = RuleDraft {
        name: "Tous".into(),
        ..RuleDraft::new()
    };
    assert_eq!(new.parse().unwrap().holdout.percent(), 10);
    let without = RuleDraft {
        holdout: " ".into(),
        ..new
    };
    assert!(without.parse().unwrap().holdout.is_none());
}

proptest! {
    #[test]
    fn the_chosen_rule_is_the_first_active_one_that_holds_by_priority_then_age(
        specs in prop::collection::vec(
            (-3i32..3, prop::option::of(any::<bool>()), prop::bool::weighted(0.2)),
            0..8,
        )
    ) {
        let cart = cart(None, None);
        // Subscribed, and no country: `Newsletter { subscribed: true }` holds.
        let customer = customer(None, None);
        let facts = facts(&cart, &customer, &[]);
        let rules: Vec<Campaign> = specs
            .iter()
            .enumerate()
            .map(|(i, (priority, passes, paused))| generated(i, *priority, *passes, *paused))
            .collect();
        let expected = specs
            .iter()
            .enumerate()
            .filter(|(_, (_, passes, paused))| *passes == Some(true) && !paused)
            // Highest priority, then the first given (the oldest).
            .min_by_key(|(i, (priority, ..))| (-priority, *i))
            .map(|(i, _)| format!("r{i}"));
        let chosen = choose(&rules, &facts).map(|c| c.id().to_owned());
        prop_assert_eq!(&chosen, &expected);
        let explanation = explain(&rules, &facts);
        prop_assert_eq!(&explanation.chosen, &expected);
        // Missing fields never pass, and the explanation says "unknown".
        for (rule, (_, passes, _)) in explanation.rules.iter().zip(
            in_priority_order(&rules).iter().map(|c| &specs[c.id()[1..].parse::<usize>().unwrap()]),
        ) {
            if passes.is_none() {
                prop_assert!(rule.checks[0].value.is_none() && !rule.checks[0].passed);
            }
        }
        let priorities: Vec<i32> = explanation.rules.iter().map(|r| r.priority).collect();
        prop_assert!(priorities.windows(2).all(|w| w[0] >= w[1]));
    }
}
