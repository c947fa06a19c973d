//! Relance's admin: pages and server functions. Rendered on the server (`ssr`) and hydrated in
//! the browser (`hydrate`); everything it computes comes from `domain`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod error;
pub mod i18n;
mod layout;
mod pages;
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
use pages::{
    ActivityPageView, ApiReferencePage, CallScreenPage, CallsPage, CartPage, CartsPage, CodesPage,
    HelpPage, InvitationPage, KeysPageView, LoginPage, NewShopPage, NotFound, ReminderWizardPage,
    RemindersPage, RuleEditorPage, RulesPage, SendingPage, SettingsPage, SetupPage, StatisticsPage,
    TeamPageView, TemplateEditorPage, TemplatesPage, UnsubscribedListPage,
};

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
    // Effects only run in the browser: this marks the page as hydrated (tests wait for it).
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    view! {
        <Stylesheet id="leptos" href="/pkg/relance.css" />
        <Link rel="icon" href="/favicon.ico" />
        <Title formatter=|page: String| format!("{page} · Relance") />
        <Title text=crate::title::page_title(move || i18n.t().reminders_title) />
        <Router>
            <div class="app" data-hydrated=move || hydrated.get().to_string()>
                <Routes fallback=NotFound>
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/setup") view=SetupPage />
                    <Route path=path!("/shops/new") view=NewShopPage />
                    <Route path=path!("/invite/:token") view=InvitationPage />
                    <ParentRoute path=path!("/s/:shop") view=AdminLayout>
                        <Route path=path!("") view=RemindersPage ssr=SsrMode::Async />
                        <Route
                            path=path!("reminders/:id")
                            view=ReminderWizardPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("rules") view=RulesPage ssr=SsrMode::Async />
                        <Route path=path!("rules/:id") view=RuleEditorPage ssr=SsrMode::Async />
                        <Route path=path!("templates") view=TemplatesPage ssr=SsrMode::Async />
                        <Route
                            path=path!("templates/:id")
                            view=TemplateEditorPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("sending")
                            view=SendingPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("statistics")
                            view=StatisticsPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("carts") view=CartsPage ssr=SsrMode::Async />
                        <Route path=path!("carts/:id") view=CartPage ssr=SsrMode::Async />
                        <Route path=path!("calls") view=CallsPage ssr=SsrMode::Async />
                        <Route path=path!("codes") view=CodesPage ssr=SsrMode::Async />
                        <Route
                            path=path!("calls/:id")
                            view=CallScreenPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("unsubscribed")
                            view=UnsubscribedListPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("help")
                            view=HelpPage
                        />
                        <Route
                            path=path!("settings")
                            view=SettingsPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("connect") view=KeysPageView ssr=SsrMode::Async />
                        <Route
                            path=path!("connect/api")
                            view=ApiReferencePage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("team") view=TeamPageView ssr=SsrMode::Async />
                        <Route
                            path=path!("activity")
                            view=ActivityPageView
                            ssr=SsrMode::Async
                        />
                    </ParentRoute>
                </Routes>
            </div>
        </Router>
    }
}
