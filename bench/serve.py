#!/usr/bin/env python3
"""Serves a build the way a static host does, for scripts/bench.sh (standard library only).

`python3 -m http.server` neither compresses nor sends cache headers, so Lighthouse and the
browser figures would measure the server instead of the build. Real static hosts (GitHub
Pages, Netlify, Cloudflare Pages) do both; so does this:

- **Compression**: text files and wasm are sent with `Content-Encoding: br` when the client
  accepts it and the `brotli` module is installed, else `gzip` (level 9) when accepted,
  else as they are; with `Vary: Accept-Encoding`. Files are compressed before serving starts
  (as hosts do at deploy time), so no request waits for it; a changed file again on demand.
- **Types**: `application/wasm` for wasm (needed for streaming compilation), and the usual
  ones for html, js, css, json, the web app manifest, svg and png.
- **Caching**: a file whose name carries a content hash (Trunk's `name-0123456789abcdef.ext`),
  or that lies in a folder named by the build (`split-0123456789abcdef/`, the split chunks),
  gets `Cache-Control: public, max-age=31536000, immutable`; every other file (`index.html`,
  `sw.js`, `register-sw.js`, the manifest, the icons) gets `no-cache`, i.e. revalidated on
  every use, answered with `304 Not Modified` through its `ETag`.

    python3 bench/serve.py --dir dist [--port 8765] [--bind 127.0.0.1]
"""

import argparse
import gzip
import hashlib
import http.server
import os
import re
import sys
import threading

try:
    import brotli  # type: ignore[import-not-found]
except ImportError:  # optional: gzip is what every host offers
    brotli = None

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
}
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg", ".txt"}
# Trunk's hashed names: `recovery-run-cf4fc371bf8e2918_bg.wasm`, `main-cf4c7e83f14c7cb3.css`.
HASHED = re.compile(r"-[0-9a-f]{8,16}(_bg)?\.[a-z0-9]+$")
# The split chunks: `split-852bf6d91ad3b7be/chunk_9.wasm` (scripts/split_wasm.py).
BUILD_FOLDER = re.compile(r"(^|/)split-[0-9a-f]+/[^/]+$")
IMMUTABLE = "public, max-age=31536000, immutable"


class Files:
    """File bodies, their compressed forms and ETags, keyed by path and modification time."""

    def __init__(self):
        self.lock = threading.Lock()
        self.cache = {}

    def get(self, path, encoding):
        st = os.stat(path)
        key = (path, st.st_mtime_ns, st.st_size, encoding)
        with self.lock:
            hit = self.cache.get(key)
        if hit:
            return hit
        with open(path, "rb") as f:
            body = f.read()
        etag = hashlib.sha256(body).hexdigest()[:32]
        if encoding == "br":
            body = brotli.compress(body, quality=11)
        elif encoding == "gzip":
            body = gzip.compress(body, compresslevel=9, mtime=0)
        entry = (body, f'"{etag}{"-" + encoding if encoding else ""}"')
        with self.lock:
            self.cache[key] = entry
        return entry


FILES = Files()


def accepted(header):
    """The encodings the client accepts (q=0 means refused)."""
    out = set()
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        m = re.search(r"q\s*=\s*([0-9.]+)", params)
        if m:
            try:
                q = float(m.group(1))
            except ValueError:
                q = 0.0
        if name and q > 0:
            out.add(name.strip().lower())
    return out


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.respond(head=False)

    def do_HEAD(self):
        self.respond(head=True)

    def respond(self, head):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            self.send_error(404, "Not found")
            return
        ext = os.path.splitext(path)[1].lower()
        encoding = None
        if ext in COMPRESSIBLE:
            ok = accepted(self.headers.get("Accept-Encoding"))
            if brotli is not None and "br" in ok:
                encoding = "br"
            elif "gzip" in ok:
                encoding = "gzip"
        body, etag = FILES.get(path, encoding)
        hashed = HASHED.search(os.path.basename(path)) or BUILD_FOLDER.search(path.replace(os.sep, "/"))
        cache = IMMUTABLE if hashed else "no-cache"
        tags = [t.strip() for t in (self.headers.get("If-None-Match") or "").split(",")]
        status = 304 if etag in tags or "*" in tags else 200
        self.send_response(status)
        self.send_header("Content-Type", TYPES.get(ext, "application/octet-stream"))
        self.send_header("Cache-Control", cache)
        self.send_header("ETag", etag)
        if ext in COMPRESSIBLE:
            self.send_header("Vary", "Accept-Encoding")
        if status == 304:
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, format, *args):  # quiet: the benchmark prints its own figures
        pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default="dist")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--bind", default="127.0.0.1")
    args = ap.parse_args()
    root = os.path.abspath(args.dir)
    if not os.path.isfile(os.path.join(root, "index.html")):
        sys.exit(f"error: no index.html in {root}")

    def handler(*a, **kw):
        return Handler(*a, directory=root, **kw)

    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            if os.path.splitext(name)[1].lower() in COMPRESSIBLE:
                for encoding in ("br", "gzip", None) if brotli is not None else ("gzip", None):
                    FILES.get(path, encoding)
    server = http.server.ThreadingHTTPServer((args.bind, args.port), handler)
    server.daemon_threads = True
    enc = "br and gzip" if brotli is not None else "gzip"
    print(f"serving {root} on http://{args.bind}:{args.port}/ ({enc})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
