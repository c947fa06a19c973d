//! Duplicating a reminder: a copy one day later (the first free delay), off until edited.

use app::api::{StepRefusal, StepSaved};
use chrono::{DateTime, Utc};

use crate::db::{self, DbError, Pool};

pub async fn duplicate(
    pool: &Pool,
    shop_id: &str,
    step_id: &str,
    now: DateTime<Utc>,
) -> Result<StepSaved, DbError> {
    let campaigns = db::campaigns::load_campaigns(pool, shop_id).await?;
    let Some((campaign, original)) = campaigns.iter().find_map(|campaign| {
        let step = campaign.steps().iter().find(|s| s.id == step_id)?;
        Some((campaign, step))
    }) else {
        return Ok(StepSaved::NotFound);
    };
    if campaign.steps().len() >= domain::MAX_STEPS {
        return Ok(StepSaved::Refused(StepRefusal::TooMany));
    }
    let taken: Vec<u32> = campaign
        .steps()
        .iter()
        .map(|s| s.delay.total_hours())
        .collect();
    // The copy goes one day later (or one hour if days run out), off until edited.
    let free = (1..=30)
        .filter_map(|n| original.delay.total_hours().checked_add(24 * n))
        .chain((1..=720).filter_map(|n| original.delay.total_hours().checked_add(n)))
        .find_map(|hours| {
            let delay = if hours % 24 == 0 {
                domain::Delay::days(hours / 24)
            } else {
                domain::Delay::hours(hours)
            };
            delay
                .ok()
                .filter(|_| !taken.contains(&hours))
                .map(|delay| delay.counted_from(original.delay.from()))
        });
    let Some(delay) = free else {
        return Ok(StepSaved::Refused(StepRefusal::SameDelay {
            hours: original.delay.total_hours(),
        }));
    };
    let copy = domain::ReminderStep {
        id: String::new(),
        delay,
        enabled: false,
        ..original.clone()
    };
    Ok(super::wire::step_saved(
        db::campaigns::save_step(pool, shop_id, Some(campaign.id()), &copy, now).await?,
    ))
}
