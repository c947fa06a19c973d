//! Where a discount sits in the wizard's draft: the step's single one, range `n`, or variant
//! B's own in an A/B test.

use domain::{DiscountDraft, StepDraft};

#[derive(Clone, Copy, PartialEq)]
pub enum Slot {
    Single,
    Range(usize),
    SplitB,
}

impl Slot {
    /// The problems' field prefix (`single.value`, `ranges[1].value`, `split_discount.value`).
    pub fn prefix(self) -> String {
        match self {
            Self::Single => "single".into(),
            Self::Range(n) => format!("ranges[{n}]"),
            Self::SplitB => "split_discount".into(),
        }
    }

    pub fn read(self, draft: &StepDraft) -> Option<&DiscountDraft> {
        match self {
            Self::Single => Some(&draft.single),
            Self::Range(n) => draft.ranges.get(n).map(|r| &r.discount),
            Self::SplitB => Some(&draft.split_discount),
        }
    }

    pub fn write(self, draft: &mut StepDraft, change: impl FnOnce(&mut DiscountDraft)) {
        let target = match self {
            Self::Single => Some(&mut draft.single),
            Self::Range(n) => draft.ranges.get_mut(n).map(|r| &mut r.discount),
            Self::SplitB => Some(&mut draft.split_discount),
        };
        if let Some(target) = target {
            change(target);
        }
    }
}
