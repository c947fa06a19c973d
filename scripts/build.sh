#!/usr/bin/env bash
# The release build `make run` serves and `make test` tests: the browser's WASM, then the
# server. Plain cargo, wasm-bindgen and wasm-opt do what cargo-leptos did, so a fresh machine
# does not spend 12 minutes compiling cargo-leptos (docs/development.md).
#   scripts/build.sh        -> target/site (pkg/relance.{js,wasm,css}, public files)
#                              and target/release/relance
#   scripts/build.sh site   -> target/site only (make test serves it with the test build's
#                              server, so a fresh machine's make test builds no release server)
set -euo pipefail
what=${1:-all}
case "$what" in all | site) ;; *) echo "usage: scripts/build.sh [site]" >&2; exit 2 ;; esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$root/.tools/bin:$root/.tools/node_modules/.bin:$PATH"
site=target/site
pkg=$site/pkg

say() { printf '[build] %s\n' "$*"; }

say "the browser's WASM (frontend, wasm-release profile)"
# Its own target folder: the wasm32 profile never invalidates the server's build.
cargo build --package=frontend --lib --target=wasm32-unknown-unknown --no-default-features \
  --profile=wasm-release --target-dir=target/front
wasm=target/front/wasm32-unknown-unknown/wasm-release/frontend.wasm
# The split site is remade only when the module or the tools that make it change: make test
# after make run, or a second make test, skips the 45 s below.
made_from=$(cat "$wasm" scripts/build.sh scripts/wasm-opt.mjs "$(command -v relance-wasm-split)" \
  .tools/node_modules/binaryen/package.json |
  sha256sum | cut -c1-32)-$(wasm-bindgen --version | tr -d ' ')
stamp=target/front/site-made-from
if [ -e "$pkg/relance.wasm" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$made_from" ]; then
  say "split WASM up to date"
else
  say "wasm split, wasm-bindgen and wasm-opt"
  started=$SECONDS
  rm -rf "$pkg" "$stamp"
  mkdir -p "$pkg"
  # Cut the module at every lazy island (app/src/pages/controls.rs, the template editor's): chunks
  # for each and for the code they share, plus the manifest the server reads to name a page's
  # chunks.
  relance-wasm-split "$wasm" "$pkg" target/front/frontend_split.wasm relance
  wasm-bindgen --target=web --out-name=relance --out-dir="$pkg" --keep-lld-exports \
    --no-demangle target/front/frontend_split.wasm
  # The hydration script asks for relance.wasm (LEPTOS_OUTPUT_NAME, .cargo/config.toml).
  mv "$pkg/relance_bg.wasm" "$pkg/relance.wasm"
  # Every module: the main one sheds wasm-bindgen's leftovers and the chunks come out of the
  # splitter unoptimised. -Oz through binaryen's JS API, one warm process per core.
  node scripts/wasm-opt.mjs "$pkg"
  echo "$made_from" >"$stamp"
  say "split and optimised in $((SECONDS - started)) s"
fi
say "styles and public files"
cp style/main.css "$pkg/relance.css"
cp -r public/. "$site/"
printf '[build] %s ready; WASM: %s bytes raw, %s gzip -9\n' "$site" \
  "$(stat -c %s "$pkg/relance.wasm")" "$(gzip -9 -c "$pkg/relance.wasm" | wc -c)"
[ "$what" = site ] && exit 0
say "the server (release)"
cargo build --package=server --bin=relance --no-default-features --release
say "target/release/relance ready"
