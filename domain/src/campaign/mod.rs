//! Campaigns: up to five reminder steps, each with its delay, audience, discount and template.

mod audience;
mod codes;
mod delay;
mod discount;
mod draft;
mod draw;
pub mod export;
mod gift;
mod holdout;
mod ranges;
mod split;
mod step;

pub use audience::{Audience, ProfileSet};
pub use codes::{CodeList, CodeListError, MAX_CODES};
pub use delay::{Delay, DelayFrom, DelayUnit};
pub use discount::{Discount, DiscountError, DiscountKind, Percent, ValidityDays};
pub use draft::{
    next_range_bounds, DiscountDraft, DiscountType, RangeDraft, Stage, StepDraft, StepIssue,
    StepProblem,
};
pub use gift::{GiftError, GiftProduct, MAX_GIFT_NAME, MAX_GIFT_SKU};
pub use holdout::{HoldoutError, HoldoutShare};
pub use ranges::{
    DiscountPolicy, DiscountRange, DiscountRanges, DiscountSummary, RangesError, ValueBasis,
    MAX_RANGES,
};
pub use split::{SplitShare, SplitShareError, SplitTest};
pub use step::{Campaign, CampaignError, ReminderStep, MAX_STEPS};
