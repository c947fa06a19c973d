//! The admin runs as islands: every page is rendered on the server, and only its interactive
//! part hydrates in the browser. Until each page is split into small islands, a page's view is
//! one island, drawn by its group's lazy island: scripts/build.sh cuts the module at each of the
//! seven, so a first visit fetches the runtime (`relance.wasm`) and the chunks of the group it
//! shows, which the server names in the page's head. Groups rather than one island per page: the
//! splitter makes a chunk for every set of split points sharing code, and 24 split points made
//! hundreds of small files per page.

use leptos::prelude::*;

use crate::pages::{
    CallScreenPage, CartPage, CartsPage, CodesPage, InvitationPage, KeysPageView, LoginPage,
    NewShopPage, ReminderWizardPage, RemindersPage, RuleEditorPage, RulesPage, SendingPage,
    SettingsPage, SetupPage, TeamPageView, TemplateEditorPage, TemplatesPage,
};

/// Pages drawn on the server only: their few interactive parts are islands of their own, so
/// their first visit fetches the runtime and those islands, not a group's chunks.
pub use crate::pages::{
    ActivityPageView as Activity, ApiReferencePage as ApiReference, CallsPage as Calls,
    HelpPage as Help, StatisticsPage as Statistics, UnsubscribedListPage as Unsubscribed,
};

/// Marks the page hydrated (`data-hydrated` on the app's root) once the island that draws it
/// has: effects run only in the browser, after the synchronous hydration of their view. A page
/// without such an island is marked by the WASM's start (`frontend`).
fn mark_hydrated() {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(app) = document().query_selector(".app").ok().flatten() {
            let _ = app.set_attribute("data-hydrated", "true");
        }
    });
}

/// Names the chunks of the group island `loader` (its lazy function, as the split manifest
/// knows it) in the page's head, so the browser fetches them with the runtime rather than after
/// it. (Leptos does this for lazy routes, not for lazy islands.)
#[cfg(feature = "ssr")]
fn preload_group(loader: &str) {
    use leptos_meta::Link;

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

/// For each group: an enum of its pages, the lazy island that draws one (the split point), and
/// a route view per page that renders that island. The islands' names end in `View`: the WASM's
/// start (`frontend`) looks for one to know whether a page island will mark the page hydrated.
macro_rules! page_groups {
    ($($view:ident = $loader:literal, $group:ident { $($route:ident => $page:ident),* $(,)? })*) => {$(
        #[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
        pub enum $group {
            $($route),*
        }

        #[island(lazy)]
        fn $view(page: $group) -> impl IntoView {
            #[cfg(feature = "ssr")]
            preload_group($loader);
            // In the browser an island sees no context of the page around it: it makes its own.
            crate::i18n::use_i18n();
            mark_hydrated();
            match page {
                $($group::$route => view! { <$page /> }.into_any()),*
            }
        }

        $(
            #[component]
            pub fn $route() -> impl IntoView {
                view! { <$view page=$group::$route /> }
            }
        )*
    )*};
}

page_groups! {
    EntryView = "entry_view", Entry {
        Login => LoginPage,
        Setup => SetupPage,
        NewShop => NewShopPage,
        Invitation => InvitationPage,
    }
    CampaignView = "campaign_view", Campaign {
        Reminders => RemindersPage,
        Rules => RulesPage,
    }
    EditorsView = "editors_view", Editors {
        ReminderWizard => ReminderWizardPage,
        RuleEditor => RuleEditorPage,
    }
    TemplatesView = "templates_view", TemplateGroup {
        Templates => TemplatesPage,
        TemplateEditor => TemplateEditorPage,
    }
    CartsView = "carts_view", CartGroup {
        Carts => CartsPage,
        Cart => CartPage,
        CallScreen => CallScreenPage,
        Codes => CodesPage,
    }
    ResultsView = "results_view", Results {
        Sending => SendingPage,
    }
    SetupView = "setup_view", Configuration {
        Settings => SettingsPage,
        Keys => KeysPageView,
        Team => TeamPageView,
    }
}
