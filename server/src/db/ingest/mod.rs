//! The reads and writes of the ingestion API: a whole group of events in a few multi-row
//! statements inside the caller's transaction. `rows` holds the values, `memory` what the
//! writer remembers of them (and nothing else), `read` and `customers` the lookups, `write`
//! the statements.

mod customers;
mod memory;
mod read;
mod rows;
mod statements;
mod write;

pub use customers::upsert_customers;
pub use memory::WriterMemory;
pub use read::{check_memory, known_event_ids, next_event_seq, stored_carts, unknown_cart_heads};
pub use rows::{
    CartWrite, CustomerRow, EventRow, OrderRow, OrderStatusRow, StoredCartRow, StoredCustomer,
};
pub use statements::Statements;
pub use write::{
    chain_cart, insert_events, insert_orders, items_digest, mark_cart, replace_items,
    touch_api_keys, upsert_carts,
};
