//! Manual phone steps: a step can be a call task for the shop's staff instead of an email.
//! When it falls due the engine opens a task; staff work it from the Calls queue, and the
//! outcome they log says whether the cart's sequence goes on.

use serde::{Deserialize, Serialize};

pub use crate::calls_webhook::{WebhookUrl, WebhookUrlError};
use crate::sms::SmsTexts;

/// How a step reaches the customer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Channel {
    /// The step's template, mailed by the engine.
    #[default]
    Email,
    /// A call task for a staff member: `assignee` (a member id), or any staff of the shop.
    /// The step's template is the one the call screen offers to send.
    Call {
        #[serde(default)]
        assignee: Option<String>,
    },
    /// A signed JSON document (cart, customer, step, coupon) POSTed to the merchant's URL,
    /// for push services, CRMs and automation tools.
    Webhook { url: WebhookUrl },
    /// A text message in the customer's language with a short signed link to their cart,
    /// through the shop's SMS provider, to customers with a mobile number and SMS consent.
    Sms { texts: SmsTexts },
}

impl Channel {
    pub fn is_call(&self) -> bool {
        matches!(self, Self::Call { .. })
    }

    /// The address a webhook step POSTs to.
    pub fn webhook(&self) -> Option<&WebhookUrl> {
        match self {
            Self::Webhook { url } => Some(url),
            _ => None,
        }
    }

    /// The texts of an SMS step.
    pub fn sms(&self) -> Option<&SmsTexts> {
        match self {
            Self::Sms { texts } => Some(texts),
            _ => None,
        }
    }

    /// The name stored with the step.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Call { .. } => "call",
            Self::Webhook { .. } => "webhook",
            Self::Sms { .. } => "sms",
        }
    }

    /// The channel stored as `kind` with its assignee, address or texts; `None` for an
    /// unknown kind, a webhook without a valid address or an SMS without texts.
    pub fn from_parts(
        kind: &str,
        assignee: Option<String>,
        url: Option<&str>,
        sms: Option<SmsTexts>,
    ) -> Option<Self> {
        match kind {
            "sms" => sms.map(|texts| Self::Sms { texts }),
            "email" => Some(Self::Email),
            "call" => Some(Self::Call { assignee }),
            "webhook" => WebhookUrl::parse(url?)
                .ok()
                .map(|url| Self::Webhook { url }),
            _ => None,
        }
    }

    pub fn assignee(&self) -> Option<&str> {
        match self {
            Self::Call { assignee } => assignee.as_deref(),
            Self::Email | Self::Webhook { .. } | Self::Sms { .. } => None,
        }
    }
}

/// What came of a call, as staff log it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    /// Reached; the customer means to order.
    WillOrder,
    /// Reached; the customer ordered during the call (by phone, or with staff's help).
    OrderedOnCall,
    /// Reached; asked to be called back.
    CallBack,
    /// Reached; not interested.
    NotInterested,
    NoAnswer,
    Voicemail,
    WrongNumber,
    /// The customer asked not to be contacted again.
    DoNotContact,
}

impl CallOutcome {
    pub const ALL: [CallOutcome; 8] = [
        Self::WillOrder,
        Self::OrderedOnCall,
        Self::CallBack,
        Self::NotInterested,
        Self::NoAnswer,
        Self::Voicemail,
        Self::WrongNumber,
        Self::DoNotContact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::WillOrder => "will_order",
            Self::OrderedOnCall => "ordered_on_call",
            Self::CallBack => "call_back",
            Self::NotInterested => "not_interested",
            Self::NoAnswer => "no_answer",
            Self::Voicemail => "voicemail",
            Self::WrongNumber => "wrong_number",
            Self::DoNotContact => "do_not_contact",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == text)
    }

    /// Whether the cart's sequence stops here: more reminders would be unwelcome (not
    /// interested, do not contact), or pointless (ordered, the number is wrong). Otherwise
    /// the next steps go out as planned.
    pub fn stops_sequence(self) -> bool {
        matches!(
            self,
            Self::OrderedOnCall | Self::NotInterested | Self::WrongNumber | Self::DoNotContact
        )
    }

    /// Whether staff spoke with the customer.
    pub fn reached(self) -> bool {
        matches!(
            self,
            Self::WillOrder
                | Self::OrderedOnCall
                | Self::CallBack
                | Self::NotInterested
                | Self::DoNotContact
        )
    }
}

/// Notes staff may log with an outcome: at most this many characters.
pub const MAX_NOTES: usize = 2000;

/// Why a logged call is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CallLogError {
    UnknownOutcome,
    NotesTooLong,
}

/// A call's outcome and notes as staff log them, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallLog {
    pub outcome: CallOutcome,
    pub notes: String,
}

impl CallLog {
    pub fn parse(outcome: &str, notes: &str) -> Result<Self, CallLogError> {
        let outcome = CallOutcome::parse(outcome).ok_or(CallLogError::UnknownOutcome)?;
        let notes = notes.trim();
        if notes.chars().count() > MAX_NOTES {
            return Err(CallLogError::NotesTooLong);
        }
        Ok(Self {
            outcome,
            notes: notes.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_read_back_from_their_names() {
        for outcome in CallOutcome::ALL {
            assert_eq!(CallOutcome::parse(outcome.as_str()), Some(outcome));
        }
        assert_eq!(CallOutcome::parse("maybe"), None);
    }

    #[test]
    fn only_an_order_a_refusal_or_a_wrong_number_stops_the_sequence() {
        let stopping: Vec<_> = CallOutcome::ALL
            .into_iter()
            .filter(|o| o.stops_sequence())
            .collect();
        assert_eq!(
            stopping,
            [
                CallOutcome::OrderedOnCall,
                CallOutcome::NotInterested,
                CallOutcome::WrongNumber,
                CallOutcome::DoNotContact
            ]
        );
    }

    #[test]
    fn a_log_needs_a_known_outcome_and_short_notes() {
        assert_eq!(
            CallLog::parse("no_answer", "  rang twice  ").unwrap(),
            CallLog {
                outcome: CallOutcome::NoAnswer,
                notes: "rang twice".into()
            }
        );
        assert_eq!(
            CallLog::parse("later", ""),
            Err(CallLogError::UnknownOutcome)
        );
        let long = "x".repeat(MAX_NOTES + 1);
        assert_eq!(
            CallLog::parse("no_answer", &long),
            Err(CallLogError::NotesTooLong)
        );
    }

    #[test]
    fn a_channel_reads_back_from_its_stored_parts() {
        let call = Channel::Call {
            assignee: Some("m1".into()),
        };
        assert_eq!(
            Channel::from_parts(call.as_str(), Some("m1".into()), None, None),
            Some(call)
        );
        assert_eq!(
            Channel::from_parts("email", None, None, None),
            Some(Channel::Email)
        );
        let hook = Channel::Webhook {
            url: WebhookUrl::parse("https://hooks.example/r").unwrap(),
        };
        assert_eq!(
            Channel::from_parts("webhook", None, Some("https://hooks.example/r"), None),
            Some(hook)
        );
        assert_eq!(Channel::from_parts("webhook", None, None, None), None);
        assert_eq!(Channel::from_parts("fax", None, None, None), None);
        assert_eq!(Channel::from_parts("sms", None, None, None), None);
    }
}
