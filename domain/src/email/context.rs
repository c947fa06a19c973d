use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::campaign::DiscountKind;
use crate::model::{Cart, Customer, Gender, Language, Shop};
use crate::recommend::Recommendation;

/// The discount a reminder carries: its single-use code, what it gives and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferedDiscount {
    pub code: String,
    pub kind: DiscountKind,
    pub expires_at: DateTime<Utc>,
}

/// Where each link of the email goes. The sender passes signed, tracked links; the preview
/// passes the shop's own links and placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailLinks {
    pub cart: String,
    pub shop: String,
    pub unsubscribe: String,
    /// One per cart item, in the cart's order; `None` shows the item without a link.
    pub products: Vec<Option<String>>,
    /// The 1×1 image that counts opens; none in previews.
    pub open_pixel: Option<String>,
    /// One per recommended product, in the context's order.
    #[serde(default)]
    pub recommended: Vec<String>,
    /// Where the reassurance icons' PNGs are, `{public URL}/email-icons`: in previews too, so a
    /// test email shows them.
    pub icons: String,
}

impl EmailLinks {
    /// Untracked links for the editor's preview: the real shop and product pages, a
    /// placeholder where the sender puts the customer's own unsubscribe link, and the icons
    /// at `icons`.
    pub fn preview(shop: &Shop, cart: &Cart, icons: String) -> Self {
        Self {
            cart: cart.url.as_ref().unwrap_or(&shop.url).as_str().to_owned(),
            shop: shop.url.as_str().to_owned(),
            unsubscribe: "#unsubscribe".to_owned(),
            products: cart
                .items
                .iter()
                .map(|item| item.product_url.as_ref().map(|url| url.as_str().to_owned()))
                .collect(),
            open_pixel: None,
            recommended: Vec::new(),
            icons,
        }
    }
}

/// Who an email greets, and in which language: all an email says of its customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub first_name: String,
    pub last_name: String,
    pub gender: Option<Gender>,
    pub language: Language,
}

impl From<&Customer> for Recipient {
    fn from(customer: &Customer) -> Self {
        Self {
            first_name: customer.first_name.clone(),
            last_name: customer.last_name.clone(),
            gender: customer.gender,
            language: customer.language,
        }
    }
}

/// Everything an email says about one customer and one cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderContext {
    pub shop: Shop,
    pub customer: Recipient,
    pub cart: Cart,
    pub discount: Option<OfferedDiscount>,
    pub links: EmailLinks,
    /// What `{recommendations}` shows; empty, the block shows nothing.
    pub recommendations: Vec<Recommendation>,
}

impl RenderContext {
    /// A context for the editor's preview: the shop's own links, the icons at `icons`, no
    /// discount yet.
    pub fn preview(shop: Shop, customer: Recipient, cart: Cart, icons: String) -> Self {
        let links = EmailLinks::preview(&shop, &cart, icons);
        Self {
            shop,
            customer,
            cart,
            discount: None,
            links,
            recommendations: Vec::new(),
        }
    }

    /// The same context recommending `products`, each linked to `links` (one per product;
    /// the preview passes the products' own pages).
    pub fn with_recommendations(
        mut self,
        products: Vec<Recommendation>,
        links: Vec<String>,
    ) -> Self {
        self.recommendations = products;
        self.links.recommended = links;
        self
    }

    /// The language the customer reads; the template may fall back to English.
    pub fn language(&self) -> Language {
        self.customer.language
    }
}

/// A sample cart as the editor's preview receives it: a context without its discount, which
/// the browser offers itself (`SampleDiscount`). Without a discount's expiry to read, the
/// browser's WASM needs no date parser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewSample {
    pub shop: Shop,
    pub customer: Recipient,
    pub cart: Cart,
    pub links: EmailLinks,
    pub recommendations: Vec<Recommendation>,
}

impl From<RenderContext> for PreviewSample {
    fn from(context: RenderContext) -> Self {
        Self {
            shop: context.shop,
            customer: context.customer,
            cart: context.cart,
            links: context.links,
            recommendations: context.recommendations,
        }
    }
}

impl PreviewSample {
    /// The context to render the sample with, offering `discount`.
    pub fn context(self, discount: Option<OfferedDiscount>) -> RenderContext {
        RenderContext {
            shop: self.shop,
            customer: self.customer,
            cart: self.cart,
            discount,
            links: self.links,
            recommendations: self.recommendations,
        }
    }
}

/// The discounts the editor can preview with, as a merchant would configure them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SampleDiscount {
    None,
    Percent,
    Amount,
    FreeShipping,
    FreeGift,
}

impl SampleDiscount {
    pub const ALL: [SampleDiscount; 5] = [
        SampleDiscount::None,
        SampleDiscount::Percent,
        SampleDiscount::Amount,
        SampleDiscount::FreeShipping,
        SampleDiscount::FreeGift,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Percent => "percent",
            Self::Amount => "amount",
            Self::FreeShipping => "free_shipping",
            Self::FreeGift => "free_gift",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|sample| sample.as_str() == input)
    }

    /// A code like the engine makes, valid ten days from `now`: 10 %, 20, free shipping or a gift.
    pub fn offer(&self, now: DateTime<Utc>) -> Option<OfferedDiscount> {
        let kind = match self {
            Self::None => return None,
            Self::Percent => DiscountKind::Percent {
                percent: crate::campaign::Percent::new(rust_decimal::Decimal::TEN)
                    .expect("10 is a valid percentage"),
            },
            Self::Amount => DiscountKind::Amount {
                amount: rust_decimal::Decimal::from(20),
                tax_included: true,
            },
            Self::FreeShipping => DiscountKind::FreeShipping,
            Self::FreeGift => DiscountKind::FreeGift {
                gift: crate::campaign::GiftProduct::new("GIFT-1", "Tote bag")
                    .expect("a valid sample gift"),
            },
        };
        Some(OfferedDiscount {
            code: "RLC-EXAMPLE1".to_owned(),
            kind,
            expires_at: now + chrono::Duration::days(10),
        })
    }
}
