//! The Statistics page: the four headline figures of a range and of the range before it, the
//! funnel per reminder step and per template, and revenue and conversion day by day. The
//! server sums its stored days (`domain::stats::DayStats`); [`StatsPage::build`] is the pure
//! mapping both the page and the CSV export use.

use chrono::NaiveDate;
use domain::stats::{
    funnels_of_days, headline_of_days, series_of_days, DayRange, DayStats, Funnel, FunnelKey,
    Headline, Rate,
};
use domain::{Currency, DelayUnit};
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A part of a whole and its percentage (none when the whole is empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateFigure {
    pub part: u64,
    pub whole: u64,
    pub percent: Option<Decimal>,
}

impl From<Rate> for RateFigure {
    fn from(rate: Rate) -> Self {
        Self {
            part: rate.part,
            whole: rate.whole,
            percent: rate.percent(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub abandoned: RateFigure,
    pub finalised: RateFigure,
    pub revenue: Decimal,
    pub revenue_share: Option<Decimal>,
    pub unsubscribed: RateFigure,
}

impl From<Headline> for Figures {
    fn from(h: Headline) -> Self {
        Self {
            abandoned: h.abandoned.into(),
            finalised: h.finalised.into(),
            revenue: h.revenue,
            revenue_share: h.revenue_share,
            unsubscribed: h.unsubscribed.into(),
        }
    }
}

/// What a funnel line is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FunnelLabel {
    /// A step of a rule: its place and delay, and the rule's name when the shop has several.
    Step {
        number: usize,
        amount: u32,
        unit: DelayUnit,
        #[serde(default)]
        rule: Option<String>,
    },
    Template(String),
    /// A rule (campaign): all its reminders together.
    Rule(String),
    /// A step or template deleted since (its reminders still count).
    Deleted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelLine {
    pub key: String,
    pub label: FunnelLabel,
    pub sent: u64,
    pub opened: u64,
    pub clicked: u64,
    pub converted: u64,
    pub revenue: Decimal,
    /// Opens and clicks made by machines (privacy proxies, scanners: `stats::machine`), in
    /// or out of `opened` and `clicked` as the page's `scanners` says.
    #[serde(default)]
    pub machine_opened: u64,
    #[serde(default)]
    pub machine_clicked: u64,
}

impl FunnelLine {
    fn rate(&self, part: u64) -> Option<Decimal> {
        Rate {
            part,
            whole: self.sent,
        }
        .percent()
    }

    pub fn open_rate(&self) -> Option<Decimal> {
        self.rate(self.opened)
    }

    pub fn click_rate(&self) -> Option<Decimal> {
        self.rate(self.clicked)
    }

    pub fn conversion_rate(&self) -> Option<Decimal> {
        self.rate(self.converted)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesPoint {
    pub day: NaiveDate,
    pub revenue: Decimal,
    /// Reminded carts of the day that were ordered, in percent.
    pub conversion: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsPage {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub previous_from: NaiveDate,
    pub previous_to: NaiveDate,
    /// Today in the shop's calendar (for the presets).
    pub today: NaiveDate,
    pub scanners: bool,
    pub currency: Currency,
    pub current: Figures,
    pub previous: Figures,
    pub steps: Vec<FunnelLine>,
    /// The steps added up per rule, in priority order; steps deleted since count apart.
    #[serde(default)]
    pub rules: Vec<FunnelLine>,
    pub templates: Vec<FunnelLine>,
    /// Calls logged per staff member over the range, with the orders that followed.
    #[serde(default)]
    pub staff: Vec<domain::stats::StaffLine>,
    /// Each rule with a control group (now or over the range): reminded against control.
    #[serde(default)]
    pub holdout: Vec<HoldoutLine>,
    /// Each step with an A/B test running: its two variants and the verdict.
    #[serde(default)]
    pub splits: Vec<SplitLine>,
    /// The member may change reminders (promote a variant).
    #[serde(default)]
    pub can_edit: bool,
    pub series: Vec<SeriesPoint>,
    /// When the stored figures were last brought up to date (about every minute).
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A step's A/B test over the range: variant A (the step's templates) and B.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitLine {
    pub step_id: String,
    pub step: FunnelLabel,
    /// Variant B's share of the carts, in percent.
    pub share: u8,
    pub a_name: String,
    pub b_name: String,
    pub a: domain::stats::VariantFunnel,
    pub b: domain::stats::VariantFunnel,
    pub verdict: domain::stats::SplitVerdict,
    /// Each variant's discount when B offers its own (else both offer the step's).
    pub discounts: Option<(Vec<Offer>, Vec<Offer>)>,
}

/// A discount as a line names it: the wire carries these few words rather than the whole
/// policy, whose checks and parsing would add their code to the page's WASM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Offer {
    None,
    Percent(rust_decimal::Decimal),
    Amount(rust_decimal::Decimal),
    FreeShipping,
    FreeGift(String),
}

impl Offer {
    pub fn of(kind: &domain::DiscountKind) -> Self {
        match kind {
            domain::DiscountKind::Percent { percent } => Self::Percent(percent.value()),
            domain::DiscountKind::Amount { amount, .. } => Self::Amount(*amount),
            domain::DiscountKind::FreeShipping => Self::FreeShipping,
            domain::DiscountKind::FreeGift { gift } => Self::FreeGift(gift.name().to_owned()),
        }
    }

    /// A policy's offers: none, its discount, or each cart-value range's, lowest first.
    pub fn of_policy(policy: &domain::DiscountPolicy) -> Vec<Self> {
        match policy {
            domain::DiscountPolicy::None => vec![Self::None],
            domain::DiscountPolicy::Single { discount } => vec![Self::of(&discount.kind)],
            domain::DiscountPolicy::Ranges { ranges } => ranges
                .ranges()
                .iter()
                .map(|range| Self::of(&range.discount.kind))
                .collect(),
        }
    }
}

/// A rule's reminded carts against its control group's over the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldoutLine {
    pub rule: String,
    /// The rule's control group now, in percent.
    pub share: u8,
    pub reminded: domain::stats::GroupOutcome,
    pub control: domain::stats::GroupOutcome,
    pub lift: domain::stats::Lift,
}

/// What the server knows besides the stored days: names for the funnel lines.
#[derive(Debug, Clone, Default)]
pub struct StatsLabels {
    /// Each rule's steps in sending order: id, delay amount and unit, and the rule's name when
    /// the shop has several.
    pub steps: Vec<(String, u32, DelayUnit, Option<String>)>,
    /// The rules in priority order: id, name and step ids.
    pub rules: Vec<(String, String, Vec<String>)>,
    /// Template ids and names.
    pub templates: Vec<(String, String)>,
}

impl StatsPage {
    /// The page for `range` from the stored days of it and of the period before it (each
    /// read for its own range, see `headline_of_days`).
    pub fn build(
        range: DayRange,
        today: NaiveDate,
        scanners: bool,
        currency: Currency,
        days: &[DayStats],
        previous_days: &[DayStats],
        labels: &StatsLabels,
    ) -> Self {
        let previous = range.previous();
        let (from, to) = (range.from(), range.to());
        let step_label = |key: &str| {
            labels.steps.iter().position(|(id, ..)| id == key).map_or(
                FunnelLabel::Deleted,
                |index| {
                    let (_, amount, unit, rule) = &labels.steps[index];
                    // Numbered within its rule.
                    let number = labels.steps[..index]
                        .iter()
                        .filter(|(.., other)| other == rule)
                        .count()
                        + 1;
                    FunnelLabel::Step {
                        number,
                        amount: *amount,
                        unit: *unit,
                        rule: rule.clone(),
                    }
                },
            )
        };
        let template_label = |key: &str| {
            labels
                .templates
                .iter()
                .find(|(id, _)| id == key)
                .map_or(FunnelLabel::Deleted, |(_, name)| {
                    FunnelLabel::Template(name.clone())
                })
        };
        // Every hit, people's and machines', for the side-by-side counts.
        let all_hits = |key: FunnelKey| -> Vec<(String, u64, u64)> {
            funnels_of_days(days, from, to, true, key)
                .into_iter()
                .map(|f| (f.key, f.opened, f.clicked))
                .collect()
        };
        let line = |funnel: Funnel, label: FunnelLabel, all: &[(String, u64, u64)]| {
            let (all_opened, all_clicked) = all
                .iter()
                .find(|(key, ..)| *key == funnel.key)
                .map_or((funnel.opened, funnel.clicked), |(_, o, c)| (*o, *c));
            let (machine_opened, machine_clicked) = if scanners {
                (0, 0)
            } else {
                (
                    all_opened.saturating_sub(funnel.opened),
                    all_clicked.saturating_sub(funnel.clicked),
                )
            };
            FunnelLine {
                label,
                key: funnel.key,
                sent: funnel.sent,
                opened: funnel.opened,
                clicked: funnel.clicked,
                converted: funnel.converted,
                revenue: funnel.revenue,
                machine_opened,
                machine_clicked,
            }
        };
        let all_steps = all_hits(FunnelKey::Step);
        let mut steps: Vec<FunnelLine> = funnels_of_days(days, from, to, scanners, FunnelKey::Step)
            .into_iter()
            .map(|f| {
                let label = step_label(&f.key);
                line(f, label, &all_steps)
            })
            .collect();
        // Rules' order, then sending order; deleted steps last.
        steps.sort_by_key(|l| {
            labels
                .steps
                .iter()
                .position(|(id, ..)| *id == l.key)
                .unwrap_or(usize::MAX)
        });
        let rules = rule_lines(&steps, labels);
        let all_templates = all_hits(FunnelKey::Template);
        let templates = funnels_of_days(days, from, to, scanners, FunnelKey::Template)
            .into_iter()
            // Webhook steps send no template: they count per step and per rule only.
            .filter(|f| !f.key.is_empty())
            .map(|f| {
                let label = template_label(&f.key);
                line(f, label, &all_templates)
            })
            .collect();
        let series = series_of_days(days, from, to, scanners)
            .into_iter()
            .map(|point| SeriesPoint {
                day: point.day,
                revenue: point.revenue,
                conversion: point.conversion.percent(),
            })
            .collect();
        Self {
            from,
            to,
            previous_from: previous.from(),
            previous_to: previous.to(),
            today,
            scanners,
            currency,
            current: headline_of_days(days, from, to, scanners).into(),
            previous: headline_of_days(previous_days, previous.from(), previous.to(), scanners)
                .into(),
            steps,
            rules,
            templates,
            staff: Vec::new(),
            holdout: Vec::new(),
            splits: Vec::new(),
            can_edit: false,
            series,
            updated_at: None,
        }
    }
}

/// The step lines added up per rule (a step deleted since, or of a rule deleted since, counts
/// in a "deleted" line).
fn rule_lines(steps: &[FunnelLine], labels: &StatsLabels) -> Vec<FunnelLine> {
    let empty = |key: &str, label: FunnelLabel| FunnelLine {
        key: key.to_owned(),
        label,
        sent: 0,
        opened: 0,
        clicked: 0,
        converted: 0,
        revenue: Decimal::ZERO,
        machine_opened: 0,
        machine_clicked: 0,
    };
    let mut lines: Vec<FunnelLine> = labels
        .rules
        .iter()
        .map(|(id, name, _)| empty(id, FunnelLabel::Rule(name.clone())))
        .collect();
    let mut deleted = empty("deleted", FunnelLabel::Deleted);
    for step in steps {
        let owner = labels
            .rules
            .iter()
            .position(|(_, _, step_ids)| step_ids.contains(&step.key));
        let line = match owner {
            Some(index) => &mut lines[index],
            None => &mut deleted,
        };
        line.sent += step.sent;
        line.opened += step.opened;
        line.clicked += step.clicked;
        line.converted += step.converted;
        line.revenue += step.revenue;
        line.machine_opened += step.machine_opened;
        line.machine_clicked += step.machine_clicked;
    }
    lines.retain(|line| line.sent > 0);
    if deleted.sent > 0 {
        lines.push(deleted);
    }
    lines
}

/// The page's data for the URL's `from`, `to` and `scanners`.
#[server(prefix = "/admin/fn", endpoint = "load_statistics")]
pub async fn load_statistics(
    shop: String,
    from: Option<String>,
    to: Option<String>,
    scanners: bool,
) -> Result<StatsPage, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    let can_edit = scope.role.allows(domain::team::Permission::Edit);
    crate::error::with_status(
        async move {
            scope
                .backend
                .statistics(
                    &scope.shop,
                    from.as_deref(),
                    to.as_deref(),
                    scanners,
                    chrono::Utc::now(),
                )
                .await?
                .ok_or(AppError::NotFound)?
                .map(|page| StatsPage { can_edit, ..page })
                .map_err(|error| AppError::Invalid(error.to_string()))
        }
        .await,
    )
}
