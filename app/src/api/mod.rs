//! Server functions and the wire types they return.

mod auth;
mod reminders;

pub use auth::{safe_next, SignIn, SignOut};
pub use reminders::{list_reminders, ReminderRow, RemindersData};
