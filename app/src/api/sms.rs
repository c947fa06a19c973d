//! The Connect page's SMS provider: which one, its sender and key (never read back), and the
//! addresses it reports replies and refusals to. Owners only.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The shop's SMS provider as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsProviderLine {
    /// `brevo` or `json`; `None` until the shop sets one (its SMS steps wait until then).
    pub kind: Option<String>,
    pub url: String,
    pub sender: String,
    /// Whether a key is stored; the key itself never leaves the server.
    pub key_set: bool,
    /// Where the provider posts replies and refusals: the shop's secret is in it.
    pub notice_url: String,
    /// The same without the secret, for a relay that signs with `Relance-Signature`.
    pub signed_notice_url: String,
    /// The numbers that get no more SMS (STOP, or refused by the provider).
    pub stopped: i64,
}

/// The provider form; an empty `api_key` keeps the stored one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsProviderForm {
    pub kind: String,
    pub url: String,
    pub sender: String,
    pub api_key: String,
}

#[server(prefix = "/admin/fn", endpoint = "load_sms_provider")]
pub async fn load_sms_provider(shop: String) -> Result<SmsProviderLine, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    Ok(scope.backend.sms_provider(&scope.shop).await?)
}

/// Saves the provider; a refused form answers 422 with `field: why`.
// JSON: the form is one nested value.
#[server(prefix = "/admin/fn", endpoint = "save_sms_provider", input = Json)]
pub async fn save_sms_provider(shop: String, form: SmsProviderForm) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Administer).await?;
    let outcome = scope
        .backend
        .save_sms_provider(&scope.shop, &form, chrono::Utc::now())
        .await?;
    if outcome.is_ok() {
        let after = format!(
            "{} {} {}",
            form.kind.trim(),
            form.sender.trim(),
            form.url.trim()
        );
        scope
            .audit(
                domain::audit::AuditAction::SmsProviderSet,
                "sms",
                None,
                Some(after.trim().to_owned()),
            )
            .await;
    }
    crate::error::with_status(outcome.map_err(AppError::Invalid))
}
