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

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings

step "cargo clippy on the browser side (app with hydrate, frontend) for wasm32"
cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "cargo test (all Rust tests, on SQLite)"
within cargo test

step "the server's tests again on PostgreSQL (a private server, started and stopped here)"
within scripts/with-postgres.sh cargo test

step "domain builds for wasm32-unknown-unknown"
cargo check -p domain --target wasm32-unknown-unknown

step "the browser's WASM and the site files (release)"
bash scripts/build.sh site

# The server the Rust tests built (dev profile) serves the release WASM: the same code as the
# release server, without spending a fresh machine's 8 minutes on a release build here.
step "end-to-end tests (Playwright, Chromium, fresh temporary database), with the WASM size budget"
cd end2end
RELANCE_E2E_BIN="$root/target/debug/relance" within npx playwright test
