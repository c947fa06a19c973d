#!/usr/bin/env bash
# Installs what a fresh machine lacks to build, run and test Relance.
# Idempotent: every step checks first and says what it skips, so a second run takes seconds.
# Versions are pinned: they were measured together (see ../shared/TOOLCHAIN.md).
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=0.2.130 # must equal the wasm-bindgen pin in Cargo.toml
BINARYEN_VERSION=132.0.0

root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
export PATH="$HOME/.cargo/bin:$tools/node_modules/.bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }

# 1. The wasm target for the hydrate build.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. cargo-leptos. Its own lock wants a crate that needs a newer rustc, so pin that one back.
if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "cargo-leptos $CARGO_LEPTOS_VERSION: present"
else
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION from source with a lock patch (about 12 min on 2 cores)"
  cargo info "cargo-leptos@$CARGO_LEPTOS_VERSION" >/dev/null
  src=$(ls -d "$HOME"/.cargo/registry/src/*/cargo-leptos-"$CARGO_LEPTOS_VERSION" | head -n 1)
  work=$(mktemp -d)
  cp -r "$src" "$work/cargo-leptos"
  (cd "$work/cargo-leptos" &&
    cargo update -p cargo-util-schemas --precise 0.14.1 &&
    cargo install --path . --locked)
  rm -rf "$work"
fi

# 3. wasm-bindgen-cli, equal to the library version (a mismatch fails the build).
if wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 min)"
  # Not --locked: its lock names a webpki-roots version the registry does not serve.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# 4. wasm-opt from npm's binaryen (Debian's binaryen 108 breaks hydration).
if [ -x "$tools/node_modules/.bin/wasm-opt" ] &&
  grep -q "\"version\": \"$BINARYEN_VERSION\"" "$tools/node_modules/binaryen/package.json" 2>/dev/null; then
  say "binaryen $BINARYEN_VERSION (wasm-opt): present in .tools/"
else
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) into .tools/"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
fi

# 5. Chromium for the end-to-end tests (Playwright cannot download its own here).
if [ -x /usr/bin/chromium ]; then
  say "chromium: present"
else
  say "installing Debian's chromium"
  apt_get="apt-get"
  [ "$(id -u)" -eq 0 ] || apt_get="sudo apt-get"
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium
fi

# 6. Playwright and its test runner, without its browser download.
if [ -d "$root/end2end/node_modules/@playwright/test" ] &&
  cmp -s "$root/end2end/package-lock.json" "$root/end2end/node_modules/.package-lock.json.copy" 2>/dev/null; then
  say "end2end npm packages: present"
else
  say "installing end2end npm packages"
  (cd "$root/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  cp "$root/end2end/package-lock.json" "$root/end2end/node_modules/.package-lock.json.copy"
fi

# 7. php-cli, for the PrestaShop module's lint and payload test.
if command -v php >/dev/null; then
  say "php-cli: present"
else
  say "installing Debian's php-cli"
  apt_get="apt-get"
  [ "$(id -u)" -eq 0 ] || apt_get="sudo apt-get"
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq php-cli
fi

say "ready"
