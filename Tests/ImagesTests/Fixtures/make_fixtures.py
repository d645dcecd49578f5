"""Writes the PNG fixtures of ImagesTests with nothing but zlib and struct (no PIL), one per
colour type and bit depth, and a large synthetic digit with its MNIST-style reduction computed
here, independently of the Swift code, as reduce_reference.json.

    python3 Tests/ImagesTests/Fixtures/make_fixtures.py
"""
import json, math, os, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width, height, depth, colour, rows, extra=()):
    """rows: one bytes object per row, already packed for the colour type and depth."""
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    raw = b"".join(b"\x00" + r for r in rows)          # filter type 0 on every row
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + b"".join(chunk(k, d) for k, d in extra)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# The gray levels every colour-type fixture encodes, 3 wide and 2 high.
LEVELS = [[0, 64, 128], [192, 255, 32]]


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def fixtures():
    write("gray8.png", png(3, 2, 8, 0, [bytes(r) for r in LEVELS]))
    write("gray16.png", png(3, 2, 16, 0, [b"".join(struct.pack(">H", v * 257) for v in r) for r in LEVELS]))
    write("gray_alpha8.png", png(3, 2, 8, 4, [b"".join(bytes([v, 255]) for v in r) for r in LEVELS]))
    write("rgb8.png", png(3, 2, 8, 2, [b"".join(bytes([v, v, v]) for v in r) for r in LEVELS]))
    write("rgb16.png", png(3, 2, 16, 2, [b"".join(struct.pack(">HHH", v * 257, v * 257, v * 257) for v in r)
                                         for r in LEVELS]))
    write("rgba8.png", png(3, 2, 8, 6, [b"".join(bytes([v, v, v, 255]) for v in r) for r in LEVELS]))
    palette = sorted({v for r in LEVELS for v in r})
    plte = b"".join(bytes([v, v, v]) for v in palette)
    write("palette8.png", png(3, 2, 8, 3, [bytes(palette.index(v) for v in r) for r in LEVELS],
                              extra=[(b"PLTE", plte)]))
    # black ink on a transparent canvas (what a browser canvas left unfilled gives)
    write("transparent_ink.png", png(3, 2, 8, 6, [bytes([0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0]),
                                                  bytes([0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 0])]))
    ga16 = lambda pairs: b"".join(struct.pack(">HH", g, a) for g, a in pairs)
    write("transparent_ink16.png", png(3, 2, 16, 4, [ga16([(0, 65535), (0, 0), (0, 0)]), ga16([(0, 0), (0, 65535), (0, 0)])]))


def digit(width=150, height=210):
    """A thick dark '7' on a light background, 0..255 gray, as a list of rows."""
    img = [[235] * width for _ in range(height)]
    def disk(cx, cy, r):
        for y in range(max(0, int(cy - r)), min(height, int(cy + r) + 2)):
            for x in range(max(0, int(cx - r)), min(width, int(cx + r) + 2)):
                if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                    img[y][x] = 20
    def line(a, b, r=9):
        steps = 200
        for s in range(steps + 1):
            t = s / steps
            disk(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), r)
    line((30, 40), (120, 40))
    line((120, 40), (60, 180))
    return img


def reduce_reference(gray):
    """The reduction of Sources/Images/MNISTReduction.swift, written out again in plain Python."""
    h, w = len(gray), len(gray[0])
    p = [[v / 255 for v in row] for row in gray]
    def border(q):
        vals = [q[y][x] for y in range(h) for x in range(w) if y in (0, h - 1) or x in (0, w - 1)]
        return sum(vals) / len(vals)
    if border(p) > 0.5:
        p = [[1 - v for v in row] for row in p]
    bg = border(p)
    scale = 1 / (1 - bg)
    p = [[min(max((v - bg) * scale, 0), 1) for v in row] for row in p]
    ys = [y for y in range(h) for x in range(w) if p[y][x] > 0.1]
    xs = [x for y in range(h) for x in range(w) if p[y][x] > 0.1]
    x0, x1, y0, y1 = min(xs), max(xs) + 1, min(ys), max(ys) + 1
    cw, ch = x1 - x0, y1 - y0
    longer = max(cw, ch)
    half_up = lambda v: int(math.floor(v + 0.5))     # Swift's rounding, not Python's half-to-even
    ow, oh = max(1, half_up(cw * 20 / longer)), max(1, half_up(ch * 20 / longer))
    def area(n, m):              # m output pixels averaging n inputs (m <= n): overlap / ratio
        r = n / m
        out = []
        for j in range(m):
            a, b = j * r, (j + 1) * r
            out.append({i: (min(b, i + 1) - max(a, i)) / r for i in range(n) if min(b, i + 1) > max(a, i)})
        return out
    wx, wy = area(cw, ow), area(ch, oh)
    patch = [[sum(wy[i][yy] * sum(wx[j][xx] * p[y0 + yy][x0 + xx] for xx in wx[j]) for yy in wy[i])
              for j in range(ow)] for i in range(oh)]
    mass = sum(sum(r) for r in patch)
    mx = sum(v * (x + 0.5) for r in patch for x, v in enumerate(r)) / mass
    my = sum(v * (y + 0.5) for y, r in enumerate(patch) for v in r) / mass
    dx, dy = half_up(14 - mx), half_up(14 - my)
    field = [[0.0] * 28 for _ in range(28)]
    for y in range(oh):
        for x in range(ow):
            if 0 <= y + dy < 28 and 0 <= x + dx < 28:
                field[y + dy][x + dx] = patch[y][x]
    return field


if __name__ == "__main__":
    fixtures()
    img = digit()
    write("digit7.png", png(len(img[0]), len(img), 8, 0, [bytes(r) for r in img]))
    with open(os.path.join(HERE, "reduce_reference.json"), "w") as f:
        json.dump({"source": "digit7.png", "pixels": [round(v, 7) for r in reduce_reference(img) for v in r]}, f)
