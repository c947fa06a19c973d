//! Ending a step's A/B test by promoting a variant (Statistics' A/B tests).

use leptos::prelude::*;

use crate::error::AppError;

/// Ends the test of reminder `id`: variant `b` becomes the reminder's template, `a` keeps it.
#[server(prefix = "/admin/fn", endpoint = "promote_variant")]
pub async fn promote_variant(shop: String, id: String, variant: String) -> Result<(), AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::Edit).await?;
    crate::error::with_status(
        async move {
            let keep_b = match variant.as_str() {
                "a" => false,
                "b" => true,
                other => {
                    return Err(AppError::Invalid(format!(
                        "variant: {other:?} is neither \"a\" nor \"b\""
                    )))
                }
            };
            let before = super::audited::step(&scope, &id).await;
            if !scope
                .backend
                .end_split(&scope.shop, &id, keep_b, chrono::Utc::now())
                .await?
            {
                return Err(AppError::NotFound);
            }
            let after = super::audited::step(&scope, &id).await;
            scope
                .audit(
                    domain::audit::AuditAction::ReminderSaved,
                    &id,
                    before,
                    after,
                )
                .await;
            Ok(())
        }
        .await,
    )
}
