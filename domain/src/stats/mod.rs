//! Statistics definitions (issue 7's groundwork): which reminder an order is attributed to,
//! the four headline figures of a period, and the funnel per step and per template. Pure and
//! computed from plain facts, so the server can feed them from SQL and tests from hand-made
//! data.

mod attribution;
mod calls;
mod daily;
mod figures;
mod lift;
pub mod machine;
mod range;
mod split;

pub use attribution::{
    attribute, attribution, Attribution, AttributionRules, CreditRule, Order, SentReminder, Touch,
};
pub use calls::{staff_lines, CallFact, StaffLine};
pub use daily::{
    day_stats, funnels_of_days, headline_of_days, series_of_days, Credit, DayFacts, DayPoint,
    DayStats, Reach, StepDay, Subject,
};
pub use figures::{funnel, headline, CartFact, Funnel, FunnelKey, Headline, Period, Rate};
pub use lift::{
    difference_interval, group_outcomes, lift, DrawnSequence, GroupOutcome, Lift, Measured,
    MIN_GROUP_CARTS,
};
pub use range::{DayRange, Preset, RangeError, MAX_DAYS};
pub use split::{
    compare, two_proportion_p, SplitMetric, SplitVerdict, Variant, VariantFunnel, MIN_ORDERS,
    MIN_SENT,
};
