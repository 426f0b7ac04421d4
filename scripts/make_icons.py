#!/usr/bin/env python3
"""Draws the app icons (PNG) with the standard library only: a green tile with a white
heart-rate trace that flattens out — load, then recovery.

    python3 scripts/make_icons.py   # writes public/icons/*.png

`any` icons have rounded corners; the maskable one fills the square and keeps the mark
inside the central 80 % safe zone, as the maskable-icon spec asks.
"""
import math
import pathlib
import struct
import zlib

GREEN = (11, 110, 79)
WHITE = (255, 255, 255)
OUT = pathlib.Path(__file__).resolve().parent.parent / "public" / "icons"


def png(path, size, pixels):
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    path.write_bytes(data)


def trace(x):
    """The mark: a flat line, one tall beat, then a gentle wave that settles (x in 0..1)."""
    if x < 0.22:
        return 0.0
    if x < 0.30:
        return -0.9 * (x - 0.22) / 0.08
    if x < 0.40:
        return -0.9 + 1.5 * (x - 0.30) / 0.10
    if x < 0.46:
        return 0.6 - 0.6 * (x - 0.40) / 0.06
    return 0.18 * math.sin((x - 0.46) * 18) * math.exp(-(x - 0.46) * 6)


def seg_dist(px, py, ax, ay, bx, by):
    vx, vy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy or 1.0)))
    return math.hypot(px - (ax + t * vx), py - (ay + t * vy))


def distance_to_trace(cx, cy, pts, inset, size):
    """Distance from a pixel centre to the polyline, looking only at nearby segments."""
    span = size - 2 * inset
    i = int((cx - inset) / span * 400)
    lo, hi = max(0, i - 20), min(400, i + 20)
    if hi <= lo:
        return 1e9
    return min(seg_dist(cx, cy, *pts[j], *pts[j + 1]) for j in range(lo, hi))


def icon(size, maskable):
    radius = 0 if maskable else size * 0.22
    inset = size * (0.22 if maskable else 0.16)
    amp = size * (0.22 if maskable else 0.27)
    width = size * 0.055
    # Sample the trace densely once; distance to the polyline gives a smooth stroke.
    pts = [(inset + (size - 2 * inset) * i / 400, size / 2 + amp * trace(i / 400)) for i in range(401)]
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            cx, cy = x + 0.5, y + 0.5
            # Rounded-square mask.
            dx = max(radius - cx, cx - (size - radius), 0)
            dy = max(radius - cy, cy - (size - radius), 0)
            inside = radius == 0 or dx * dx + dy * dy <= radius * radius
            if not inside:
                row.append((0, 0, 0, 0))
                continue
            d = distance_to_trace(cx, cy, pts, inset, size)
            if d <= width / 2:
                row.append(WHITE + (255,))
            else:
                row.append(GREEN + (255,))
        rows.append(row)
    return rows


OUT.mkdir(parents=True, exist_ok=True)
for size in (192, 512):
    png(OUT / f"icon-{size}.png", size, icon(size, maskable=False))
png(OUT / "icon-maskable-512.png", 512, icon(512, maskable=True))
print("wrote", *sorted(p.name for p in OUT.iterdir()))
