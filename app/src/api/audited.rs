//! What the activity log says a changed thing was: read before a change so the log holds a
//! before and an after.

use domain::audit::{step_summary, template_summary};

use super::scope::Scope;

/// The reminder `step_id` in one line, if the shop has it.
pub async fn step(scope: &Scope, step_id: &str) -> Option<String> {
    let found = scope
        .backend
        .shop_campaign(&scope.shop, None)
        .await
        .ok()??;
    found
        .campaigns
        .iter()
        .flat_map(|campaign| campaign.steps())
        .find(|step| step.id == step_id)
        .map(step_summary)
}

/// The template `template_id` in a few lines, if the shop has it.
pub async fn template(scope: &Scope, template_id: &str) -> Option<String> {
    let found = scope
        .backend
        .shop_campaign(&scope.shop, None)
        .await
        .ok()??;
    found
        .templates
        .iter()
        .find(|template| template.id == template_id)
        .map(template_summary)
}

/// "on" or "off", as the log shows a switch.
pub fn switch(on: bool) -> Option<String> {
    Some(if on { "on" } else { "off" }.to_owned())
}
