//! What an SMS provider tells Relance back: a customer's reply (STOP, ARRET…) or a number
//! it gave up on. Two shapes are read: the generic `{"from", "text"}` a relay posts, and
//! Brevo's SMS event (`to`, `msg_status`, `reply`), sent to the `webUrl` of each message.

use serde_json::Value;

use super::Refusal;

/// Replies that mean "no more SMS", first word, any case, accents or not.
const STOP_WORDS: [&str; 8] = [
    "STOP",
    "ARRET",
    "ARRÊT",
    "STOPSMS",
    "UNSUBSCRIBE",
    "STOPALL",
    "DESABONNER",
    "DÉSABONNER",
];

/// What an inbound notice asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The number replied STOP (or the provider recorded an opt-out): no more SMS to it.
    Stop { phone: String },
    /// The provider cannot deliver to the number.
    Undeliverable { phone: String },
    /// Anything else (a delivery report, a reply that is not a stop word): nothing to do.
    Nothing,
}

impl Notice {
    /// The suppression it asks for, with the raw number as the provider wrote it.
    pub fn suppression(&self) -> Option<(&str, &'static str)> {
        match self {
            Self::Stop { phone } => Some((phone, "stop")),
            Self::Undeliverable { phone } => Some((phone, Refusal::Invalid.as_str())),
            Self::Nothing => None,
        }
    }
}

/// Whether a reply's text asks to stop.
pub fn is_stop(text: &str) -> bool {
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_uppercase();
    STOP_WORDS.contains(&first.as_str())
}

fn field<'a>(body: &'a Value, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|name| body[*name].as_str())
}

/// Reads a notice; `None` when the body is neither shape.
pub fn read(body: &Value) -> Option<Notice> {
    if let Some(status) = body["msg_status"].as_str().or(body["event"].as_str()) {
        let phone = field(body, &["to", "phone"])?.to_owned();
        let reply = field(body, &["reply", "text"]).unwrap_or_default();
        return Some(match status.to_ascii_lowercase().as_str() {
            "unsubscribed" | "unsubscribe" => Notice::Stop { phone },
            "replied" | "reply" if is_stop(reply) => Notice::Stop { phone },
            "hardbounce" | "hard_bounce" => Notice::Undeliverable { phone },
            _ => Notice::Nothing,
        });
    }
    let phone = field(body, &["from", "msisdn"])?.to_owned();
    let text = field(body, &["text", "message", "body"])?;
    Some(if is_stop(text) {
        Notice::Stop { phone }
    } else {
        Notice::Nothing
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn stop_and_arret_in_any_case_stop_and_other_replies_do_not() {
        for stop in [
            "STOP",
            "stop",
            " Stop.",
            "ARRET",
            "arrêt svp",
            "STOP SMS",
            "Désabonner",
        ] {
            assert!(is_stop(stop), "{stop}");
        }
        for other in ["Merci !", "stopper ?", "", "Non stop"] {
            assert!(!is_stop(other), "{other}");
        }
    }

    #[test]
    fn a_relays_reply_and_brevos_events_are_read() {
        assert_eq!(
            read(&json!({"from": "+33612345678", "text": "STOP"})),
            Some(Notice::Stop {
                phone: "+33612345678".into()
            })
        );
        assert_eq!(
            read(&json!({"from": "+33612345678", "text": "Merci"})),
            Some(Notice::Nothing)
        );
        assert_eq!(
            read(&json!({"to": "33612345678", "msg_status": "replied", "reply": "Arrêt"})),
            Some(Notice::Stop {
                phone: "33612345678".into()
            })
        );
        assert_eq!(
            read(&json!({"to": "33612345678", "msg_status": "hardBounce"})),
            Some(Notice::Undeliverable {
                phone: "33612345678".into()
            })
        );
        assert_eq!(
            read(&json!({"to": "33612345678", "msg_status": "delivered"})),
            Some(Notice::Nothing)
        );
        assert_eq!(read(&json!({"hello": "world"})), None);
    }
}
