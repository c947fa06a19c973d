//! Webhook steps' POSTs: a signed JSON document to the merchant's address, over a shared
//! HTTPS client, refusing addresses inside private networks.

mod document;
mod post;
mod signature;

pub use document::{document, StepDocument};
pub use post::{HttpPoster, PostError, Posted};
pub use signature::{sign, SIGNATURE_HEADER};
