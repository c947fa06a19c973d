//! What every island does first. On the server, a lazy island (a group's page island, a split
//! point) names its chunks in the page's head, so the browser fetches them with the runtime
//! (Leptos does this for lazy routes, not for lazy islands). In the browser an island counts
//! itself hydrated: once every island of the page is, the page is marked hydrated
//! (`data-hydrated` on `.app`, which tests wait for).
//!
//! The small islands of server-only pages are one lazy island, `pages::controls::Controls`: one
//! split point, so a page fetches their code once, and a page without any not at all. Made lazy
//! one by one, they made the Reminders page fetch 162 files (the splitter makes a chunk per set of
//! split points sharing code).

use leptos::prelude::*;

/// Call at the top of an island. `loader`: the island's snake_case name (its split point, as
/// the split manifest knows it).
pub fn start(loader: &'static str) {
    #[cfg(feature = "ssr")]
    preload(loader);
    #[cfg(not(feature = "ssr"))]
    let _ = loader;
    // Effects run only in the browser, after the synchronous hydration of their island's view.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::count_hydrated();
    });
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use std::cell::Cell;

    thread_local! {
        static HYDRATED: Cell<u32> = const { Cell::new(0) };
    }

    pub fn count_hydrated() {
        let hydrated = HYDRATED.with(|count| {
            count.set(count.get() + 1);
            count.get()
        });
        let document = document();
        let islands = document
            .query_selector_all("leptos-island")
            .map_or(0, |all| all.length());
        if hydrated >= islands {
            mark_page_hydrated(&document);
        }
    }

    pub fn mark_page_hydrated(document: &web_sys::Document) {
        if let Some(app) = document.query_selector(".app").ok().flatten() {
            let _ = app.set_attribute("data-hydrated", "true");
        }
    }
}

/// Marks a page without any island hydrated: it is whole as the server sent it. The WASM's
/// start calls it (`frontend`).
#[cfg(feature = "hydrate")]
pub fn mark_if_no_island() {
    let document = document();
    let none = document
        .query_selector("leptos-island")
        .ok()
        .flatten()
        .is_none();
    if none {
        browser::mark_page_hydrated(&document);
    }
}

/// The loaders already named in this page's head.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy)]
pub struct Preloaded(StoredValue<Vec<&'static str>>);

#[cfg(feature = "ssr")]
pub fn provide_preloaded() {
    provide_context(Preloaded(StoredValue::new(Vec::new())));
}

/// Names the chunks of the lazy function `loader` in the page's head, once per page.
#[cfg(feature = "ssr")]
pub fn preload(loader: &'static str) {
    use leptos_meta::Link;

    if let Some(Preloaded(done)) = use_context::<Preloaded>() {
        if done.with_value(|done| done.contains(&loader)) {
            return;
        }
        done.update_value(|done| done.push(loader));
    }
    let Some(manifest) = use_context::<leptos::WasmSplitManifest>() else {
        return;
    };
    let prefix = format!("{loader}_loader_");
    let (pkg, modules) = manifest.0.with_value(|(pkg, chunks, _)| {
        let modules = chunks
            .iter()
            .find(|(key, _)| key.starts_with(&prefix))
            .map(|(_, modules)| modules.clone())
            .unwrap_or_default();
        (pkg.clone(), modules)
    });
    for module in modules {
        // Rendering a meta component registers it with the page's head.
        let _ = view! {
            <Link
                rel="preload"
                href=format!("{pkg}/{module}.wasm")
                as_="fetch"
                type_="application/wasm"
                crossorigin=""
            />
        }
        .to_html();
    }
}
