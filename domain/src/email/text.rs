//! The plain-text part, written from the same view as the HTML.

use std::fmt::Write;

use super::markup::{Block, Span};
use super::view::EmailView;

fn spans(out: &mut String, line: &[Span]) {
    for span in line {
        out.push_str(&span.text);
        if let Some(href) = &span.href {
            if !href.starts_with('#') {
                let _ = write!(out, " <{href}>");
            }
        }
    }
}

fn blocks(out: &mut String, view: &EmailView, blocks: &[Block]) {
    for block in blocks {
        if block.cart {
            for item in &view.items {
                let _ = writeln!(
                    out,
                    "- {} × {} — {}",
                    item.quantity, item.name, item.unit_price
                );
                if let Some(href) = &item.href {
                    let _ = writeln!(out, "  {href}");
                }
            }
            let _ = writeln!(out, "{} : {}", view.total_label, view.total);
        } else if block.recommendations {
            if view.recommended.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{}", view.recommended_label);
            for product in &view.recommended {
                let _ = writeln!(out, "- {} — {}", product.name, product.price);
                let _ = writeln!(out, "  {}", product.href);
            }
        } else {
            for line in &block.lines {
                spans(out, line);
                out.push('\n');
            }
        }
        out.push('\n');
    }
}

pub fn write(view: &EmailView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", view.shop_name);
    blocks(&mut out, view, &view.blocks);
    if !view.discount.is_empty() {
        blocks(&mut out, view, &view.discount);
    }
    if let Some(button) = &view.button {
        let _ = writeln!(out, "{} : {}\n", button.text, button.href);
    }
    for item in &view.reassurance {
        let _ = writeln!(out, "- {}", item.text);
    }
    if !view.reassurance.is_empty() {
        out.push('\n');
    }
    for link in &view.social {
        let _ = writeln!(out, "{} : {}", link.text, link.href);
    }
    out.push_str("\n-- \n");
    let _ = writeln!(out, "{}", view.why);
    if !view.address.is_empty() {
        let _ = writeln!(out, "{}, {}", view.shop_name, view.address);
    }
    spans(&mut out, &view.unsubscribe);
    out.push('\n');
    out
}
