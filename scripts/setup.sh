#!/usr/bin/env bash
# Installs what building and testing Recovery Run needs, skipping what is already there.
# Every tool comes from a package registry (crates.io, npm, Debian): nothing is downloaded
# from anywhere else, so this works on machines with only registry access.
#
#   scripts/setup.sh          build tools (wasm target, Trunk, wasm-bindgen, wasm-split-cli, wasm-opt)
#   scripts/setup.sh --test   the same, plus the browsers the tests drive: Chromium and
#                             ChromeDriver, Firefox ESR, and WebKitGTK's WebKitWebDriver with
#                             MiniBrowser and Xvfb (all Debian packages)
#
# Source it (`. scripts/setup.sh`) to get the tools on PATH in the calling shell.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

TRUNK_VERSION='^0.21'   # 0.22 needs a newer rustc than rust-toolchain.toml pins

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

# The Rust toolchain rust-toolchain.toml pins (rustup's own dist server, like every Rust tool
# here); the checks below then run against it.
RUST_TOOLCHAIN=$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)
if ! rustup toolchain list | grep -q "^$RUST_TOOLCHAIN-"; then
  step "installing Rust $RUST_TOOLCHAIN (rust-toolchain.toml)"
  rustup toolchain install "$RUST_TOOLCHAIN" --profile minimal \
    --component rustfmt,clippy --target wasm32-unknown-unknown
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi
for c in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$c"; then
    step "adding $c"
    rustup component add "$c"
  fi
done

if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  step "installing Trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  # Not --locked: its lock file pins a crate the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# The splitter that cuts the app's wasm into a first download and chunks (scripts/split_wasm.py).
WASM_SPLIT_VERSION='0.2.4'
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "installing wasm-split-cli $WASM_SPLIT_VERSION (about 1 minute)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

# wasm-opt (npm binaryen), terser and the browser drivers (Playwright, puppeteer-core,
# selenium-webdriver), pinned by package-lock.json.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm tools (binaryen, terser, Playwright, puppeteer-core, selenium-webdriver)"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--test" ]; then
  # Debian's browsers (no browser download works on these machines): Chromium for the
  # wasm-bindgen tests and Playwright, Firefox and WebKit for the engines' smoke suite
  # (tests/engines/). Each package is installed only when its program is missing.
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null || missing+=(xvfb)
  if [ ${#missing[@]} -gt 0 ]; then
    step "installing Debian's ${missing[*]}"
    if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
      echo "error: the test browsers need root to install (apt-get install ${missing[*]})." >&2
      exit 1
    fi
    SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
