//! Every page is a lazy route: its view is cut out of the main WASM into a chunk of its own
//! (scripts/build.sh splits the module), so a first visit fetches the shell, the router and the
//! chunks of the page it shows, not the whole admin. On the server the view renders as before and
//! names its chunks in the page's head, so the browser fetches them alongside the main module.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

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

/// A route whose page component is loaded with its chunk; pages load their own data.
macro_rules! lazy_page {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                mark_hydrated();
                view! { <$page /> }.into_any()
            }
        }
    )*};
}

lazy_page! {
    Login => LoginPage,
    Setup => SetupPage,
    NewShop => NewShopPage,
    Invitation => InvitationPage,
    Reminders => RemindersPage,
    ReminderWizard => ReminderWizardPage,
    Rules => RulesPage,
    RuleEditor => RuleEditorPage,
    Templates => TemplatesPage,
    TemplateEditor => TemplateEditorPage,
    Sending => SendingPage,
    Statistics => StatisticsPage,
    Carts => CartsPage,
    Cart => CartPage,
    Calls => CallsPage,
    Codes => CodesPage,
    CallScreen => CallScreenPage,
    Unsubscribed => UnsubscribedListPage,
    Help => HelpPage,
    Settings => SettingsPage,
    Keys => KeysPageView,
    ApiReference => ApiReferencePage,
    Team => TeamPageView,
    Activity => ActivityPageView,
}
