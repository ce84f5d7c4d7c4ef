#!/usr/bin/env bash
# Installs what building (`setup.sh run`) or also testing (`setup.sh test`) needs, skipping what is
# already there. Works on a fresh Debian machine that reaches only the Rust, npm and Debian
# registries.
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-test}

CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=0.2.130
CARGO_DENY_VERSION=0.20.2
CARGO_MACHETE_VERSION=0.9.2
log() { printf '[setup] %s\n' "$*"; }

need_apt=()
if [ "$purpose" = test ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
  # schemathesis (scripts/fuzz.sh) goes in a virtual environment: Debian's python3 needs venv.
  command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
  python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need_apt+=(python3-venv)
  # The tests' SMTP server (scripts/smtp/smtp_sink.py) runs on Debian's own python3.
  [ -x /usr/bin/python3 ] || need_apt+=(python3)
  /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need_apt+=(python3-aiosmtpd)
  # Playwright and the tests' OpenID Connect provider (scripts/oidc/provider.mjs) run on node.
  command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
  command -v npm >/dev/null 2>&1 || need_apt+=(npm)
  # The load balancer in front of two instances (scripts/balancer/nginx.sh).
  [ -x /usr/sbin/nginx ] || need_apt+=(nginx-light)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed | grep -q '^clippy' || rustup component add clippy rustfmt

# Both tools' published lock files pin crates this toolchain cannot use; build them from the
# registry source with one dependency moved to a version that works (see ARCHITECTURE.md).
# cargo-leptos asks for fat LTO and one codegen unit in its own release profile, which took 79
# minutes on 2 cores. Tools that orchestrate a build do not need that: an install profile (no LTO,
# many codegen units, no optimisation but where the app's WebAssembly is processed, no debug
# info) builds both in a fraction of the time.
# Unoptimised code builds fastest; only the crates that rewrite the app's WebAssembly on every
# build (wasm-split's, wasm-bindgen's) are optimised, so a rebuild stays quick.
WASM_HOT_PATH=()
for c in wasm_split_cli_support wasmparser wasm-encoder walrus gimli hashbrown indexmap \
  leb128fmt memchr regex-automata wasm-bindgen-cli-support wasm-bindgen-wasm-interpreter \
  wasm-bindgen-wasm-conventions wasm-bindgen-externref-xform wasm-bindgen-multi-value-xform \
  wasm-bindgen-threads-xform; do
  WASM_HOT_PATH+=(--config "profile.release.package.$c.opt-level=1")
done
install_from_registry() { # crate version cargo-update-args...
  local crate=$1 version=$2; shift 2
  local src tmp
  cargo info "$crate@$version" >/dev/null 2>&1 || true # unpacks the source, most of the time
  src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"$crate-$version" 2>/dev/null | head -n1)
  if [ -z "$src" ]; then
    # When it did not, a throwaway crate that depends on it makes cargo unpack the source.
    tmp=$(mktemp -d)
    (cd "$tmp" && cargo init -q --name fetch_src && cargo add -q "$crate@=$version" --no-default-features && cargo fetch -q)
    rm -rf "$tmp"
    src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"$crate-$version" | head -n1)
  fi
  tmp=$(mktemp -d)
  cp -r "$src/." "$tmp"
  (cd "$tmp" && cargo update -q "$@" &&
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_DEBUG=false \
    CARGO_PROFILE_RELEASE_INCREMENTAL=false CARGO_PROFILE_RELEASE_STRIP=true \
      cargo install --path . --locked "${WASM_HOT_PATH[@]}")
  local rc=$?
  rm -rf "$tmp"
  return $rc
}

# The checks' own tools (test only): their published lock files build as they are.
install_locked() { # crate version
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false \
  CARGO_PROFILE_RELEASE_STRIP=true cargo install --locked "$1" --version "$2"
}

# The tools build side by side: each spends its last minutes on one crate, and the others keep
# the second core busy meanwhile. Their output goes to target/setup-*.log.
pids=()
mkdir -p target
if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  log "building cargo-leptos $CARGO_LEPTOS_VERSION from the Rust registry (usually 5 to 6 minutes on 2 cores; log: target/setup-cargo-leptos.log)"
  install_from_registry cargo-leptos "$CARGO_LEPTOS_VERSION" -p cargo-util-schemas --precise 0.14.1 \
    >target/setup-cargo-leptos.log 2>&1 &
  pids+=($!)
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  log "building wasm-bindgen-cli $WASM_BINDGEN_VERSION from the Rust registry (usually 2 minutes beside it; log: target/setup-wasm-bindgen.log)"
  install_from_registry wasm-bindgen-cli "$WASM_BINDGEN_VERSION" -p webpki-roots --precise 1.0.10 \
    >target/setup-wasm-bindgen.log 2>&1 &
  pids+=($!)
fi
if [ "$purpose" = test ]; then
  if ! cargo deny --version 2>/dev/null | grep -q "$CARGO_DENY_VERSION"; then
    log "building cargo-deny $CARGO_DENY_VERSION (usually 2 minutes beside the others; log: target/setup-cargo-deny.log)"
    install_locked cargo-deny "$CARGO_DENY_VERSION" >target/setup-cargo-deny.log 2>&1 &
    pids+=($!)
  fi
  if ! cargo machete --version 2>/dev/null | grep -q "$CARGO_MACHETE_VERSION"; then
    log "building cargo-machete $CARGO_MACHETE_VERSION (usually 1 minute; log: target/setup-cargo-machete.log)"
    install_locked cargo-machete "$CARGO_MACHETE_VERSION" >target/setup-cargo-machete.log 2>&1 &
    pids+=($!)
  fi
fi
t0=$(date +%s)
for pid in "${pids[@]}"; do
  wait "$pid" || { log "a tool failed to build; see target/setup-*.log"; tail -n 30 target/setup-*.log; exit 1; }
done
[ ${#pids[@]} -gt 0 ] && log "tools built in $(( $(date +%s) - t0 ))s"

# The tests' OpenID Connect provider: the certified oidc-provider package (docs/sign-on.md).
if [ "$purpose" = test ] && { [ ! -d scripts/oidc/node_modules ] || [ scripts/oidc/package-lock.json -nt scripts/oidc/node_modules ]; }; then
  log "npm ci (scripts/oidc)"
  (cd scripts/oidc && npm ci --no-audit --no-fund --loglevel=error && touch node_modules)
fi
if [ ! -d end2end/node_modules ] || [ end2end/package-lock.json -nt end2end/node_modules ]; then
  log "npm ci (end2end)"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error && touch node_modules)
fi
log "ok"
