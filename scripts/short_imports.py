#!/usr/bin/env python3
"""Short names for the imports wasm-bindgen gives a wasm module (a step of split_wasm.py).

wasm-bindgen names each function the wasm imports from its JavaScript glue after the Rust
item and a hash, `__wbg_createElement_8c9931a732ee2fea`, and the glue's module after the
build, `./recovery-run-<hash>_bg.js`. Each name is written twice, in the wasm's import
section and as a key of the glue's import object: about 150 names whose hex digits gzip
hardly at all, 5.0 KiB of the app's first download (201.9 → 196.9 KiB gzip on the release
build: the wasm about 3, the glue 2). Nothing reads these names but the instantiation that
pairs them, so this renames each in both files to one or two letters (`a`, `b`, … `aZ`),
and the module to `w`.

The rewrite is checked, not trusted: the glue must hold the module's name once and every
import's name exactly once (as its key), and every name the glue had must have been
renamed; otherwise the build fails rather than ship a module the browser cannot
instantiate. The wasm's other sections are copied byte for byte: only names change, no
index moves. (Binaryen's `--minify-imports` would rename the wasm's half, but only for the
module `env`, and it leaves the glue to us; nothing here needs more than the import
section's layout, https://webassembly.github.io/spec/core/binary/modules.html#import-section.)

    python3 scripts/short_imports.py <module>_bg.wasm <module>.js
"""
import pathlib
import re
import sys

IMPORT_SECTION = 2
MODULE = "w"
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Malformed(Exception):
    pass


def read_leb(data, at):
    """An unsigned LEB128 number at `at`: (value, the offset after it)."""
    value = shift = 0
    while True:
        if at >= len(data):
            raise Malformed("a number runs past the end of the module")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def leb(value):
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def name_bytes(text):
    raw = text.encode("utf-8")
    return leb(len(raw)) + raw


def short_name(n):
    """The n-th short name: a … Z, then aa, ab, …"""
    name = LETTERS[n % len(LETTERS)]
    n //= len(LETTERS)
    while n:
        n -= 1
        name = LETTERS[n % len(LETTERS)] + name
        n //= len(LETTERS)
    return name


def import_descriptor_end(data, at):
    """The offset after the import descriptor at `at` (function, table, memory, global, tag)."""
    kind, at = data[at], at + 1
    if kind in (0, 4):  # function: type index; tag: attribute, type index
        if kind == 4:
            at += 1
        return read_leb(data, at)[1]
    if kind in (1, 2):  # table: reference type, then limits; memory: limits
        if kind == 1:
            at += 1
        flags, at = data[at], at + 1
        at = read_leb(data, at)[1]
        return read_leb(data, at)[1] if flags & 1 else at
    if kind == 3:  # global: value type, mutability
        return at + 2
    raise Malformed(f"unknown import kind {kind}")


def rename_imports(wasm, module):
    """The module with the functions it imports from `module` renamed: (bytes, {old: new})."""
    if wasm[:4] != b"\0asm":
        raise Malformed("not a wasm module")
    out = bytearray(wasm[:8])
    renamed = {}
    at = 8
    while at < len(wasm):
        section = wasm[at]
        size, body = read_leb(wasm, at + 1)
        end = body + size
        if end > len(wasm):
            raise Malformed("a section runs past the end of the module")
        if section != IMPORT_SECTION:
            out += wasm[at:end]
            at = end
            continue
        count, cursor = read_leb(wasm, body)
        entries = bytearray(leb(count))
        for _ in range(count):
            length, cursor = read_leb(wasm, cursor)
            mod = wasm[cursor : cursor + length].decode("utf-8")
            cursor += length
            length, cursor = read_leb(wasm, cursor)
            name = wasm[cursor : cursor + length].decode("utf-8")
            cursor += length
            descriptor_end = import_descriptor_end(wasm, cursor)
            descriptor = wasm[cursor:descriptor_end]
            cursor = descriptor_end
            if mod == module:
                if name in renamed:
                    raise Malformed(f"{name} is imported twice")
                renamed[name] = short_name(len(renamed))
                mod, name = MODULE, renamed[name]
            entries += name_bytes(mod) + name_bytes(name) + descriptor
        if cursor != end:
            raise Malformed("the import section's size does not match its entries")
        out += bytes([IMPORT_SECTION]) + leb(len(entries)) + entries
        at = end
    return bytes(out), renamed


def rename_in_glue(js, module, renamed):
    """The glue with the import object's keys and its module's name renamed to match."""
    quoted = f'"{module}"'
    if js.count(quoted) != 1:
        raise Malformed(f"the glue names {quoted} {js.count(quoted)} times, not once")
    js = js.replace(quoted, f'"{MODULE}"')
    for old, new in renamed.items():
        token = re.compile(r"(?<![\w$])" + re.escape(old) + r"(?![\w$])")
        found = len(token.findall(js))
        if found != 1:
            raise Malformed(f"the glue names the import {old} {found} times, not once")
        js = token.sub(new, js)
    left = sorted(set(re.findall(r"__wbg_\w+_[0-9a-f]{16}\b", js)))
    if left:
        raise Malformed(f"the glue still names imports the wasm does not: {left[:3]}")
    return js


def shorten(wasm_path, js_path):
    """Renames, in place, the imports `<stem>_bg.wasm` takes from `./<stem>_bg.js` in both
    files; returns how many. Raises `Malformed` when the two do not match as expected."""
    wasm_path, js_path = pathlib.Path(wasm_path), pathlib.Path(js_path)
    module = f"./{wasm_path.stem}.js"
    wasm, renamed = rename_imports(wasm_path.read_bytes(), module)
    if not renamed:
        raise Malformed(f"{wasm_path.name} imports nothing from {module}")
    js = rename_in_glue(js_path.read_text(encoding="utf-8"), module, renamed)
    wasm_path.write_bytes(wasm)
    js_path.write_text(js, encoding="utf-8")
    return len(renamed)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    try:
        print(f"short_imports: {shorten(sys.argv[1], sys.argv[2])} imports renamed")
    except Malformed as e:
        sys.exit(f"short_imports: {e}")
