#!/usr/bin/env bash
# Fuzzes the API from its OpenAPI document (docs/api.md): schemathesis against the server on a
# fresh demo database, signed in as the officer by a session cookie, as the administrator by an
# API token, and as no one. Every answer must be a documented status, content type and schema,
# never a 5xx; the server log must show no panic. The seed is fixed, so a failure replays.
# Usage: ./scripts/fuzz.sh [seconds per run, default 75]; with TEST_DATABASE_URL set to a
# PostgreSQL server (as the test command sets it), the server runs on a fresh database there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
budget=${1:-75}
venv=target/tools/schemathesis
if [ ! -x "$venv/bin/schemathesis" ]; then
  echo "::: installing schemathesis (once, about 30 s)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==4.32.5"
fi
cargo build -q -p server
port=${FUZZ_PORT:-3200}
db="${TMPDIR:-/tmp}/stms-fuzz-$$.db"
log="${TMPDIR:-/tmp}/stms-fuzz-$$.log"
base="http://127.0.0.1:$port"
url="sqlite://$db?mode=rwc"
pg_db=""
if [[ "${TEST_DATABASE_URL:-}" == postgres* ]]; then
  pg_db="stms_tfuzz_$$"
  psql -q "$TEST_DATABASE_URL" -c "CREATE DATABASE $pg_db"
  url="${TEST_DATABASE_URL%/*}/$pg_db"
fi
echo "::: fuzzing on ${url%%:*}"
DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$port" \
  LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=stms \
  RUST_LOG=warn target/debug/server --demo >"$log" 2>&1 &
server=$!
cleanup() {
  kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$db"*
  [ -n "$pg_db" ] && psql -q "$TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $pg_db"
  return 0
}
trap cleanup EXIT
for _ in $(seq 1 120); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

# A demo account signs in; its session cookie is printed.
session() {
  local jar; jar=$(mktemp)
  curl -fsS -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"demo-Khcn-2026\"}" "$base/api/auth/login" >/dev/null
  awk '$6 == "sid" { print $7 }' "$jar"
}
sid=$(session chuyenvien@demo.test)
token=$(curl -fsS -H "Cookie: sid=$(session quantri@demo.test)" -H 'Content-Type: application/json' \
  -d '{"name":"fuzz"}' "$base/api/tokens/create" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

# Calls that would end the credentials the run goes on with are left to the other tests.
keep=(--exclude-path /api/auth/logout --exclude-path /api/tokens/revoke
      --exclude-path /api/auth/change_password)
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
status=0
for auth in "Cookie: sid=$sid" "Authorization: Bearer $token" "X-Nobody: 1"; do
  echo "::: schemathesis as ${auth%%:*}, ${budget}s"
  out=$(mktemp)
  "$venv/bin/schemathesis" run "$base/api/openapi.json" -H "$auth" --checks "$checks" \
    --max-time "$budget" --workers 2 --seed 2026 "${keep[@]}" --warnings off | tee "$out" || true
  # A finding (an ST check failed) fails the step. The tool's own errors (hypothesis calling a
  # case flaky because the server's state moved on between two tries) are shown, not counted.
  if grep -qE "❌ ST[0-9]+" "$out" || ! grep -qE "[0-9]+ generated" "$out"; then status=1; fi
  rm -f "$out"
done
if grep -q "panicked" "$log"; then
  echo "the server panicked:"; grep -A3 "panicked" "$log"; status=1
fi
exit $status
