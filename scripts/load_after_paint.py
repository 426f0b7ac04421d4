#!/usr/bin/env python3
"""Trunk post_build step: the app's code is fetched after the first paint, not before it.

Trunk 0.21 writes `<link rel="modulepreload">` for the JS glue and `<link rel="preload">`
for the wasm into the head, and a module script that imports the glue and starts the wasm.
The browser then fetches ~200 KiB while it is still parsing, before the painted Today
(index.html's boot markup) is on screen. On a slow phone network that download is what the
first paint waits behind, and Lighthouse's simulation counts it before the largest paint
(issue #21: LCP 2.1 s against a first paint of 0.85 s).

This step removes the two preload links and replaces Trunk's script with one that waits for
the first paint (a Paint Timing entry: the first paint, or the first contentful one), then
fetches the glue and the wasm in parallel (the wasm compiled as it streams) and starts the
app as Trunk's script did (`window.wasmBindings`, the `TrunkApplicationStarted` event). A
page that does not paint (opened in the background) or a browser without Paint Timing
starts after a second at the latest. (Waiting for the next animation frame instead was not
enough: on a busy machine the first paint came after the app's own.) Runs before
precache.py, which hashes the inline scripts for the CSP.
"""
import os
import pathlib
import re
import sys

staging = pathlib.Path(os.environ["TRUNK_STAGING_DIR"])
index = staging / "index.html"
html = index.read_text(encoding="utf-8")

trunk = re.search(r'<script type="module">\s*import init, \* as bindings from \'\./([^\']+\.js)\';'
                  r'\s*const wasm = await init\(\{ module_or_path: \'\./([^\']+\.wasm)\' \}\);.*?</script>',
                  html, flags=re.S)
if not trunk:
    sys.exit("load_after_paint: Trunk's loader script is not where it was (Trunk changed?)")
glue, wasm = trunk.group(1), trunk.group(2)

loader = f"""<script type="module">
await new Promise((go) => {{
  try {{ new PerformanceObserver(go).observe({{ type: "paint", buffered: true }}); }} catch (e) {{ go(); }}
  setTimeout(go, 1000);
}});
const wasm = fetch("./{wasm}");
const bindings = await import("./{glue}");
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {{ detail: {{ wasm: await bindings.default({{ module_or_path: wasm }}) }} }}));
</script>"""
html = html[: trunk.start()] + loader + html[trunk.end():]

preloads = re.findall(r'<link rel="(?:modulepreload|preload)" href="\./(?:[^"]+)"[^>]*>', html)
if len(preloads) != 2:
    sys.exit(f"load_after_paint: expected Trunk's two preload links, found {len(preloads)}")
for link in preloads:
    html = html.replace(link, "")
index.write_text(html, encoding="utf-8")
print(f"load_after_paint: {glue} and {wasm} fetched after the first paint")
