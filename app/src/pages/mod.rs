//! One module per admin page.

mod cart;
mod carts;
mod coming_soon;
mod help;
mod login;
mod not_found;
mod reminder_wizard;
mod reminders;
mod sending;
mod settings;
mod templates;
mod unsubscribed;

pub use cart::CartPage;
pub use carts::CartsPage;
pub use coming_soon::ComingSoon;
pub use help::HelpPage;
pub use login::LoginPage;
pub use not_found::NotFound;
pub use reminder_wizard::ReminderWizardPage;
pub use reminders::RemindersPage;
pub use sending::SendingPage;
pub use settings::SettingsPage;
pub use templates::{TemplateEditorPage, TemplatesPage};
pub use unsubscribed::UnsubscribedListPage;

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
