#!/usr/bin/env python3
"""Prints the size of the release build's first load (wasm, js, css): raw, gzip, brotli.

`--check` fails if the gzip total is over the budget (200 KiB, the performance issue's).
Brotli is shown when the `brotli` module is installed (pip install brotli); gzip is level 9.
"""
import gzip
import pathlib
import sys

BUDGET_GZIP = 200 * 1024

try:
    import brotli  # type: ignore
except ImportError:
    brotli = None

dist = pathlib.Path(__file__).resolve().parent.parent / "dist"
files = sorted(p for p in dist.iterdir() if p.suffix in (".wasm", ".js", ".css"))
if not files:
    sys.exit(f"no build in {dist}: run `trunk build --release` first")

print(f"{'file':<44}{'raw':>10}{'gzip':>10}{'brotli':>10}")
total_raw = total_gz = total_br = 0
for p in files:
    data = p.read_bytes()
    gz = len(gzip.compress(data, 9))
    br = len(brotli.compress(data, quality=11)) if brotli else 0
    total_raw, total_gz, total_br = total_raw + len(data), total_gz + gz, total_br + br
    print(f"{p.name:<44}{len(data):>10}{gz:>10}{br if brotli else '-':>10}")
print(f"{'total':<44}{total_raw:>10}{total_gz:>10}{total_br if brotli else '-':>10}")
print(f"first-load budget: {total_gz / 1024:.1f} KiB gzip of {BUDGET_GZIP // 1024} KiB")
if "--check" in sys.argv and total_gz > BUDGET_GZIP:
    sys.exit("over the first-load size budget")
