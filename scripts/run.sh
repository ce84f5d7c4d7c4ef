#!/usr/bin/env bash
# Builds and runs the app at http://127.0.0.1:3000 on SQLite (data/stms.db), with the demo
# province seeded into an empty database. `--no-demo` starts without it (a setup link is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh run
source scripts/env.sh
demo=1
for a in "$@"; do [ "$a" = "--no-demo" ] && demo=0; done
[ "$demo" = 1 ] && export STMS_DEMO=1
unset RUSTFLAGS   # cargo-leptos sets its own for the debug build
printf '[run] building the app (about 5 minutes the first time, seconds after), then serving http://%s\n' "$LEPTOS_SITE_ADDR"
exec cargo leptos serve --split
