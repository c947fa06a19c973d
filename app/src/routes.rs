//! Pages load in seven groups: each group's views are cut out of the main WASM at one `#[lazy]`
//! function (scripts/build.sh splits the module), so a first visit fetches the shell, the router
//! and the chunks of the group it shows, not the whole admin. Groups rather than one split point
//! per page: the splitter makes a chunk for every set of split points sharing code, and 24 split
//! points made hundreds of small files per page. On the server the views render as before and
//! name their chunks in the page's head, so the browser fetches them with the main module.

use leptos::prelude::*;
use leptos_router::LazyRoute;

use crate::pages::{
    ActivityPageView, ApiReferencePage, CallScreenPage, CallsPage, CartPage, CartsPage, CodesPage,
    HelpPage, InvitationPage, KeysPageView, LoginPage, NewShopPage, ReminderWizardPage,
    RemindersPage, RuleEditorPage, RulesPage, SendingPage, SettingsPage, SetupPage, StatisticsPage,
    TeamPageView, TemplateEditorPage, TemplatesPage, UnsubscribedListPage,
};

/// Whether the page shown is hydrated (`data-hydrated` on the app's root).
#[derive(Clone, Copy)]
pub(crate) struct Hydrated(pub RwSignal<bool>);

/// Marks the page hydrated once the view built around this call is: effects run only in the
/// browser, after the synchronous hydration of the view that created them.
pub(crate) fn mark_hydrated() {
    if let Some(Hydrated(hydrated)) = use_context::<Hydrated>() {
        Effect::new(move |_| hydrated.set(true));
    }
}

/// For each group: an enum of its pages, the lazy function that draws one (the split point), and
/// a route type per page that loads its group.
macro_rules! page_groups {
    ($($view:ident, $preload:ident, $group:ident { $($route:ident => $page:ident),* $(,)? })*) => {$(
        #[derive(Clone, Copy)]
        enum $group {
            $($route),*
        }

        #[leptos::lazy]
        fn $view(page: $group) -> AnyView {
            mark_hydrated();
            match page {
                $($group::$route => view! { <$page /> }.into_any()),*
            }
        }

        $(
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    Self
                }

                async fn view(_this: Self) -> AnyView {
                    $view($group::$route).await
                }

                async fn preload() {
                    // Fetches the group's chunks when a link to it is hovered.
                    #[cfg(target_arch = "wasm32")]
                    $preload().await;
                }
            }
        )*
    )*};
}

page_groups! {
    entry_view, __preload_entry_view, Entry {
        Login => LoginPage,
        Setup => SetupPage,
        NewShop => NewShopPage,
        Invitation => InvitationPage,
    }
    campaign_view, __preload_campaign_view, Campaign {
        Reminders => RemindersPage,
        Rules => RulesPage,
    }
    editors_view, __preload_editors_view, Editors {
        ReminderWizard => ReminderWizardPage,
        RuleEditor => RuleEditorPage,
    }
    templates_view, __preload_templates_view, TemplateGroup {
        Templates => TemplatesPage,
        TemplateEditor => TemplateEditorPage,
    }
    carts_view, __preload_carts_view, CartGroup {
        Carts => CartsPage,
        Cart => CartPage,
        Calls => CallsPage,
        CallScreen => CallScreenPage,
        Codes => CodesPage,
        Unsubscribed => UnsubscribedListPage,
    }
    results_view, __preload_results_view, Results {
        Sending => SendingPage,
        Statistics => StatisticsPage,
        Activity => ActivityPageView,
    }
    setup_view, __preload_setup_view, Configuration {
        Settings => SettingsPage,
        Keys => KeysPageView,
        ApiReference => ApiReferencePage,
        Team => TeamPageView,
        Help => HelpPage,
    }
}
