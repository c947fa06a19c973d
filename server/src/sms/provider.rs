//! The shop's SMS provider behind one trait: Brevo's transactional SMS API, or any gateway
//! that takes a JSON POST. Each says what its answer means for the message and the number.

use async_trait::async_trait;
use domain::PhoneNumber;
use serde_json::{json, Value};

use crate::outbound::{HttpPoster, PostError, Posted};

/// Brevo's endpoint for one transactional SMS.
pub const BREVO_URL: &str = "https://api.brevo.com/v3/transactionalSMS/send";

/// One message to send.
pub struct SmsMessage<'a> {
    pub to: &'a PhoneNumber,
    pub text: &'a str,
    /// The delivery it is, for the provider's logs and callbacks.
    pub reference: &'a str,
    /// The text is UCS-2 (a character outside GSM-7).
    pub unicode: bool,
    /// Where the provider reports replies and bounces, when it can.
    pub status_url: &'a str,
}

/// Why a provider refused a number for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a mobile number it can reach.
    Invalid,
    /// The owner opted out at the provider (a STOP it received).
    OptedOut,
}

impl Refusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invalid => "invalid",
            Self::OptedOut => "opted_out",
        }
    }
}

/// What came of one send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsResult {
    /// Accepted, with the provider's id for the message.
    Accepted { provider_id: String },
    /// An outage, a limit, our credentials or credit: the message waits and is tried again;
    /// the customer is never blamed.
    Retry(String),
    /// The number is refused for good: it gets no more SMS, nothing else changes.
    Refused { refusal: Refusal, detail: String },
}

/// What was sent and answered, for the cart page's log.
pub struct Exchange {
    pub url: String,
    pub status: Option<u16>,
    pub result: SmsResult,
}

#[async_trait]
pub trait SmsProvider: Send + Sync {
    async fn send(&self, message: &SmsMessage<'_>) -> Exchange;
}

/// The shop's provider settings, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderConfig {
    pub kind: ProviderKind,
    pub url: String,
    pub sender: String,
    pub api_key: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderKind {
    Brevo,
    Json,
}

impl ProviderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Brevo => "brevo",
            Self::Json => "json",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "brevo" => Some(Self::Brevo),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// The provider `config` describes, posting through `http`.
pub fn provider(config: ProviderConfig, http: HttpPoster) -> Box<dyn SmsProvider> {
    match config.kind {
        ProviderKind::Brevo => Box::new(Brevo { config, http }),
        ProviderKind::Json => Box::new(JsonGateway { config, http }),
    }
}

struct Brevo {
    config: ProviderConfig,
    http: HttpPoster,
}

struct JsonGateway {
    config: ProviderConfig,
    http: HttpPoster,
}

fn body_json(posted: &Posted) -> Value {
    serde_json::from_slice(&posted.body).unwrap_or(Value::Null)
}

fn text_of(value: &Value, key: &str) -> String {
    match &value[key] {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// An answer with no verdict on the number: worth another try later.
fn retry(posted: &Result<Posted, PostError>) -> SmsResult {
    SmsResult::Retry(match posted {
        Ok(posted) => format!(
            "HTTP {} {}",
            posted.status,
            String::from_utf8_lossy(&posted.body[..posted.body.len().min(200)])
        ),
        Err(error) => error.to_string(),
    })
}

async fn post(
    http: &HttpPoster,
    url: &str,
    headers: &[(&str, String)],
    body: Value,
) -> (Result<Posted, PostError>, Exchange) {
    let posted = http.post(url, headers, body.to_string().into_bytes()).await;
    let exchange = Exchange {
        url: url.to_owned(),
        status: posted.as_ref().ok().map(|p| p.status),
        result: SmsResult::Retry(String::new()),
    };
    (posted, exchange)
}

#[async_trait]
impl SmsProvider for Brevo {
    async fn send(&self, message: &SmsMessage<'_>) -> Exchange {
        let body = json!({
            "sender": self.config.sender,
            "recipient": message.to.digits(),
            "content": message.text,
            "type": "marketing",
            "tag": "relance",
            "unicodeEnabled": message.unicode,
            "webUrl": message.status_url,
        });
        let headers = [
            ("api-key", self.config.api_key.clone()),
            ("accept", "application/json".to_owned()),
        ];
        let (posted, mut exchange) = post(&self.http, &self.config.url, &headers, body).await;
        exchange.result = brevo_result(&posted);
        exchange
    }
}

/// Brevo answers 201 with `messageId`; a 400 names the fault in `code` and `message`.
fn brevo_result(posted: &Result<Posted, PostError>) -> SmsResult {
    let Ok(answer) = posted else {
        return retry(posted);
    };
    let body = body_json(answer);
    if (200..300).contains(&answer.status) {
        return SmsResult::Accepted {
            provider_id: text_of(&body, "messageId"),
        };
    }
    let message = text_of(&body, "message").to_ascii_lowercase();
    let refusal = if answer.status != 400 {
        None
    } else if ["blacklist", "unsubscribed", "opted out"]
        .iter()
        .any(|w| message.contains(w))
    {
        Some(Refusal::OptedOut)
    } else if ["recipient", "mobile number", "phone number"]
        .iter()
        .any(|w| message.contains(w))
    {
        Some(Refusal::Invalid)
    } else {
        None
    };
    match refusal {
        Some(refusal) => SmsResult::Refused {
            refusal,
            detail: format!("HTTP 400 {}", text_of(&body, "message")),
        },
        None => retry(posted),
    }
}

#[async_trait]
impl SmsProvider for JsonGateway {
    async fn send(&self, message: &SmsMessage<'_>) -> Exchange {
        let body = json!({
            "to": message.to.as_str(),
            "from": self.config.sender,
            "text": message.text,
            "unicode": message.unicode,
            "reference": message.reference,
            "status_url": message.status_url,
        });
        let headers = [("authorization", format!("Bearer {}", self.config.api_key))];
        let (posted, mut exchange) = post(&self.http, &self.config.url, &headers, body).await;
        exchange.result = json_result(&posted);
        exchange
    }
}

/// The gateway contract (docs/api.md): a 2xx is sent (its `id` kept); a 4xx other than
/// 408/429 with `{"error": "invalid_number"}` or `{"error": "opted_out"}` refuses the
/// number; anything else is tried again.
fn json_result(posted: &Result<Posted, PostError>) -> SmsResult {
    let Ok(answer) = posted else {
        return retry(posted);
    };
    let body = body_json(answer);
    if (200..300).contains(&answer.status) {
        return SmsResult::Accepted {
            provider_id: text_of(&body, "id"),
        };
    }
    let refusal = match (answer.status, text_of(&body, "error").as_str()) {
        (408 | 429, _) => None,
        (400..=499, "invalid_number") => Some(Refusal::Invalid),
        (400..=499, "opted_out") => Some(Refusal::OptedOut),
        _ => None,
    };
    match refusal {
        Some(refusal) => SmsResult::Refused {
            refusal,
            detail: format!("HTTP {} {}", answer.status, text_of(&body, "error")),
        },
        None => retry(posted),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn answer(status: u16, body: &str) -> Result<Posted, PostError> {
        Ok(Posted {
            status,
            duration: Duration::ZERO,
            body: body.as_bytes().to_vec().into(),
        })
    }

    #[test]
    fn brevo_refuses_a_number_only_when_its_error_is_about_the_number() {
        assert_eq!(
            brevo_result(&answer(201, r#"{"messageId": 1511882900176220}"#)),
            SmsResult::Accepted {
                provider_id: "1511882900176220".into()
            }
        );
        let invalid = r#"{"code":"invalid_parameter","message":"Invalid recipient number"}"#;
        assert!(matches!(
            brevo_result(&answer(400, invalid)),
            SmsResult::Refused {
                refusal: Refusal::Invalid,
                ..
            }
        ));
        let sender = r#"{"code":"invalid_parameter","message":"sender is too long"}"#;
        for retried in [
            answer(400, sender),
            answer(401, r#"{"code":"unauthorized"}"#),
            answer(402, r#"{"code":"not_enough_credits"}"#),
            answer(429, ""),
            answer(503, "<html>"),
            Err(PostError::NoAnswer("refused".into())),
        ] {
            assert!(matches!(brevo_result(&retried), SmsResult::Retry(_)));
        }
    }

    #[test]
    fn a_json_gateway_refuses_a_number_by_its_error_code() {
        assert!(matches!(
            json_result(&answer(422, r#"{"error":"opted_out"}"#)),
            SmsResult::Refused {
                refusal: Refusal::OptedOut,
                ..
            }
        ));
        assert!(matches!(
            json_result(&answer(429, r#"{"error":"invalid_number"}"#)),
            SmsResult::Retry(_)
        ));
        assert!(matches!(
            json_result(&answer(400, r#"{"error":"bad_sender"}"#)),
            SmsResult::Retry(_)
        ));
        assert_eq!(
            json_result(&answer(202, r#"{"id":"m-1"}"#)),
            SmsResult::Accepted {
                provider_id: "m-1".into()
            }
        );
    }
}

/// The provider form as the merchant fills it; an empty key keeps the stored one.
#[derive(Debug, Clone, Default)]
pub struct ProviderForm {
    pub kind: String,
    pub url: String,
    pub sender: String,
    pub api_key: String,
}

impl ProviderConfig {
    /// Checks the form; `Err` names the field and says what is wrong.
    pub fn parse(
        form: &ProviderForm,
        stored_key: Option<&str>,
    ) -> Result<Self, (&'static str, String)> {
        let kind = ProviderKind::parse(form.kind.trim())
            .ok_or(("kind", "choose Brevo or a JSON gateway".to_owned()))?;
        let url = match (kind, form.url.trim()) {
            (ProviderKind::Brevo, "") => BREVO_URL.to_owned(),
            (_, url) => domain::calls::WebhookUrl::parse(url)
                .map_err(|e| ("url", e.to_string()))?
                .as_str()
                .to_owned(),
        };
        let sender = form.sender.trim().to_owned();
        let numeric = !sender.is_empty()
            && sender
                .trim_start_matches('+')
                .bytes()
                .all(|b| b.is_ascii_digit());
        let named = (1..=11).contains(&sender.chars().count())
            && sender
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ');
        if !(named || (numeric && sender.len() <= 16)) {
            return Err((
                "sender",
                "up to 11 letters and digits (the shop's name), or a phone number".to_owned(),
            ));
        }
        let api_key = match (form.api_key.trim(), stored_key) {
            ("", Some(stored)) => stored.to_owned(),
            ("", None) => return Err(("api_key", "the provider's API key is required".to_owned())),
            (key, _) => key.to_owned(),
        };
        Ok(Self {
            kind,
            url,
            sender,
            api_key,
        })
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    fn form(kind: &str, url: &str, sender: &str, key: &str) -> ProviderForm {
        ProviderForm {
            kind: kind.into(),
            url: url.into(),
            sender: sender.into(),
            api_key: key.into(),
        }
    }

    #[test]
    fn brevo_needs_only_a_sender_and_a_key_and_a_blank_key_keeps_the_stored_one() {
        let config =
            ProviderConfig::parse(&form("brevo", "", "MaisonLum", "xkeysib-1"), None).unwrap();
        assert_eq!(config.url, BREVO_URL);
        let kept =
            ProviderConfig::parse(&form("brevo", "", "MaisonLum", " "), Some("old")).unwrap();
        assert_eq!(kept.api_key, "old");
        assert_eq!(
            ProviderConfig::parse(&form("brevo", "", "MaisonLum", ""), None)
                .unwrap_err()
                .0,
            "api_key"
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        let bad = [
            (form("fax", "", "Shop", "k"), "kind"),
            (form("json", "", "Shop", "k"), "url"),
            (form("json", "http://10.0.0.1/sms", "Shop", "k"), "url"),
            (form("brevo", "", "Maison Lumière", "k"), "sender"),
            (form("brevo", "", "", "k"), "sender"),
        ];
        for (form, field) in bad {
            assert_eq!(
                ProviderConfig::parse(&form, None).unwrap_err().0,
                field,
                "{form:?}"
            );
        }
        assert!(ProviderConfig::parse(
            &form("json", "https://sms.example/send", "+33612345678", "k"),
            None
        )
        .is_ok());
    }
}
