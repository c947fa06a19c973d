//! Integration tests: the real router over a fresh SQLite file per test, called without a socket.

mod abandonment;
mod admin_auth;
mod cart_page;
mod carts_list;
mod crash;
mod engine;
mod escalation;
mod events;
mod helpers;
mod orders;
mod quiet_hours;
mod redeem;
mod reminder_wizard;
mod reminders_page;
mod sending;
mod sending_faults;
mod sending_tab;
mod settings;
mod setup;
mod shape;
mod shop_time;
mod shops;
mod smtp_peer;
mod statistics;
mod templates;
mod unsubscribed;
