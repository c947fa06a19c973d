use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{Currency, Gtin, Money, WebUrl};
use crate::campaign::ValueBasis;

/// The most lines a cart may hold; far above real carts, low enough to bound an email's size.
pub const MAX_CART_ITEMS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CartError {
    #[error("the cart id is empty or longer than 128 characters")]
    InvalidId,
    #[error("item {index}: the sku is empty")]
    EmptySku { index: usize },
    #[error("item {index}: the product name is empty")]
    EmptyName { index: usize },
    #[error("item {index}: the quantity must be at least 1")]
    ZeroQuantity { index: usize },
    #[error("item {index}: the price is in {found}, the cart is in {expected}")]
    ItemCurrency {
        index: usize,
        expected: Currency,
        found: Currency,
    },
    #[error("the {field} is in {found}, the cart is in {expected}")]
    TotalCurrency {
        field: &'static str,
        expected: Currency,
        found: Currency,
    },
    #[error("the total without tax ({excl}) is above the total with tax ({incl})")]
    ExclAboveIncl { excl: Decimal, incl: Decimal },
    #[error("a cart holds at most {MAX_CART_ITEMS} lines")]
    TooManyItems,
}

/// One line of a cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartItem {
    pub sku: String,
    pub name: String,
    pub description: String,
    pub image_url: Option<WebUrl>,
    pub product_url: Option<WebUrl>,
    pub category: Option<String>,
    pub unit_price: Money,
    pub quantity: u32,
    /// Units left in stock, when the shop tracks it (it may be negative on back-orders).
    pub stock: Option<i64>,
    /// The product's barcode, when the shop sends it (rules find products by it).
    #[serde(default)]
    pub ean: Option<Gtin>,
}

/// A shopping cart as the shop last described it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cart {
    /// The shop's own id for the cart.
    pub id: String,
    pub currency: Currency,
    pub items: Vec<CartItem>,
    pub total_tax_incl: Money,
    pub total_tax_excl: Money,
    pub shipping: Money,
    /// Where the customer gets the cart back, when the shop gives one.
    pub url: Option<WebUrl>,
}

/// Everything a `Cart` is made from, before the checks.
#[derive(Debug, Clone)]
pub struct NewCart {
    pub id: String,
    pub currency: Currency,
    pub items: Vec<CartItem>,
    pub total_tax_incl: Money,
    pub total_tax_excl: Money,
    pub shipping: Money,
    pub url: Option<WebUrl>,
}

impl Cart {
    pub fn new(fields: NewCart) -> Result<Self, CartError> {
        let id = fields.id.trim().to_owned();
        if id.is_empty() || id.chars().count() > 128 {
            return Err(CartError::InvalidId);
        }
        if fields.items.len() > MAX_CART_ITEMS {
            return Err(CartError::TooManyItems);
        }
        for (index, item) in fields.items.iter().enumerate() {
            if item.sku.trim().is_empty() {
                return Err(CartError::EmptySku { index });
            }
            if item.name.trim().is_empty() {
                return Err(CartError::EmptyName { index });
            }
            if item.quantity == 0 {
                return Err(CartError::ZeroQuantity { index });
            }
            if item.unit_price.currency() != fields.currency {
                return Err(CartError::ItemCurrency {
                    index,
                    expected: fields.currency,
                    found: item.unit_price.currency(),
                });
            }
        }
        for (field, money) in [
            ("total with tax", &fields.total_tax_incl),
            ("total without tax", &fields.total_tax_excl),
            ("shipping", &fields.shipping),
        ] {
            if money.currency() != fields.currency {
                return Err(CartError::TotalCurrency {
                    field,
                    expected: fields.currency,
                    found: money.currency(),
                });
            }
        }
        if fields.total_tax_excl.amount() > fields.total_tax_incl.amount() {
            return Err(CartError::ExclAboveIncl {
                excl: fields.total_tax_excl.amount(),
                incl: fields.total_tax_incl.amount(),
            });
        }
        Ok(Self {
            id,
            currency: fields.currency,
            items: fields.items,
            total_tax_incl: fields.total_tax_incl,
            total_tax_excl: fields.total_tax_excl,
            shipping: fields.shipping,
            url: fields.url,
        })
    }

    /// The number of products in the cart (the `{nb_product}` tag): quantities added up.
    pub fn product_count(&self) -> u32 {
        self.items.iter().map(|item| item.quantity).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The cart's value as discount ranges read it.
    pub fn value(&self, basis: ValueBasis) -> Decimal {
        match basis {
            ValueBasis::TaxIncluded => self.total_tax_incl.amount(),
            ValueBasis::TaxExcluded => self.total_tax_excl.amount(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(amount: &str) -> Money {
        Money::parse(amount, Currency::EUR).unwrap()
    }

    fn item(sku: &str, price: &str, quantity: u32) -> CartItem {
        CartItem {
            sku: sku.into(),
            name: "T-shirt délavé".into(),
            description: "Coupe classique".into(),
            image_url: None,
            product_url: None,
            category: Some("Tops".into()),
            unit_price: eur(price),
            quantity,
            stock: Some(299),
            ean: None,
        }
    }

    fn new_cart(items: Vec<CartItem>) -> NewCart {
        NewCart {
            id: "c-42".into(),
            currency: Currency::EUR,
            items,
            total_tax_incl: eur("69.51"),
            total_tax_excl: eur("57.93"),
            shipping: eur("4.90"),
            url: None,
        }
    }

    #[test]
    fn a_valid_cart_counts_its_products_by_quantity() {
        let cart = Cart::new(new_cart(vec![item("a", "16.51", 1), item("b", "24.00", 2)])).unwrap();
        assert_eq!(cart.product_count(), 3);
        assert_eq!(cart.value(ValueBasis::TaxExcluded), eur("57.93").amount());
    }

    #[test]
    fn a_line_with_zero_quantity_is_rejected_with_its_index() {
        let error = Cart::new(new_cart(vec![item("a", "1", 1), item("b", "1", 0)])).unwrap_err();
        assert_eq!(error, CartError::ZeroQuantity { index: 1 });
    }

    #[test]
    fn mixed_currencies_are_rejected() {
        let mut dollar = item("a", "1", 1);
        dollar.unit_price = Money::parse("1", Currency::parse("USD").unwrap()).unwrap();
        assert!(matches!(
            Cart::new(new_cart(vec![dollar])),
            Err(CartError::ItemCurrency { index: 0, .. })
        ));
    }

    #[test]
    fn a_total_without_tax_above_the_total_with_tax_is_rejected() {
        let mut fields = new_cart(vec![]);
        fields.total_tax_excl = eur("80");
        assert!(matches!(
            Cart::new(fields),
            Err(CartError::ExclAboveIncl { .. })
        ));
    }
}
