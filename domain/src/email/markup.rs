//! The small safe markup of template texts: `**bold**`, `*italic*`, blank lines between
//! paragraphs, and `{tags}`. Nothing else has a meaning, so a merchant's `<b>` or a customer's
//! `<script>` is just text, escaped when written out.

use super::tags::{tokenize, Field, Tag, Token};

/// A run of text with one style, maybe a link. Customer data only ever lands in `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub href: Option<String>,
    pub bold: bool,
    pub italic: bool,
}

/// A paragraph of lines, or the place where `{cart}` shows the cart's items or
/// `{recommendations}` the products recommended beside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub cart: bool,
    pub recommendations: bool,
    pub lines: Vec<Vec<Span>>,
}

/// What a tag becomes in one email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Link {
        text: String,
        href: String,
    },
    /// The item table, only as a block of its own.
    Cart,
    /// The recommended products, only as a block of its own.
    Recommendations,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part<'a> {
    Text(&'a str),
    Bold,
    Italic,
}

/// Splits a line on `**` and `*`; a marker without its closing twin later in the line is text.
fn parts(line: &str) -> Vec<Part<'_>> {
    let mut raw = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'*' {
            if start < index {
                raw.push(Part::Text(&line[start..index]));
            }
            if bytes.get(index + 1) == Some(&b'*') {
                raw.push(Part::Bold);
                index += 2;
            } else {
                raw.push(Part::Italic);
                index += 1;
            }
            start = index;
        } else {
            index += 1;
        }
    }
    if start < line.len() {
        raw.push(Part::Text(&line[start..]));
    }

    let mut matched = vec![false; raw.len()];
    let mut index = 0;
    while index < raw.len() {
        let marker = raw[index];
        if marker != Part::Bold && marker != Part::Italic || matched[index] {
            index += 1;
            continue;
        }
        match (index + 1..raw.len()).find(|later| raw[*later] == marker) {
            Some(closing) => {
                matched[index] = true;
                matched[closing] = true;
                index = closing + 1;
            }
            None => index += 1,
        }
    }
    raw.into_iter()
        .zip(matched)
        .map(|(part, matched)| match part {
            Part::Bold if !matched => Part::Text("**"),
            Part::Italic if !matched => Part::Text("*"),
            other => other,
        })
        .collect()
}

struct LineBuilder {
    spans: Vec<Span>,
    /// A tag just came out empty (a guest without a first name): drop the space it leaves.
    after_empty: bool,
}

impl LineBuilder {
    fn push_text(&mut self, text: &str, href: Option<String>, bold: bool, italic: bool) {
        if std::mem::take(&mut self.after_empty)
            && text.starts_with([' ', ',', '.', '!', '?', ';', ':'])
        {
            if let Some(last) = self.spans.last_mut() {
                if last.text.ends_with(' ') {
                    last.text.pop();
                }
            }
        }
        if text.is_empty() {
            return;
        }
        match self.spans.last_mut() {
            Some(last)
                if last.href.is_none()
                    && href.is_none()
                    && (last.bold, last.italic) == (bold, italic) =>
            {
                last.text.push_str(text)
            }
            _ => self.spans.push(Span {
                text: text.to_owned(),
                href,
                bold,
                italic,
            }),
        }
    }
}

/// Parses `input` (a template text of `field`) into blocks, with each tag replaced by
/// `value(tag)`. Values are inserted as text: markup inside a customer's name does nothing.
pub fn render_blocks(input: &str, field: Field, value: &dyn Fn(Tag) -> Value) -> Vec<Block> {
    let mut blocks = Vec::new();
    let normalized = input.replace("\r\n", "\n");
    for paragraph in normalized.split("\n\n") {
        let mut lines: Vec<Vec<Span>> = Vec::new();
        for line in paragraph.split('\n') {
            let mut builder = LineBuilder {
                spans: Vec::new(),
                after_empty: false,
            };
            let (mut bold, mut italic) = (false, false);
            for part in parts(line.trim_end()) {
                let text = match part {
                    Part::Bold => {
                        bold = !bold;
                        continue;
                    }
                    Part::Italic => {
                        italic = !italic;
                        continue;
                    }
                    Part::Text(text) => text,
                };
                for token in tokenize(text, field) {
                    match token {
                        Token::Text(text) => builder.push_text(text, None, bold, italic),
                        Token::Tag(tag) => match value(tag) {
                            Value::Text(text) if text.is_empty() => builder.after_empty = true,
                            Value::Text(text) => builder.push_text(&text, None, bold, italic),
                            Value::Link { text, href } => {
                                builder.push_text(&text, Some(href), bold, italic)
                            }
                            block @ (Value::Cart | Value::Recommendations) => {
                                let spans = std::mem::take(&mut builder.spans);
                                if spans.iter().any(|span| !span.text.trim().is_empty()) {
                                    lines.push(spans);
                                }
                                if !lines.is_empty() {
                                    blocks.push(Block {
                                        cart: false,
                                        recommendations: false,
                                        lines: std::mem::take(&mut lines),
                                    });
                                }
                                blocks.push(Block {
                                    cart: block == Value::Cart,
                                    recommendations: block == Value::Recommendations,
                                    lines: Vec::new(),
                                });
                            }
                        },
                    }
                }
            }
            let spans = builder.spans;
            if spans.iter().any(|span| !span.text.trim().is_empty()) {
                lines.push(spans);
            }
        }
        if !lines.is_empty() {
            blocks.push(Block {
                cart: false,
                recommendations: false,
                lines,
            });
        }
    }
    blocks
}

/// The text of `input` with tags replaced and markup removed, for subjects and buttons.
pub fn render_plain(input: &str, field: Field, value: &dyn Fn(Tag) -> Value) -> String {
    let blocks = render_blocks(input, field, value);
    let mut out = String::new();
    for block in blocks {
        for line in block.lines {
            if !out.is_empty() {
                out.push(' ');
            }
            for span in line {
                out.push_str(&span.text);
            }
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(tag: Tag) -> Value {
        match tag {
            Tag::FirstName => Value::Text("**Jo**".into()),
            Tag::Cart => Value::Cart,
            Tag::CartLink => Value::Link {
                text: "your cart".into(),
                href: "https://shop.example/cart".into(),
            },
            _ => Value::Text(String::new()),
        }
    }

    fn span(text: &str, bold: bool, italic: bool) -> Span {
        Span {
            text: text.into(),
            href: None,
            bold,
            italic,
        }
    }

    #[test]
    fn stars_make_bold_and_italic_and_unpaired_stars_stay_text() {
        let blocks = render_blocks("a **b** *c* 2*3", Field::Body, &values);
        assert_eq!(
            blocks[0].lines[0],
            vec![
                span("a ", false, false),
                span("b", true, false),
                span(" ", false, false),
                span("c", false, true),
                span(" 2*3", false, false),
            ]
        );
    }

    #[test]
    fn a_customer_name_with_stars_is_not_markup() {
        let blocks = render_blocks("Hi {first_name}", Field::Body, &values);
        assert_eq!(blocks[0].lines[0], vec![span("Hi **Jo**", false, false)]);
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_the_cart_gets_its_own_block() {
        let blocks = render_blocks(
            "One\ntwo\n\nSee {cart} then {cart_link}",
            Field::Body,
            &values,
        );
        assert_eq!(blocks.len(), 4);
        assert_eq!(blocks[0].lines.len(), 2);
        assert_eq!(blocks[1].lines[0], vec![span("See ", false, false)]);
        assert!(blocks[2].cart);
        assert_eq!(
            blocks[3].lines[0][1].href.as_deref(),
            Some("https://shop.example/cart")
        );
    }

    #[test]
    fn an_empty_value_does_not_leave_a_space_before_punctuation() {
        assert_eq!(
            render_plain("Bonjour {gender} {last_name}, merci", Field::Body, &values),
            "Bonjour, merci"
        );
    }
}
