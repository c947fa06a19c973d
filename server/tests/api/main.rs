#![recursion_limit = "256"]
//! Integration tests: the real router over a fresh SQLite file per test, called without a socket.

mod abandonment;
mod activity;
mod admin_auth;
mod campaign_io;
mod cart_page;
mod carts_list;
mod crash;
mod engine;
mod escalation;
mod events;
mod helpers;
mod invitations;
mod keys_page;
mod migrate_data;
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
mod shopify;
mod shops;
mod smtp_peer;
mod statistics;
mod team;
mod templates;
mod two_shops;
mod unsubscribed;
mod woocommerce;
