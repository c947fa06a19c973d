//! What the engine knows of a page of candidates' past: their sequences, rules, reminders,
//! coupons and suppressions.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::engine::SequenceFacts;

use super::engine::{json_list, Candidate};
use crate::db::on;
use crate::db::{Conn, DbError};

/// What the engine knows of a page of candidates' past: the steps of each cart's current
/// sequence with a delivery row, where that sequence stands, each customer's latest reminder
/// and coupon, and the addresses that get nothing.
#[derive(Default)]
pub struct History {
    pub done_steps: HashMap<String, Vec<String>>,
    pub sequences: HashMap<String, SequenceFacts>,
    pub last_reminders: HashMap<String, DateTime<Utc>>,
    pub last_coupons: HashMap<String, DateTime<Utc>>,
    /// Lower-cased address → `true` for a permanent bounce, `false` for an unsubscribe.
    pub suppressions: HashMap<String, bool>,
    /// The rule (campaign) each cart's current sequence follows, once a step was written.
    pub rules: HashMap<String, String>,
    /// Each cart's current sequence's group, once a step was written: `Some(true)` for a
    /// rule's control group, `None` when its rule had none.
    pub groups: HashMap<String, Option<bool>>,
    /// The rules that sent each customer a reminder, not counting the cart's own current
    /// sequence: customer → (campaign, cart, sequence).
    pub applied: Vec<(String, String, String, i64)>,
}

impl History {
    /// The rules that sent `candidate`'s customer a reminder outside its current sequence.
    pub fn applied_rules(&self, candidate: &Candidate) -> Vec<String> {
        let mut rules: Vec<String> = self
            .applied
            .iter()
            .filter(|(customer, _, cart, sequence)| {
                *customer == candidate.customer_id
                    && !(*cart == candidate.cart_id && *sequence == candidate.sequence)
            })
            .map(|(_, campaign, ..)| campaign.clone())
            .collect();
        rules.sort();
        rules.dedup();
        rules
    }
}

pub async fn history(
    conn: &mut Conn<'_>,
    shop_id: &str,
    candidates: &[Candidate],
) -> Result<History, DbError> {
    let carts = json_list(candidates.iter().map(|c| c.cart_id.as_str()));
    let customers = json_list(candidates.iter().map(|c| c.customer_id.as_str()));
    let emails: Vec<String> = candidates
        .iter()
        .map(|c| c.customer.email.as_str().to_ascii_lowercase())
        .collect();
    // An erased customer's unsubscribe is kept as a hash of the address (`db::privacy`).
    let hashes: HashMap<String, String> = emails
        .iter()
        .map(|email| (super::privacy::address_hash(email), email.clone()))
        .collect();
    let emails = json_list(emails.iter().map(String::as_str));
    let hashed = json_list(hashes.keys().map(String::as_str));

    let current: HashMap<&str, &Candidate> =
        candidates.iter().map(|c| (c.cart_id.as_str(), c)).collect();
    let steps: Vec<StepRow> = on!(conn, |db| {
        sqlx::query_as(
        "select cart_id, step_id, sequence, abandoned_at, sent_at, campaign_id, due_at, created_at,
                exists (select 1 from coupons c where c.delivery_id = deliveries.delivery_id)
                    as with_coupon, control_group
         from deliveries where cart_id in (select value from json_each($1))
         union all
         select cart_id, step_id, sequence, abandoned_at, null, campaign_id, due_at, created_at,
                false, control_group
         from call_tasks where cart_id in (select value from json_each($1))",
    )
    .bind(&carts)
    .fetch_all(db)
    .await
    })?;
    let mut done_steps: HashMap<String, Vec<String>> = HashMap::new();
    let mut groups: HashMap<String, Option<bool>> = HashMap::new();
    // The latest step written since any re-route names the sequence's rule.
    let mut rules: HashMap<String, (DateTime<Utc>, String)> = HashMap::new();
    let mut sequences: HashMap<String, SequenceFacts> = current
        .values()
        .map(|c| {
            let facts = SequenceFacts {
                restarted: c.sequence > 1,
                ..SequenceFacts::default()
            };
            (c.cart_id.clone(), facts)
        })
        .collect();
    for step in steps {
        let Some(candidate) = current
            .get(step.cart_id.as_str())
            .filter(|c| c.sequence == step.sequence)
        else {
            continue;
        };
        if candidate.rerouted_at.is_none_or(|at| step.created_at > at) {
            let latest = rules.get(&step.cart_id).map(|(at, _)| *at);
            if latest.is_none_or(|at| step.created_at >= at) {
                rules.insert(
                    step.cart_id.clone(),
                    (step.created_at, step.campaign_id.clone()),
                );
            }
        }
        if let Some(facts) = sequences.get_mut(&step.cart_id) {
            facts.abandoned_at = match (facts.abandoned_at, step.abandoned_at) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            facts.sent |= step.sent_at.is_some();
            facts.sent_without_discount |= step.sent_at.is_some() && !step.with_coupon;
            // The rule's next step counts from the call, not from an email sent from it.
            if !super::calls::is_call_email(&step.step_id) {
                let at = step.sent_at.unwrap_or(step.due_at);
                facts.last_step_at = Some(facts.last_step_at.map_or(at, |last| last.max(at)));
            }
        }
        let group = groups.entry(step.cart_id.clone()).or_default();
        *group = group.or(step.control_group);
        done_steps
            .entry(step.cart_id)
            .or_default()
            .push(step.step_id);
    }
    // The first reminder of each restarted sequence of these customers, any cart.
    let restarts: Vec<(String, String, i64, DateTime<Utc>)> = on!(conn, |db| sqlx::query_as(
        "select customer_id, cart_id, sequence, min(sent_at) from deliveries
         where customer_id in (select value from json_each($1)) and sent_at is not null
           and sequence > 1
         group by customer_id, cart_id, sequence",
    )
    .bind(&customers)
    .fetch_all(db)
    .await)?;
    for candidate in candidates {
        let latest_other = restarts
            .iter()
            .filter(|(customer, cart, sequence, _)| {
                *customer == candidate.customer_id
                    && !(*cart == candidate.cart_id && *sequence == candidate.sequence)
            })
            .map(|(.., at)| *at)
            .max();
        if let Some(facts) = sequences.get_mut(&candidate.cart_id) {
            facts.other_restart_sent_at = latest_other;
        }
    }
    let applied: Vec<(String, String, String, i64)> = on!(conn, |db| sqlx::query_as(
        "select customer_id, campaign_id, cart_id, sequence from deliveries
         where customer_id in (select value from json_each($1)) and sent_at is not null
         group by customer_id, campaign_id, cart_id, sequence",
    )
    .bind(&customers)
    .fetch_all(db)
    .await)?;
    let last_reminders: Vec<(String, DateTime<Utc>)> = on!(conn, |db| sqlx::query_as(
        "select customer_id, max(sent_at) from deliveries
         where customer_id in (select value from json_each($1)) and sent_at is not null
         group by customer_id",
    )
    .bind(&customers)
    .fetch_all(db)
    .await)?;
    let last_coupons: Vec<(String, DateTime<Utc>)> = on!(conn, |db| sqlx::query_as(
        "select customer_id, max(created_at) from coupons
         where customer_id in (select value from json_each($1)) group by customer_id",
    )
    .bind(&customers)
    .fetch_all(db)
    .await)?;
    let suppressions: Vec<(String, String)> = on!(conn, |db| sqlx::query_as(
        "select email, reason from suppressions
         where shop_id = $1 and (email in (select value from json_each($2))
                                 or email in (select value from json_each($3)))",
    )
    .bind(shop_id)
    .bind(&emails)
    .bind(&hashed)
    .fetch_all(db)
    .await)?;
    Ok(History {
        done_steps,
        groups,
        sequences,
        rules: rules
            .into_iter()
            .map(|(cart, (_, campaign))| (cart, campaign))
            .collect(),
        applied,
        last_reminders: last_reminders.into_iter().collect(),
        last_coupons: last_coupons.into_iter().collect(),
        suppressions: suppressions
            .into_iter()
            .map(|(email, reason)| {
                let email = hashes.get(&email).cloned().unwrap_or(email);
                (email, reason == "permanent_bounce")
            })
            .collect(),
    })
}

#[derive(sqlx::FromRow)]
struct StepRow {
    cart_id: String,
    step_id: String,
    sequence: i64,
    abandoned_at: Option<DateTime<Utc>>,
    sent_at: Option<DateTime<Utc>>,
    campaign_id: String,
    due_at: DateTime<Utc>,
    created_at: DateTime<Utc>,
    with_coupon: bool,
    control_group: Option<bool>,
}
