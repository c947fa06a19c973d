//! One pass of deciding over every cart that may be due, without writing anything: what
//! `relance run-once --dry-run` prints, and the first half of a real run.

use crate::db::Conn;
use std::collections::{HashMap, HashSet};

use anyhow::Context;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::zones::{customer_zone, shop_zone};
use domain::engine::{
    abandoned_at, campaign_step_due_at, decide, Action, SequenceFacts, Situation,
};
use domain::rules::{choose, explain, Explanation};
use domain::{Campaign, EmailTemplate, Shop};

use crate::db::engine::{Candidate, CandidatePage, EngineSettings, PageEnd};
use crate::db::history::{self, History};
use crate::db::{self, engine, Pool};

/// A cart and what this pass does with it, in order: skipped steps, then at most one send, or
/// a wait. A skip lets the next step be decided in the same pass, as a real run does.
#[derive(Debug, Clone)]
pub struct PlannedCart {
    pub cart_id: String,
    pub customer_id: String,
    pub last_activity_at: DateTime<Utc>,
    /// The cart's current sequence, and when the cart counted as abandoned for it: fixed by its
    /// first step, written with each of its steps.
    pub sequence: i64,
    pub abandoned_at: DateTime<Utc>,
    pub external_id: String,
    pub email: String,
    /// The rule (campaign) the cart's sequence follows.
    pub campaign_id: String,
    /// The sequence's group while its rule has a control group (`Some(true)`: control).
    pub control_group: Option<bool>,
    pub actions: Vec<Action>,
    /// When each step of `actions` sent or skipped fell due.
    pub due: Vec<(String, DateTime<Utc>)>,
    /// The merchant asked for this cart's next reminder now.
    pub requested: bool,
    /// Every rule checked against the cart (dry runs only).
    pub explanation: Option<Explanation>,
}

impl PlannedCart {
    /// When `step_id` fell due, as `decide` counted it.
    pub fn due_at(&self, step_id: &str) -> DateTime<Utc> {
        self.due
            .iter()
            .find(|(id, _)| id == step_id)
            .map_or(self.abandoned_at, |(_, at)| *at)
    }
}

/// A cart decided by a real run: the decision, and the cart as read to make it, which its
/// send renders.
pub struct Decided {
    pub planned: PlannedCart,
    pub candidate: Candidate,
}

/// Every decision of a pass, for `run-once --dry-run` (a real run goes page by page).
#[derive(Debug, Clone)]
pub struct Plan {
    pub now: DateTime<Utc>,
    pub shop_id: String,
    pub campaigns: Vec<Campaign>,
    pub carts: Vec<PlannedCart>,
}

/// Carts decided per page: the engine's memory stays flat however many carts the shop has.
const PAGE: i64 = 500;

/// Where the planner is in its pages. Carts quiet since `quiet_since` may have a step due.
enum Pages {
    /// First, the carts the merchant asked a reminder for, in one page.
    Requested { quiet_since: DateTime<Utc> },
    /// Then the quiet carts in order, from just after the last one read.
    Quiet {
        quiet_since: DateTime<Utc>,
        after: Option<PageEnd>,
    },
    /// Every page read, or no step is enabled.
    Done,
}

/// Decides the shop's open carts at `now`, a page at a time.
pub struct Planner {
    pub now: DateTime<Utc>,
    pub shop_id: String,
    /// The shop's time zone: quiet hours count in it for customers without their own.
    pub zone: Tz,
    /// Every rule of the shop, oldest first (paused ones too: a cart in a paused rule's
    /// sequence waits for it).
    pub campaigns: Vec<Campaign>,
    pub settings: EngineSettings,
    /// Explain each cart's rule (a dry run), and list carts no rule takes.
    pub explain: bool,
    templates: Vec<EmailTemplate>,
    requested: HashSet<String>,
    pages: Pages,
    /// Customers this pass sends a reminder to, and whether with a coupon. A customer's
    /// second cart in the same pass sees them as the database will once they are sent, so
    /// the minimum gap and the one-coupon rule hold within a pass too, whenever the sends
    /// happen.
    given: HashMap<String, bool>,
}

impl Planner {
    /// `None` when the shop has no campaign running.
    pub async fn start(
        pool: &Pool,
        shop: &Shop,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<Self>> {
        let campaigns = db::campaigns::load_campaigns(pool, &shop.id).await?;
        if campaigns.iter().all(Campaign::paused) {
            return Ok(None);
        }
        let any_step = campaigns
            .iter()
            .filter(|campaign| !campaign.paused())
            .any(|campaign| campaign.steps().iter().any(|step| step.enabled));
        let settings = engine::engine_settings(pool, &shop.id).await?;
        // A cart can have a step due once abandoned: a step of a begun sequence counts from
        // the sequence's abandonment, so it can fall due as soon as the cart is idle again.
        let quiet_for = any_step.then_some(settings.rules.abandoned_after);
        Ok(Some(Self {
            now,
            templates: db::load_templates(pool, &shop.id).await?,
            settings,
            requested: engine::requested_carts(pool, &shop.id).await?,
            zone: shop_zone(&shop.time_zone),
            shop_id: shop.id.clone(),
            campaigns,
            pages: match quiet_for {
                Some(quiet_for) => Pages::Requested {
                    quiet_since: now - quiet_for,
                },
                None => Pages::Done,
            },
            given: HashMap::new(),
            explain: false,
        }))
    }

    /// The next page of decided carts (only those with something to do), `None` after the last.
    pub async fn next_page(&mut self, conn: &mut Conn<'_>) -> anyhow::Result<Option<Vec<Decided>>> {
        let candidates = match &self.pages {
            Pages::Done => return Ok(None),
            &Pages::Requested { quiet_since } => {
                self.pages = Pages::Quiet {
                    quiet_since,
                    after: None,
                };
                engine::candidates(conn, &self.shop_id, quiet_since, CandidatePage::Requested)
                    .await
                    .context("cannot load the carts with a reminder asked for")?
            }
            Pages::Quiet { quiet_since, after } => {
                let page = CandidatePage::Quiet {
                    after: after.as_ref(),
                    limit: PAGE,
                };
                let candidates = engine::candidates(conn, &self.shop_id, *quiet_since, page)
                    .await
                    .context("cannot load the carts that may be due")?;
                let quiet_since = *quiet_since;
                self.pages = match candidates.last() {
                    Some(last) if candidates.len() as i64 == PAGE => Pages::Quiet {
                        quiet_since,
                        after: Some((last.last_activity_at, last.row_id)),
                    },
                    _ => Pages::Done,
                };
                if candidates.is_empty() {
                    return Ok(None);
                }
                candidates
            }
        };
        let history = history::history(conn, &self.shop_id, &candidates).await?;
        Ok(Some(
            candidates
                .into_iter()
                .filter_map(|candidate| {
                    let planned = self.decide_cart(&candidate, &history)?;
                    Some(Decided { planned, candidate })
                })
                .collect(),
        ))
    }

    fn decide_cart(&mut self, candidate: &Candidate, history: &History) -> Option<PlannedCart> {
        let planned = self.decide_actions(candidate, history);
        for action in planned.iter().flat_map(|cart| &cart.actions) {
            if let Action::Send { discount, .. } = action {
                let coupon = self.given.entry(candidate.customer_id.clone()).or_default();
                *coupon |= discount.is_some();
            }
        }
        planned
    }

    /// The last reminder and coupon of the customer, counting this pass's.
    fn customer_history(
        &self,
        customer_id: &str,
        history: &History,
    ) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let stored_reminder = history.last_reminders.get(customer_id).copied();
        let stored_coupon = history.last_coupons.get(customer_id).copied();
        match self.given.get(customer_id) {
            None => (stored_reminder, stored_coupon),
            Some(&coupon) => (
                stored_reminder.max(Some(self.now)),
                if coupon {
                    stored_coupon.max(Some(self.now))
                } else {
                    stored_coupon
                },
            ),
        }
    }

    /// The campaign by id.
    pub fn campaign(&self, id: &str) -> Option<&Campaign> {
        self.campaigns.iter().find(|c| c.id() == id)
    }

    /// The rule the cart's sequence follows: the one recorded when its first step was
    /// written (still there), else the rules' choice for it now; `None` when no rule takes
    /// it or its rule is paused.
    fn rule_for(
        &self,
        candidate: &Candidate,
        history: &History,
        sequence: &SequenceFacts,
    ) -> Option<&Campaign> {
        let recorded = history
            .rules
            .get(&candidate.cart_id)
            .and_then(|id| self.campaign(id));
        let campaign = match recorded {
            Some(campaign) => campaign,
            None => {
                let applied = history.applied_rules(candidate);
                let facts = crate::rules::facts(
                    candidate,
                    sequence,
                    &self.settings.rules,
                    &self.zone,
                    &applied,
                );
                choose(&self.campaigns, &facts)?
            }
        };
        (!campaign.paused()).then_some(campaign)
    }

    fn decide_actions(&self, candidate: &Candidate, history: &History) -> Option<PlannedCart> {
        let mut done_steps = history
            .done_steps
            .get(&candidate.cart_id)
            .cloned()
            .unwrap_or_default();
        let suppression = history
            .suppressions
            .get(&candidate.customer.email.as_str().to_ascii_lowercase())
            .copied();
        let mut actions = Vec::new();
        let is_requested = self.requested.contains(&candidate.cart_id);
        // "Send the next reminder now": the next step's delay counts as already passed.
        let mut shift = chrono::Duration::zero();
        let (last_reminder_at, last_coupon_at) =
            self.customer_history(&candidate.customer_id, history);
        let sequence = history
            .sequences
            .get(&candidate.cart_id)
            .copied()
            .unwrap_or_default();
        let activity = candidate.activity_at(&self.settings.rules);
        let explanation = self.explain.then(|| {
            let applied = history.applied_rules(candidate);
            let facts = crate::rules::facts(
                candidate,
                &sequence,
                &self.settings.rules,
                &self.zone,
                &applied,
            );
            explain(&self.campaigns, &facts)
        });
        let planned = |campaign_id: &str, control_group, actions, due| PlannedCart {
            cart_id: candidate.cart_id.clone(),
            customer_id: candidate.customer_id.clone(),
            last_activity_at: activity,
            sequence: candidate.sequence,
            abandoned_at: sequence
                .abandoned_at
                .unwrap_or_else(|| abandoned_at(activity, &self.settings.rules)),
            external_id: candidate.cart.id.clone(),
            email: candidate.customer.email.as_str().to_owned(),
            campaign_id: campaign_id.to_owned(),
            control_group,
            actions,
            due,
            requested: is_requested,
            explanation: explanation.clone(),
        };
        let Some(campaign) = self.rule_for(candidate, history, &sequence) else {
            return explanation
                .is_some()
                .then(|| planned("", None, Vec::new(), Vec::new()));
        };
        // Drawn when the sequence's first step falls due, then kept whatever the share
        // becomes; a sequence begun without a control group stays out of the comparison.
        let control_group = match history.groups.get(&candidate.cart_id) {
            Some(recorded) => *recorded,
            None => {
                let share = campaign.holdout();
                (!share.is_none())
                    .then(|| share.holds_out(campaign.id(), candidate.customer.email.as_str()))
            }
        };
        let sequence = SequenceFacts {
            control: control_group == Some(true),
            ..sequence
        };
        let mut last_step_at = sequence.last_step_at;
        let mut due = Vec::new();
        let zone = customer_zone(candidate.time_zone.as_deref(), self.zone);
        loop {
            let situation = Situation {
                cart: &candidate.cart,
                customer: &candidate.customer,
                last_activity_at: activity - shift,
                sequence: SequenceFacts {
                    abandoned_at: sequence.abandoned_at.map(|at| at - shift),
                    last_step_at: last_step_at.map(|at| at - shift),
                    ..sequence
                },
                ordered: false,
                deleted: false,
                unsubscribed: suppression == Some(false),
                suppressed: suppression == Some(true),
                done_steps: &done_steps,
                last_reminder_at,
                last_coupon_at,
                zone: &zone,
            };
            let action = decide(
                campaign,
                &situation,
                |id| self.templates.iter().find(|t| t.id == id),
                &self.settings.rules,
                self.now,
            );
            if let Action::Wait { at } = action {
                if is_requested && shift.is_zero() && at > self.now {
                    shift = at - self.now;
                    continue;
                }
            }
            if let Action::Send { step_id, .. }
            | Action::Skip { step_id, .. }
            | Action::Call { step_id } = &action
            {
                // The true due time, whatever "send it now" shifted.
                let index = campaign.steps().iter().position(|s| &s.id == step_id);
                let at = campaign_step_due_at(
                    campaign,
                    index.unwrap_or_default(),
                    activity,
                    &SequenceFacts {
                        last_step_at,
                        ..sequence
                    },
                    &self.settings.rules,
                );
                due.push((step_id.clone(), at));
                last_step_at = Some(at.max(last_step_at.unwrap_or(at)));
            }
            let next = match &action {
                Action::Skip { step_id, .. } => Some(step_id.clone()),
                _ => None,
            };
            if action != Action::Done {
                actions.push(action);
            }
            match next {
                Some(step_id) => done_steps.push(step_id),
                None => break,
            }
        }
        (!actions.is_empty() || is_requested)
            .then(|| planned(campaign.id(), control_group, actions, due))
    }
}

/// Decides every open cart of the shop at `now` without writing anything (a dry run);
/// `None` when there is no such shop or it has no campaign.
#[tracing::instrument(skip_all, fields(%now, shop_id))]
pub async fn plan(pool: &Pool, shop_id: &str, now: DateTime<Utc>) -> anyhow::Result<Option<Plan>> {
    let Some(shop) = db::find_shop(pool, shop_id).await? else {
        return Ok(None);
    };
    let Some(mut planner) = Planner::start(pool, &shop, now).await? else {
        return Ok(None);
    };
    planner.explain = true;
    let mut conn = pool.acquire().await?;
    let mut carts = Vec::new();
    while let Some(page) = planner.next_page(&mut conn.conn()).await? {
        carts.extend(page.into_iter().map(|decided| decided.planned));
    }
    Ok(Some(Plan {
        now,
        shop_id: planner.shop_id,
        campaigns: planner.campaigns,
        carts,
    }))
}
