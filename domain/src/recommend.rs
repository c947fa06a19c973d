//! The products an email recommends beside the abandoned cart: bought together with its
//! items, or from the same categories, taken from the shop's orders that Relance saw; never
//! one already in the cart nor one out of stock.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{Cart, Money, WebUrl};

/// The most products the block shows: three fit a phone's width in one row.
pub const MAX_RECOMMENDED: usize = 3;

/// A product the email shows, with the shop's page for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub sku: String,
    pub name: String,
    pub price: Money,
    pub image_url: Option<WebUrl>,
    pub product_url: WebUrl,
}

/// One line of an ordered cart in the shop's history: which order it was in and what the
/// product looked like then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderedLine {
    /// The order (or its cart): lines with the same basket were bought together.
    pub basket: String,
    pub sku: String,
    pub name: String,
    pub price: Money,
    pub image_url: Option<WebUrl>,
    pub product_url: Option<WebUrl>,
    pub category: Option<String>,
    /// Units left when last seen; `None` when the shop does not say.
    pub stock: Option<i64>,
}

/// Up to `max` products for `cart`, from `history` (oldest line first, so the newest name,
/// price and stock of each product win). Bought with one of the cart's products counts first
/// (the more baskets the better), then a shared category, each by how often it sold; ties go
/// by name. A product without a page, in another currency or out of stock is left out.
pub fn recommend(cart: &Cart, history: &[OrderedLine], max: usize) -> Vec<Recommendation> {
    let in_cart: BTreeSet<&str> = cart.items.iter().map(|item| item.sku.as_str()).collect();
    let categories: BTreeSet<&str> = cart
        .items
        .iter()
        .filter_map(|item| item.category.as_deref())
        .collect();
    let mut baskets: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut latest: BTreeMap<&str, &OrderedLine> = BTreeMap::new();
    for line in history {
        baskets
            .entry(line.basket.as_str())
            .or_default()
            .insert(line.sku.as_str());
        latest.insert(line.sku.as_str(), line);
    }
    let mut together: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sold: BTreeMap<&str, usize> = BTreeMap::new();
    for skus in baskets.values() {
        let with_cart = skus.iter().any(|sku| in_cart.contains(sku));
        for sku in skus {
            *sold.entry(sku).or_default() += 1;
            if with_cart {
                *together.entry(sku).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, bool, usize, &OrderedLine)> = latest
        .into_iter()
        .filter(|(sku, line)| {
            !in_cart.contains(sku)
                && line.stock.is_none_or(|left| left > 0)
                && line.price.currency() == cart.currency
                && line.product_url.is_some()
        })
        .map(|(sku, line)| {
            let same_category = line
                .category
                .as_deref()
                .is_some_and(|c| categories.contains(c));
            let bought_with = together.get(sku).copied().unwrap_or(0);
            (bought_with, same_category, sold[sku], line)
        })
        .filter(|(bought_with, same_category, _, _)| *bought_with > 0 || *same_category)
        .collect();
    ranked.sort_by(|a, b| {
        (b.0, b.1, b.2)
            .cmp(&(a.0, a.1, a.2))
            .then_with(|| a.3.name.cmp(&b.3.name))
    });
    ranked
        .into_iter()
        .take(max)
        .filter_map(|(_, _, _, line)| {
            Some(Recommendation {
                sku: line.sku.clone(),
                name: line.name.clone(),
                price: line.price,
                image_url: line.image_url.clone(),
                product_url: line.product_url.clone()?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
