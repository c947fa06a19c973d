//! The Carts page's data: rows from SQL, statuses and countdowns from `domain::lifecycle`.

use app::api::{
    CartDetail, CartKpis, CartLine, CartsPage, CartsQuery, CustomerBlock, ItemLine, TimelineEntry,
    PAGE_SIZE,
};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::engine::{campaign_step_due_at, open_at, SendingRules, SequenceFacts};
use domain::{
    lifecycle::{CartFacts, CartStatus},
    Campaign, Currency, Language, Shop,
};
use rust_decimal::Decimal;

use std::collections::HashMap;

use crate::db::cart_detail::{CustomerRow, ItemRow};
use crate::db::stats::ShopCalendar;
use crate::db::{self, cart_list::CartListRow, money::from_db, DbError, Pool};
use crate::rules::CartRuleState;

/// What the lifecycle rules need from the shop: when a cart counts as abandoned, its rules
/// (each cart's next reminder is its rule's), and the quiet hours with the shop's time zone.
struct ShopRules {
    abandoned_after: chrono::Duration,
    campaigns: Vec<Campaign>,
    sending: SendingRules,
    zone: Tz,
}

impl ShopRules {
    async fn load(pool: &Pool, shop: &Shop) -> Result<Self, DbError> {
        let shop_id = shop.id.as_str();
        let sending = db::engine::engine_settings(pool, shop_id).await?.rules;
        Ok(Self {
            abandoned_after: sending.abandoned_after,
            sending,
            zone: crate::zones::shop_zone(&shop.time_zone),
            campaigns: db::campaigns::load_campaigns(pool, shop_id).await?,
        })
    }

    /// The enabled steps of each running rule: a cart whose rule is paused or gone has none.
    fn rule_steps(&self) -> Vec<(String, i64)> {
        self.campaigns
            .iter()
            .filter(|c| !c.paused())
            .map(|c| {
                let enabled = c.steps().iter().filter(|s| s.enabled).count();
                (
                    c.id().to_owned(),
                    i64::try_from(enabled).unwrap_or(i64::MAX),
                )
            })
            .collect()
    }

    /// The running rule a cart's sequence follows, if any.
    fn rule(&self, state: Option<&CartRuleState>) -> Option<&Campaign> {
        let id = state?.campaign_id.as_deref()?;
        self.campaigns.iter().find(|c| c.id() == id && !c.paused())
    }

    /// When a reminder due at `due` can reach the customer: after the quiet hours of their
    /// time zone (else the shop's), as the engine waits for them.
    fn open_at(&self, due: DateTime<Utc>, customer_zone: Option<&str>) -> DateTime<Utc> {
        let zone = crate::zones::customer_zone(customer_zone, self.zone);
        open_at(due, &self.sending, &zone)
    }

    /// The cart's state at `now`, when it counts as abandoned (for an open cart that can be
    /// reminded) and when its next reminder falls due if it waits for one. `steps_done` counts
    /// the steps the engine went through (sent, skipped or a call opened), in order.
    #[allow(clippy::too_many_arguments)]
    fn assess(
        &self,
        has_items: bool,
        has_email: bool,
        last_activity_at: DateTime<Utc>,
        ordered_at: Option<DateTime<Utc>>,
        deleted_at: Option<DateTime<Utc>>,
        steps_done: i64,
        sent_before_order: bool,
        sequence_abandoned_at: Option<DateTime<Utc>>,
        state: Option<&CartRuleState>,
        now: DateTime<Utc>,
    ) -> Assessed {
        // As the engine counts it: a merchant's restart moves it.
        let last_activity_at = state
            .and_then(|s| s.activity_at)
            .unwrap_or(last_activity_at);
        let rule = self.rule(state);
        let enabled: Vec<usize> = rule.map_or_else(Vec::new, |c| {
            c.steps()
                .iter()
                .enumerate()
                .filter(|(_, s)| s.enabled)
                .map(|(i, _)| i)
                .collect()
        });
        let facts = CartFacts {
            has_items,
            has_email,
            last_activity_at,
            ordered_at,
            deleted_at,
            reminders_in_sequence: u32::try_from(steps_done).unwrap_or(0),
            reminders_before_order: u32::from(sent_before_order),
            enabled_steps: enabled.len() as u32,
        };
        let status = facts.status(now, self.abandoned_after);
        let open = matches!(
            status,
            CartStatus::Checking | CartStatus::Waiting | CartStatus::InProgress
        ) && has_email;
        // As the engine counts: from the abandonment fixed by the sequence's first step, and
        // never before the cart is abandoned again after new activity.
        let abandoned_now = last_activity_at + self.abandoned_after;
        let abandoned_at = open.then(|| sequence_abandoned_at.unwrap_or(abandoned_now));
        // The rule's next enabled step, timed as the engine times it.
        let next = rule.zip(enabled.get(facts.reminders_in_sequence as usize));
        Assessed {
            status,
            abandoned_at,
            next_reminder_at: abandoned_at
                .zip(next)
                .map(|(abandoned, (campaign, index))| {
                    let sequence = SequenceFacts {
                        abandoned_at: Some(abandoned),
                        last_step_at: state.and_then(|s| s.last_step_at),
                        ..SequenceFacts::default()
                    };
                    campaign_step_due_at(
                        campaign,
                        *index,
                        last_activity_at,
                        &sequence,
                        &self.sending,
                    )
                }),
        }
    }
}

/// A cart's state as the Carts list and the cart page show it.
struct Assessed {
    status: CartStatus,
    abandoned_at: Option<DateTime<Utc>>,
    next_reminder_at: Option<DateTime<Utc>>,
}

fn line(
    row: CartListRow,
    now: DateTime<Utc>,
    rules: &ShopRules,
    states: &HashMap<String, CartRuleState>,
) -> CartLine {
    let assessed = rules.assess(
        !row.items_fingerprint.is_empty(),
        row.customer_id.is_some(),
        row.last_activity_at,
        row.ordered_at,
        row.deleted_at,
        row.steps_done,
        row.sent_before_order,
        row.sequence_abandoned_at,
        states.get(&row.cart_id),
        now,
    );
    let stopped = row.reminders_stopped_at.is_some();
    let next_reminder_at = assessed
        .next_reminder_at
        .filter(|_| !stopped)
        .map(|due| rules.open_at(due, row.time_zone.as_deref()));
    let name = format!(
        "{} {}",
        row.first_name.unwrap_or_default(),
        row.last_name.unwrap_or_default()
    )
    .trim()
    .to_owned();
    CartLine {
        id: row.cart_id,
        external_id: row.external_id,
        customer_name: (!name.is_empty()).then_some(name),
        customer_email: row.email,
        total: from_db(row.total_tax_incl),
        currency: Currency::parse(&row.currency).unwrap_or(Currency::EUR),
        products: u32::try_from(row.products).unwrap_or(0),
        last_activity_at: row.last_activity_at,
        status: assessed.status,
        abandoned_at: assessed.abandoned_at,
        next_reminder_at,
        stopped,
    }
}

fn percent(part: i64, whole: i64) -> Option<Decimal> {
    (whole > 0)
        .then(|| (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole)).round_dp(1))
}

pub async fn carts_page(
    pool: &Pool,
    shop: &Shop,
    query: &CartsQuery,
    now: DateTime<Utc>,
) -> Result<CartsPage, DbError> {
    let rules = ShopRules::load(pool, shop).await?;
    let calendar = ShopCalendar::new(&shop.time_zone);
    let scope = db::cart_list::ListScope {
        shop_id: &shop.id,
        threshold: now - rules.abandoned_after,
        rule_steps: rules.rule_steps(),
        calendar: &calendar,
    };
    let (rows, total) = db::cart_list::list_carts(pool, &scope, query, PAGE_SIZE).await?;
    let counts =
        db::cart_list::kpi_counts(pool, &shop.id, now, rules.abandoned_after, &calendar).await?;
    let pages = u32::try_from(total.div_ceil(u64::from(PAGE_SIZE)))
        .unwrap_or(u32::MAX)
        .max(1);
    let ids: Vec<String> = rows.iter().map(|row| row.cart_id.clone()).collect();
    let states =
        crate::rules::rule_states(pool, shop, &rules.campaigns, &rules.sending, &ids).await?;
    Ok(CartsPage {
        lines: rows
            .into_iter()
            .map(|row| line(row, now, &rules, &states))
            .collect(),
        total,
        page: query.page,
        pages,
        kpis: CartKpis {
            conversion_rate: percent(counts.ordered_30d, counts.created_30d),
            abandoned_today: u64::try_from(counts.abandoned_today).unwrap_or(0),
            average_cart: (counts.with_items_30d > 0).then(|| {
                (from_db(counts.value_with_items_30d) / Decimal::from(counts.with_items_30d))
                    .round_dp(2)
            }),
        },
        currency: shop.currency,
        now,
    })
}

/// The cart page's data: rows from SQL, status and countdown from `domain::lifecycle`.
pub async fn cart_detail(
    pool: &Pool,
    shop: &Shop,
    cart_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<CartDetail>, DbError> {
    let Some(mut rows) = db::cart_detail::cart_detail(pool, &shop.id, cart_id).await? else {
        return Ok(None);
    };
    let rules = ShopRules::load(pool, shop).await?;
    let window_days = db::settings::load(pool, &shop.id)
        .await?
        .map_or(db::DEFAULT_ATTRIBUTION_DAYS, |s| s.attribution_window_days);
    let cart = &rows.cart;
    let current = || {
        rows.deliveries
            .iter()
            .filter(|d| d.sequence == cart.sequence)
    };
    // The Carts list's count: call steps included, emails sent from a call not.
    let steps_done = cart.steps_done;
    let sequence_abandoned_at = current().filter_map(|d| d.abandoned_at).min();
    let sent_before_order = cart.ordered_at.is_some_and(|ordered| {
        rows.deliveries
            .iter()
            .any(|d| d.sent_at.is_some_and(|sent| sent <= ordered))
    });
    let states = crate::rules::rule_states(
        pool,
        shop,
        &rules.campaigns,
        &rules.sending,
        std::slice::from_ref(&cart.cart_id),
    )
    .await?;
    let assessed = rules.assess(
        !cart.items_fingerprint.is_empty(),
        cart.customer_id.is_some(),
        cart.last_activity_at,
        cart.ordered_at,
        cart.deleted_at,
        steps_done,
        sent_before_order,
        sequence_abandoned_at,
        states.get(&cart.cart_id),
        now,
    );
    let customer_zone = rows.customer.as_ref().and_then(|c| c.time_zone.clone());
    let stopped_at = cart.reminders_stopped_at;
    let next_reminder_at = assessed
        .next_reminder_at
        .filter(|_| stopped_at.is_none())
        .map(|due| rules.open_at(due, customer_zone.as_deref()));
    let currency = Currency::parse(&cart.currency).unwrap_or(Currency::EUR);
    let reminder_pending = rows.requests.iter().any(|r| r.handled_at.is_none());
    let mut detail = CartDetail {
        id: cart.cart_id.clone(),
        external_id: cart.external_id.clone(),
        status: assessed.status,
        currency,
        url: cart.url.clone(),
        customer: rows.customer.take().map(customer_block),
        items: std::mem::take(&mut rows.items)
            .into_iter()
            .map(item_line)
            .collect(),
        total_tax_incl: from_db(rows.cart.total_tax_incl),
        total_tax_excl: from_db(rows.cart.total_tax_excl),
        shipping: from_db(rows.cart.shipping),
        created_at: rows.cart.created_at,
        last_activity_at: rows.cart.last_activity_at,
        sequence: u32::try_from(rows.cart.sequence).unwrap_or(1),
        sequence_started_at: rows.cart.sequence_started_at,
        attribution_window_days: window_days,
        abandoned_at: assessed.abandoned_at,
        next_reminder_at,
        timeline: Vec::new(),
        reminder_pending,
        now,
        can_administer: false,
        reminders_stopped_at: stopped_at,
    };
    detail.timeline = super::cart_timeline::timeline(rows, currency, window_days);
    for task in db::calls::cart_tasks(pool, &shop.id, cart_id).await? {
        detail.timeline.push(TimelineEntry::Call {
            at: task.due_at,
            outcome: task
                .outcome
                .as_deref()
                .and_then(domain::calls::CallOutcome::parse),
            task_id: task.task_id,
            by: task.done_by,
            done_at: task.done_at,
        });
    }
    detail.timeline.sort_by_key(TimelineEntry::at);
    Ok(Some(detail))
}

fn customer_block(c: CustomerRow) -> CustomerBlock {
    CustomerBlock {
        name: format!("{} {}", c.first_name, c.last_name)
            .trim()
            .to_owned(),
        external_id: c.external_id,
        email: c.email,
        phone: c.phone,
        language: Language::parse_or_english(Some(&c.language)),
        country: c.country,
        groups: serde_json::from_str(&c.groups_json).unwrap_or_default(),
        newsletter: c.newsletter,
        orders_count: u32::try_from(c.orders_count).unwrap_or(0),
        last_order_at: c.last_order_at,
        known_since: c.created_at,
        time_zone: c.time_zone,
    }
}

fn item_line(i: ItemRow) -> ItemLine {
    let unit_price = from_db(i.unit_price);
    let quantity = u32::try_from(i.quantity).unwrap_or(0);
    ItemLine {
        sku: i.sku,
        name: i.name,
        description: i.description,
        image_url: i.image_url,
        product_url: i.product_url,
        unit_price,
        quantity,
        stock: i.stock,
        line_total: unit_price * Decimal::from(quantity),
    }
}
