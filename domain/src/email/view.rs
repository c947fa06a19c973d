//! What the email shows, computed once from the template and the context; the HTML designs
//! and the plain-text part are both written from this, so they always say the same thing.

use super::context::RenderContext;
use super::contrast::{readable_on, text_on, text_on_dark, tint};
use super::markup::{render_blocks, render_plain, Block, Span, Value};
use super::tags::{Field, Tag};
use super::words::{words, Words};
use crate::campaign::DiscountKind;
use crate::format;
use crate::model::{HexColor, Language, TemplateContent};

pub struct ItemView {
    pub name: String,
    pub description: String,
    pub href: Option<String>,
    pub image: Option<String>,
    pub unit_price: String,
    pub quantity: u32,
}

pub struct RecommendedView {
    pub name: String,
    pub price: String,
    pub href: String,
    pub image: Option<String>,
}

pub struct LinkView {
    pub text: String,
    pub href: String,
}

pub struct ReassuranceView {
    pub icon: crate::model::ReassuranceIcon,
    /// Where the icons' PNGs are (`EmailLinks::icons`).
    pub icons: String,
    pub text: String,
}

impl ReassuranceView {
    /// The icon's PNG stroked in `colour` (`#RRGGBB`, as the designs pick it).
    pub fn src(&self, colour: &str) -> String {
        let colour = crate::model::HexColor::parse(colour)
            .unwrap_or_else(|_| crate::model::HexColor::parse("#000000").expect("black"));
        format!(
            "{}/{}",
            self.icons,
            super::icons::image_name(self.icon, &colour)
        )
    }
}

pub struct EmailView {
    pub lang: String,
    pub subject: String,
    pub primary: String,
    pub secondary: String,
    /// A text colour readable on the primary colour.
    pub on_primary: &'static str,
    pub on_secondary: &'static str,
    /// The primary colour mixed with white, for soft backgrounds.
    pub primary_tint: String,
    /// The primary colour as text (prices, links): darkened when it is too light to read on
    /// white or on the tint.
    pub primary_text: String,
    /// `primary_text` in dark mode: lightened until it reads on the dark backgrounds.
    pub primary_dark: String,
    pub shop_name: String,
    pub shop_href: String,
    pub logo: Option<String>,
    pub blocks: Vec<Block>,
    pub items: Vec<ItemView>,
    pub total: String,
    pub quantity_label: &'static str,
    pub total_label: &'static str,
    /// What `{recommendations}` shows (nothing when empty), under its heading.
    pub recommended: Vec<RecommendedView>,
    pub recommended_label: &'static str,
    /// Empty when the cart gets no discount.
    pub discount: Vec<Block>,
    pub discount_code: Option<String>,
    pub button: Option<LinkView>,
    pub reassurance: Vec<ReassuranceView>,
    pub social: Vec<LinkView>,
    pub address: String,
    pub why: String,
    pub unsubscribe: Vec<Span>,
    pub open_pixel: Option<String>,
}

/// Links merchants or shops give may only lead to web pages, mail, or a place in the email.
pub fn safe_href(url: &str) -> Option<String> {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    let allowed = ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        || trimmed.starts_with('#');
    allowed.then(|| trimmed.to_owned())
}

fn image_src(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with('/'))
        .then(|| url.trim().to_owned())
}

fn short(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let ends_on_word = text.chars().nth(max).is_some_and(char::is_whitespace);
    let cut = match cut.rsplit_once(' ') {
        Some((head, _)) if !ends_on_word => head,
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':', ' ']))
}

/// The value of each tag for this customer and cart, in the content's language.
pub(crate) fn tag_value(ctx: &RenderContext, language: Language, w: &Words, tag: Tag) -> Value {
    let text = |s: &str| Value::Text(s.to_owned());
    match tag {
        Tag::FirstName => text(&ctx.customer.first_name),
        Tag::LastName => text(&ctx.customer.last_name),
        Tag::Gender => text(w.civility(ctx.customer.gender)),
        Tag::NbProduct => Value::Text(ctx.cart.product_count().to_string()),
        Tag::Cart => Value::Cart,
        Tag::Recommendations => Value::Recommendations,
        Tag::CartLink => match safe_href(&ctx.links.cart) {
            Some(href) => Value::Link {
                text: w.view_cart.to_owned(),
                href,
            },
            None => text(w.view_cart),
        },
        Tag::ShopLink => match safe_href(&ctx.links.shop) {
            Some(href) => Value::Link {
                text: ctx.shop.name.clone(),
                href,
            },
            None => text(&ctx.shop.name),
        },
        Tag::DiscountCode => text(ctx.discount.as_ref().map_or("", |d| d.code.as_str())),
        Tag::DiscountValue => Value::Text(match ctx.discount.as_ref().map(|d| &d.kind) {
            Some(DiscountKind::Percent { percent }) => format::percent(percent.value(), language),
            Some(DiscountKind::Amount { amount, .. }) => {
                format::money(*amount, ctx.cart.currency, language)
            }
            Some(DiscountKind::FreeShipping) => w.free_shipping.to_owned(),
            Some(DiscountKind::FreeGift { gift }) => w.free_gift(gift.name()),
            None => String::new(),
        }),
        Tag::DiscountExpiry => Value::Text(
            ctx.discount
                .as_ref()
                .map_or_else(String::new, |d| w.date(d.expires_at)),
        ),
        Tag::Unsubscribe => match safe_href(&ctx.links.unsubscribe) {
            Some(href) => Value::Link {
                text: w.unsubscribe.to_owned(),
                href,
            },
            None => text(w.unsubscribe),
        },
    }
}

/// The unsubscribe line: the merchant's text with the link where `{unsubscribe}` is, or the
/// link after the text when the tag was removed (the link is never left out).
fn unsubscribe_line(content: &TemplateContent, value: &dyn Fn(Tag) -> Value) -> Vec<Span> {
    let link_text = content.unsubscribe_link_text.trim();
    let with_link_text = |tag: Tag| match value(tag) {
        Value::Link { text, href } if tag == Tag::Unsubscribe => Value::Link {
            text: if link_text.is_empty() {
                text
            } else {
                link_text.to_owned()
            },
            href,
        },
        other => other,
    };
    let blocks = render_blocks(
        &content.unsubscribe_text,
        Field::UnsubscribeText,
        &with_link_text,
    );
    let mut spans: Vec<Span> = blocks
        .into_iter()
        .flat_map(|block| block.lines)
        .flat_map(|mut line| {
            if let Some(last) = line.last_mut() {
                last.text.push(' ');
            }
            line
        })
        .collect();
    let has_link = spans.iter().any(|span| span.href.is_some());
    if !has_link {
        if let Value::Link { text, href } = with_link_text(Tag::Unsubscribe) {
            spans.push(Span {
                text,
                href: Some(href),
                bold: false,
                italic: false,
            });
        }
    }
    if let Some(last) = spans.last_mut() {
        let trimmed = last.text.trim_end().len();
        last.text.truncate(trimmed);
    }
    spans
}

pub fn build(
    template_colors: (&HexColor, &HexColor),
    content: &TemplateContent,
    language: Language,
    ctx: &RenderContext,
) -> EmailView {
    let w = words(language);
    let value = |tag: Tag| tag_value(ctx, language, w, tag);
    let (primary, secondary) = template_colors;

    let blocks = render_blocks(&content.body, Field::Body, &value);
    let items = ctx
        .cart
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| ItemView {
            name: item.name.clone(),
            description: short(&item.description, 120),
            href: ctx
                .links
                .products
                .get(index)
                .cloned()
                .flatten()
                .and_then(|url| safe_href(&url)),
            image: item
                .image_url
                .as_ref()
                .and_then(|url| image_src(url.as_str())),
            unit_price: format::money_value(&item.unit_price, language),
            quantity: item.quantity,
        })
        .collect();
    // A product whose link is not a web page is not shown: its card would lead nowhere.
    let recommended = ctx
        .recommendations
        .iter()
        .zip(&ctx.links.recommended)
        .filter_map(|(product, link)| {
            Some(RecommendedView {
                name: product.name.clone(),
                price: format::money_value(&product.price, language),
                href: safe_href(link)?,
                image: product
                    .image_url
                    .as_ref()
                    .and_then(|url| image_src(url.as_str())),
            })
        })
        .collect();
    let discount = match &ctx.discount {
        Some(_) => render_blocks(&content.discount_text, Field::DiscountText, &value),
        None => Vec::new(),
    };
    let button_text = render_plain(&content.button_text, Field::ButtonText, &value);
    let button = match safe_href(&ctx.links.cart) {
        Some(href) if !button_text.is_empty() => Some(LinkView {
            text: button_text,
            href,
        }),
        _ => None,
    };
    let social = [
        ("Facebook", &content.social.facebook),
        ("Instagram", &content.social.instagram),
        ("X", &content.social.x),
    ]
    .into_iter()
    .filter_map(|(name, url)| {
        let href = safe_href(url.as_ref()?.as_str())?;
        Some(LinkView {
            text: name.to_owned(),
            href,
        })
    })
    .collect();

    EmailView {
        lang: language.code().to_owned(),
        subject: render_plain(content.subject.as_str(), Field::Subject, &value),
        primary: primary.as_str().to_owned(),
        secondary: secondary.as_str().to_owned(),
        on_primary: readable_on(primary),
        on_secondary: readable_on(secondary),
        primary_tint: tint(primary, 90),
        primary_text: text_on(primary, &tint(primary, 90)),
        primary_dark: text_on_dark(primary),
        shop_name: ctx.shop.name.clone(),
        shop_href: safe_href(&ctx.links.shop).unwrap_or_else(|| "#".to_owned()),
        logo: ctx
            .shop
            .logo_url
            .as_ref()
            .and_then(|url| image_src(url.as_str())),
        blocks,
        items,
        total: format::money_value(&ctx.cart.total_tax_incl, language),
        quantity_label: w.quantity,
        total_label: w.total,
        recommended,
        recommended_label: w.recommended,
        discount,
        discount_code: ctx.discount.as_ref().map(|d| d.code.clone()),
        button,
        reassurance: content
            .reassurance
            .iter()
            .filter(|item| !item.text.trim().is_empty())
            .map(|item| ReassuranceView {
                icon: item.icon,
                icons: ctx.links.icons.clone(),
                text: item.text.trim().to_owned(),
            })
            .collect(),
        social,
        address: ctx.shop.postal_address.trim().to_owned(),
        why: format!("{} {}.", w.why, ctx.shop.name),
        unsubscribe: unsubscribe_line(content, &value),
        open_pixel: ctx.links.open_pixel.as_deref().and_then(image_src),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_anchor_links_are_kept() {
        assert!(safe_href("https://shop.example").is_some());
        assert!(safe_href("MAILTO:help@shop.example").is_some());
        assert!(safe_href("#unsubscribe").is_some());
        assert!(safe_href("javascript:alert(1)").is_none());
        assert!(safe_href(" data:text/html,x").is_none());
    }

    #[test]
    fn long_descriptions_are_cut_on_a_word() {
        assert_eq!(short("Coupe classique, coton bio", 16), "Coupe classique…");
        assert_eq!(short("court", 16), "court");
    }
}
