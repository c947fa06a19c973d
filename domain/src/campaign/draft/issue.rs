//! What can be wrong with a reminder the wizard holds.

use serde::{Deserialize, Serialize};

use crate::campaign::RangesError;

/// The wizard's three stages, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Target,
    Discount,
    Email,
}

/// What is wrong; the admin words it in the merchant's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StepIssue {
    NoProfile,
    /// 1 hour to 30 days.
    Delay,
    NotANumber,
    /// Above 0, at most 100.
    Percent,
    AmountNotPositive,
    /// 1 to 365 days.
    Validity,
    /// A range needs a discount: carts outside every range get none.
    RangeWithoutDiscount,
    Ranges {
        error: RangesError,
    },
    NoTemplate,
    /// A call step assigned to someone who is not a member of the shop.
    UnknownAssignee,
    /// A free gift without a usable SKU.
    GiftSku,
    /// A free gift without a name for the email.
    GiftName,
    /// A webhook step without a web address.
    WebhookUrl,
    /// A webhook step to an `http://` address off this machine.
    WebhookNotEncrypted,
    /// An A/B test without another template than the step's.
    SplitTemplate,
    /// An A/B test's share outside 1 to 99 %.
    SplitShare,
    /// An SMS step without a text in any language.
    SmsEmpty,
    /// An SMS text that can pass three SMS once its tags are filled.
    SmsTooLong {
        segments: usize,
    },
    /// An SMS text with a tag SMS do not take (`{cart}`) or no tag at all (`{prenom}`).
    SmsTag {
        tag: String,
    },
}
