//! The reminder engine's rules: which step a cart gets now (or why none), and coupon codes.
//! The server's jobs load the facts, call these, and carry out the answer.

mod coupon;
mod decide;
mod quiet;

pub use coupon::{
    coupon_code, coupon_state, redeem, CouponPrefix, CouponState, CouponTerms, RedeemAttempt,
    RedeemRefusal, Redeemed, CODE_ALPHABET, CODE_LENGTH,
};
pub use decide::{
    abandoned_at, campaign_step_due_at, decide, open_at, step_due_at, stop_reason, too_late,
    Action, CartStops, DiscountHold, SendingRules, SequenceFacts, Situation, SkipReason,
};
pub use quiet::{parse_time, LocalClock, QuietHours, QuietHoursError};

#[cfg(test)]
mod tests;
