use serde::{Deserialize, Serialize};

use super::{Currency, Language, WebUrl};

/// The merchant's shop, as its emails present it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shop {
    pub id: String,
    pub name: String,
    pub url: WebUrl,
    pub logo_url: Option<WebUrl>,
    /// The postal address shown in email footers (required by anti-spam laws).
    pub postal_address: String,
    pub currency: Currency,
    pub default_language: Language,
    /// An IANA time zone name (`Europe/Paris`); statistics count days in it.
    pub time_zone: String,
}
