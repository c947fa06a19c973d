//! The reminder engine's jobs. `plan` decides, for every open cart, what the next pass does
//! (send a step, skip it with a reason, or wait). A real pass (`pass`) runs the store
//! (`store`: claims, decisions and outcomes on one connection) beside the sending side
//! (`deliver`); `run` wraps a pass in the engine's lock and the run history.

mod attempt;
mod deliver;
pub mod dry_run;
pub mod lock;
mod pass;
pub mod plan;
pub mod recommend;
mod run;
pub mod scheduler;
mod sender;
mod sms;
pub mod statistics;
mod store;
mod summary;
mod webhook;

pub use deliver::signed_links;
pub use pass::run_pass;
pub use plan::{plan, Plan, PlannedCart, Planner};
pub use run::{run_locked, run_or_help, run_recorded, Round, Trigger};
pub use sender::Sender;
pub use summary::RunSummary;
