#!/usr/bin/env python3
"""Every vendored or copied file carries its licence (issue #30).

What counts, and what is checked:
- Each directory under `vendor/` is someone else's code. It has a licence file (`LICENSE`,
  `LICENSE-MIT`, `COPYING`, …) whose text is the licence its manifest declares (`license`
  in Cargo.toml, `license` in package.json), every licence of an `A OR B` / `A AND B`
  expression; licences whose terms travel with a copyright notice (MIT, BSD, ISC) have one.
  Every relative link in its Markdown files leads to a file that is there (the crate's
  README links to its LICENSE).
- Each `[patch]` of the root Cargo.toml that points at a path is such a vendored directory.
- Any other tracked file that says it was copied, adapted, ported, derived or translated
  from a named source (`adapted from https://…`, `ported from Foo`) names the licence it
  was taken under (or says the source is in the public domain) in the same file.

    python3 scripts/licences.py        # lists what is missing; exits 1 if anything is
"""
import pathlib
import re
import subprocess
import sys
import tomllib
import json

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Distinctive words of each licence's text, by SPDX identifier. A licence file matches when
# it holds all of them (whitespace folded).
LICENCE_TEXTS = {
    "MIT": ["Permission is hereby granted, free of charge", "THE SOFTWARE IS PROVIDED \"AS IS\""],
    "Apache-2.0": ["Apache License", "Version 2.0", "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION"],
    "BSD-2-Clause": ["Redistribution and use in source and binary forms"],
    "BSD-3-Clause": ["Redistribution and use in source and binary forms", "Neither the name"],
    "ISC": ["Permission to use, copy, modify, and/or distribute this software for any purpose"],
    "Zlib": ["This software is provided 'as-is', without any express or implied"],
    "MPL-2.0": ["Mozilla Public License Version 2.0"],
    "Unlicense": ["This is free and unencumbered software released into the public domain"],
    "0BSD": ["Permission to use, copy, modify, and/or distribute this software for any purpose"],
    "CC0-1.0": ["CC0 1.0 Universal"],
}
# Licences whose terms are "keep the copyright notice and this permission notice".
NEEDS_COPYRIGHT = {"MIT", "BSD-2-Clause", "BSD-3-Clause", "ISC"}

LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|UNLICENSE)([-._].*)?$", re.IGNORECASE)

# "adapted from https://…", "copied from `Foo`", "ported from Bar's …": a provenance note
# naming a source (a link, or a name: capitalised, quoted or an npm scope). Lower-case words
# after "from" are ordinary prose ("a pace copied from anywhere in the app").
PROVENANCE = re.compile(
    r"\b((?i:copied|adapted|ported|derived|translated|vendored))\s+(verbatim\s+)?from\s+(https?://|[`'\"]|[A-Z@])"
)
LICENCE_NOTE = re.compile(
    r"licen[cs]e|public domain|SPDX-License-Identifier|\b(MIT|Apache|BSD|ISC|MPL|GPL|LGPL|Zlib|Unlicense|CC0|CC BY)\b",
    re.IGNORECASE,
)
# Files that are lists of licences, not copies (lock files name every package's licence).
NOT_SCANNED = re.compile(r"(^|/)(package-lock\.json|Cargo\.lock)$|^vendor/")

MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def fold(text):
    return " ".join(text.split())


def spdx_ids(expression):
    """The licence identifiers of an SPDX expression ("MIT OR Apache-2.0" → both)."""
    words = re.split(r"\s+(?:OR|AND|WITH)\s+|[()/]", expression)
    return [w.strip() for w in words if w.strip()]


def declared_licence(directory):
    """The licence expression a vendored directory's manifest declares, or None."""
    cargo = directory / "Cargo.toml"
    if cargo.is_file():
        package = tomllib.loads(cargo.read_text(encoding="utf-8")).get("package", {})
        if "license" in package:
            return package["license"]
        if "license-file" in package:
            return "file:" + package["license-file"]
    npm = directory / "package.json"
    if npm.is_file():
        licence = json.loads(npm.read_text(encoding="utf-8")).get("license")
        if isinstance(licence, str):
            return licence
    return None


def licence_files(directory):
    return sorted(p for p in directory.iterdir() if p.is_file() and LICENCE_FILE.match(p.name))


def check_vendored(directory, root=ROOT):
    """Problems of one vendored directory: its licence and the links of its Markdown."""
    name = directory.relative_to(root).as_posix()
    problems = []
    expression = declared_licence(directory)
    files = licence_files(directory)
    texts = {f.name: fold(f.read_text(encoding="utf-8", errors="replace")) for f in files}
    if expression is None:
        problems.append(f"{name}: no manifest declares its licence (Cargo.toml or package.json `license`)")
    elif expression.startswith("file:"):
        if not (directory / expression[5:]).is_file():
            problems.append(f"{name}: its license-file {expression[5:]} is missing")
    else:
        if not files:
            problems.append(f"{name}: declares {expression} but has no licence file (LICENSE, LICENSE-MIT, COPYING, …)")
        for spdx in spdx_ids(expression):
            phrases = LICENCE_TEXTS.get(spdx)
            if phrases is None:
                problems.append(f"{name}: licence {spdx} is not one this check knows; add its text's words to LICENCE_TEXTS")
                continue
            matching = [f for f, t in texts.items() if all(fold(p) in t for p in phrases)]
            if files and not matching:
                problems.append(f"{name}: none of {', '.join(texts)} is the text of {spdx}, which its manifest declares")
            if matching and spdx in NEEDS_COPYRIGHT and not any(
                re.search(r"\bCopyright\b", texts[f]) for f in matching
            ):
                problems.append(f"{name}: its {spdx} licence file has no copyright notice")
    for md in sorted(directory.rglob("*.md")):
        for target in MARKDOWN_LINK.findall(md.read_text(encoding="utf-8", errors="replace")):
            if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target):
                continue  # a web address, an anchor or a site-absolute path
            path = target.split("#", 1)[0]
            if path and not (md.parent / path).exists():
                problems.append(f"{md.relative_to(root).as_posix()}: links to {path}, which is not there")
    return problems


def vendored_dirs(root=ROOT):
    vendor = root / "vendor"
    dirs = sorted(p for p in vendor.iterdir() if p.is_dir()) if vendor.is_dir() else []
    return dirs


def patched_paths(root=ROOT):
    """Directories the root Cargo.toml's `[patch.*]` tables point at."""
    cargo = root / "Cargo.toml"
    if not cargo.is_file():
        return []
    patch = tomllib.loads(cargo.read_text(encoding="utf-8")).get("patch", {})
    out = []
    for registry in patch.values():
        for spec in registry.values():
            if isinstance(spec, dict) and "path" in spec:
                out.append((root / spec["path"]).resolve())
    return out


def tracked_files(root=ROOT):
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=root, check=True, capture_output=True
        ).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):
        listed = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    return [f for f in listed if f]


def check_copied(root=ROOT, files=None):
    """Problems of files outside vendor/ that say they were copied from somewhere."""
    problems = []
    for rel in files if files is not None else tracked_files(root):
        if NOT_SCANNED.search(rel):
            continue
        path = root / rel
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary files (images, fixtures) say nothing about themselves
        m = PROVENANCE.search(text)
        if m and not LICENCE_NOTE.search(text):
            line = text.count("\n", 0, m.start()) + 1
            problems.append(f"{rel}:{line}: says it was {m.group(1)} from a source but names no licence")
    return problems


def check(root=ROOT):
    problems = []
    vendored = vendored_dirs(root)
    for directory in vendored:
        problems += check_vendored(directory, root)
    inside = {d.resolve() for d in vendored}
    for path in patched_paths(root):
        if path not in inside:
            problems.append(f"Cargo.toml: [patch] points at {path}, which is not a directory under vendor/ (where licences are checked)")
    problems += check_copied(root)
    return problems


def main():
    problems = check()
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"licences: {len(vendored_dirs())} vendored director{'y' if len(vendored_dirs()) == 1 else 'ies'} and every copied file carry theirs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
