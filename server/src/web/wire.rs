//! The admin's wire types made from rows and run summaries: what the backend hands to the
//! server functions.

use crate::db;

pub fn figures(summary: &crate::jobs::RunSummary) -> app::api::RunFigures {
    app::api::RunFigures {
        due: summary.due,
        sent: summary.sent,
        skipped: summary
            .skipped
            .iter()
            .map(|(reason, count)| (reason.clone(), *count))
            .collect(),
        failed: summary.failed,
        retrying: summary.retrying,
    }
}

pub fn run_line(run: db::runs::RunRow) -> app::api::RunLine {
    app::api::RunLine {
        trigger: run.trigger,
        started_at: run.started_at,
        duration_ms: (run.finished_at - run.started_at).num_milliseconds(),
        figures: run
            .summary_json
            .as_deref()
            .and_then(|json| serde_json::from_str::<crate::jobs::RunSummary>(json).ok())
            .map(|summary| figures(&summary)),
        error: run.error,
    }
}

pub fn step_saved(saved: db::campaigns::StepSave) -> app::api::StepSaved {
    use app::api::{StepRefusal, StepSaved};
    use db::campaigns::StepSave;
    match saved {
        StepSave::Saved { step_id } => StepSaved::Saved { id: step_id },
        StepSave::NotFound => StepSaved::NotFound,
        StepSave::UnknownTemplate => StepSaved::Refused(StepRefusal::UnknownTemplate),
        StepSave::UnknownCollection => StepSaved::Refused(StepRefusal::UnknownCollection),
        StepSave::Refused(domain::CampaignError::SameDelay { hours }) => {
            StepSaved::Refused(StepRefusal::SameDelay { hours })
        }
        StepSave::Refused(_) => StepSaved::Refused(StepRefusal::TooMany),
    }
}

/// The Connect page: the shop's endpoint and keys (never their secrets).
pub fn keys_page(
    shop: domain::Shop,
    public_url: &str,
    keys: Vec<db::api_keys::KeyRow>,
) -> app::api::KeysPage {
    app::api::KeysPage {
        endpoint: crate::shops::events_endpoint(public_url),
        shop_name: shop.name,
        now: chrono::Utc::now(),
        keys: keys
            .into_iter()
            .map(|k| app::api::KeyLine {
                id: k.api_key_id,
                name: k.name,
                prefix: k.key_prefix,
                created_at: k.created_at,
                last_used_at: k.last_used_at,
                revoked_at: k.revoked_at,
            })
            .collect(),
    }
}
