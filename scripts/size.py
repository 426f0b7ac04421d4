#!/usr/bin/env python3
"""Prints the size of the release build's first load (wasm, js, css): raw, gzip, brotli.

The first load is what dist/index.html itself asks for: the app's wasm and its JS glue,
the CSS, and the modules those scripts import statically (the split loader). Files
fetched later (the split chunks, src/ui/split.rs; the file worker, loaded when a file is
imported or exported; register-sw.js, added by index.html's script once the page has
loaded, and the service worker it registers) are listed below the total, not in it.

`--check` fails if the gzip total is over the budget (200 KiB, the performance issue's).
Brotli is shown when the `brotli` module is installed (pip install brotli); gzip is level 9.
"""
import gzip
import pathlib
import re
import sys

BUDGET_GZIP = 200 * 1024

try:
    import brotli  # type: ignore
except ImportError:
    brotli = None

dist = pathlib.Path(__file__).resolve().parent.parent / "dist"
index = dist / "index.html"
if not index.exists():
    sys.exit(f"no build in {dist}: run `trunk build --release` first")

html = index.read_text(encoding="utf-8")
# Links and scripts, and what an inline loader fetches and imports.
referenced = set(re.findall(r"""(?:href|src)=["']\./([^"']+)["']|(?:module_or_path\s*[:=]\s*|fetch\(|import\()['"]\./([^'"]+)['"]""", html))
referenced = {(dist / (a or b)).resolve() for a, b in referenced}
# Static imports are fetched before any script runs: follow them (not dynamic `import()`).
todo = [p for p in referenced if p.suffix == ".js" and p.exists()]
while todo:
    script = todo.pop()
    for name in re.findall(r"""(?:^|[;\n])\s*import\b[^'"();]*?['"](\./[^'"]+|\.\./[^'"]+)['"]""", script.read_text(encoding="utf-8")):
        imported = (script.parent / name).resolve()
        if imported not in referenced:
            referenced.add(imported)
            todo.append(imported)
kinds = (".wasm", ".js", ".css")
files = sorted(p for p in dist.rglob("*") if p.is_file() and p.suffix in kinds)
first = [p for p in files if p.resolve() in referenced]
later = [p for p in files if p.resolve() not in referenced]
if not any(p.suffix == ".wasm" for p in first):
    sys.exit("index.html names no .wasm: is this a Trunk release build?")


def sizes(p):
    data = p.read_bytes()
    br = len(brotli.compress(data, quality=11)) if brotli else 0
    return len(data), len(gzip.compress(data, 9)), br


def row(name, raw, gz, br):
    print(f"{name:<52}{raw:>10}{gz:>10}{br if brotli else '-':>10}")


def label(p):
    return p.relative_to(dist).as_posix()


print(f"{'first load':<52}{'raw':>10}{'gzip':>10}{'brotli':>10}")
total = [0, 0, 0]
for p in first:
    s = sizes(p)
    total = [a + b for a, b in zip(total, s)]
    row(label(p), *s)
row("total", *total)
print(f"first-load budget: {total[1] / 1024:.1f} KiB gzip of {BUDGET_GZIP // 1024} KiB")
print(f"\n{'loaded later (not in the total)':<52}")
shared, shared_dir = [0, 0, 0, 0], ""
for p in later:
    if p.name.startswith("chunk_"):
        # Code several split points share: many small files, shown as one line.
        shared = [a + b for a, b in zip(shared, (1, *sizes(p)))]
        shared_dir = p.parent.relative_to(dist).as_posix()
    else:
        row(label(p), *sizes(p))
if shared[0]:
    row(f"{shared_dir}/chunk_*.wasm ({shared[0]} shared)", *shared[1:])
if "--check" in sys.argv and total[1] > BUDGET_GZIP:
    sys.exit("over the first-load size budget")
