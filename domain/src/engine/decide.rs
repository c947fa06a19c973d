//! Which reminder a cart gets now, or why it gets none: the engine's pure core.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::quiet::{LocalClock, QuietHours};
use crate::campaign::{Campaign, DelayFrom, Discount, ReminderStep};
use crate::model::{Cart, Customer, EmailTemplate, Language};

/// The settings that bound sending, with the defaults merchants get.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendingRules {
    /// A cart idle this long is abandoned; step delays count from that moment (Settings).
    pub abandoned_after: Duration,
    /// No customer gets two reminders closer than this (any carts).
    pub min_gap: Duration,
    /// A step this late is skipped, so a server back from a day down sends no stale burst.
    pub max_lateness: Duration,
    /// A customer who ordered within this many months is "active".
    pub active_months: u32,
    /// At most one coupon per customer over this period.
    pub coupon_cooldown: Duration,
    /// A customer gets reminders from at most one restarted sequence over this period (zero:
    /// no limit), so toggling a cart does not bring a mail every hour.
    pub re_entry: Duration,
    /// Nothing is sent inside this daily window of the customer's local time (`None`: any
    /// time); a step due inside it waits for its end.
    pub quiet_hours: Option<QuietHours>,
    /// Only customers who gave their consent (`newsletter`) are reminded (Settings).
    pub require_consent: bool,
}

impl SendingRules {
    /// The rules a step of `channel` goes by: an SMS reaches a phone in the customer's
    /// pocket, so it keeps night-time quiet hours even in a shop that set none.
    pub fn for_channel(&self, channel: &crate::calls::Channel) -> SendingRules {
        match channel {
            crate::calls::Channel::Sms { .. } => self.for_sms(),
            _ => *self,
        }
    }

    /// The rules of an SMS step.
    pub fn for_sms(&self) -> SendingRules {
        SendingRules {
            quiet_hours: self.quiet_hours.or(Some(QuietHours::NIGHT)),
            ..*self
        }
    }
}

impl Default for SendingRules {
    fn default() -> Self {
        Self {
            abandoned_after: Duration::minutes(30),
            min_gap: Duration::hours(12),
            max_lateness: Duration::hours(24),
            active_months: 6,
            coupon_cooldown: Duration::days(30),
            re_entry: Duration::days(7),
            quiet_hours: Some(QuietHours::NIGHT),
            require_consent: false,
        }
    }
}

/// Why a step is not sent to a cart. The names are stable: run summaries, the cart timeline
/// and statistics count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    Ordered,
    Emptied,
    Deleted,
    Unsubscribed,
    Suppressed,
    NotSubscribedToNewsletter,
    OutsideAudience,
    NoContentForLanguage,
    TemplateMissing,
    TooLate,
    /// The customer already got reminders from another restarted sequence within the
    /// re-entry period.
    ReEntryLimit,
    /// The merchant stopped the cart's reminders.
    Stopped,
    /// The shop requires consent and the customer did not give it.
    NoConsent,
    /// The customer is in the rule's control group, which gets nothing.
    ControlGroup,
    /// An SMS step, and the shop sent no valid mobile number for the customer.
    NoPhone,
    /// An SMS step, and the customer did not agree to SMS (or replied STOP).
    NoSmsConsent,
}

impl SkipReason {
    pub const ALL: [SkipReason; 16] = [
        Self::Ordered,
        Self::Emptied,
        Self::Deleted,
        Self::Unsubscribed,
        Self::Suppressed,
        Self::NotSubscribedToNewsletter,
        Self::OutsideAudience,
        Self::NoContentForLanguage,
        Self::TemplateMissing,
        Self::TooLate,
        Self::ReEntryLimit,
        Self::Stopped,
        Self::NoConsent,
        Self::ControlGroup,
        Self::NoPhone,
        Self::NoSmsConsent,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Ordered => "ordered",
            Self::Emptied => "emptied",
            Self::Deleted => "deleted",
            Self::Unsubscribed => "unsubscribed",
            Self::Suppressed => "suppressed",
            Self::NotSubscribedToNewsletter => "not_subscribed_to_newsletter",
            Self::OutsideAudience => "outside_audience",
            Self::NoContentForLanguage => "no_content_for_language",
            Self::TemplateMissing => "template_missing",
            Self::TooLate => "too_late",
            Self::ReEntryLimit => "re_entry_limit",
            Self::Stopped => "stopped",
            Self::NoConsent => "no_consent",
            Self::ControlGroup => "control_group",
            Self::NoPhone => "no_phone",
            Self::NoSmsConsent => "no_sms_consent",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|reason| reason.as_str() == text)
    }
}

/// Everything about one cart that deciding needs, as the database knows it at `now`.
#[derive(Clone)]
pub struct Situation<'a> {
    pub cart: &'a Cart,
    pub customer: &'a Customer,
    pub last_activity_at: DateTime<Utc>,
    /// The cart's current sequence (where its steps stand).
    pub sequence: SequenceFacts,
    pub ordered: bool,
    pub deleted: bool,
    pub unsubscribed: bool,
    pub suppressed: bool,
    /// The steps of this campaign the cart's current sequence already went through (sent,
    /// skipped, failed or queued): each step happens at most once per sequence.
    pub done_steps: &'a [String],
    /// The customer's latest reminder, on any cart.
    pub last_reminder_at: Option<DateTime<Utc>>,
    /// The customer's latest coupon.
    pub last_coupon_at: Option<DateTime<Utc>>,
    /// The customer's time zone, else the shop's: quiet hours are its local times.
    pub zone: &'a dyn LocalClock,
}

/// Where a cart's current sequence stands. A cart's first sequence starts when it is created;
/// the customer adding to it after a step starts the next one, from step 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SequenceFacts {
    /// Started by a change of the cart after a step (not the cart's first sequence).
    pub restarted: bool,
    /// When the cart counted as abandoned for this sequence, fixed once its first step was
    /// decided: later steps keep their times if "abandoned after" changes. `None` before.
    pub abandoned_at: Option<DateTime<Utc>>,
    /// A reminder of this sequence went out.
    pub sent: bool,
    /// A reminder of this sequence went out without a discount: an escalating campaign may
    /// offer one from then on.
    pub sent_without_discount: bool,
    /// When the customer's latest *other* restarted sequence sent its first reminder (any
    /// cart): the re-entry limit counts from it.
    pub other_restart_sent_at: Option<DateTime<Utc>>,
    /// When this sequence's latest step went out, or fell due when it was passed over: a
    /// step counted from the previous one counts from it.
    pub last_step_at: Option<DateTime<Utc>>,
    /// The sequence is in its rule's control group: drawn when its first step falls due,
    /// then kept (`HoldoutShare::holds_out`).
    pub control: bool,
}

/// When a step `delay` after the abandonment falls due. The sequence's abandonment is the one
/// fixed at its first step, or else now's (the last activity plus "abandoned after"); and a
/// cart active again since waits to be abandoned again, whatever its schedule.
pub fn step_due_at(
    delay: Duration,
    last_activity_at: DateTime<Utc>,
    sequence_abandoned_at: Option<DateTime<Utc>>,
    rules: &SendingRules,
) -> DateTime<Utc> {
    let abandoned = abandoned_at(last_activity_at, rules);
    (sequence_abandoned_at.unwrap_or(abandoned) + delay).max(abandoned)
}

/// When step `index` of `campaign` falls due: a step counted from the abandonment at the
/// sequence's abandonment plus its delay; one counted from the previous step at that step's
/// time plus its delay (at its earliest offset while no step went). A cart active again since
/// waits to be abandoned again.
pub fn campaign_step_due_at(
    campaign: &Campaign,
    index: usize,
    last_activity_at: DateTime<Utc>,
    sequence: &SequenceFacts,
    rules: &SendingRules,
) -> DateTime<Utc> {
    let abandoned = abandoned_at(last_activity_at, rules);
    let start = sequence.abandoned_at.unwrap_or(abandoned);
    let from_start = start + Duration::hours(i64::from(campaign.offset_hours(index)));
    let due = match (campaign.steps().get(index), sequence.last_step_at) {
        (Some(step), Some(previous)) if step.delay.from() == DelayFrom::PreviousStep => {
            previous + step.delay.duration()
        }
        _ => from_start,
    };
    due.max(abandoned)
}

/// What the engine does with a cart now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Send `step` in `language`, with `discount` (a code is made for it).
    Send {
        step_id: String,
        language: Language,
        discount: Option<Discount>,
        /// Why the step's discount is not offered this time, if it is held back.
        discount_held: Option<DiscountHold>,
    },
    /// Open a call task for `step` (a phone step): staff call the customer, and the sequence
    /// goes on as planned unless the call's outcome stops it.
    Call { step_id: String },
    /// Record that `step` is not sent, and why; the next step may follow.
    Skip { step_id: String, reason: SkipReason },
    /// Nothing to do before `at`.
    Wait { at: DateTime<Utc> },
    /// The cart's sequence is over (every enabled step done) or it can never get one.
    Done,
}

/// Why a step's discount is held back while the reminder still goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountHold {
    /// The customer had a coupon within the cooldown (Settings).
    Cooldown,
    /// The campaign escalates: no reminder of this sequence went out without a discount yet.
    Escalation,
}

/// What can stop a cart's reminder after its step fell due. The planner checks it when it
/// decides, and the sending side again just before the mail goes out, since an order, an
/// unsubscribe or a bounce can arrive in between: both ask `stop_reason`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CartStops {
    pub ordered: bool,
    pub deleted: bool,
    /// No product left in the cart.
    pub emptied: bool,
    /// The address bounced for good.
    pub suppressed: bool,
    pub unsubscribed: bool,
    /// The merchant stopped its reminders.
    pub stopped: bool,
}

/// Why a reminder to this cart may not (or no longer) go out, if anything stops it.
pub fn stop_reason(stops: CartStops) -> Option<SkipReason> {
    if stops.ordered {
        Some(SkipReason::Ordered)
    } else if stops.deleted {
        Some(SkipReason::Deleted)
    } else if stops.emptied {
        Some(SkipReason::Emptied)
    } else if stops.suppressed {
        Some(SkipReason::Suppressed)
    } else if stops.unsubscribed {
        Some(SkipReason::Unsubscribed)
    } else if stops.stopped {
        Some(SkipReason::Stopped)
    } else {
        None
    }
}

/// When a cart last active at `last_activity_at` counts as abandoned: the moment its step
/// delays count from, and before which it gets nothing.
pub fn abandoned_at(last_activity_at: DateTime<Utc>, rules: &SendingRules) -> DateTime<Utc> {
    last_activity_at + rules.abandoned_after
}

/// When a reminder that may go from `at` can reach the customer: at once, or at the end of
/// the quiet hours `at` falls in, in `zone`'s local time.
pub fn open_at(at: DateTime<Utc>, rules: &SendingRules, zone: &dyn LocalClock) -> DateTime<Utc> {
    rules
        .quiet_hours
        .map_or(at, |quiet| quiet.next_open(at, zone))
}

/// Whether a reminder that could go out at `could_go_at` is now too late to send: when the
/// planner decides, and again when a queued one is finally sent (after a retry or a sending
/// fault), so a server back from a day down sends no stale burst.
pub fn too_late(could_go_at: DateTime<Utc>, rules: &SendingRules, now: DateTime<Utc>) -> bool {
    now > could_go_at + rules.max_lateness
}

fn cart_reason(situation: &Situation<'_>) -> Option<SkipReason> {
    stop_reason(CartStops {
        ordered: situation.ordered,
        deleted: situation.deleted,
        emptied: situation.cart.is_empty(),
        suppressed: situation.suppressed,
        unsubscribed: situation.unsubscribed,
        // The planner reads no stopped cart.
        stopped: false,
    })
}

/// The step to act on, with its place: the first enabled one, in sending order, this cart
/// has not gone through.
fn next_step<'c>(
    campaign: &'c Campaign,
    situation: &Situation<'_>,
) -> Option<(usize, &'c ReminderStep)> {
    campaign
        .steps()
        .iter()
        .enumerate()
        .filter(|(_, step)| step.enabled)
        .find(|(_, step)| !situation.done_steps.iter().any(|done| done == &step.id))
}

/// Why the customer is not one the step reaches (consent, newsletter, profile), if so.
fn audience_reason(
    step: &ReminderStep,
    customer: &Customer,
    rules: &SendingRules,
    now: DateTime<Utc>,
) -> Option<SkipReason> {
    if rules.require_consent && !customer.newsletter {
        return Some(SkipReason::NoConsent);
    }
    if step.audience.newsletter_only && !customer.newsletter {
        return Some(SkipReason::NotSubscribedToNewsletter);
    }
    let profile = customer.profile(now, rules.active_months);
    (!step.audience.profiles.contains(profile)).then_some(SkipReason::OutsideAudience)
}

/// Decides what happens to the cart at `now`. `template` finds a step's template by id.
pub fn decide<'t>(
    campaign: &Campaign,
    situation: &Situation<'_>,
    template: impl Fn(&str) -> Option<&'t EmailTemplate>,
    rules: &SendingRules,
    now: DateTime<Utc>,
) -> Action {
    let Some((index, step)) = next_step(campaign, situation) else {
        return Action::Done;
    };
    let due_at = campaign_step_due_at(
        campaign,
        index,
        situation.last_activity_at,
        &situation.sequence,
        rules,
    );
    if now < due_at {
        return Action::Wait { at: due_at };
    }
    let skip = |reason| Action::Skip {
        step_id: step.id.clone(),
        reason,
    };
    if let Some(reason) = cart_reason(situation) {
        return skip(reason);
    }
    let sequence = situation.sequence;
    let re_entered_lately = sequence
        .other_restart_sent_at
        .is_some_and(|at| now < at + rules.re_entry);
    if sequence.restarted && !sequence.sent && re_entered_lately {
        return skip(SkipReason::ReEntryLimit);
    }
    // After the cart's own stops, so both groups' carts that ordered or emptied before a
    // step read the same in Statistics.
    if sequence.control {
        return skip(SkipReason::ControlGroup);
    }
    let customer = situation.customer;
    if step.channel.is_call() {
        // Staff work the task in their own hours: no quiet hours, gap or lateness, and the
        // template is only what the call screen offers to send.
        return match audience_reason(step, customer, rules, now) {
            Some(reason) => skip(reason),
            None => Action::Call {
                step_id: step.id.clone(),
            },
        };
    }
    let rules = &rules.for_channel(&step.channel);
    // The minimum gap and quiet hours delay a step rather than drop it; lateness is counted
    // from when the step could go out, so neither turns into a skip by itself.
    let allowed_at = open_at(
        situation
            .last_reminder_at
            .map_or(due_at, |last| due_at.max(last + rules.min_gap)),
        rules,
        situation.zone,
    );
    if too_late(allowed_at, rules, now) {
        return skip(SkipReason::TooLate);
    }
    if let Some(reason) = audience_reason(step, customer, rules, now) {
        return skip(reason);
    }
    // A webhook carries the customer's language and the data; the receiver writes the words.
    let language = if step.channel.webhook().is_some() {
        customer.language
    } else if let Some(texts) = step.channel.sms() {
        if customer.phone.is_none() {
            return skip(SkipReason::NoPhone);
        }
        if !customer.sms_consent {
            return skip(SkipReason::NoSmsConsent);
        }
        let Some((language, _)) = texts.for_language(customer.language) else {
            return skip(SkipReason::NoContentForLanguage);
        };
        language
    } else {
        let Some(template) = template(step.template_for(situation.cart)) else {
            return skip(SkipReason::TemplateMissing);
        };
        let Some((language, _)) = template.content_for(customer.language) else {
            return skip(SkipReason::NoContentForLanguage);
        };
        language
    };
    // A step from before the night, decided inside it (a server back late), still waits.
    let go_at = open_at(allowed_at.max(now), rules, situation.zone);
    if now < go_at {
        return Action::Wait { at: go_at };
    }
    let offered = step.discount_for(situation.cart).pick(situation.cart);
    let hold = if situation
        .last_coupon_at
        .is_some_and(|at| now < at + rules.coupon_cooldown)
    {
        Some(DiscountHold::Cooldown)
    } else if campaign.escalation() && !sequence.sent_without_discount {
        Some(DiscountHold::Escalation)
    } else {
        None
    };
    let discount_held = offered.as_ref().and(hold);
    Action::Send {
        step_id: step.id.clone(),
        language,
        discount: if discount_held.is_some() {
            None
        } else {
            offered
        },
        discount_held,
    }
}
