//! `sqlx::migrate!` embeds the migrations at compile time, but on stable Rust cargo does not
//! know it reads those folders: without this, a new migration is left out of an incremental build.
fn main() {
    println!("cargo:rerun-if-changed=migrations/sqlite");
    println!("cargo:rerun-if-changed=migrations/postgres");
}
