#!/usr/bin/env bash
# Runs every check of Relance, stopping at the first failure. Called by `make test` and CI.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }
# A hung test fails its step after this long instead of holding the run until CI's limit.
within() { timeout --kill-after=30s 30m "$@"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy on the browser side (app with hydrate, frontend) for wasm32"
cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

# The host's clippy runs inside the test build, as `cargo clippy` runs it: clippy-driver wraps
# rustc for the workspace's crates, so every target's lints are checked without a second pass
# over the dependencies in check mode (2 min 29 s on a fresh machine). The host's cargo commands
# below all take these variables, or the next would rebuild the workspace's crates; the WASM
# build does not, so it stays the one `make run` serves.
linted=(env "RUSTC_WORKSPACE_WRAPPER=$(command -v clippy-driver)"
  "CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__")

step "cargo clippy --all-targets -- -D warnings, within the build of every test"
"${linted[@]}" cargo test --all-targets --no-run

step "cargo test (all Rust tests, on SQLite)"
within "${linted[@]}" cargo test

step "the server's tests again on PostgreSQL (a private server, started and stopped here)"
within "${linted[@]}" scripts/with-postgres.sh cargo test

step "domain builds for wasm32-unknown-unknown"
cargo check -p domain --target wasm32-unknown-unknown

step "the browser's WASM and the site files (release)"
bash scripts/build.sh site

# The server the Rust tests built (dev profile) serves the release WASM: the same code as the
# release server, without spending a fresh machine's 7 minutes on a release build here.
step "end-to-end tests (Playwright, Chromium, fresh temporary database), with the WASM size budget"
cd end2end
RELANCE_E2E_BIN="$root/target/debug/relance" within npx playwright test
