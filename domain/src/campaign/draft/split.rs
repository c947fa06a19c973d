//! The wizard's A/B test: variant B's template, its share of the carts, and the discount it
//! tests instead of the step's, when it tests one.

use super::{DiscountDraft, Stage, StepDraft, StepIssue};
use crate::campaign::{DiscountPolicy, SplitShare, SplitTest};

/// Variant B from the draft, each problem pushed under its field (`split_template`,
/// `split_share`, `split_discount.value`…); `None` when one of them is wrong.
pub(super) fn split_test(
    draft: &StepDraft,
    push: &mut impl FnMut(Stage, String, StepIssue),
) -> Option<SplitTest> {
    let template = draft.split_template.trim();
    if template.is_empty() || template == draft.template_id.trim() {
        push(
            Stage::Email,
            "split_template".into(),
            StepIssue::SplitTemplate,
        );
    }
    let share = SplitShare::parse(&draft.split_share)
        .map_err(|_| push(Stage::Email, "split_share".into(), StepIssue::SplitShare))
        .ok();
    let discount = if draft.split_own_discount {
        Some(own_discount(&draft.split_discount, push)?)
    } else {
        None
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
