#!/usr/bin/env python3
"""Tests of licences.py: the repository itself, then the checks on small trees made here.

    python3 -m unittest discover -s scripts -p 'test_*.py'
"""
import pathlib
import tempfile
import unittest

import licences

MIT = """MIT License

Copyright (c) 2020 Someone Upstream

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction. The above copyright notice and this permission notice
shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
"""
APACHE = """                                 Apache License
                           Version 2.0, January 2004

   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION
"""


class TheRepository(unittest.TestCase):
    def test_every_vendored_directory_carries_its_licence(self):
        dirs = licences.vendored_dirs()
        self.assertIn("fitparser", [d.name for d in dirs])
        for d in dirs:
            with self.subTest(d.name):
                self.assertEqual(licences.check_vendored(d), [])

    def test_fitparser_licence_is_upstreams_mit_text(self):
        text = (licences.ROOT / "vendor/fitparser/LICENSE").read_text(encoding="utf-8")
        self.assertIn("Copyright (c) 2020 Matthew Stadelman", text)
        self.assertIn("Permission is hereby granted, free of charge", text)

    def test_every_patched_crate_is_vendored_with_its_licence(self):
        inside = {d.resolve() for d in licences.vendored_dirs()}
        for path in licences.patched_paths():
            self.assertIn(path, inside)

    def test_no_copied_file_without_its_licence(self):
        self.assertEqual(licences.check_copied(), [])

    def test_whole_check(self):
        self.assertEqual(licences.check(), [])


class Checks(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = pathlib.Path(self.tmp.name)
        self.crate = self.root / "vendor" / "upstream"
        self.crate.mkdir(parents=True)
        self.manifest('license = "MIT"')
        (self.crate / "README.md").write_text("[![LICENSE](badge.svg)](LICENSE) [docs](https://docs.rs/x)\n")
        (self.crate / "badge.svg").write_text("<svg/>")

    def tearDown(self):
        self.tmp.cleanup()

    def manifest(self, line):
        (self.crate / "Cargo.toml").write_text(f'[package]\nname = "upstream"\nversion = "1.0.0"\n{line}\n')

    def problems(self):
        return licences.check_vendored(self.crate, self.root)

    def test_missing_licence_file_is_reported_and_the_readme_link_too(self):
        p = self.problems()
        self.assertTrue(any("has no licence file" in x for x in p), p)
        self.assertTrue(any("links to LICENSE, which is not there" in x for x in p), p)

    def test_the_declared_licence_text_passes(self):
        (self.crate / "LICENSE").write_text(MIT)
        self.assertEqual(self.problems(), [])

    def test_another_licence_text_than_declared_is_reported(self):
        (self.crate / "LICENSE").write_text(APACHE)
        self.assertTrue(any("is the text of MIT" in x for x in self.problems()))

    def test_mit_without_its_copyright_notice_is_reported(self):
        (self.crate / "LICENSE").write_text(MIT.replace("Copyright (c) 2020 Someone Upstream", ""))
        self.assertTrue(any("no copyright notice" in x for x in self.problems()))

    def test_dual_licence_needs_both_texts(self):
        self.manifest('license = "MIT OR Apache-2.0"')
        (self.crate / "LICENSE-MIT").write_text(MIT)
        self.assertTrue(any("Apache-2.0" in x for x in self.problems()))
        (self.crate / "LICENSE-APACHE").write_text(APACHE)
        (self.crate / "README.md").write_text("no links\n")
        self.assertEqual(self.problems(), [])

    def test_no_declared_licence_is_reported(self):
        self.manifest("")
        (self.crate / "LICENSE").write_text(MIT)
        self.assertTrue(any("no manifest declares" in x for x in self.problems()))

    def test_a_patch_outside_vendor_is_reported(self):
        (self.crate / "LICENSE").write_text(MIT)
        (self.root / "Cargo.toml").write_text('[patch.crates-io]\nupstream = { path = "elsewhere/upstream" }\n')
        self.assertTrue(any("[patch] points at" in x for x in licences.check(self.root)))
        (self.root / "Cargo.toml").write_text('[patch.crates-io]\nupstream = { path = "vendor/upstream" }\n')
        self.assertEqual(licences.check(self.root), [])

    def test_a_copied_file_names_its_licence(self):
        (self.root / "a.js").write_text("// Adapted from https://example.org/lib.js\nlet x = 1;\n")
        (self.root / "b.rs").write_text("// Ported from Foo's parser (MIT, see vendor/foo/LICENSE).\n")
        (self.root / "c.rs").write_text("/// a pace copied from anywhere in the app reads back as itself\n")
        (self.root / "d.py").write_text("# derived from `upstream` (public domain)\n")
        files = ["a.js", "b.rs", "c.rs", "d.py", "package-lock.json"]
        (self.root / "package-lock.json").write_text('"copied from": "X"')
        self.assertEqual(
            licences.check_copied(self.root, files),
            ["a.js:1: says it was Adapted from a source but names no licence"],
        )


if __name__ == "__main__":
    unittest.main()
