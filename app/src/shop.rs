//! The shop of the admin URL (`/s/<slug>/…`). It is fixed for a page's life: the switcher in
//! the header loads the other shop's page anew, so links and server calls made once never
//! point at a shop the page no longer shows.

use leptos::prelude::*;

/// The current shop's slug, provided by the admin's layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentShop(pub String);

/// The current shop's slug (empty outside a shop's pages). Works in event handlers too: in
/// the browser it is read from the address, which names the shop for the page's life.
pub fn current_shop() -> String {
    if let Some(shop) = use_context::<CurrentShop>() {
        return shop.0;
    }
    #[cfg(feature = "hydrate")]
    {
        let path = window().location().pathname().unwrap_or_default();
        if let Some(slug) = slug_of_path(&path) {
            return slug.to_owned();
        }
    }
    String::new()
}

/// The cookie that remembers the shop used last, for `/`.
pub const LAST_SHOP_COOKIE: &str = "relance_shop";

/// The shop named by the `relance_shop` cookie in these `Cookie` headers.
pub fn last_shop<'a>(cookie_headers: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    cookie_headers
        .into_iter()
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            pair.trim()
                .strip_prefix(LAST_SHOP_COOKIE)?
                .strip_prefix('=')
        })
}

/// Where `/` leads an account reaching `slugs` (in the switcher's order): the shop used last
/// if it still reaches it, else its first shop, else the page to add one.
pub fn home_path(slugs: &[&str], last: Option<&str>) -> String {
    slugs
        .iter()
        .find(|slug| Some(**slug) == last)
        .or_else(|| slugs.first())
        .map_or_else(|| "/shops/new".to_owned(), |slug| format!("/s/{slug}"))
}

/// The slug of `/s/<slug>/…`.
pub fn slug_of_path(path: &str) -> Option<&str> {
    let slug = path.strip_prefix("/s/")?.split('/').next()?;
    (!slug.is_empty()).then_some(slug)
}

/// `path` (starting with `/`) inside the current shop; `/` is the shop's home, `/s/<slug>`.
pub fn shop_path(path: &str) -> String {
    let path = if path == "/" { "" } else { path };
    format!("/s/{}{path}", current_shop())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_is_the_shop_used_last_while_reached_else_the_first_else_a_new_one() {
        let cookies = ["relance_lang=fr; relance_shop=b", "other=1"];
        let last = last_shop(cookies);
        assert_eq!(last, Some("b"));
        assert_eq!(home_path(&["a", "b"], last), "/s/b");
        assert_eq!(home_path(&["a", "c"], last), "/s/a");
        assert_eq!(home_path(&[], last), "/shops/new");
        assert_eq!(last_shop(["relance_shopper=x"]), None);
    }

    #[test]
    fn the_slug_is_the_first_segment_after_s() {
        assert_eq!(slug_of_path("/s/demo/carts"), Some("demo"));
        assert_eq!(slug_of_path("/s/demo/"), Some("demo"));
        assert_eq!(slug_of_path("/s/demo"), Some("demo"));
        assert_eq!(slug_of_path("/s//carts"), None);
        assert_eq!(slug_of_path("/carts"), None);
        assert_eq!(slug_of_path("/settings"), None);
    }
}
