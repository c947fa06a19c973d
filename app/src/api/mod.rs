//! Server functions and the wire types they return.

mod reminders;

pub use reminders::{list_reminders, ReminderRow, RemindersData};
