//! The admin runs as islands: every page is rendered on the server, and only its interactive
//! parts hydrate in the browser. scripts/build.sh cuts the module at each lazy island, so a
//! first visit fetches the runtime (`relance.wasm`) and the chunks of the islands the page
//! shows, which the server names in the page's head.

/// Pages drawn on the server only: their few interactive parts are controls
/// (`pages::controls`), so their first visit fetches the runtime and the controls' chunks.
/// Sign-in has none: its form is posted as a plain form. The template editor
/// has one island of its own, the editor made live (`pages::templates`). Carts' selection,
/// bulk actions and countdowns are a control (`pages::carts_live`). The rule editor's form is
/// an `ActForm` control, and so are the call screen's three; the reminder wizard's is a control
/// too (`pages::wizard_live`).
pub use crate::pages::{
    ActivityPageView as Activity, ApiReferencePage as ApiReference, CallScreenPage as CallScreen,
    CallsPage as Calls, CartPage as Cart, CartsPage as Carts, CodesPage as Codes, HelpPage as Help,
    InvitationPage as Invitation, KeysPageView as Keys, LoginPage as Login, NewShopPage as NewShop,
    ReminderWizardPage as ReminderWizard, RemindersPage as Reminders, RuleEditorPage as RuleEditor,
    RulesPage as Rules, SendingPage as Sending, SettingsPage as Settings, SetupPage as Setup,
    StatisticsPage as Statistics, TeamPageView as Team, TemplateEditorPage as TemplateEditor,
    TemplatesPage as Templates, UnsubscribedListPage as Unsubscribed,
};
