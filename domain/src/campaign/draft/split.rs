//! The wizard's A/B test: variant B's template, its share of the carts, and the discount it
//! tests instead of the step's, when it tests one.

use super::discount::DiscountDraft;
use super::issue::{Stage, StepIssue};
use crate::campaign::{DiscountPolicy, SplitShare, SplitTest};

/// Variant B as the wizard holds it.
pub(super) struct Variant<'a> {
    pub template: &'a str,
    pub share: &'a str,
    /// Its own discount, when it tests one.
    pub discount: Option<&'a DiscountDraft>,
}

/// Variant B of a step sending `step_template`, each problem pushed under its field
/// (`split_template`, `split_share`, `split_discount.value`…); `None` when one is wrong.
pub(super) fn split_test(
    variant: Variant<'_>,
    step_template: &str,
    push: &mut impl FnMut(Stage, String, StepIssue),
) -> Option<SplitTest> {
    let template = variant.template.trim();
    if template.is_empty() || template == step_template.trim() {
        push(
            Stage::Email,
            "split_template".into(),
            StepIssue::SplitTemplate,
        );
    }
    let share = SplitShare::parse(variant.share)
        .map_err(|_| push(Stage::Email, "split_share".into(), StepIssue::SplitShare))
        .ok();
    let discount = match variant.discount {
        Some(draft) => Some(own_discount(draft, push)?),
        None => None,
    };
    Some(SplitTest {
        template_id: template.to_owned(),
        share: share?,
        discount,
    })
}

fn own_discount(
    draft: &DiscountDraft,
    push: &mut impl FnMut(Stage, String, StepIssue),
) -> Option<DiscountPolicy> {
    match draft.parse() {
        Ok(None) => Some(DiscountPolicy::None),
        Ok(Some(discount)) => Some(DiscountPolicy::Single { discount }),
        Err(found) => {
            for (name, issue) in found {
                push(Stage::Email, format!("split_discount.{name}"), issue);
            }
            None
        }
    }
}
