#!/usr/bin/env python3
"""Draws the demo shop's small product images and the favicon (PNG, standard library only).

Run once when the catalogue changes: `python3 scripts/make_demo_images.py`. The files it writes
under public/ are committed, so building Relance never needs Python.
"""
import os
import struct
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "public")


def png(width, height, pixel):
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height)
    )

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def product(base, accent, shape):
    size = 160

    def pixel(x, y):
        cx, cy = x - size / 2, y - size / 2
        inside = {
            "circle": cx * cx + cy * cy < 52 * 52,
            "square": abs(cx) < 46 and abs(cy) < 46,
            "diamond": abs(cx) + abs(cy) < 62,
            "tee": (abs(cx) < 30 and -40 < cy < 50) or (abs(cx) < 60 and -40 < cy < -10),
            "dress": -45 < cy < 55 and abs(cx) < 18 + (cy + 45) * 0.35,
            "bag": (abs(cx) < 48 and -15 < cy < 50) or (abs(abs(cx) - 22) < 5 and -45 < cy < -15),
        }[shape]
        return accent if inside else base

    return png(size, size, pixel)


IMAGES = {
    "tshirt.png": ((236, 240, 245), (52, 101, 164), "tee"),
    "blouse.png": ((250, 240, 242), (214, 94, 128), "tee"),
    "dress.png": ((244, 238, 250), (112, 72, 160), "dress"),
    "summer-dress.png": ((255, 246, 230), (230, 140, 40), "dress"),
    "chiffon.png": ((232, 246, 240), (40, 150, 110), "dress"),
    "jumper.png": ((246, 240, 232), (150, 100, 60), "tee"),
    "jeans.png": ((234, 238, 246), (40, 60, 110), "square"),
    "sneakers.png": ((240, 240, 240), (90, 90, 90), "diamond"),
    "tote.png": ((248, 244, 236), (180, 150, 100), "bag"),
    "scarf.png": ((246, 236, 236), (170, 40, 50), "diamond"),
    "cap.png": ((236, 244, 250), (30, 120, 170), "circle"),
    "coat.png": ((238, 236, 232), (70, 60, 50), "tee"),
    "logo.png": ((255, 255, 255), (217, 72, 15), "circle"),
}

for name, (base, accent, shape) in IMAGES.items():
    with open(os.path.join(ROOT, "demo", name), "wb") as out:
        out.write(product(base, accent, shape))


def favicon():
    size = 32

    def pixel(x, y):
        cx, cy = x - 15.5, y - 15.5
        corner = max(abs(cx) - 9, 0) ** 2 + max(abs(cy) - 9, 0) ** 2 > 49
        if corner:
            return (255, 255, 255)
        cart = (8 <= y <= 10 and 7 <= x <= 25) or (18 <= y <= 19 and 11 <= x <= 23) or (
            10 <= y <= 18 and x in (11, 12, 23, 24)
        ) or ((x - 13) ** 2 + (y - 23) ** 2 <= 4) or ((x - 21) ** 2 + (y - 23) ** 2 <= 4)
        return (255, 255, 255) if cart else (217, 72, 15)

    image = png(size, size, pixel)
    # An ICO file holding one PNG image (supported by every current browser).
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(image), 6 + 16)
    with open(os.path.join(ROOT, "favicon.ico"), "wb") as out:
        out.write(header + entry + image)


favicon()
