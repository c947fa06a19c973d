//! The Rules page's part of the admin's backend.

use app::api::KnownProduct;
use app::backend::{BackendError, CartRule, RuleRemoval, RulesBackend};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::rules::{OptionalField, ParsedRule};
use domain::{Campaign, Shop};

use super::backend::DbBackend;
use crate::db::campaigns::{self, RuleDeletion};

#[async_trait]
impl RulesBackend for DbBackend {
    async fn end_split(
        &self,
        shop: &Shop,
        step_id: &str,
        keep_b: bool,
        now: DateTime<Utc>,
    ) -> Result<bool, BackendError> {
        Ok(campaigns::end_split(self.pool(), &shop.id, step_id, keep_b, now).await?)
    }

    async fn rules(
        &self,
        shop: &Shop,
    ) -> Result<(Vec<Campaign>, Vec<OptionalField>), BackendError> {
        Ok((
            campaigns::load_campaigns(self.pool(), &shop.id).await?,
            campaigns::sent_fields(self.pool(), &shop.id).await?,
        ))
    }

    async fn known_products(&self, shop: &Shop) -> Result<Vec<KnownProduct>, BackendError> {
        let rows = campaigns::known_products(self.pool(), &shop.id).await?;
        Ok(rows
            .into_iter()
            .map(|(sku, name, ean)| KnownProduct { sku, name, ean })
            .collect())
    }

    async fn save_rule(
        &self,
        shop: &Shop,
        id: &str,
        rule: &ParsedRule,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, BackendError> {
        if id.is_empty() {
            return Ok(Some(
                campaigns::create_rule(self.pool(), &shop.id, rule, now).await?,
            ));
        }
        let saved = campaigns::update_rule(self.pool(), &shop.id, id, rule, now).await?;
        Ok(saved.then(|| id.to_owned()))
    }

    async fn delete_rule(&self, shop: &Shop, id: &str) -> Result<RuleRemoval, BackendError> {
        Ok(
            match campaigns::delete_rule(self.pool(), &shop.id, id).await? {
                RuleDeletion::Deleted => RuleRemoval::Deleted,
                RuleDeletion::NotFound => RuleRemoval::NotFound,
                RuleDeletion::LastRule => RuleRemoval::LastRule,
            },
        )
    }

    async fn reroute_rule(
        &self,
        shop: &Shop,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<u64, BackendError> {
        Ok(campaigns::reroute(self.pool(), &shop.id, id, now).await?)
    }

    async fn launch_checks(
        &self,
        shop: &Shop,
    ) -> Result<Vec<(String, Vec<domain::rules::LaunchProblem>)>, BackendError> {
        Ok(crate::rules::launch_checks(self.pool(), shop).await?)
    }

    async fn cart_rule(
        &self,
        shop: &Shop,
        cart_id: &str,
    ) -> Result<Option<CartRule>, BackendError> {
        Ok(crate::rules::cart_rule(self.pool(), shop, cart_id).await?)
    }
}
