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
    fn the_slug_is_the_first_segment_after_s() {
        assert_eq!(slug_of_path("/s/demo/carts"), Some("demo"));
        assert_eq!(slug_of_path("/s/demo/"), Some("demo"));
        assert_eq!(slug_of_path("/s/demo"), Some("demo"));
        assert_eq!(slug_of_path("/s//carts"), None);
        assert_eq!(slug_of_path("/carts"), None);
        assert_eq!(slug_of_path("/settings"), None);
    }
}
