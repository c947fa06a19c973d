//! Relance's admin: pages and server functions. Rendered on the server (`ssr`) and hydrated in
//! the browser (`hydrate`); everything it computes comes from `domain`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod error;
pub mod i18n;
mod layout;
mod pages;
mod routes;
pub mod shop;
mod title;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path, Lazy, SsrMode,
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
                <HydrationScripts options />
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
    provide_i18n();
    let i18n = use_i18n();
    // Set once the page itself is interactive: its chunk has arrived and hydrated (tests wait for
    // it). Lazy pages and the fallback mark it, see `routes::mark_hydrated`.
    let hydrated = RwSignal::new(false);
    provide_context(routes::Hydrated(hydrated));

    view! {
        <Stylesheet id="leptos" href="/pkg/relance.css" />
        <Link rel="icon" href="/favicon.ico" />
        <Title formatter=|page: String| format!("{page} · Relance") />
        <Title text=crate::title::page_title(move || i18n.t().reminders_title) />
        <Router>
            <div class="app" data-hydrated=move || hydrated.get().to_string()>
                <Routes fallback=NotFound>
                    <Route path=path!("/login") view={Lazy::<routes::Login>::new()} />
                    <Route path=path!("/setup") view={Lazy::<routes::Setup>::new()} />
                    <Route path=path!("/shops/new") view={Lazy::<routes::NewShop>::new()} />
                    <Route path=path!("/invite/:token") view={Lazy::<routes::Invitation>::new()} />
                    <ParentRoute path=path!("/s/:shop") view=AdminLayout>
                        <Route path=path!("") view={Lazy::<routes::Reminders>::new()} ssr=SsrMode::Async />
                        <Route
                            path=path!("reminders/:id")
                            view={Lazy::<routes::ReminderWizard>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("rules") view={Lazy::<routes::Rules>::new()} ssr=SsrMode::Async />
                        <Route path=path!("rules/:id") view={Lazy::<routes::RuleEditor>::new()} ssr=SsrMode::Async />
                        <Route path=path!("templates") view={Lazy::<routes::Templates>::new()} ssr=SsrMode::Async />
                        <Route
                            path=path!("templates/:id")
                            view={Lazy::<routes::TemplateEditor>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("sending")
                            view={Lazy::<routes::Sending>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("statistics")
                            view={Lazy::<routes::Statistics>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("carts") view={Lazy::<routes::Carts>::new()} ssr=SsrMode::Async />
                        <Route path=path!("carts/:id") view={Lazy::<routes::Cart>::new()} ssr=SsrMode::Async />
                        <Route path=path!("calls") view={Lazy::<routes::Calls>::new()} ssr=SsrMode::Async />
                        <Route path=path!("codes") view={Lazy::<routes::Codes>::new()} ssr=SsrMode::Async />
                        <Route
                            path=path!("calls/:id")
                            view={Lazy::<routes::CallScreen>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("unsubscribed")
                            view={Lazy::<routes::Unsubscribed>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("help")
                            view={Lazy::<routes::Help>::new()}
                        />
                        <Route
                            path=path!("settings")
                            view={Lazy::<routes::Settings>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("connect") view={Lazy::<routes::Keys>::new()} ssr=SsrMode::Async />
                        <Route
                            path=path!("connect/api")
                            view={Lazy::<routes::ApiReference>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("team") view={Lazy::<routes::Team>::new()} ssr=SsrMode::Async />
                        <Route
                            path=path!("activity")
                            view={Lazy::<routes::Activity>::new()}
                            ssr=SsrMode::Async
                        />
                    </ParentRoute>
                </Routes>
            </div>
        </Router>
    }
}
