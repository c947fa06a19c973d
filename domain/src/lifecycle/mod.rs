//! A cart's life: what each incoming event does to it, and the state the merchant sees.
//! Pure rules; `now` is always a parameter.

mod events;
mod order;
mod status;

pub use events::{
    decide_deletion, decide_order, decide_order_update, decide_update, items_fingerprint,
    items_grew, Decision, Restart, StoredCart,
};
pub use order::{status_applies, OrderStatus};
pub use status::{CartFacts, CartStatus};
