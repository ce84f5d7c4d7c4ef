#!/usr/bin/env bash
# Builds and runs the app at http://127.0.0.1:3000 on SQLite (data/stms.db), with the demo
# province seeded into an empty database. `--no-demo` starts without it (a setup link is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
demo=1
for a in "$@"; do [ "$a" = "--no-demo" ] && demo=0; done
log() { printf '[run] %s\n' "$*"; }

if cargo leptos --version >/dev/null 2>&1 && wasm-bindgen --version >/dev/null 2>&1; then
  ./scripts/setup.sh run
else
  # A first run: while the tools build (each spends its last minutes on one crate), the
  # server's dependencies build beside them with the flags cargo-leptos will use, so that
  # its own build finds them done.
  mkdir -p target
  ./scripts/setup.sh run &
  setup=$!
  log "building the server's dependencies beside the tools (log: target/run-prebuild.log)"
  (source scripts/env.sh && cargo build -p server --bin server) >target/run-prebuild.log 2>&1 &
  prebuild=$!
  wait "$setup"
  wait "$prebuild" || log "the early build stopped; cargo-leptos builds what is left (see target/run-prebuild.log)"
fi
source scripts/env.sh
[ "$demo" = 1 ] && export STMS_DEMO=1
unset RUSTFLAGS   # cargo-leptos sets its own for the debug build
log "building the app (a few minutes the first time, seconds after) and serving http://$LEPTOS_SITE_ADDR"
exec cargo leptos serve --split
