//! One module per admin page.

mod coming_soon;
mod not_found;
mod reminders;

pub use coming_soon::ComingSoon;
pub use not_found::NotFound;
pub use reminders::RemindersPage;
