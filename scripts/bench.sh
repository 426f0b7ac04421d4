#!/usr/bin/env bash
# Measures the performance budgets of issue #9 on the real release build and prints each
# figure against its budget (PASS/OVER); exits non-zero if any is over or not measured.
#
#   bash scripts/bench.sh              build for release first (trunk build --release)
#   bash scripts/bench.sh --no-build   measure the release build already in dist/
#
#   1. first-load size of dist/ (scripts/size.py: raw, gzip, brotli per file)     ≤ 200 KiB gzip
#   2. the PMC series over ten years, natively (cargo bench --bench pmc)           < 1 ms
#   3. the same in headless Chromium (tests/web_bench.rs, wasm32, release)         < 5 ms
#   4. with dist/ served on 127.0.0.1 by bench/serve.py as a static host serves it (gzip or
#      brotli, application/wasm, long-lived cache for hashed names), in Debian's Chromium
#      (bench/browser.mjs, ten years = examples/ten_years.rs, ~5,200 sessions):
#      opening until Today's advice, ten years ÷ empty log (medians, interleaved)  ≤ 1.5×
#      the stored ten years after one save                                       ≤ 2.5 M chars
#      script time of adding one session with ten years loaded                   ≤ 16 ms
#      the same three with twenty years of a two-a-day triathlete, every session imported
#      with its notes (examples/twenty_years.rs, 14,600 sessions; issue #34): open ≤ 1.5×,
#      add ≤ 16 ms, stored ≤ 60 % of the 5,242,880 characters localStorage holds
#      an export archive of 1,000 one-hour FIT files imported (bench/archive.mjs)   ≤ 60 s,
#      no main-thread task over 200 ms, peak renderer memory reported; ten years from an
#      archive (5,200 activities): no task over 200 ms, stored ≤ 2.5 M chars, open ≤ 1.5×
#      empty; a 2 GB archive (200 activities beside 2 GB of video): peak renderer memory
#   5. a repeat visit with the service worker warm (bench/repeat.mjs): advice painted and
#      live advice, median and worst of 5, CPU as is and 4× slower
#   6. Lighthouse 12.2.3, default mobile profile, 5 runs (bench/lighthouse.mjs):
#      performance median ≥ 0.98, worst ≥ 0.95; LCP ≤ 1.5 s; TBT ≤ 150 ms; CLS 0;
#      accessibility, best practices ≥ 0.95; SEO ≥ 0.9
#
# Timed, so not part of scripts/test.sh. Lighthouse lives in bench/node_modules (installed
# here from bench/package-lock.json) to keep the test command's npm ci small. Results and
# the Lighthouse report go to bench/results/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh --test

BUILD=1
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0 ;;
    *) echo "usage: bash scripts/bench.sh [--no-build]" >&2; exit 2 ;;
  esac
done

PORT="${BENCH_PORT:-8765}"
OUT=bench/results
mkdir -p "$OUT"
RESULTS="$OUT/results.txt"
: > "$RESULTS"
SITE=""
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  if [ -n "$SITE" ]; then rm -rf "$SITE"; fi
}
trap cleanup EXIT

# Runs a measuring step; its RESULT lines go to $RESULTS. A step that fails records an
# error for its figure instead of stopping the others.
error() { printf 'RESULT {"id":"%s","figure":"%s","value":null,"error":"%s"}\n' "$1" "$2" "$3" >> "$RESULTS"; }

if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  step "installing Lighthouse (bench/package-lock.json)"
  npm ci --prefix bench --no-audit --no-fund
fi

if [ "$BUILD" = 1 ]; then
  step "release build"
  trunk build --release
fi
# Serve (and measure) a copy, so a build started meanwhile cannot change files mid-run.
SITE="$(mktemp -d)"
cp -r dist/. "$SITE/"
if ! ls "$SITE"/*_bg.wasm >/dev/null 2>&1; then
  echo "error: no build in dist/ (run without --no-build)" >&2
  exit 1
fi

step "first-load size (scripts/size.py)"
python3 scripts/size.py | tee "$OUT/size.txt"
node bench/parse.mjs size < "$OUT/size.txt" >> "$RESULTS"

step "PMC series, native (cargo bench --bench pmc)"
if cargo bench --bench pmc -- --warm-up-time 1 --measurement-time 3 2>&1 | tee "$OUT/criterion.txt"; then
  node bench/parse.mjs criterion < "$OUT/criterion.txt" >> "$RESULTS"
else
  error pmc_native "PMC series, 10 years, native (criterion)" "cargo bench failed"
fi

step "PMC series in Chromium (tests/web_bench.rs, wasm32, release)"
if CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
   CHROMEDRIVER="$(command -v chromedriver)" \
   cargo test --release --target wasm32-unknown-unknown --test web_bench -- --nocapture 2>&1 | tee "$OUT/web_bench.txt"; then
  node bench/parse.mjs web < "$OUT/web_bench.txt" >> "$RESULTS"
else
  error pmc_browser "PMC series, 10 years, in Chromium (wasm, release)" "cargo test --test web_bench failed"
fi

step "serving the release build on 127.0.0.1:$PORT (bench/serve.py: compressed, cache headers)"
# Another server on the port would answer for ours and be measured instead.
if python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null; then
  echo "error: something already listens on 127.0.0.1:$PORT; stop it first" >&2
  exit 1
fi
python3 bench/serve.py --port "$PORT" --bind 127.0.0.1 --dir "$SITE" &
SERVER=$!
# It compresses every file before it listens (a few seconds for brotli's best level).
for _ in $(seq 300); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/')" 2>/dev/null; then break; fi
  if ! kill -0 "$SERVER" 2>/dev/null; then echo "error: bench/serve.py stopped" >&2; exit 1; fi
  sleep 0.2
done
export BENCH_URL="http://127.0.0.1:$PORT/"

step "opening, storing and adding with ten years of sessions (bench/browser.mjs)"
if ! BENCH_RESULTS="$RESULTS" node bench/browser.mjs --loads 7 --adds 15; then
  error browser "Browser figures (bench/browser.mjs)" "bench/browser.mjs failed"
fi

step "the same with twenty years of a two-a-day triathlete, imported with notes (bench/browser.mjs --twenty-years)"
if ! BENCH_RESULTS="$RESULTS" node bench/browser.mjs --loads 7 --adds 15 --twenty-years; then
  error browser20 "Browser figures, twenty years (bench/browser.mjs --twenty-years)" "bench/browser.mjs --twenty-years failed"
fi

step "an export archive of 1,000 one-hour activities (bench/archive.mjs)"
if ! BENCH_RESULTS="$RESULTS" node bench/archive.mjs --activities 1000; then
  error archive "Archive import (bench/archive.mjs)" "bench/archive.mjs failed"
fi

step "ten years from an export archive: 5,200 activities (bench/archive.mjs --ten-years)"
if ! BENCH_RESULTS="$RESULTS" node bench/archive.mjs --ten-years; then
  error archive10y "Ten years from an archive (bench/archive.mjs --ten-years)" "bench/archive.mjs --ten-years failed"
fi

step "a 2 GB export archive (bench/archive.mjs --activities 200 --big-gb 2)"
if ! BENCH_RESULTS="$RESULTS" node bench/archive.mjs --activities 200 --big-gb 2; then
  error archive_big "A 2 GB archive (bench/archive.mjs --big-gb 2)" "bench/archive.mjs --big-gb 2 failed"
fi

step "a repeat visit: advice painted and live, service worker warm, CPU 1× and 4× (bench/repeat.mjs)"
if ! BENCH_RESULTS="$RESULTS" node bench/repeat.mjs --loads 5; then
  error repeat "Repeat visit (bench/repeat.mjs)" "bench/repeat.mjs failed"
fi

step "Lighthouse, default mobile profile, 5 runs (bench/lighthouse.mjs)"
if ! BENCH_RESULTS="$RESULTS" node bench/lighthouse.mjs --out "$OUT" --runs 5; then
  error lighthouse "Lighthouse" "bench/lighthouse.mjs failed"
fi

cleanup
SERVER=""
SITE=""

step "budgets"
node bench/report.mjs "$RESULTS"
