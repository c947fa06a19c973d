//! The reminder engine's jobs. `plan` decides, for every open cart, what the next pass does
//! (send a step, skip it with a reason, or wait); sending builds on it.

mod lock;
pub mod plan;
pub mod scheduler;
pub mod send;
pub mod statistics;

pub use plan::{plan, Plan, PlannedCart, Planner, RunSummary};
pub use send::{run_locked, run_pass, run_recorded, Sender, Trigger};
