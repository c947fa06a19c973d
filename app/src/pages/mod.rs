//! One module per admin page.

mod act;
mod act_form;
mod act_form_dom;
mod activity;
mod api_reference;
mod call_actions;
mod call_screen;
mod calls;
mod campaign_tools;
mod cart;
mod cart_privacy;
mod cart_rule;
mod carts;
mod carts_live;
mod codes;
mod connect_log;
mod controls;
mod copy_button;
mod discount_words;
mod dom;
mod form_fields;
mod help;
mod invitation;
mod keys;
mod launch_check;
mod login;
mod new_shop;
mod not_found;
mod reminder_controls;
mod reminder_line;
mod reminder_preview;
mod reminders;
mod rule_editor;
mod rule_fields;
mod rule_products;
mod rule_tabs;
mod rules;
mod sending;
mod settings;
mod setup;
mod sms_count;
mod sms_provider;
mod statistics;
mod team;
mod templates;
mod tracker;
mod unsubscribed;
mod webhooks;
mod wizard;
mod wizard_live;
#[cfg(feature = "hydrate")]
mod wizard_ranges;

pub use activity::ActivityPageView;
pub use api_reference::ApiReferencePage;
pub use call_screen::CallScreenPage;
pub use calls::CallsPage;
pub use cart::CartPage;
pub use carts::CartsPage;
pub use codes::CodesPage;
pub use help::HelpPage;
pub use invitation::InvitationPage;
pub use keys::KeysPageView;
pub use login::LoginPage;
pub use new_shop::NewShopPage;
pub use not_found::NotFound;
pub use reminders::RemindersPage;
pub use rule_editor::RuleEditorPage;
pub use rules::RulesPage;
pub use sending::SendingPage;
pub use settings::SettingsPage;
pub use setup::SetupPage;
pub use statistics::StatisticsPage;
pub use team::TeamPageView;
pub use templates::{TemplateEditorPage, TemplatesPage};
pub use unsubscribed::UnsubscribedListPage;
pub use wizard::ReminderWizardPage;

/// The browser's confirmation dialog; on the server nothing is ever confirmed.
pub(crate) fn confirm(message: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        leptos::prelude::window()
            .confirm_with_message(message)
            .unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = message;
        false
    }
}

/// What a page shows when its data did not load: the way back to sign-in, the page's own
/// "nothing here" text, or that loading failed.
pub(crate) fn load_error(
    error: crate::error::AppError,
    not_found: fn(&crate::i18n::Texts) -> &'static str,
) -> leptos::prelude::AnyView {
    use crate::error::AppError;
    use leptos::prelude::*;

    let i18n = crate::i18n::use_i18n();
    match error {
        AppError::SignInRequired => view! {
            <p class="error" role="alert">
                <a href="/login">{move || i18n.t().sign_in_again}</a>
            </p>
        }
        .into_any(),
        AppError::NotFound => {
            view! { <p class="empty">{move || not_found(i18n.t())}</p> }.into_any()
        }
        _ => view! { <p class="error" role="alert">{move || i18n.t().load_failed}</p> }.into_any(),
    }
}
