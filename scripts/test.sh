#!/usr/bin/env bash
# Runs every check and test, installing whatever is missing first:
#   formatting, clippy (native and wasm32), native tests, browser tests (wasm-bindgen-test
#   in headless Chromium), the build scripts' tests and the licences of vendored code, the
#   release build with its size budget, the end-to-end tests (Playwright, Chromium) against
#   that build served on 127.0.0.1, and a smoke test of the same build in Firefox and WebKit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh --test

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy, native"
cargo clippy --all-targets -- -D warnings

step "clippy, wasm32"
cargo clippy --target wasm32-unknown-unknown --lib --bins --test web -- -D warnings
# The app as Trunk builds it: with its split points (src/ui/split.rs).
cargo clippy --target wasm32-unknown-unknown --lib --features split -- -D warnings

step "native tests"
cargo test

step "browser tests (wasm-bindgen-test in headless Chromium)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER="$(command -v chromedriver)" \
  cargo test --target wasm32-unknown-unknown --test web

step "build scripts' tests and licences (Python)"
python3 -m unittest discover -s scripts -p 'test_*.py'

step "release build"
trunk build --release
python3 scripts/size.py --check

step "end-to-end tests (Playwright, Chromium)"
(cd tests/e2e && playwright test --config playwright.config.ts)

step "end-to-end smoke tests in Firefox and WebKit"
node tests/engines/run.mjs
