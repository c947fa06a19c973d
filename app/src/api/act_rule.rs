//! The rule editor's form, sent as an act: its fields make the `RuleDraft` that `save_rule`
//! checks and saves.

use domain::rules::RuleDraft;

use super::acts::ActDone;
use super::form_fields::{sent, value_of};
use super::rules::{save_rule, RuleOutcome};
use crate::error::AppError;

/// Saves the rule the form's `fields` describe: a new one goes to the list, where it shows
/// paused, ready for its reminders; a refused one says each problem by its field.
pub(super) async fn save_rule_form(
    shop: String,
    fields: &[(String, String)],
) -> Result<ActDone, AppError> {
    let draft = draft_of(fields);
    let is_new = draft.id.is_empty();
    Ok(match save_rule(shop.clone(), draft).await? {
        RuleOutcome::Saved { .. } if is_new => ActDone::Go {
            to: format!("/s/{shop}/rules"),
        },
        RuleOutcome::Saved { .. } => ActDone::said(&[], false),
        RuleOutcome::Invalid { problems } => {
            let mut headline = crate::i18n::initial_locale()
                .texts()
                .rules
                .invalid
                .to_owned();
            let mut fields = Vec::new();
            for problem in problems {
                match field_of(&problem.field) {
                    Some(field) => fields.push((field.to_owned(), problem.message)),
                    // No line of its own: said with the headline rather than lost.
                    None => headline = format!("{headline} {}", problem.message),
                }
            }
            ActDone::Invalid { headline, fields }
        }
    })
}

/// The form's field whose line says a problem of the draft's `field`: the period's is said by
/// its first field, the stock level's by its threshold. None: the form has no line for it.
fn field_of(field: &str) -> Option<&'static str> {
    const SAID: [&str; 12] = [
        "name",
        "priority",
        "holdout",
        "countries",
        "groups",
        "age_max",
        "orders_count",
        "amount",
        "skus",
        "categories",
        "stock_below",
        "period_from",
    ];
    match field {
        "period" => Some("period_from"),
        "stock" => Some("stock_below"),
        other => SAID.into_iter().find(|said| *said == other),
    }
}

/// The draft as the form sent it: a ticked box sends its name, an unticked one nothing.
fn draft_of(fields: &[(String, String)]) -> RuleDraft {
    let value = |name: &str| value_of(fields, name);
    let ticked = |name: &str| sent(fields, name);
    let boxes =
        |name: &str| -> [bool; 7] { std::array::from_fn(|i| ticked(&format!("{name}[{i}]"))) };
    let three = |name: &str| -> [bool; 3] {
        let [a, b, c, ..] = boxes(name);
        [a, b, c]
    };
    RuleDraft {
        id: value("id"),
        name: value("name"),
        priority: value("priority"),
        countries: value("countries"),
        groups: value("groups"),
        genders: three("genders"),
        age_min: value("age_min"),
        age_max: value("age_max"),
        orders_compare: value("orders_compare"),
        orders_count: value("orders_count"),
        newsletter: value("newsletter"),
        profiles: three("profiles"),
        amount_compare: value("amount_compare"),
        amount: value("amount"),
        amount_tax_excluded: ticked("amount_tax_excluded"),
        skus: value("skus"),
        categories: value("categories"),
        stock: value("stock"),
        stock_below: value("stock_below"),
        period_from: value("period_from"),
        period_to: value("period_to"),
        weekdays: boxes("weekdays"),
        hour_from: value("hour_from"),
        hour_until: value("hour_until"),
        first_time: ticked("first_time"),
        holdout: value("holdout"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::form_fields::pairs;

    #[test]
    fn ticked_boxes_and_typed_fields_make_the_draft() {
        let draft = draft_of(&pairs(&[
            ("name", "Weekend"),
            ("weekdays[5]", "on"),
            ("weekdays[6]", "on"),
            ("genders[1]", "on"),
            ("first_time", "on"),
            ("holdout", "10"),
        ]));
        assert_eq!(draft.name, "Weekend");
        assert_eq!(
            draft.weekdays,
            [false, false, false, false, false, true, true]
        );
        assert_eq!(draft.genders, [false, true, false]);
        assert!(draft.first_time);
        assert!(!draft.amount_tax_excluded);
        assert_eq!(draft.holdout, "10");
        assert!(draft.id.is_empty());
    }

    #[test]
    fn a_problem_without_a_field_of_its_own_is_said_by_the_first_field_of_its_group() {
        assert_eq!(field_of("period"), Some("period_from"));
        assert_eq!(field_of("amount"), Some("amount"));
        assert_eq!(field_of("kind"), None);
    }
}
