#!/usr/bin/env python3
"""Tests of short_imports.py on a module written here byte by byte (the layout of the
WebAssembly binary format's import section: spec, modules.html#import-section), with the
JavaScript object wasm-bindgen writes for it.

    python3 -m unittest discover -s scripts -p 'test_*.py'
"""
import pathlib
import tempfile
import unittest

import short_imports as si

HEADER = b"\0asm\x01\0\0\0"
# A type section with one signature, () -> (): only so the module is not just imports.
TYPES = bytes([1, 4, 1, 0x60, 0, 0])


def import_section(entries):
    body = si.leb(len(entries))
    for module, name, descriptor in entries:
        body += si.name_bytes(module) + si.name_bytes(name) + descriptor
    return bytes([2]) + si.leb(len(body)) + body


FUNCTION = bytes([0, 0])  # kind 0, type index 0
MEMORY = bytes([2, 1, 1, 2])  # kind 2, limits with a maximum: 1, 2
GLUE = "./app_bg.js"


def module(*names, other=()):
    entries = [(GLUE, n, FUNCTION) for n in names] + list(other)
    return HEADER + TYPES + import_section(entries)


def imports_of(wasm):
    """(module, name) of each import, read back with the step's own reader."""
    at, out = 8, []
    while at < len(wasm):
        size, body = si.read_leb(wasm, at + 1)
        if wasm[at] == 2:
            count, cursor = si.read_leb(wasm, body)
            for _ in range(count):
                pair = []
                for _ in range(2):
                    length, cursor = si.read_leb(wasm, cursor)
                    pair.append(wasm[cursor : cursor + length].decode())
                    cursor += length
                cursor = si.import_descriptor_end(wasm, cursor)
                out.append(tuple(pair))
        at = body + size
    return out


def glue(*names):
    keys = ",".join(f"{n}:function(){{}}" for n in names)
    return f'const import0={{__proto__:null,{keys}}};return{{__proto__:null,"{GLUE}":import0}};'


class ShortImports(unittest.TestCase):
    def shorten(self, wasm, js):
        with tempfile.TemporaryDirectory() as tmp:
            w, j = pathlib.Path(tmp) / "app_bg.wasm", pathlib.Path(tmp) / "app.js"
            w.write_bytes(wasm)
            j.write_text(js)
            count = si.shorten(w, j)
            return count, w.read_bytes(), j.read_text()

    def test_renames_both_halves_alike_and_leaves_other_imports(self):
        names = ["__wbg_createElement_8c9931a732ee2fea", "__wbindgen_throw_4c88d8bf264fd984"]
        other = [("./__wasm_split.js", "__wasm_split_load_x", FUNCTION), ("env", "memory", MEMORY)]
        count, wasm, js = self.shorten(module(*names, other=other), glue(*names))
        self.assertEqual(count, 2)
        self.assertEqual(
            imports_of(wasm),
            [("w", "a"), ("w", "b"), ("./__wasm_split.js", "__wasm_split_load_x"), ("env", "memory")],
        )
        self.assertEqual(js, 'const import0={__proto__:null,a:function(){},b:function(){}};return{__proto__:null,"w":import0};')
        # Everything after the import section is the same bytes.
        self.assertTrue(wasm.startswith(HEADER + TYPES))

    def test_short_names_run_past_one_letter_without_repeating(self):
        names = [si.short_name(n) for n in range(52 * 53 + 5)]
        self.assertEqual(names[:3], ["a", "b", "c"])
        self.assertEqual(names[51:54], ["Z", "aa", "ab"])
        self.assertEqual(len(set(names)), len(names))

    def test_a_name_the_glue_holds_twice_fails(self):
        name = "__wbg_now_2c95c9de01293173"
        js = glue(name) + f"/* {name} */"
        with self.assertRaisesRegex(si.Malformed, "2 times"):
            self.shorten(module(name), js)

    def test_a_name_the_glue_lacks_fails(self):
        with self.assertRaisesRegex(si.Malformed, "0 times"):
            self.shorten(module("__wbg_now_2c95c9de01293173"), glue("__wbg_other_2c95c9de01293173"))

    def test_an_import_the_wasm_lacks_fails(self):
        extra = "__wbg_gone_0123456789abcdef"
        with self.assertRaisesRegex(si.Malformed, "does not"):
            self.shorten(module("__wbg_now_2c95c9de01293173"), glue("__wbg_now_2c95c9de01293173", extra))

    def test_nothing_is_written_when_the_check_fails(self):
        wasm, js = module("__wbg_now_2c95c9de01293173"), glue()
        with tempfile.TemporaryDirectory() as tmp:
            w, j = pathlib.Path(tmp) / "app_bg.wasm", pathlib.Path(tmp) / "app.js"
            w.write_bytes(wasm)
            j.write_text(js)
            with self.assertRaises(si.Malformed):
                si.shorten(w, j)
            self.assertEqual((w.read_bytes(), j.read_text()), (wasm, js))

    def test_a_truncated_module_is_malformed(self):
        with self.assertRaises(si.Malformed):
            si.rename_imports(module("__wbg_now_2c95c9de01293173")[:-3], GLUE)


if __name__ == "__main__":
    unittest.main()
