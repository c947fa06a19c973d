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

step "cargo clippy --all-targets -- -D warnings, and on the browser side (app with hydrate, frontend) for wasm32 alongside"
# Side by side, in separate target folders (target/front is the WASM's): each leaves a core idle
# while it checks its last, largest crates.
wasm_log=target/clippy-wasm32.log
mkdir -p target
(
  cargo clippy -p app --features hydrate --target wasm32-unknown-unknown --target-dir target/front \
    -- -D warnings &&
    cargo clippy -p frontend --target wasm32-unknown-unknown --target-dir target/front -- -D warnings
) >"$wasm_log" 2>&1 &
wasm_clippy=$!
trap 'kill "$wasm_clippy" 2>/dev/null || true' EXIT
cargo clippy --all-targets -- -D warnings
trap - EXIT
if ! wait "$wasm_clippy"; then
  cat "$wasm_log" >&2
  echo "clippy for wasm32 failed (above)" >&2
  exit 1
fi
echo "clippy for wasm32: clean ($wasm_log)"

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
