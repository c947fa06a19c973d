//! The demo shop's two rules before its main campaign, so a first look shows rules at work:
//! big carts get a second reminder with a discount a day after the first and then a call
//! from the team, and loyal newsletter customers get one gentle reminder, once.

use domain::calls::Channel;
use domain::rules::{Compare, Condition, Conditions};
use domain::{
    Audience, Campaign, Delay, DelayFrom, Discount, DiscountKind, DiscountPolicy, Percent,
    ReminderStep, ValidityDays, ValueBasis,
};
use rust_decimal::Decimal;

use super::campaign::{FIRST_TEMPLATE_ID, SECOND_TEMPLATE_ID};

fn step(id: &str, delay: Delay, template: &str, discount: DiscountPolicy) -> ReminderStep {
    ReminderStep {
        id: id.to_owned(),
        delay,
        enabled: true,
        audience: Audience::EVERYONE,
        discount,
        template_id: template.to_owned(),
        channel: Default::default(),
        code_collection: None,
        split: None,
    }
}

/// "Gros paniers" (priority 20) and "Clients fidèles" (priority 10).
pub fn rules() -> anyhow::Result<Vec<Campaign>> {
    let fifteen = DiscountPolicy::Single {
        discount: Discount {
            kind: DiscountKind::Percent {
                percent: Percent::new(Decimal::from(15))?,
            },
            validity: ValidityDays::new(7)?,
            combinable: false,
        },
    };
    let big = Campaign::new(
        "demo-rule-big-carts".to_owned(),
        "Gros paniers",
        vec![
            step(
                "demo-big-1",
                Delay::hours(1)?,
                FIRST_TEMPLATE_ID,
                DiscountPolicy::None,
            ),
            step(
                "demo-big-2",
                Delay::days(1)?.counted_from(DelayFrom::PreviousStep),
                SECOND_TEMPLATE_ID,
                fifteen.clone(),
            ),
            // A big cart is worth a call: the team gets a task, its code form set to 15 %.
            ReminderStep {
                channel: Channel::Call { assignee: None },
                ..step(
                    "demo-big-3",
                    Delay::days(2)?.counted_from(DelayFrom::PreviousStep),
                    SECOND_TEMPLATE_ID,
                    fifteen,
                )
            },
        ],
    )?
    .with_rule(
        20,
        Conditions::new(vec![Condition::CartAmount {
            compare: Compare::AtLeast,
            amount: Decimal::from(150),
            basis: ValueBasis::TaxIncluded,
        }])?,
    );
    let loyal = Campaign::new(
        "demo-rule-loyal".to_owned(),
        "Clients fidèles",
        vec![step(
            "demo-loyal-1",
            Delay::hours(2)?,
            FIRST_TEMPLATE_ID,
            DiscountPolicy::None,
        )],
    )?
    .with_rule(
        10,
        Conditions::new(vec![
            Condition::PastOrders {
                compare: Compare::AtLeast,
                count: 3,
            },
            Condition::Newsletter { subscribed: true },
            Condition::FirstTimeForCustomer,
        ])?,
    );
    Ok(vec![big, loyal])
}
