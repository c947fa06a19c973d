//! The address of the page, for code that also runs inside islands. In islands mode the router
//! lives on the server only: in the browser the address is read from `location`, and leaving
//! the page is a page load (the server renders the next one).

use leptos::prelude::*;
use leptos_router::params::ParamsMap;

/// The query of the page's address.
pub fn use_query_map() -> Memo<ParamsMap> {
    #[cfg(feature = "ssr")]
    {
        leptos_router::hooks::use_query_map()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let search = address_part(Part::Search);
        Memo::new(move |_| parse_query(&search))
    }
}

/// The page's path parameters: `shop`, and `id` or `token` where the route has one.
pub fn use_params_map() -> Memo<ParamsMap> {
    #[cfg(feature = "ssr")]
    {
        leptos_router::hooks::use_params_map()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let path = address_part(Part::Path);
        Memo::new(move |_| params_of_path(&path))
    }
}

/// Goes to `href`: a page load in the browser, nothing on the server.
pub fn use_navigate() -> impl Fn(&str, leptos_router::NavigateOptions) + Clone {
    move |href: &str, options: leptos_router::NavigateOptions| {
        #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
        {
            let location = window().location();
            let _ = if options.replace {
                location.replace(href)
            } else {
                location.assign(href)
            };
        }
        #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
        let _ = (href, options);
    }
}

#[cfg(not(feature = "ssr"))]
enum Part {
    Search,
    Path,
}

/// Goes to `href`, a page load (nothing on the server).
pub fn go(href: &str) {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    let _ = window().location().assign(href);
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
    let _ = href;
}

/// Loads the page again, as the server now renders it (nothing on the server).
pub fn reload() {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    let _ = window().location().reload();
}

/// Keeps `text` under `key` for this tab until [`take_kept`] reads it: what a page says after
/// loading itself again (nothing outside a browser).
pub fn keep(key: &str, text: &str) {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    if let Ok(Some(storage)) = window().session_storage() {
        let _ = storage.set_item(key, text);
    }
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
    let _ = (key, text);
}

/// What [`keep`] kept under `key`, once: it is forgotten as it is read.
pub fn take_kept(key: &str) -> Option<String> {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        let storage = window().session_storage().ok().flatten()?;
        let text = storage.get_item(key).ok().flatten();
        let _ = storage.remove_item(key);
        text
    }
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
    {
        let _ = key;
        None
    }
}

/// A part of the browser's address (empty outside a browser).
#[cfg(not(feature = "ssr"))]
fn address_part(part: Part) -> String {
    #[cfg(feature = "hydrate")]
    {
        let location = window().location();
        match part {
            Part::Search => location.search(),
            Part::Path => location.pathname(),
        }
        .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let (Part::Search | Part::Path) = part;
        String::new()
    }
}

/// `a=1&b=x%20y` (with or without its `?`) as parameters.
pub fn parse_query(search: &str) -> ParamsMap {
    let mut params = ParamsMap::new();
    for pair in search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
    {
        // A form's GET query writes spaces as `+`; `ParamsMap` unescapes the rest.
        let pair = pair.replace('+', " ");
        let (key, value) = pair.split_once('=').unwrap_or((&pair, ""));
        params.insert(key.to_owned(), value.to_owned());
    }
    params
}

/// The parameters of the admin's routes (`app/src/lib.rs`): `/s/:shop/<section>/:id` and
/// `/invite/:token`.
pub fn params_of_path(path: &str) -> ParamsMap {
    let mut params = ParamsMap::new();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        ["s", shop, rest @ ..] => {
            params.insert("shop", (*shop).to_owned());
            if let [_, id] = rest {
                params.insert("id", (*id).to_owned());
            }
        }
        ["invite", token] => params.insert("token", (*token).to_owned()),
        _ => {}
    }
    params
}

// `ParamsMap` unescapes what it is given, with the browser's decoder unless on the server.
#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_read_with_its_escapes_and_pluses() {
        let params = parse_query("?q=caf%C3%A9+cr%C3%A8me&page=2&empty=&flag&bad=%zz");
        assert_eq!(params.get("q").as_deref(), Some("café crème"));
        assert_eq!(params.get("page").as_deref(), Some("2"));
        assert_eq!(params.get("empty").as_deref(), Some(""));
        assert_eq!(params.get("flag").as_deref(), Some(""));
        assert_eq!(params.get("bad").as_deref(), Some("%zz"));
        assert_eq!(parse_query("").get("q"), None);
    }

    #[test]
    fn the_admin_s_paths_give_their_shop_and_id_or_token() {
        let cart = params_of_path("/s/demo/carts/c%2F1");
        assert_eq!(cart.get("shop").as_deref(), Some("demo"));
        assert_eq!(cart.get("id").as_deref(), Some("c/1"));
        let list = params_of_path("/s/demo/carts");
        assert_eq!(list.get("shop").as_deref(), Some("demo"));
        assert_eq!(list.get("id"), None);
        assert_eq!(
            params_of_path("/invite/abc").get("token").as_deref(),
            Some("abc")
        );
        assert_eq!(params_of_path("/login").get("shop"), None);
    }
}
