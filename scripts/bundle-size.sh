#!/usr/bin/env bash
# What a browser downloads to wake each page, brotli-compressed as served (docs/performance.md,
# "The hydrate bundle"): a release build of the front end alone, split into lazy chunks, into
# target/site-release (the debug site the tests use is left alone), then one row per page.
# About 13 minutes on 2 cores the first time (wasm-opt on every chunk), 4 after a change.
# Exits non-zero when a first visit is over the budget (350 KB by default).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
LEPTOS_SITE_ROOT=target/site-release env -u RUSTFLAGS cargo leptos build --release --split --frontend-only
cargo run -q -p server --example bundle_size -- target/site-release/pkg "${1:-350}"
