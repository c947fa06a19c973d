//! Server functions and the wire types they return.

mod auth;
mod carts;
mod reminders;

pub use auth::{safe_next, SignIn, SignOut};
pub use carts::{list_carts, CartKpis, CartLine, CartSort, CartsPage, CartsQuery, PAGE_SIZE};
pub use reminders::{list_reminders, ReminderRow, RemindersData};
