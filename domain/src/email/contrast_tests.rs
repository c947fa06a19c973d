//! Every text of every design readable on what it sits on (WCAG AA, 4.5:1), whatever colours
//! the merchant picks: the rendered HTML is walked element by element, each text checked
//! against the colour and background it inherits.

use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;

use super::contrast::{contrast, MIN_CONTRAST};
use super::tests::{content, context, template};
use super::*;
use crate::campaign::{DiscountKind, Percent};
use crate::model::{Currency, HexColor, Layout, Money, WebUrl};
use crate::recommend::Recommendation;

const PALETTES: [(&str, &str); 8] = [
    ("#1A73E8", "#F4B400"),
    ("#FFFF00", "#FFFFFF"),
    ("#FFFFFF", "#000000"),
    ("#000000", "#FFFF00"),
    ("#F4B400", "#D3D3D3"),
    ("#0B8043", "#E91E63"),
    ("#E91E63", "#0B8043"),
    ("#D3D3D3", "#1A73E8"),
];

fn style_colours(style: &str) -> Colours {
    let (mut fg, mut bg) = (None, None);
    for declaration in style.split(';') {
        let Some((property, value)) = declaration.split_once(':') else {
            continue;
        };
        let hex = value
            .split_whitespace()
            .find(|word| word.starts_with('#'))
            .map(|word| word.trim_end_matches("!important").to_uppercase());
        match property.trim().to_ascii_lowercase().as_str() {
            "color" => fg = hex.or(Some(value.trim().to_owned())),
            "background" | "background-color" => bg = hex.or(bg),
            _ => {}
        }
    }
    (fg, bg)
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_owned())
}

/// A text colour and a background colour, each when set.
type Colours = (Option<String>, Option<String>);

/// The colours the dark-mode rules give each class (`.rl-card{background:…;color:…}` inside
/// `@media (prefers-color-scheme:dark)`).
fn dark_rules(html: &str) -> Vec<(String, Colours)> {
    let Some(start) = html.find("@media (prefers-color-scheme:dark){") else {
        return Vec::new();
    };
    let mut rules = Vec::new();
    let mut rest = &html[start + "@media (prefers-color-scheme:dark){".len()..];
    while let Some(dot) = rest.trim_start().strip_prefix('.') {
        let Some((class, after)) = dot.split_once('{') else {
            break;
        };
        let Some((declarations, after)) = after.split_once('}') else {
            break;
        };
        rules.push((class.trim().to_owned(), style_colours(declarations)));
        rest = after;
    }
    rules
}

/// Each text of the body with the colour it is written in and the background under it.
fn texts(html: &str) -> Vec<(String, String, String)> {
    texts_in(html, false)
}

/// `texts`, as a client that applies the email's dark-mode rules shows it when `dark`.
fn texts_in(html: &str, dark: bool) -> Vec<(String, String, String)> {
    let rules = if dark { dark_rules(html) } else { Vec::new() };
    const VOID: [&str; 7] = ["img", "br", "hr", "meta", "link", "input", "source"];
    let body = &html[html.find("<body").expect("a body")..];
    let mut stack: Vec<(String, String, String)> =
        vec![("root".into(), "#000000".into(), "#FFFFFF".into())];
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        let text = rest[..open].trim();
        if !text.is_empty() && text.chars().any(char::is_alphanumeric) {
            let (_, fg, bg) = stack.last().unwrap().clone();
            found.push((fg, bg, text.to_owned()));
        }
        let close = rest[open..].find('>').expect("a closed tag") + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            if let Some(at) = stack.iter().rposition(|(open, ..)| *open == name) {
                stack.truncate(at.max(1));
            }
            continue;
        }
        let name = tag
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let (_, parent_fg, parent_bg) = stack.last().unwrap().clone();
        let (mut fg, bg) = attribute(tag, "style").map_or((None, None), |s| style_colours(&s));
        let mut bg = bg.or_else(|| attribute(tag, "bgcolor").map(|c| c.to_uppercase()));
        for class in attribute(tag, "class")
            .unwrap_or_default()
            .split_whitespace()
        {
            for (_, (dark_fg, dark_bg)) in rules.iter().filter(|(name, _)| name == class) {
                fg = dark_fg.clone().or(fg);
                bg = dark_bg.clone().or(bg);
            }
        }
        if VOID.contains(&name.as_str()) || tag.ends_with('/') {
            continue;
        }
        stack.push((name, fg.unwrap_or(parent_fg), bg.unwrap_or(parent_bg)));
    }
    found
}

fn full_template(layout: Layout, primary: &str, secondary: &str) -> EmailTemplate {
    let mut body = content("Votre panier");
    body.body = format!("{}\n\n{{recommendations}}", body.body);
    let mut template = template(layout, &[(Language::FRENCH, body)]);
    template.primary_color = HexColor::parse(primary).unwrap();
    template.secondary_color = HexColor::parse(secondary).unwrap();
    template
}

fn full_context() -> RenderContext {
    let mut ctx = context(Language::FRENCH, 3).with_recommendations(
        vec![Recommendation {
            sku: "mug".into(),
            name: "Mug".into(),
            price: Money::new(Decimal::new(1200, 2), Currency::EUR).unwrap(),
            image_url: None,
            product_url: WebUrl::parse("https://shop.example/p/mug").unwrap(),
        }],
        vec!["https://relance.example/c/R0".into()],
    );
    ctx.discount = Some(OfferedDiscount {
        code: "RLC-7K2M9QXP".into(),
        kind: DiscountKind::Percent {
            percent: Percent::new(Decimal::TEN).unwrap(),
        },
        expires_at: Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap(),
    });
    ctx
}

/// Every text of every design and palette, in light mode or under the dark-mode rules: how
/// many were checked, and those below 4.5:1.
fn unreadable(dark: bool) -> (usize, Vec<String>) {
    let ctx = full_context();
    let mut failures = Vec::new();
    let mut checked = 0;
    for layout in [Layout::Boxy, Layout::Sendy, Layout::Puffy] {
        for (primary, secondary) in PALETTES {
            let email = render(&full_template(layout, primary, secondary), &ctx).unwrap();
            assert!(
                !dark_rules(&email.html).is_empty(),
                "{layout:?}: no dark rules"
            );
            for (fg, bg, text) in texts_in(&email.html, dark) {
                checked += 1;
                let ratio = contrast(&fg, &bg);
                if !fg.starts_with('#') || ratio < MIN_CONTRAST {
                    failures.push(format!(
                        "{layout:?} {primary}/{secondary}: {fg} on {bg} ({ratio:.2}) for {text:.40}"
                    ));
                }
            }
        }
    }
    (checked, failures)
}

#[test]
fn every_text_of_every_design_reads_at_4_5_to_1_whatever_the_colours() {
    let (checked, failures) = unreadable(false);
    assert!(checked > 500, "{checked} texts checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn in_dark_mode_every_text_of_every_design_still_reads_at_4_5_to_1() {
    let (checked, failures) = unreadable(true);
    assert!(checked > 500, "{checked} texts checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_text_is_hidden_from_the_reader() {
    let email = render(
        &full_template(Layout::Boxy, "#1A73E8", "#F4B400"),
        &full_context(),
    )
    .unwrap();
    for hidden in [
        "display:none",
        "color:transparent",
        "font-size:1px",
        "max-height:0",
    ] {
        assert!(!email.html.contains(hidden), "{hidden}");
    }
}

#[test]
fn the_walker_sees_a_colour_too_close_to_its_background() {
    let found = texts(
        r##"<body style="background:#FFFFFF"><p style="color:#EEEEEE">faint</p><div bgcolor="#000000"><b>dark</b></div></body>"##,
    );
    assert_eq!(
        found[0],
        ("#EEEEEE".into(), "#FFFFFF".into(), "faint".into())
    );
    assert_eq!(found[1].1, "#000000");
    assert!(contrast(&found[0].0, &found[0].1) < MIN_CONTRAST);
}
