#!/usr/bin/env python3
"""Trunk post_build hook: writes the build's file list into the service worker and the
Content-Security-Policy's script hash into index.html.

Runs in Trunk's staging directory ($TRUNK_STAGING_DIR) after every build, so the hashed
wasm/js/css names are always the ones precached, and the build id changes whenever any
file does (a new build = a new cache; old caches are deleted when it activates).
"""
import base64
import hashlib
import json
import os
import pathlib
import re
import sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")

if os.environ.get("TRUNK_PROFILE") == "debug":
    # `trunk serve` injects its own live-reload script after this hook, and a caching
    # service worker would serve stale builds while developing: the development build gets
    # neither the CSP nor the cache (a worker with no fetch handler caches nothing).
    html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy" content="__CSP__" />', "", html)
    index.write_text(html, encoding="utf-8")
    (staging / "sw.js").write_text("// Development build: no precache, nothing cached.\n", encoding="utf-8")
    print("precache: development build, no CSP and no service-worker cache")
    sys.exit(0)

# The CSP: Trunk 0.21 emits one inline module script that loads the wasm, and index.html
# has one that paints Today before it runs (issue #21); allow exactly those, by hash.
scripts = re.findall(r"<script(?: type=\"module\")?>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in scripts
)
csp = (
    "default-src 'self'; "
    f"script-src 'self' 'wasm-unsafe-eval' {hashes}; "
    "style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'"
)
html = html.replace("__CSP__", csp)
index.write_text(html, encoding="utf-8")

files = sorted(
    p.relative_to(staging).as_posix()
    for p in staging.rglob("*")
    if p.is_file() and p.name != "sw.js"
)
digest = hashlib.sha256()
for name in files:
    digest.update(name.encode())
    digest.update((staging / name).read_bytes())
build = digest.hexdigest()[:16]

sw = staging / "sw.js"
text = sw.read_text(encoding="utf-8")
text = text.replace("'__BUILD_ID__'", json.dumps(build)).replace(
    "__PRECACHE_FILES__", json.dumps(["./"] + [f"./{f}" for f in files])
)
sw.write_text(text, encoding="utf-8")
print(f"precache: {len(files)} files, build {build}")
