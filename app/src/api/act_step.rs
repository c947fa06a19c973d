//! The reminder wizard's form, sent as an act: its fields, named by the paths its problems
//! carry (`delay`, `single.value`, `ranges[2].min`, `sms.fr`…), make the `StepDraft` that
//! `save_reminder` checks and saves. A range removed in the browser leaves a gap in the
//! indexes: the draft's ranges are the form's in order, and each problem is said by the
//! form's own index.

use domain::campaign::{DelayFrom, DelayUnit, DiscountDraft, DiscountType, RangeDraft, StepDraft};
use domain::ValueBasis;

use super::acts::ActDone;
use super::form_fields::{sent, value_of};
use super::reminders::{save_reminder, StepOutcome};
use crate::error::AppError;

/// The draft a form sent, and the form's index of each of its ranges, in order.
pub(super) struct StepForm {
    pub draft: StepDraft,
    ranges: Vec<usize>,
}

impl StepForm {
    pub fn read(fields: &[(String, String)]) -> Self {
        let value = |name: &str| value_of(fields, name);
        let yes = |name: &str| value(name) == "true";
        let discount = |prefix: &str| DiscountDraft {
            kind: DiscountType::parse(&value(&format!("{prefix}.kind")))
                .unwrap_or(DiscountType::None),
            value: value(&format!("{prefix}.value")),
            validity_days: value(&format!("{prefix}.validity_days")),
            combinable: sent(fields, &format!("{prefix}.combinable")),
            tax_included: sent(fields, &format!("{prefix}.tax_included")),
            gift_sku: value(&format!("{prefix}.gift_sku")),
            gift_name: value(&format!("{prefix}.gift_name")),
        };
        let mut ranges: Vec<usize> = fields
            .iter()
            .filter_map(|(name, _)| range_index(name))
            .collect();
        ranges.sort_unstable();
        ranges.dedup();
        let channel = value("channel");
        let draft = StepDraft {
            id: value("id"),
            enabled: yes("enabled"),
            newsletter_only: yes("newsletter_only"),
            active: sent(fields, "active"),
            inactive: sent(fields, "inactive"),
            never_ordered: sent(fields, "never_ordered"),
            delay_amount: value("delay"),
            delay_unit: if value("delay_unit") == "days" {
                DelayUnit::Days
            } else {
                DelayUnit::Hours
            },
            delay_from: DelayFrom::parse(&value("delay_from")).unwrap_or_default(),
            rule_id: value("rule_id"),
            by_cart_value: yes("by_cart_value"),
            single: discount("single"),
            basis: if value("basis") == "tax_excluded" {
                ValueBasis::TaxExcluded
            } else {
                ValueBasis::TaxIncluded
            },
            ranges: ranges
                .iter()
                .map(|i| RangeDraft {
                    min: value(&format!("ranges[{i}].min")),
                    max: value(&format!("ranges[{i}].max")),
                    template_id: value(&format!("ranges[{i}].template_id")),
                    discount: discount(&format!("ranges[{i}]")),
                })
                .collect(),
            template_id: value("template"),
            call: channel == "call",
            assignee: value("assignee"),
            webhook: channel == "webhook",
            webhook_url: value("webhook_url"),
            sms: channel == "sms",
            sms_texts: fields
                .iter()
                .filter_map(|(name, text)| {
                    let code = name.strip_prefix("sms.")?;
                    (!text.trim().is_empty()).then(|| (code.to_owned(), text.clone()))
                })
                .collect(),
            split: sent(fields, "split"),
            split_template: value("split_template"),
            split_share: value("split_share"),
            split_own_discount: sent(fields, "split_own_discount"),
            split_discount: discount("split_discount"),
            code_collection: value("code_collection"),
        };
        Self { draft, ranges }
    }

    /// A problem's field as the form names it: `ranges[1]…` of the draft is the form's
    /// `ranges[{its index}]…`.
    pub fn field_name(&self, field: &str) -> String {
        let Some(rest) = field.strip_prefix("ranges[") else {
            return field.to_owned();
        };
        let Some((index, after)) = rest.split_once(']') else {
            return field.to_owned();
        };
        match index.parse::<usize>().ok().and_then(|i| self.ranges.get(i)) {
            Some(own) => format!("ranges[{own}]{after}"),
            None => field.to_owned(),
        }
    }
}

/// The index of a range's field (`ranges[3].min` → 3).
fn range_index(name: &str) -> Option<usize> {
    name.strip_prefix("ranges[")?
        .split_once("].")?
        .0
        .parse()
        .ok()
}

/// Checks the form (`save` false: the wizard's Next) or saves it: the problems by the form's
/// fields, in the caller's language.
pub(super) async fn step_form(
    shop: String,
    fields: &[(String, String)],
    save: bool,
) -> Result<ActDone, AppError> {
    // Checked or saved, only for who may edit reminders (and an amount's problem names its
    // currency).
    let currency = currency_of(&shop).await?;
    let form = StepForm::read(fields);
    let texts = crate::i18n::initial_locale().texts();
    let invalid = |problems: Vec<domain::campaign::StepProblem>| ActDone::Invalid {
        headline: texts.settings.not_saved.to_owned(),
        fields: problems
            .iter()
            .map(|p| {
                (
                    form.field_name(&p.field),
                    (texts.reminders.issue)(&p.issue, currency),
                )
            })
            .collect(),
    };
    if !save {
        return Ok(match form.draft.parse() {
            Ok(_) => ActDone::Quiet,
            Err(problems) => invalid(problems),
        });
    }
    Ok(
        match save_reminder(shop.clone(), form.draft.clone()).await? {
            StepOutcome::Saved { .. } => ActDone::Go {
                to: format!("/s/{shop}"),
            },
            StepOutcome::Invalid { problems } => invalid(problems),
            StepOutcome::Refused(refusal) => ActDone::Report {
                done: false,
                headline: (texts.reminders.refusal)(&refusal),
                lines: Vec::new(),
            },
        },
    )
}

/// The shop's currency, for a caller who may edit its reminders.
async fn currency_of(shop: &str) -> Result<domain::Currency, AppError> {
    let scope = super::scope::scope(shop, domain::team::Permission::Edit).await?;
    Ok(scope.shop.currency)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::form_fields::pairs;

    #[test]
    fn ranges_with_a_gap_are_read_in_order_and_their_problems_keep_the_forms_indexes() {
        let form = StepForm::read(&pairs(&[
            ("by_cart_value", "true"),
            ("ranges[0].min", "0"),
            ("ranges[0].kind", "percent"),
            ("ranges[0].value", "5"),
            ("ranges[2].min", "50"),
            ("ranges[2].kind", "free_gift"),
            ("ranges[2].gift_sku", "TOTE-01"),
        ]));
        assert_eq!(form.draft.ranges.len(), 2);
        assert_eq!(form.draft.ranges[1].min, "50");
        assert_eq!(form.draft.ranges[1].discount.kind, DiscountType::FreeGift);
        assert_eq!(form.field_name("ranges[1].min"), "ranges[2].min");
        assert_eq!(form.field_name("ranges[1]"), "ranges[2]");
        assert_eq!(form.field_name("delay"), "delay");
    }

    #[test]
    fn the_channel_ticked_boxes_and_sms_texts_make_the_draft() {
        let form = StepForm::read(&pairs(&[
            ("channel", "sms"),
            ("sms.fr", "Votre panier vous attend {link}"),
            ("sms.en", "  "),
            ("active", "on"),
            ("delay", "3"),
            ("delay_unit", "days"),
            ("split", "on"),
            ("split_share", "30"),
        ]));
        let draft = form.draft;
        assert!(draft.sms && !draft.call && !draft.webhook);
        assert_eq!(draft.sms_texts.len(), 1, "an empty text is left out");
        assert!(draft.active && !draft.inactive);
        assert_eq!(
            (draft.delay_amount.as_str(), draft.delay_unit),
            ("3", DelayUnit::Days)
        );
        assert!(draft.split && !draft.split_own_discount);
    }
}
