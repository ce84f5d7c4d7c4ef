#!/usr/bin/env bash
# Installs what building (`setup.sh run`) or also testing (`setup.sh test`) needs, skipping what is
# already there. Works on a fresh Debian machine that reaches only the Rust, npm and Debian
# registries.
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-test}

CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=0.2.130
log() { printf '[setup] %s\n' "$*"; }

need_apt=()
if [ "$purpose" = test ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
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
install_from_registry() { # crate version cargo-update-args...
  local crate=$1 version=$2; shift 2
  local src tmp
  cargo info "$crate@$version" >/dev/null 2>&1 || true
  src=$(ls -d "$HOME"/.cargo/registry/src/*/"$crate-$version" 2>/dev/null | head -n1)
  if [ -z "$src" ]; then
    # cargo info does not always unpack the source; a throwaway crate that depends on it does.
    tmp=$(mktemp -d)
    (cd "$tmp" && cargo init -q --name fetch_src && cargo add -q "$crate@=$version" --no-default-features && cargo fetch -q)
    rm -rf "$tmp"
    src=$(ls -d "$HOME"/.cargo/registry/src/*/"$crate-$version" | head -n1)
  fi
  tmp=$(mktemp -d)
  cp -r "$src/." "$tmp"
  (cd "$tmp" && cargo update -q "$@" && cargo install -q --path . --locked)
  rm -rf "$tmp"
}

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 10 minutes on 2 cores)"
  install_from_registry cargo-leptos "$CARGO_LEPTOS_VERSION" -p cargo-util-schemas --precise 0.14.1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  install_from_registry wasm-bindgen-cli "$WASM_BINDGEN_VERSION" -p webpki-roots --precise 1.0.10
fi

if [ ! -d end2end/node_modules ] || [ end2end/package-lock.json -nt end2end/node_modules ]; then
  log "npm ci (end2end)"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error && touch node_modules)
fi
log "ok"
