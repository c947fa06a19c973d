#!/usr/bin/env bash
# Installs what a fresh machine lacks to build, run and test Relance.
# Idempotent: every step checks first and says what it skips, so a second run takes seconds.
# Versions are pinned: they were measured together (see ../shared/TOOLCHAIN.md).
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130 # must equal the wasm-bindgen pin in Cargo.toml
BINARYEN_VERSION=132.0.0

root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
export PATH="$HOME/.cargo/bin:$tools/node_modules/.bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }

# A Debian package, as root or through sudo.
apt_install() {
  say "installing Debian's $1"
  local apt_get="apt-get"
  [ "$(id -u)" -eq 0 ] || apt_get="sudo apt-get"
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq "$1"
}

# 1. The wasm target for the hydrate build.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli, equal to the library version (a mismatch fails the build).
if wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 min)"
  # Not --locked: its lock names a webpki-roots version the registry does not serve.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# 3. npm's binaryen, whose JS API scripts/wasm-opt.mjs runs (Debian's binaryen 108 breaks hydration).
if [ -x "$tools/node_modules/.bin/wasm-opt" ] &&
  grep -q "\"version\": \"$BINARYEN_VERSION\"" "$tools/node_modules/binaryen/package.json" 2>/dev/null; then
  say "binaryen $BINARYEN_VERSION (wasm-opt): present in .tools/"
else
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) into .tools/"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
fi

# 3b. The WASM splitter (tools/wasm-split), the one step of `cargo leptos build --split` that
# plain tools lack; rebuilt when its source changes.
split_stamp="$tools/bin/.relance-wasm-split.$(cat "$root"/tools/wasm-split/Cargo.* "$root"/tools/wasm-split/src/*.rs | sha256sum | cut -c1-16)"
if [ -x "$tools/bin/relance-wasm-split" ] && [ -e "$split_stamp" ]; then
  say "relance-wasm-split: present in .tools/"
else
  say "installing relance-wasm-split into .tools/ (under a minute)"
  cargo install --locked --path "$root/tools/wasm-split" --root "$tools" --force
  rm -f "$tools"/bin/.relance-wasm-split.*
  touch "$split_stamp"
fi

# 4. Chromium for the end-to-end tests (Playwright cannot download its own here).
if [ -x /usr/bin/chromium ]; then say "chromium: present"; else apt_install chromium; fi

# 5. Playwright and its test runner, without its browser download.
if [ -d "$root/end2end/node_modules/@playwright/test" ] &&
  cmp -s "$root/end2end/package-lock.json" "$root/end2end/node_modules/.package-lock.json.copy" 2>/dev/null; then
  say "end2end npm packages: present"
else
  say "installing end2end npm packages"
  (cd "$root/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  cp "$root/end2end/package-lock.json" "$root/end2end/node_modules/.package-lock.json.copy"
fi

# 6. php-cli, for the PrestaShop module's lint and payload test.
if command -v php >/dev/null; then say "php-cli: present"; else apt_install php-cli; fi

# 7. Debian's dkimpy, the independent verifier of the DKIM tests (server/tests/api/dkim.rs).
if /usr/bin/python3 -c 'import dkim' 2>/dev/null; then
  say "python3-dkim: present"
else
  apt_install python3-dkim
fi

say "ready"
