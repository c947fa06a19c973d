//! The Statistics CSV export: one line per funnel (staff, control groups, A/B variants,
//! rules, steps, templates), rates in percent with a dot and amounts without symbol, so
//! spreadsheets read them as numbers.

use app::api::{FunnelLabel, FunnelLine, StatsPage};

/// One line per step then per template; rates in percent with a dot, amounts in the shop's
/// currency without symbol, so spreadsheets read them as numbers.
pub(super) fn write(page: &StatsPage) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "table",
        "name",
        "from",
        "to",
        "sent",
        "opened",
        "open_rate",
        "clicked",
        "click_rate",
        "converted",
        "conversion_rate",
        "revenue",
        "currency",
        "machine_opened",
        "machine_clicked",
    ])?;
    let rate = |r: Option<rust_decimal::Decimal>| r.map(|r| r.to_string()).unwrap_or_default();
    // A member's calls as a funnel: calls done, customers reached, orders after a call.
    for line in &page.staff {
        out.write_record([
            "staff".to_owned(),
            super::unsubscribed::cell(&line.member),
            page.from.to_string(),
            page.to.to_string(),
            line.calls.to_string(),
            line.reached.to_string(),
            String::new(),
            String::new(),
            String::new(),
            line.orders.to_string(),
            rate(line.conversion()),
            line.revenue.round_dp(2).to_string(),
            page.currency.code().to_owned(),
            String::new(),
            String::new(),
        ])?;
    }
    // A rule's two groups as funnels: carts drawn, orders within the window, revenue.
    for line in &page.holdout {
        for (table, group) in [
            ("holdout_reminded", &line.reminded),
            ("holdout_control", &line.control),
        ] {
            let conversion = domain::stats::Rate {
                part: group.converted,
                whole: group.carts,
            };
            out.write_record([
                table.to_owned(),
                super::unsubscribed::cell(&line.rule),
                page.from.to_string(),
                page.to.to_string(),
                group.carts.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                group.converted.to_string(),
                rate(conversion.percent()),
                group.revenue.round_dp(2).to_string(),
                page.currency.code().to_owned(),
                String::new(),
                String::new(),
            ])?;
        }
    }
    // An A/B test's variants as funnels, named by the step and the variant's template.
    for line in &page.splits {
        for (table, template, v) in [
            ("ab_variant_a", &line.a_name, &line.a),
            ("ab_variant_b", &line.b_name, &line.b),
        ] {
            let of = |part: u64| {
                domain::stats::Rate {
                    part,
                    whole: v.sent,
                }
                .percent()
            };
            out.write_record([
                table.to_owned(),
                super::unsubscribed::cell(&format!(
                    "{} · {template}",
                    label(&line.step, &line.step_id)
                )),
                page.from.to_string(),
                page.to.to_string(),
                v.sent.to_string(),
                v.opened.to_string(),
                rate(of(v.opened)),
                v.clicked.to_string(),
                rate(of(v.clicked)),
                v.converted.to_string(),
                rate(of(v.converted)),
                v.revenue.round_dp(2).to_string(),
                page.currency.code().to_owned(),
                String::new(),
                String::new(),
            ])?;
        }
    }
    for (table, lines) in [
        ("rule", &page.rules),
        ("step", &page.steps),
        ("template", &page.templates),
    ] {
        for line in lines {
            out.write_record([
                table.to_owned(),
                name(line),
                page.from.to_string(),
                page.to.to_string(),
                line.sent.to_string(),
                line.opened.to_string(),
                rate(line.open_rate()),
                line.clicked.to_string(),
                rate(line.click_rate()),
                line.converted.to_string(),
                rate(line.conversion_rate()),
                line.revenue.round_dp(2).to_string(),
                page.currency.code().to_owned(),
                line.machine_opened.to_string(),
                line.machine_clicked.to_string(),
            ])?;
        }
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// A name no spreadsheet runs as a formula (templates are named by merchants).
fn name(line: &FunnelLine) -> String {
    label(&line.label, &line.key)
}

fn label(label: &FunnelLabel, key: &str) -> String {
    let text = match label {
        FunnelLabel::Step {
            number,
            amount,
            unit,
            rule,
        } => format!(
            "{}Reminder {number} ({amount} {})",
            rule.as_ref().map(|r| format!("{r} · ")).unwrap_or_default(),
            match unit {
                domain::DelayUnit::Hours => "h",
                domain::DelayUnit::Days => "d",
            }
        ),
        FunnelLabel::Template(name) | FunnelLabel::Rule(name) => name.clone(),
        FunnelLabel::Deleted => format!("Deleted ({key})"),
    };
    super::unsubscribed::cell(&text)
}
