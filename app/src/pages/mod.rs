//! One module per admin page.

mod cart;
mod carts;
mod coming_soon;
mod login;
mod not_found;
mod reminders;
mod settings;
mod templates;

pub use cart::CartPage;
pub use carts::CartsPage;
pub use coming_soon::ComingSoon;
pub use login::LoginPage;
pub use not_found::NotFound;
pub use reminders::RemindersPage;
pub use settings::SettingsPage;
pub use templates::{TemplateEditorPage, TemplatesPage};
