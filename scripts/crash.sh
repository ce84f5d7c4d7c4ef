#!/usr/bin/env bash
# Real crashes (issue 12, docs/testing.md): builds the release server, then runs the crash test
# (server/tests/api/crash/) on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.
# STMS_CRASH_SEED replays a seed; STMS_CRASH_KILLS sets the kills per database (default 24).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
echo "::: building the release server (about 8 min the first time, 4 min after a change)"
cargo build --release -q -p server
run() { cargo test -q -p server --test api crash -- --ignored --nocapture; }
env -u TEST_DATABASE_URL bash -c "$(declare -f run); run"
if [ -n "${TEST_DATABASE_URL:-}" ]; then run; fi
