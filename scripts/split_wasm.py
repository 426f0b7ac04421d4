#!/usr/bin/env python3
"""Trunk post_build step: cuts the app's wasm at its split points, then optimizes it.

With the `split` feature (index.html turns it on for the app), `src/ui/split.rs` marks the code the first
screen does not need. Trunk has no step between linking and wasm-bindgen, where a splitter
must work (wasm-bindgen drops the relocations it needs), so this step redoes Trunk's last
two for the app's wasm, from the linked file Trunk just built:

1. `wasm-split-cli` (crate wasm_split_cli_support) cuts the linked wasm into the main module
   and one chunk per split point (plus chunks of code several split points share), and
   writes `__wasm_split.js`, which fetches a chunk when its code is first called;
2. `wasm-bindgen` on the main module, keeping the exports the chunks link against;
3. `wasm-opt -Oz` on every module, and more passes on the main module (`WASM_OPT_MAIN`;
   Trunk's own wasm-opt is off for the app: index.html);
4. the result replaces Trunk's files in the staging directory under the same names; the
   loader and the chunks go in `split-<hash>/`, named by the build, so that a browser never
   mixes one build's chunk with another's main module;
5. the imports the main module takes from its glue get short names in both
   (`short_imports.py`: 5.0 KiB gzip of the first download);
6. the JavaScript glue and the loader are minified (terser, npm), and the stylesheet
   (`minify_css`; Trunk's own minifier would also rewrite index.html's inline scripts after
   the CSP hashes are taken);
7. Trunk's preload of the wasm is taken out of index.html (`drop_wasm_preload`), and its
   loader fetches the wasm once the first frame is painted (`fetch_wasm_after_paint`).

Development builds (`trunk serve`) are split the same way but not optimized. A wasm built
without the feature (no split points) is only optimized.
"""
import base64
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import short_imports

BIN = "recovery-run"
# The marker every split point leaves in the linked wasm (wasm_split_helpers' import).
SPLIT_MARKER = b"__wasm_split_load_"
# --converge: wasm-opt runs its passes again while they still shrink the module (0.1 KiB).
# The producers and target-features sections name the tools and the features the build used;
# a browser reads neither (0.3 KiB raw, 0.2 KiB gzip of the main module).
WASM_OPT_OTHER = [
    "--strip-producers", "--strip-target-features",
    "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
] + (["-g"] if os.environ.get("WASM_NAMES") else [])  # keep function names, to profile
WASM_OPT = ["-Oz", "--converge", *WASM_OPT_OTHER]
# The main module, the first download, gets more (the chunks keep WASM_OPT: this doubles
# wasm-opt's time). After -Oz, its control flow flattened and rebuilt (--flatten --rereloop)
# and -Oz again: Binaryen finds smaller shapes for Rust's nested matches that way (1.5 KiB
# gzip). And --low-memory-unused: no address under 1 KiB is used, so constant offsets fold
# into loads and stores (0.6 KiB). rustc lays out the stack first (from 1 MiB down) and the
# data after it; `check_low_memory_unused` fails the build if a data segment lies lower.
WASM_OPT_MAIN = [
    "-Oz", "--flatten", "--rereloop", "-Oz", "-Oz", "--converge", "--low-memory-unused",
    *WASM_OPT_OTHER,
]
LOW_MEMORY = 1024


def run(*cmd):
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"split_wasm: {' '.join(map(str, cmd))} failed:\n{done.stdout}{done.stderr}")


def replace_once(text, old, new, where):
    """Patches generated JavaScript; fails the build if the expected text is not there."""
    if old not in text:
        sys.exit(f"split_wasm: {old!r} not found in {where}; did a tool's output change?")
    return text.replace(old, new)


def minify(source, js):
    """Minifies an ES module in place with terser (package.json pins it)."""
    local = source / "node_modules" / ".bin" / "terser"
    terser = str(local) if local.exists() else "terser"
    run(terser, js, "--module", "--compress", "--mangle", "--output", js)


def minify_css(css):
    """Minifies a stylesheet in place, conservatively: comments out, runs of whitespace
    made one space, and the spaces around `{`, `}`, `;` and after `,` dropped. (Trunk's
    own minifier would also rewrite index.html's inline scripts after the CSP hashes are
    taken.) 0.8 KiB gzip of the first download."""
    text = css.read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*([{};])\s*", r"\1", text)
    text = re.sub(r",\s+", ",", text)
    css.write_text(text.replace(";}", "}").strip() + "\n", encoding="utf-8")


def lowest_data_address(wasm):
    """The lowest address an active data segment of the module is written to (None: none).
    https://webassembly.github.io/spec/core/binary/modules.html#data-section"""
    data = wasm.read_bytes()
    read_leb = short_imports.read_leb

    def read_sleb(at):
        value = shift = 0
        while True:
            byte = data[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                if byte & 0x40:
                    value -= 1 << shift
                return value, at

    at, lowest = 8, None
    while at < len(data):
        kind = data[at]
        size, start = read_leb(data, at + 1)
        at = start + size
        if kind != 11:
            continue
        count, p = read_leb(data, start)
        for _ in range(count):
            flags, p = read_leb(data, p)
            if flags in (0, 2):
                if flags == 2:
                    _, p = read_leb(data, p)  # memory index
                if data[p] != 0x41:  # i32.const
                    sys.exit(f"split_wasm: {wasm.name}: a data segment at a computed address")
                address, p = read_sleb(p + 1)
                if data[p] != 0x0B:
                    sys.exit(f"split_wasm: {wasm.name}: a data segment at a computed address")
                p += 1
                lowest = address if lowest is None else min(lowest, address)
            n, p = read_leb(data, p)
            p += n
    return lowest


def check_low_memory_unused(wasm):
    """wasm-opt's --low-memory-unused (WASM_OPT_MAIN) holds only if nothing lies in the
    first LOW_MEMORY bytes: no data there (the stack, laid out first, reaches it only by
    overflowing)."""
    lowest = lowest_data_address(wasm)
    if lowest is not None and lowest < LOW_MEMORY:
        sys.exit(f"split_wasm: {wasm.name} has data at address {lowest}: drop --low-memory-unused")


def shorten_imports(wasm, js):
    try:
        short_imports.shorten(wasm, js)
    except short_imports.Malformed as e:
        sys.exit(f"split_wasm: short import names: {e}")


def set_integrity(staging, files):
    """Trunk writes subresource-integrity hashes for the files it made; the browser refuses a
    file whose hash differs, so the rewritten files get theirs."""
    index = staging / "index.html"
    html = index.read_text(encoding="utf-8")
    names = {f"./{f.name}": f for f in files}

    def fix(tag):
        tag = tag.group(0)
        href = re.search(r'href="([^"]+)"', tag)
        if not href or href.group(1) not in names or "integrity=" not in tag:
            return tag
        digest = hashlib.sha384(names[href.group(1)].read_bytes()).digest()
        sri = "sha384-" + base64.b64encode(digest).decode()
        return re.sub(r'integrity="[^"]*"', f'integrity="{sri}"', tag)

    index.write_text(re.sub(r"<link\b[^>]*>", fix, html), encoding="utf-8")


def fetch_wasm_after_paint(staging, main_wasm):
    """Has Trunk's loader fetch the app's wasm only once the first frame is painted, and
    compile it in a task before the one that instantiates and starts it.

    "Painted" is the first contentful paint as the browser reports it (a `paint`
    PerformanceObserver), which is the frame's presentation: a requestAnimationFrame and a
    zero timeout, used before, ran before it when the compositor was late, and in about one
    Lighthouse run in ten the wasm's download then counted as needed for the largest paint
    (LCP 2.26 s, the boot paint presented at 1.24 s). Without that entry type,
    requestAnimationFrame and a zero timeout; if no paint is reported within 3 s (a tab in
    the background), the app starts anyway.

    The wait for the paint is the only one: `ui::mount` starts the app in the task after
    the wasm has run, so the app never starts before index.html's paint is on screen (its first
    render would take the largest paint). It also keeps the largest paint from depending
    on the wasm: Lighthouse's simulation counts every request started before the observed
    largest paint as needed for it, and when the module script ran before the first frame,
    the wasm's download was, which put LCP at 2.3-2.4 s in about one run in eight.

    Compiling apart: the glue's `instantiateStreaming` finishes the compile and instantiates
    in one task (80-120 ms with the CPU 4x slower); `compileStreaming`, a zero timeout, then
    `init` with the compiled module makes two. Where `compileStreaming` fails (a host that
    serves the wasm with another MIME type), `init` gets the address and does as before."""
    index = staging / "index.html"
    html = index.read_text(encoding="utf-8")
    call = f"const wasm = await init({{ module_or_path: './{main_wasm.name}' }});"
    load = (
        "await new Promise((r) => {\n"
        "  const go = () => setTimeout(r, 0);\n"
        "  if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) return requestAnimationFrame(go);\n"
        "  new PerformanceObserver((list, o) => {\n"
        "    if (list.getEntriesByName('first-contentful-paint').length) { o.disconnect(); go(); }\n"
        "  }).observe({ type: 'paint', buffered: true });\n"
        "  setTimeout(r, 3000);\n"
        "});\n"
        f"let module_or_path = './{main_wasm.name}';\n"
        "try { module_or_path = await WebAssembly.compileStreaming(fetch(module_or_path)); } catch {}\n"
        "await new Promise((r) => setTimeout(r, 0));\n"
        "const wasm = await init({ module_or_path });"
    )
    index.write_text(replace_once(html, call, load, "index.html"), encoding="utf-8")


def drop_wasm_preload(staging, main_wasm, release):
    """Removes Trunk's `<link rel="preload">` of the app's wasm from index.html.

    The module script that loads the wasm runs as soon as the document is parsed and fetches
    it then (streaming compile as before), about one round trip later than the preload would.
    In exchange the download no longer competes with the first paint, which index.html
    draws alone (issue #21): Lighthouse's mobile simulation counts every request started
    before the largest paint as its prerequisite, so with the preload it put the largest
    paint after the 190 KiB download (LCP 2.1 s) though the page was painted at 0.19 s;
    without it, 0.95 s (5 runs each: bench/lighthouse.mjs)."""
    index = staging / "index.html"
    html = index.read_text(encoding="utf-8")
    tag = re.compile(r'<link rel="preload" href="\./' + re.escape(main_wasm.name) + r'"[^>]*>')
    if not tag.search(html):
        if release:
            sys.exit(f"split_wasm: no preload of {main_wasm.name} in index.html; did Trunk change?")
        return
    index.write_text(tag.sub("", html), encoding="utf-8")


def main():
    staging = pathlib.Path(os.environ["TRUNK_STAGING_DIR"])
    release = os.environ.get("TRUNK_PROFILE", "release") == "release"

    glue = [p for p in staging.glob(f"{BIN}-*.js") if re.fullmatch(rf"{BIN}-[0-9a-f]+\.js", p.name)]
    if len(glue) != 1:
        sys.exit(f"split_wasm: expected one {BIN}-<hash>.js in {staging}, found {len(glue)}")
    stem = glue[0].stem
    build = stem.removeprefix(f"{BIN}-")
    main_wasm = staging / f"{stem}_bg.wasm"

    source = pathlib.Path(os.environ.get("TRUNK_SOURCE_DIR", "."))
    meta = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"],
        cwd=source, capture_output=True, text=True, check=True,
    )
    target = pathlib.Path(json.loads(meta.stdout)["target_directory"])
    linked = target / "wasm32-unknown-unknown" / ("release" if release else "debug") / f"{BIN}.wasm"
    linked_bytes = linked.read_bytes()

    def optimize(wasm, dest, flags=WASM_OPT):
        if release:
            if "--low-memory-unused" in flags:
                check_low_memory_unused(wasm)
            run("wasm-opt", *flags, wasm, "-o", dest)
        elif wasm != dest:
            shutil.copyfile(wasm, dest)

    if SPLIT_MARKER not in linked_bytes:
        optimize(main_wasm, main_wasm, WASM_OPT_MAIN)
        shorten_imports(main_wasm, glue[0])
        if release:
            minify(source, glue[0])
        set_integrity(staging, [glue[0], main_wasm])
        drop_wasm_preload(staging, main_wasm, release)
        fetch_wasm_after_paint(staging, main_wasm)
        print("split_wasm: no split points (built without the split feature); optimized only")
        return

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        split_dir = tmp / "split"
        run("wasm-split-cli", linked, split_dir, "--out-name", stem)
        run(
            "wasm-bindgen", "--target", "web", "--keep-lld-exports", "--no-demangle",
            "--no-typescript", "--out-dir", tmp / "bindgen", "--out-name", stem,
            split_dir / f"{stem}.wasm",
        )
        (split_dir / f"{stem}.wasm").unlink()

        # The main module, under Trunk's names (index.html already points at them).
        optimize(tmp / "bindgen" / f"{stem}_bg.wasm", main_wasm, WASM_OPT_MAIN)
        folder = f"split-{build}"
        js = (tmp / "bindgen" / f"{stem}.js").read_text(encoding="utf-8")
        # Only the module imports move; the wasm's import names stay "./__wasm_split.js".
        js = replace_once(js, 'from "./__wasm_split.js"', f'from "./{folder}/__wasm_split.js"', f"{stem}.js")
        glue[0].write_text(js, encoding="utf-8")
        shorten_imports(main_wasm, glue[0])
        # JavaScript snippets of #[wasm_bindgen(inline_js)] (none today) go where Trunk put its own.
        if (tmp / "bindgen" / "snippets").is_dir():
            shutil.copytree(tmp / "bindgen" / "snippets", staging / "snippets", dirs_exist_ok=True)

        # The loader and the chunks, in the build's own folder.
        out = staging / folder
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        loader = (split_dir / "__wasm_split.js").read_text(encoding="utf-8")
        loader = replace_once(loader, f'from "./{stem}.js"', f'from "../{stem}.js"', "__wasm_split.js")
        (out / "__wasm_split.js").write_text(loader, encoding="utf-8")
        chunks = sorted(split_dir.glob("*.wasm"))
        for chunk in chunks:
            optimize(chunk, out / chunk.name)
        missing = [n for n in re.findall(r'new URL\("\./([^"]+)"', loader) if not (out / n).exists()]
        if missing:
            sys.exit(f"split_wasm: the loader asks for chunks that were not written: {missing}")

    css = sorted(staging.glob("*.css"))
    if release:
        minify(source, glue[0])
        minify(source, out / "__wasm_split.js")
        for sheet in css:
            minify_css(sheet)
    set_integrity(staging, [glue[0], main_wasm, *css])
    drop_wasm_preload(staging, main_wasm, release)
    fetch_wasm_after_paint(staging, main_wasm)
    print(f"split_wasm: {len(chunks)} chunks in {folder}/, main module {main_wasm.stat().st_size} bytes")


if __name__ == "__main__":
    main()
