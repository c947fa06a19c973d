//! Relance's admin: pages and server functions. Rendered on the server (`ssr`); in the browser
//! (`hydrate`) only its islands hydrate (`routes`); everything it computes comes from `domain`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod error;
pub mod i18n;
pub mod islands;
mod layout;
mod loaded;
pub mod nav;
mod pages;
mod routes;
pub mod shop;
mod title;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path, SsrMode,
};

use i18n::{initial_locale, provide_i18n, use_i18n};
use layout::AdminLayout;
use pages::NotFound;

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = initial_locale().code();
    let clock = i18n::initial_clock().encode();
    view! {
        <!DOCTYPE html>
        <html lang=lang data-clock=clock>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "ssr")]
    islands::provide_preloaded();
    provide_i18n();
    let i18n = use_i18n();

    view! {
        <Stylesheet id="leptos" href="/pkg/relance.css" />
        <Link rel="icon" href="/favicon.ico" />
        <Title formatter=|page: String| format!("{page} · Relance") />
        <Title text=crate::title::page_title(move || i18n.t().reminders_title) />
        <Router>
            // Set once the page is interactive (tests wait for it): see `islands`.
            <div class="app" data-hydrated="false">
                <Routes fallback=NotFound>
                    <Route path=path!("/login") view=routes::Login />
                    <Route path=path!("/setup") view=routes::Setup />
                    <Route path=path!("/shops/new") view=routes::NewShop />
                    <Route path=path!("/invite/:token") view=routes::Invitation />
                    <ParentRoute path=path!("/s/:shop") view=AdminLayout>
                        <Route path=path!("") view=routes::Reminders ssr=SsrMode::Async />
                        <Route
                            path=path!("reminders/:id")
                            view=routes::ReminderWizard
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("rules") view=routes::Rules ssr=SsrMode::Async />
                        <Route path=path!("rules/:id") view=routes::RuleEditor ssr=SsrMode::Async />
                        <Route path=path!("templates") view=routes::Templates ssr=SsrMode::Async />
                        <Route
                            path=path!("templates/:id")
                            view=routes::TemplateEditor
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("sending")
                            view=routes::Sending
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("statistics")
                            view=routes::Statistics
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("carts") view=routes::Carts ssr=SsrMode::Async />
                        <Route path=path!("carts/:id") view=routes::Cart ssr=SsrMode::Async />
                        <Route path=path!("calls") view=routes::Calls ssr=SsrMode::Async />
                        <Route path=path!("codes") view=routes::Codes ssr=SsrMode::Async />
                        <Route
                            path=path!("calls/:id")
                            view=routes::CallScreen
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("unsubscribed")
                            view=routes::Unsubscribed
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("help")
                            view=routes::Help
                        />
                        <Route
                            path=path!("settings")
                            view=routes::Settings
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("connect") view=routes::Keys ssr=SsrMode::Async />
                        <Route
                            path=path!("connect/api")
                            view=routes::ApiReference
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("team") view=routes::Team ssr=SsrMode::Async />
                        <Route
                            path=path!("activity")
                            view=routes::Activity
                            ssr=SsrMode::Async
                        />
                    </ParentRoute>
                </Routes>
            </div>
        </Router>
    }
}
