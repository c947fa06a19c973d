//! The SVG charts, drawn by the app (no JavaScript chart library): a bar funnel per reminder
//! and the line chart of revenue and conversion per day. Each has a title and a description,
//! every bar and point carries its value as a `<title>` (shown on hover), and the values are
//! also written as text.

use domain::format;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::api::{FunnelLabel, FunnelLine, StatsPage};
use crate::i18n::use_i18n;

/// A coordinate for the SVG, from exact arithmetic.
fn coord(value: Decimal) -> String {
    value.round_dp(1).normalize().to_string()
}

/// `part` of `whole` as a share of `length` (0 when the whole is empty).
fn scaled(part: Decimal, whole: Decimal, length: Decimal) -> Decimal {
    if whole <= Decimal::ZERO {
        Decimal::ZERO
    } else {
        (part * length / whole).min(length)
    }
}

/// The label of a funnel line as the tables and charts show it.
pub fn line_label(line: &FunnelLine, texts: &crate::i18n::Texts) -> String {
    match &line.label {
        FunnelLabel::Step {
            number,
            amount,
            unit,
            rule,
        } => {
            let step = (texts.statistics.step_label)(*number, &(texts.delay)(*amount, *unit));
            match rule {
                Some(rule) => format!("{rule} · {step}"),
                None => step,
            }
        }
        FunnelLabel::Template(name) | FunnelLabel::Rule(name) => name.clone(),
        FunnelLabel::Deleted => texts.statistics.deleted.to_owned(),
    }
}

#[component]
pub fn Funnels(page: StoredValue<StatsPage>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().statistics;
    let steps = page.get_value().steps;
    view! {
        <section class="stats-funnels" aria-labelledby="funnels-title">
            <h2 id="funnels-title">{move || t().funnels_title}</h2>
            {if steps.is_empty() {
                view! { <p class="empty">{move || t().no_reminders}</p> }.into_any()
            } else {
                view! {
                    <div class="funnel-grid">
                        {steps.into_iter().map(|line| view! { <FunnelChart line /> }).collect_view()}
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

const BAR_X: i64 = 120;
const BAR_MAX: i64 = 330;
const BAR_HEIGHT: i64 = 24;
const BAR_GAP: i64 = 10;

#[component]
fn FunnelChart(line: FunnelLine) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().statistics;
    let language = move || i18n.locale.get().language();
    let line = StoredValue::new(line);
    let stages = move || {
        let l = line.get_value();
        let texts = t();
        [
            (texts.funnel_sent, l.sent, None),
            (texts.funnel_opened, l.opened, l.open_rate()),
            (texts.funnel_clicked, l.clicked, l.click_rate()),
            (texts.funnel_converted, l.converted, l.conversion_rate()),
        ]
    };
    let value_text = move |count: u64, rate: Option<Decimal>| match rate {
        Some(rate) => format!("{count} ({})", format::percent(rate, language())),
        None => count.to_string(),
    };
    let title = move || line_label(&line.get_value(), i18n.t());
    let summary = move || {
        stages()
            .into_iter()
            .map(|(name, count, rate)| format!("{name}: {}", value_text(count, rate)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let height = 4 * (BAR_HEIGHT + BAR_GAP);
    let key = line.get_value().key;
    let title_id = format!("funnel-{key}-title");
    let desc_id = format!("funnel-{key}-desc");
    let labelled = format!("{title_id} {desc_id}");
    view! {
        <figure class="funnel" data-step=key.clone()>
            <figcaption>{title}</figcaption>
            <svg
                viewBox=format!("0 0 560 {height}")
                role="img"
                aria-labelledby=labelled
                preserveAspectRatio="xMinYMin meet"
            >
                <title id=title_id>{title}</title>
                <desc id=desc_id>{summary}</desc>
                {move || {
                    let sent = Decimal::from(line.get_value().sent);
                    stages()
                        .into_iter()
                        .enumerate()
                        .map(|(index, (name, count, rate))| {
                            let y = index as i64 * (BAR_HEIGHT + BAR_GAP);
                            let width = scaled(Decimal::from(count), sent, Decimal::from(BAR_MAX));
                            let text = value_text(count, rate);
                            view! {
                                <g class=format!("stage stage-{index}")>
                                    <title>{format!("{name}: {text}")}</title>
                                    <text x="0" y=y + 17 class="stage-name">{name}</text>
                                    <rect x=BAR_X y=y width=coord(width.max(Decimal::ONE)) height=BAR_HEIGHT rx="3" />
                                    <text x=coord(Decimal::from(BAR_X) + width + Decimal::from(8)) y=y + 17 class="stage-value">
                                        {text.clone()}
                                    </text>
                                </g>
                            }
                        })
                        .collect_view()
                }}
            </svg>
        </figure>
    }
}

const W: i64 = 720;
const H: i64 = 260;
const LEFT: i64 = 70;
const RIGHT: i64 = 56;
const TOP: i64 = 16;
const BOTTOM: i64 = 34;

/// A round number at or above `max` for the top of an axis (1, 2 or 5 times a power of ten).
fn nice_ceiling(max: Decimal) -> Decimal {
    if max <= Decimal::ZERO {
        return Decimal::ONE;
    }
    let mut power = Decimal::ONE;
    while power * Decimal::from(10) <= max {
        power *= Decimal::from(10);
    }
    while power > max && power > Decimal::new(1, 2) {
        power /= Decimal::from(10);
    }
    [1, 2, 5, 10]
        .into_iter()
        .map(|m| power * Decimal::from(m))
        .find(|candidate| *candidate >= max)
        .unwrap_or(power * Decimal::from(10))
}

#[component]
pub fn DailyChart(page: StoredValue<StatsPage>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().statistics;
    let language = move || i18n.locale.get().language();
    let p = page.get_value();
    let series = StoredValue::new(p.series.clone());
    let currency = p.currency;
    let (from, to) = (p.from, p.to);

    let plot_w = Decimal::from(W - LEFT - RIGHT);
    let plot_h = Decimal::from(H - TOP - BOTTOM);
    let points = series.get_value();
    let count = points.len().max(1);
    let revenue_top = nice_ceiling(points.iter().map(|p| p.revenue).max().unwrap_or_default());
    let conversion_top = nice_ceiling(
        points
            .iter()
            .filter_map(|p| p.conversion)
            .max()
            .unwrap_or_default()
            .max(Decimal::ONE),
    )
    .min(Decimal::from(100));
    let x = move |index: usize| {
        let step = if count > 1 {
            plot_w / Decimal::from(count - 1)
        } else {
            Decimal::ZERO
        };
        let centre = if count > 1 {
            Decimal::ZERO
        } else {
            plot_w / Decimal::TWO
        };
        Decimal::from(LEFT) + step * Decimal::from(index) + centre
    };
    let y = move |value: Decimal, top: Decimal| {
        Decimal::from(TOP) + plot_h - scaled(value, top, plot_h)
    };
    let revenue_path = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{},{}", coord(x(i)), coord(y(p.revenue, revenue_top))))
        .collect::<Vec<_>>()
        .join(" ");
    let conversion_path = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{},{}",
                coord(x(i)),
                coord(y(p.conversion.unwrap_or_default(), conversion_top))
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let point_text = move |index: usize| {
        let point = &series.get_value()[index];
        format!(
            "{} · {}: {} · {}: {}",
            (t().range)(point.day, point.day),
            t().chart_revenue,
            format::money(point.revenue, currency, language()),
            t().chart_conversion,
            point
                .conversion
                .map(|c| format::percent(c, language()))
                .unwrap_or_else(|| "—".into())
        )
    };
    let dots = (0..points.len())
        .map(|i| {
            let point = &points[i];
            let (cx, ry, cy) = (
                coord(x(i)),
                coord(y(point.revenue, revenue_top)),
                coord(y(point.conversion.unwrap_or_default(), conversion_top)),
            );
            view! {
                <g class="day-point">
                    <title>{move || point_text(i)}</title>
                    <circle class="revenue-dot" cx=cx.clone() cy=ry r="3.5" />
                    <circle class="conversion-dot" cx=cx cy=cy r="3" />
                </g>
            }
        })
        .collect_view();
    let rows = (0..points.len())
        .map(|i| {
            let point = points[i].clone();
            view! {
                <tr>
                    <td>{move || (t().range)(point.day, point.day)}</td>
                    <td class="number">{move || format::money(point.revenue, currency, language())}</td>
                    <td class="number">
                        {move || point.conversion.map(|c| format::percent(c, language())).unwrap_or_else(|| "—".into())}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let bottom = H - BOTTOM;
    let last_x = coord(x(count - 1));
    let first_x = coord(x(0));
    view! {
        <section class="stats-daily" aria-labelledby="daily-title">
            <h2 id="daily-title">{move || t().chart_title}</h2>
            <p class="legend">
                <span class="key revenue">{move || t().chart_revenue}</span>
                " "
                <span class="key conversion">{move || t().chart_conversion}</span>
            </p>
            <svg
                class="daily-chart"
                viewBox=format!("0 0 {W} {H}")
                role="img"
                aria-labelledby="daily-svg-title daily-svg-desc"
            >
                <title id="daily-svg-title">{move || t().chart_title}</title>
                <desc id="daily-svg-desc">{move || (t().chart_desc)(&(t().range)(from, to))}</desc>
                <line class="axis" x1=LEFT y1=bottom x2=W - RIGHT y2=bottom />
                <line class="axis" x1=LEFT y1=TOP x2=LEFT y2=bottom />
                <line class="axis" x1=W - RIGHT y1=TOP x2=W - RIGHT y2=bottom />
                <text class="tick" x=LEFT - 6 y=TOP + 4 text-anchor="end">
                    {move || format::money(revenue_top, currency, language())}
                </text>
                <text class="tick" x=LEFT - 6 y=bottom text-anchor="end">"0"</text>
                <text class="tick" x=W - RIGHT + 6 y=TOP + 4>
                    {move || format::percent(conversion_top, language())}
                </text>
                <text class="tick" x=W - RIGHT + 6 y=bottom>"0"</text>
                <text class="tick" x=first_x y=H - 10 text-anchor="start">{move || (t().range)(from, from)}</text>
                <text class="tick" x=last_x y=H - 10 text-anchor="end">{move || (t().range)(to, to)}</text>
                <polyline class="revenue-line" points=revenue_path />
                <polyline class="conversion-line" points=conversion_path />
                {dots}
            </svg>
            <details class="chart-values">
                <summary>{move || t().chart_values}</summary>
                <table class="runs">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().col_day}</th>
                            <th scope="col">{move || t().chart_revenue}</th>
                            <th scope="col">{move || t().chart_conversion}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round_numbers_at_or_above_the_maximum() {
        assert_eq!(nice_ceiling(Decimal::from(0)), Decimal::ONE);
        assert_eq!(nice_ceiling(Decimal::from(7)), Decimal::from(10));
        assert_eq!(nice_ceiling(Decimal::from(120)), Decimal::from(200));
        assert_eq!(nice_ceiling(Decimal::from(4_999)), Decimal::from(5_000));
        assert_eq!(nice_ceiling(Decimal::new(35, 1)), Decimal::from(5));
    }

    #[test]
    fn bars_never_overflow_and_an_empty_whole_draws_nothing() {
        let length = Decimal::from(300);
        assert_eq!(
            scaled(Decimal::from(5), Decimal::ZERO, length),
            Decimal::ZERO
        );
        assert_eq!(
            scaled(Decimal::from(50), Decimal::from(100), length),
            Decimal::from(150)
        );
        assert_eq!(
            scaled(Decimal::from(200), Decimal::from(100), length),
            length
        );
    }
}
