//! Storing the events shops send: a writer task commits the requests waiting at a time as one
//! group (`writer`), and each group is read, decided and written in one transaction (`apply`:
//! `read`, then the pure `decide`, then `write`). The HTTP side is `api::events`.

mod apply;
mod coupons;
mod decide;
mod orders;
mod read;
mod slot;
mod write;
mod writer;

pub use apply::apply_group;
pub use decide::{Batch, IngestSummary};
pub use writer::IngestWriter;
