#!/usr/bin/env bash
# The one test command: installs what is missing, then runs every check and test and ends with
# one summary line. Exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
./scripts/setup.sh test || { echo "summary: 0 passed, 1 failed (setup)"; exit 1; }
source scripts/env.sh

passed=0; failed=0; report=()
step() {
  local name=$1; shift
  local t0=$(date +%s)
  echo "::: $name"
  if "$@"; then
    passed=$((passed + 1)); report+=("ok    $name ($(( $(date +%s) - t0 ))s)")
  else
    failed=$((failed + 1)); report+=("FAIL  $name ($(( $(date +%s) - t0 ))s)")
  fi
}

# PostgreSQL: Debian's cluster, started here and stopped at the end if this script started it.
PG_STARTED=0
pg_up() {
  local ver
  ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n1)
  [ -n "$ver" ] || { echo "postgresql is not installed"; return 1; }
  pg_lsclusters -h | grep -q "^$ver main" || pg_createcluster "$ver" main >/dev/null
  if ! pg_lsclusters -h | grep -q "^$ver main .* online"; then
    pg_ctlcluster "$ver" main start && PG_STARTED=$ver
  fi
  for _ in $(seq 1 30); do su postgres -c "pg_isready -q" && break; sleep 0.5; done
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='stms_test'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"CREATE ROLE stms_test LOGIN CREATEDB PASSWORD 'stms_test'\""
  export TEST_DATABASE_URL="postgres://stms_test:stms_test@127.0.0.1:5432/postgres"
}
pg_down() {
  # Drop the per-test databases this run made, then stop the cluster if we started it.
  su postgres -c "psql -qtAc \"SELECT datname FROM pg_database WHERE datname LIKE 'stms_t%'\"" 2>/dev/null |
    while read -r db; do [ -n "$db" ] && su postgres -c "dropdb --if-exists $db"; done
  ./scripts/replica/standby.sh stop 2>/dev/null
  [ "$PG_STARTED" != 0 ] && pg_ctlcluster "$PG_STARTED" main stop
  return 0
}
trap pg_down EXIT

# With a hot standby of the cluster streaming on port 5433 (scripts/replica/standby.sh), read by
# the replica test.
postgres_tests() {
  pg_up && ./scripts/replica/standby.sh start 5433 || return 1
  TEST_REPLICA_URL="postgres://stms_test:stms_test@127.0.0.1:5433/postgres" \
    cargo test -p server --test api -- --test-threads=4
  local rc=$?
  ./scripts/replica/standby.sh stop
  return $rc
}
e2e() { (cd end2end && npx playwright test); }
# The golden journey through nginx over two instances on one PostgreSQL database
# (end2end/playwright.balanced.config.ts), in a database of its own.
balanced_e2e() {
  pg_up || return 1
  local db=stms_t_balanced
  su postgres -c "dropdb --if-exists $db && createdb -O stms_test $db" || return 1
  (cd end2end && E2E_BALANCED_DATABASE_URL="postgres://stms_test:stms_test@127.0.0.1:5432/$db" \
    npx playwright test -c playwright.balanced.config.ts)
}

step "cargo fmt --check" cargo fmt --all -- --check
step "no import circles between features" python3 scripts/module-graph.py --check
step "cargo machete (unused dependencies)" cargo machete
step "cargo deny (licences, duplicate versions, sources)" cargo deny --log-level error check licenses bans sources
step "clippy (server, ssr)" cargo clippy -p server -p app -p domain -p migrations --all-targets -- -D warnings
step "clippy (wasm, hydrate)" cargo clippy -p frontend -p app --target wasm32-unknown-unknown -- -D warnings
step "cargo leptos build" env -u RUSTFLAGS cargo leptos build --split
step "domain tests" cargo test -p domain
step "unit tests (app, server)" cargo test -p app -p server --lib --features app/ssr
step "integration tests (SQLite)" cargo test -p server --test api -- --test-threads=4
step "integration tests (PostgreSQL)" postgres_tests
step "crash tests (release server, 24 SIGKILLs on SQLite and on PostgreSQL)" ./scripts/crash.sh
step "API fuzzing on SQLite (schemathesis, 3 x 30 s)" env -u TEST_DATABASE_URL ./scripts/fuzz.sh 30
step "API fuzzing on PostgreSQL (schemathesis, 3 x 30 s)" ./scripts/fuzz.sh 30
step "end2end (Chromium)" e2e
step "end2end behind nginx (two instances, one PostgreSQL)" balanced_e2e
rm -f "${TMPDIR:-/tmp}"/stms_t*.db* "${TMPDIR:-/tmp}"/stms-e2e-*.db*

echo
printf '%s\n' "${report[@]}"
echo "total wall time: $(( $(date +%s) - started ))s"
echo "summary: $passed passed, $failed failed"
[ "$failed" = 0 ]
