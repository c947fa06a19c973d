use chrono::{DateTime, NaiveDate, Utc};
use domain::{lifecycle::CartStatus, Currency};
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Carts per page of the list.
pub const PAGE_SIZE: u32 = 25;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CartSort {
    #[default]
    LastActivity,
    Total,
    Items,
}

impl CartSort {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LastActivity => "last_activity",
            Self::Total => "total",
            Self::Items => "items",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::LastActivity, Self::Total, Self::Items]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// The list's filters, sort and page, as they stand in the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CartsQuery {
    pub status: Option<CartStatus>,
    /// Last activity on or after this day (the shop's calendar).
    pub from: Option<NaiveDate>,
    /// Last activity on or before this day (the shop's calendar).
    pub to: Option<NaiveDate>,
    /// Part of the customer's name or email.
    pub search: Option<String>,
    pub min_total: Option<Decimal>,
    pub sort: CartSort,
    pub ascending: bool,
    /// From 1.
    pub page: u32,
}

impl CartsQuery {
    /// Reads the URL's parameters; anything unreadable is ignored rather than failing the page.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |name: &str| {
            get(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Self {
            status: text("status").and_then(|s| CartStatus::parse(&s)),
            from: text("from").and_then(|d| d.parse().ok()),
            to: text("to").and_then(|d| d.parse().ok()),
            search: text("q").map(|q| q.chars().take(100).collect()),
            min_total: text("min_total").and_then(|t| t.replace(',', ".").parse().ok()),
            sort: text("sort")
                .and_then(|s| CartSort::parse(&s))
                .unwrap_or_default(),
            ascending: text("dir").as_deref() == Some("asc"),
            page: text("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    /// The query string of this query with `page` (links keep every other filter).
    pub fn to_query_string(&self, page: u32) -> String {
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Some(status) = self.status {
            pairs.push(("status".into(), status.as_str().into()));
        }
        if let Some(from) = self.from {
            pairs.push(("from".into(), from.to_string()));
        }
        if let Some(to) = self.to {
            pairs.push(("to".into(), to.to_string()));
        }
        if let Some(search) = &self.search {
            pairs.push(("q".into(), search.clone()));
        }
        if let Some(min) = self.min_total {
            pairs.push(("min_total".into(), min.to_string()));
        }
        if self.sort != CartSort::default() {
            pairs.push(("sort".into(), self.sort.as_str().into()));
        }
        if self.ascending {
            pairs.push(("dir".into(), "asc".into()));
        }
        if page > 1 {
            pairs.push(("page".into(), page.to_string()));
        }
        let encoded: Vec<String> = pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", domain::format::url_component(&v)))
            .collect();
        if encoded.is_empty() {
            String::new()
        } else {
            format!("?{}", encoded.join("&"))
        }
    }
}

/// One line of the Carts list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartLine {
    pub id: String,
    pub external_id: String,
    /// The customer's name, or nothing for a guest.
    pub customer_name: Option<String>,
    pub customer_email: Option<String>,
    pub total: Decimal,
    pub currency: Currency,
    /// Products in the cart (quantities added up).
    pub products: u32,
    pub last_activity_at: DateTime<Utc>,
    pub status: CartStatus,
    /// When the cart counts (or counted) as abandoned, for an open cart with items and an
    /// email: the moment its step delays count from.
    pub abandoned_at: Option<DateTime<Utc>>,
    /// For open carts with a step to come: when the next reminder falls due.
    pub next_reminder_at: Option<DateTime<Utc>>,
    /// The merchant stopped its reminders.
    pub stopped: bool,
}

/// The Carts page's header figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartKpis {
    /// Carts created in the last 30 days that were ordered, as a percentage; none without carts.
    pub conversion_rate: Option<Decimal>,
    /// Carts that became abandoned since midnight in the shop's time zone.
    pub abandoned_today: u64,
    /// Average value with tax of the carts with items created in the last 30 days.
    pub average_cart: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartsPage {
    pub lines: Vec<CartLine>,
    /// Carts matching the filters, all pages together.
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub kpis: CartKpis,
    pub currency: Currency,
    /// The server's clock when the page was made; countdowns start from it.
    pub now: DateTime<Utc>,
}

/// A page of the shop's carts.
#[server(prefix = "/admin/fn", endpoint = "list_carts")]
pub async fn list_carts(shop: String, query: CartsQuery) -> Result<CartsPage, AppError> {
    let scope = super::scope::scope(&shop, domain::team::Permission::See).await?;
    scope
        .backend
        .carts(&scope.shop, &query, Utc::now())
        .await?
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_query_survives_a_round_trip_through_the_url() {
        let query = CartsQuery {
            status: Some(CartStatus::Waiting),
            from: NaiveDate::from_ymd_opt(2026, 11, 1),
            to: NaiveDate::from_ymd_opt(2026, 11, 23),
            search: Some("élodie dupont".into()),
            min_total: Some(Decimal::new(4990, 2)),
            sort: CartSort::Total,
            ascending: true,
            page: 3,
        };
        let text = query.to_query_string(3);
        let params: HashMap<String, String> = text
            .trim_start_matches('?')
            .split('&')
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap();
                let bytes: Vec<u8> = decode(v);
                (k.to_owned(), String::from_utf8(bytes).unwrap())
            })
            .collect();
        assert_eq!(CartsQuery::from_params(|k| params.get(k).cloned()), query);
    }

    fn decode(v: &str) -> Vec<u8> {
        let bytes = v.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    }

    #[test]
    fn unreadable_parameters_are_ignored() {
        let query = CartsQuery::from_params(|k| match k {
            "status" => Some("lost".into()),
            "page" => Some("0".into()),
            "min_total" => Some("lots".into()),
            _ => None,
        });
        assert_eq!(
            query,
            CartsQuery {
                page: 1,
                ..Default::default()
            }
        );
    }
}
