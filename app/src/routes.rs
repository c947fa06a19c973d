//! The admin runs as islands: every page is rendered on the server, and only its interactive
//! part hydrates in the browser. Until each page is split into small islands, a page's view is
//! one island, drawn by its group's lazy island: scripts/build.sh cuts the module at each of the
//! three, so a first visit fetches the runtime (`relance.wasm`) and the chunks of the group it
//! shows, which the server names in the page's head. Groups rather than one island per page: the
//! splitter makes a chunk for every set of split points sharing code, and 24 split points made
//! hundreds of small files per page.

use leptos::prelude::*;

use crate::pages::ReminderWizardPage;

/// Pages drawn on the server only: their few interactive parts are controls
/// (`pages::controls`), so their first visit fetches the runtime and the controls, not a
/// group's chunks. Sign-in has none: its form is posted as a plain form. The template editor
/// has one island of its own, the editor made live (`pages::templates`). Carts' selection,
/// bulk actions and countdowns are a control (`pages::carts_live`). The rule editor's form is
/// an `ActForm` control, and so are the call screen's three.
pub use crate::pages::{
    ActivityPageView as Activity, ApiReferencePage as ApiReference, CallScreenPage as CallScreen,
    CallsPage as Calls, CartPage as Cart, CartsPage as Carts, CodesPage as Codes, HelpPage as Help,
    InvitationPage as Invitation, KeysPageView as Keys, LoginPage as Login, NewShopPage as NewShop,
    RemindersPage as Reminders, RuleEditorPage as RuleEditor, RulesPage as Rules,
    SendingPage as Sending, SettingsPage as Settings, SetupPage as Setup,
    StatisticsPage as Statistics, TeamPageView as Team, TemplateEditorPage as TemplateEditor,
    TemplatesPage as Templates, UnsubscribedListPage as Unsubscribed,
};

/// For each group: an enum of its pages, the lazy island that draws one (the split point), and
/// a route view per page that renders that island.
macro_rules! page_groups {
    ($($view:ident = $loader:literal, $group:ident { $($route:ident => $page:ident),* $(,)? })*) => {$(
        #[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
        pub enum $group {
            $($route),*
        }

        #[island(lazy)]
        fn $view(page: $group) -> impl IntoView {
            crate::islands::start($loader);
            // In the browser an island sees no context of the page around it: it makes its own.
            crate::i18n::use_i18n();
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
    EditorsView = "editors_view", Editors {
        ReminderWizard => ReminderWizardPage,
    }
}
