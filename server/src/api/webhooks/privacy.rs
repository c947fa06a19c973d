//! Shopify's mandatory privacy topics. `customers/redact` erases the customer's address from
//! the shop, `shop/redact` (sent 48 hours after the shop uninstalled) erases all its
//! customers, and `customers/data_request` is written to the shop's Activity, from where the
//! merchant exports the data (Shopify leaves the answer to the merchant).

use chrono::Utc;
use domain::audit::AuditAction;
use domain::EmailAddress;
use serde::Deserialize;

use super::super::error::ApiError;
use super::{nothing_stored, Answer};
use crate::db;
use crate::privacy::{self, Requester};
use crate::state::AppState;

#[derive(Debug, Deserialize)]
struct PrivacyCustomer {
    email: Option<String>,
}

/// `customers/data_request` and `customers/redact`: the fields Relance reads.
#[derive(Debug, Deserialize)]
struct CustomerRequest {
    customer: PrivacyCustomer,
}

const BY_SHOPIFY: Requester<'static> = Requester {
    user_id: None,
    label: "Shopify",
};

pub(super) async fn receive(
    state: &AppState,
    shop_id: &str,
    topic: &str,
    body: &[u8],
) -> Result<Answer, ApiError> {
    let now = Utc::now();
    let pool = state.pool();
    if topic == "shop/redact" {
        privacy::erase_shop_customers(pool, &state.connect_log, shop_id, &BY_SHOPIFY, now).await?;
        return Ok(nothing_stored());
    }
    let request: CustomerRequest = super::parse(body)?;
    // A customer Shopify knows by phone only has nothing here: Relance keys customers by email.
    let Some(email) = request
        .customer
        .email
        .as_deref()
        .filter(|e| !e.trim().is_empty())
    else {
        return Ok(nothing_stored());
    };
    let email = EmailAddress::parse(email).map_err(|e| ApiError::InvalidField {
        field: "customer.email",
        message: e.to_string(),
    })?;
    if topic == "customers/redact" {
        privacy::erase(pool, &state.connect_log, shop_id, &email, &BY_SHOPIFY, now).await?;
    } else {
        db::audit::record(
            pool,
            &db::audit::NewEntry {
                shop_id: Some(shop_id),
                user_id: None,
                user_email: BY_SHOPIFY.label,
                action: AuditAction::DataRequested,
                subject: email.as_str(),
                before: None,
                after: None,
            },
            now,
        )
        .await?;
    }
    Ok(nothing_stored())
}
