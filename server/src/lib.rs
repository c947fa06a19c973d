//! The `relance` binary's parts: command line and configuration, database, demo data, mail,
//! and the web server (admin pages, server functions and, later, the HTTP API and jobs).

pub mod api;
pub mod auth;
pub mod calls;
pub mod campaigns;
pub mod cli;
pub mod config;
pub mod connect_log;
pub mod db;
pub mod demo;
pub mod ingest;
pub mod jobs;
pub mod links;
pub mod mail;
pub mod outbound;
pub mod phone;
pub mod privacy;
pub mod rules;
pub mod setup;
pub mod shops;
pub mod sms;
pub mod startup;
pub mod state;
pub mod team;
pub mod web;
pub mod zones;
