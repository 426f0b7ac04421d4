#!/usr/bin/env python3
"""Trunk post_build hook: the steps that need the whole build, in order.

1. scripts/split_wasm.py: cuts the app's wasm at its split points and optimizes it;
2. scripts/precache.py: writes the file list into the service worker, the CSP into index.html
   (it must see the final files, so it runs last).
"""
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent
for step in ("split_wasm.py", "precache.py"):
    if subprocess.run([sys.executable, str(here / step)]).returncode != 0:
        sys.exit(f"post_build: {step} failed")
