//! SMS steps on the server: the shop's provider, and what a reply of STOP does.

pub mod inbound;
mod provider;

pub use provider::{
    provider, Exchange, ProviderConfig, ProviderForm, ProviderKind, Refusal, SmsMessage,
    SmsProvider, SmsResult, BREVO_URL,
};
