#!/usr/bin/env python3
"""Where the bytes of the first download's wasm are: the main module by crate and module.

Rebuilds the main module exactly as `split_wasm.py` does (wasm-split-cli, wasm-bindgen,
wasm-opt with the same flags) from the app's last linked wasm, once more keeping the
function names (`-g`), and sums each function's body and each data segment by where it
comes from: `recovery_run::domain::advisor`, `serde_json`, `core::fmt`, … Each group's
gzip figure is its bytes compressed on their own (level 9): a guide to what removing it
would save, not an exact share (gzip of the whole module is less than the sum).

    python3 scripts/wasm_bytes.py              # groups, largest first
    python3 scripts/wasm_bytes.py --top 40     # and the 40 largest functions
    python3 scripts/wasm_bytes.py --grep serde # the functions whose name matches
    python3 scripts/wasm_bytes.py --keep DIR   # keep the named module (for twiggy)

It needs a release build of the app first (`trunk build --release`, or only its link step:
`cargo build --release --target wasm32-unknown-unknown --bin recovery-run --features
split`), and the build's tools on PATH. The kept module names every function, so
`twiggy paths DIR/named.wasm 'name'` tells what keeps a function in the first download (a
function stays there when the first screen can reach it; one only a split point reaches
goes to its chunk, src/ui/split.rs).

Without `-g` wasm-opt optimizes a little differently, so the named module is a few hundred
bytes off the real one; `gzip` of the unnamed one is printed as the total, which is the
main module's figure of `size.py` before the short import names.
"""
import argparse
import collections
import gzip
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import split_wasm  # noqa: E402  (the same flags and tools as the build)
from short_imports import read_leb  # noqa: E402

CODE, DATA, CUSTOM = 10, 11, 0


def sections(data):
    at = 8
    while at < len(data):
        kind = data[at]
        size, start = read_leb(data, at + 1)
        yield kind, data[start:start + size]
        at = start + size


def name_map(custom):
    """Function index → name, from a `name` custom section."""
    length, at = read_leb(custom, 0)
    if custom[at:at + length] != b"name":
        return None
    at += length
    names = {}
    while at < len(custom):
        sub = custom[at]
        size, at = read_leb(custom, at + 1)
        end = at + size
        if sub == 1:  # function names
            count, p = read_leb(custom, at)
            for _ in range(count):
                index, p = read_leb(custom, p)
                n, p = read_leb(custom, p)
                names[index] = custom[p:p + n].decode("utf-8", "replace")
                p += n
        at = end
    return names


def imported_functions(data):
    for kind, body in sections(data):
        if kind != 2:
            continue
        count, at = read_leb(body, 0)
        funcs = 0
        for _ in range(count):
            for _ in range(2):  # module, name
                n, at = read_leb(body, at)
                at += n
            what = body[at]
            at += 1
            if what == 0:  # function: type index
                _, at = read_leb(body, at)
                funcs += 1
            elif what == 1:  # table: reftype, limits
                at += 1
                flags = body[at]
                _, at = read_leb(body, at + 1)
                if flags & 1:
                    _, at = read_leb(body, at)
            elif what == 2:  # memory: limits
                flags = body[at]
                _, at = read_leb(body, at + 1)
                if flags & 1:
                    _, at = read_leb(body, at)
            elif what == 3:  # global: valtype, mutability
                at += 2
            else:
                sys.exit(f"wasm_bytes: unknown import kind {what}")
        return funcs
    return 0


def pieces(data):
    """(name, bytes) of each function body and data segment."""
    names = {}
    for kind, body in sections(data):
        if kind == CUSTOM:
            names = name_map(body) or names
    first = imported_functions(data)
    for kind, body in sections(data):
        if kind == CODE:
            count, at = read_leb(body, 0)
            for i in range(count):
                size, start = read_leb(body, at)
                yield demangle(names.get(first + i, f"func[{first + i}]")), body[start:start + size]
                at = start + size
        elif kind == DATA:
            yield "data segments", body


LEGACY_ESCAPES = {
    "$LT$": "<", "$GT$": ">", "$RF$": "&", "$BP$": "*", "$SP$": "@", "$C$": ",",
    "$u20$": " ", "$u27$": "'", "$u5b$": "[", "$u5d$": "]", "$u7b$": "{", "$u7d$": "}",
    "$u7e$": "~", "$u3b$": ";", "$u21$": "!", "$u22$": '"', "$u2b$": "+",
    "$LP$": "(", "$RP$": ")", "$u3d$": "=",
}


def demangle(name):
    """Rust's symbol names, as far as grouping needs: the legacy scheme (`_ZN…E`) in full,
    and for the v0 scheme (`_R…`, the standard library's) the identifiers in order."""
    if name.startswith("_ZN"):
        parts, at = [], 3
        while at < len(name) and name[at].isdigit():
            m = re.match(r"\d+", name[at:])
            n, at = int(m.group()), at + len(m.group())
            parts.append(name[at:at + n])
            at += n
        if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
            parts.pop()
        text = "::".join(parts)
        for escape, char in LEGACY_ESCAPES.items():
            text = text.replace(escape, char)
        # `_<impl …>` and `{{closure}}` come out of the escapes with a leading `_`.
        return re.sub(r"(^|::)_(?=[<{])", r"\1", text.replace("..", "::"))
    if name.startswith("_R"):
        idents, at = [], 2
        while at < len(name):
            c = name[at]
            if c.isdigit():
                m = re.match(r"\d+", name[at:])
                n, at = int(m.group()), at + len(m.group())
                if at < len(name) and name[at] == "_":
                    at += 1
                idents.append(name[at:at + n])
                at += n
            elif c in "sB":  # a disambiguator or a back-reference: up to its `_`
                end = name.find("_", at)
                at = len(name) if end < 0 else end + 1
            else:
                at += 1
        return "::".join(idents)
    return name


def group(name):
    """The crate and module a function comes from."""
    if name == "data segments":
        return name
    # `<A as B>::f` and `<A>::f` belong to A (to B when A is a type parameter: `<T as B>`);
    # generic arguments and hashes go.
    path = re.sub(r"^<&?(?:mut )?(?:dyn )?[A-Z] as ", "<", name)
    path = re.sub(r"^<&?(?:mut )?(?:dyn )?", "", path)
    path = re.sub(r"\[[0-9a-f]+\]", "", path)
    path = re.split(r"[<>( ]| as ", path)[0]
    parts = [p for p in path.split("::") if p and not p.startswith("_")]
    if not parts or not re.match(r"[A-Za-z]", parts[0]):
        return "other"
    depth = 3 if parts[0] == "recovery_run" else 2 if parts[0] in ("core", "alloc", "std") else 1
    return "::".join(parts[:depth])


def gz(data):
    return len(gzip.compress(data, 9))


def build(linked, out):
    """The main module as split_wasm.py makes it: `plain.wasm`, and `named.wasm` with -g."""
    split, bindgen = out / "split", out / "bindgen"
    split_wasm.run("wasm-split-cli", linked, split, "--out-name", "m")
    split_wasm.run(
        "wasm-bindgen", "--target", "web", "--keep-lld-exports", "--no-demangle",
        "--no-typescript", "--out-dir", bindgen, "--out-name", "m", split / "m.wasm",
    )
    flags = [f for f in split_wasm.WASM_OPT_MAIN if f != "-g"]
    split_wasm.run("wasm-opt", *flags, bindgen / "m_bg.wasm", "-o", out / "plain.wasm")
    split_wasm.run("wasm-opt", *flags, "-g", bindgen / "m_bg.wasm", "-o", out / "named.wasm")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--linked", help="the linked wasm (default: the release build's)")
    ap.add_argument("--top", type=int, default=0, help="also list the N largest functions")
    ap.add_argument("--grep", help="list the functions whose name matches this regex")
    ap.add_argument("--keep", help="keep the modules in this directory")
    args = ap.parse_args()

    source = pathlib.Path(__file__).resolve().parent.parent
    if args.linked:
        linked = pathlib.Path(args.linked)
    else:
        meta = subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"],
            cwd=source, capture_output=True, text=True, check=True,
        )
        target = pathlib.Path(json.loads(meta.stdout)["target_directory"])
        linked = target / "wasm32-unknown-unknown" / "release" / f"{split_wasm.BIN}.wasm"
    if not linked.exists() or split_wasm.SPLIT_MARKER not in linked.read_bytes():
        sys.exit(f"wasm_bytes: no linked app with split points at {linked}: build it first")

    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(args.keep) if args.keep else pathlib.Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        build(linked, out)
        plain = (out / "plain.wasm").read_bytes()
        named = (out / "named.wasm").read_bytes()

    items = list(pieces(named))
    groups = collections.defaultdict(list)
    for name, body in items:
        groups[group(name)].append(body)
    total = sum(len(b) for _, b in items)
    print(f"main module: {len(plain)} bytes, {gz(plain)} gzip (before the short import names)")
    print(f"code and data: {total} bytes in {len(items)} pieces\n")
    print(f"{'group':<48}{'pieces':>8}{'bytes':>10}{'%':>7}{'gzip':>9}")
    rows = sorted(groups.items(), key=lambda kv: -sum(map(len, kv[1])))
    for name, bodies in rows:
        size = sum(map(len, bodies))
        if size < total / 1000:
            continue
        print(f"{name[:47]:<48}{len(bodies):>8}{size:>10}{100 * size / total:>7.1f}{gz(b''.join(bodies)):>9}")
    listed = []
    if args.top:
        listed = sorted(items, key=lambda nb: -len(nb[1]))[: args.top]
    if args.grep:
        listed = [nb for nb in sorted(items, key=lambda nb: -len(nb[1])) if re.search(args.grep, nb[0])]
    if listed:
        print(f"\n{'bytes':>8}  function")
        for name, body in listed:
            print(f"{len(body):>8}  {name[:160]}")


if __name__ == "__main__":
    main()
