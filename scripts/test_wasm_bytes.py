#!/usr/bin/env python3
"""Tests of wasm_bytes.py's reading of names and modules, and of split_wasm.py's check for
--low-memory-unused, on modules written here byte by byte (the WebAssembly binary format:
spec, modules.html#binary-module).

    python3 -m unittest discover -s scripts -p 'test_*.py'
"""
import pathlib
import tempfile
import unittest

import short_imports as si
import split_wasm
import wasm_bytes as wb

HEADER = b"\0asm\x01\0\0\0"


def section(kind, body):
    return bytes([kind]) + si.leb(len(body)) + body


def sleb(value):
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        done = (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40)
        out.append(byte | (0 if done else 0x80))
        if done:
            return bytes(out)


def data_section(segments):
    """Active segments of memory 0 at i32.const addresses (flags 0), and passive ones."""
    body = si.leb(len(segments))
    for address, content in segments:
        if address is None:
            body += si.leb(1)
        else:
            body += si.leb(0) + b"\x41" + sleb(address) + b"\x0b"
        body += si.leb(len(content)) + content
    return section(11, body)


def module_with_names(names, bodies, imported=0):
    """`imported` imported functions, then one function per body, named by `names`."""
    types = section(1, bytes([1, 0x60, 0, 0]))
    imports = section(2, si.leb(imported) + b"".join(
        si.name_bytes("env") + si.name_bytes(f"f{i}") + bytes([0, 0]) for i in range(imported)
    ))
    functions = section(3, si.leb(len(bodies)) + bytes(len(bodies)))
    code = section(10, si.leb(len(bodies)) + b"".join(si.leb(len(b)) + b for b in bodies))
    entries = b"".join(si.leb(i) + si.name_bytes(n) for i, n in names.items())
    subsection = bytes([1]) + si.leb(len(si.leb(len(names)) + entries)) + si.leb(len(names)) + entries
    names_section = section(0, si.name_bytes("name") + subsection)
    return HEADER + types + imports + functions + code + names_section


class Names(unittest.TestCase):
    def test_legacy_symbols(self):
        self.assertEqual(
            wb.demangle("_ZN12recovery_run5store6layout7head_of17h4e66cc0ed31709b4E"),
            "recovery_run::store::layout::head_of",
        )
        name = wb.demangle(
            "_ZN98_$LT$$RF$mut$u20$serde_json..de..Deserializer$LT$R$GT$$u20$as$u20$"
            "serde_core..de..Deserializer$GT$15deserialize_seq17h2f145f04457c2b07E"
        )
        self.assertEqual(
            name,
            "<&mut serde_json::de::Deserializer<R> as serde_core::de::Deserializer>::deserialize_seq",
        )
        self.assertEqual(wb.group(name), "serde_json")

    def test_v0_symbols(self):
        name = wb.demangle("_RINvNtNtCsgXGp5Oqx2Ny_4core3fmt5float29float_to_decimal_common_exactdEB6_")
        self.assertEqual(name, "core::fmt::float::float_to_decimal_common_exact")
        self.assertEqual(wb.group(name), "core::fmt")

    def test_groups(self):
        self.assertEqual(
            wb.group("recovery_run::domain::advisor::plan::Plan::choose"),
            "recovery_run::domain::advisor",
        )
        self.assertEqual(wb.group("<T as tachys::view::any_view::IntoAny>::into_any::build"), "tachys")
        self.assertEqual(wb.group("data segments"), "data segments")


class Pieces(unittest.TestCase):
    def test_each_function_body_under_its_name_after_the_imports(self):
        bodies = [bytes([0, 0x0B]), bytes([0, 0x01, 0x0B])]
        wasm = module_with_names(
            {2: "_ZN3app4main17h0000000000000000E", 3: "other"}, bodies, imported=2
        )
        wasm += data_section([(1 << 20, b"hello")])
        got = list(wb.pieces(wasm))
        self.assertEqual(got[0], ("app::main", bodies[0]))
        self.assertEqual(got[1], ("other", bodies[1]))
        self.assertEqual(got[2][0], "data segments")


class LowMemory(unittest.TestCase):
    def lowest(self, segments):
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "m.wasm"
            path.write_bytes(HEADER + data_section(segments))
            return split_wasm.lowest_data_address(path)

    def test_the_lowest_active_segment(self):
        self.assertEqual(self.lowest([(1 << 20, b"a"), (1_050_000, b"b")]), 1 << 20)
        self.assertEqual(self.lowest([(None, b"passive"), (4096, b"x")]), 4096)
        self.assertEqual(self.lowest([(8, b"low")]), 8)
        self.assertIsNone(self.lowest([(None, b"passive")]))


if __name__ == "__main__":
    unittest.main()
