#!/usr/bin/python3
"""Standard-library PNG helpers for the Slurm test: crop photos into many images, and score palettes.

    pngtool.py crops OUTDIR COUNT PHOTO.png...    write COUNT crops (96-192 px squares, seeded) of the photos as PNGs
                                                    into OUTDIR, plus the photos themselves; print their paths
    pngtool.py sse LABELDIR IMAGE...               partition SSE in RGB over all images: every pixel's squared distance
                                                    to the RGB mean of its cluster, the clusters read from
                                                    LABELDIR/<stem>.labels.png (as apply --labels writes them)

Reads 8-bit, non-interlaced PNGs of colour type 0 (grey), 2 (RGB), 4 (grey + alpha) or 6 (RGBA) only: what the
bundled photos and mlnetsegment's label maps are.
"""

import os
import random
import struct
import sys
import zlib

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or interlace != 0 or colour not in CHANNELS:
        raise ValueError(f"{path}: only 8-bit non-interlaced grey/RGB(A) PNGs are read here")
    bpp = CHANNELS[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows


def write_png(path, width, height, rows):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\0" + row for row in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def crops(outdir, count, photos):
    rng = random.Random(14)
    decoded = [read_png(p) for p in photos]
    os.makedirs(outdir, exist_ok=True)
    paths = []
    for photo, (width, height, bpp, rows) in zip(photos, decoded):
        path = os.path.join(outdir, os.path.basename(photo))
        write_png(path, width, height, [b"".join(row[x * bpp:x * bpp + 3] for x in range(width)) for row in rows])
        paths.append(path)
    for i in range(count):
        width, height, bpp, rows = decoded[i % len(decoded)]
        size = rng.randrange(96, 193)
        x0, y0 = rng.randrange(width - size), rng.randrange(height - size)
        cut = [b"".join(row[x * bpp:x * bpp + 3] for x in range(x0, x0 + size)) for row in rows[y0:y0 + size]]
        path = os.path.join(outdir, f"crop{i:03d}.png")
        write_png(path, size, size, cut)
        paths.append(path)
    print("\n".join(paths))


def sse(labeldir, images):
    n, sums, squares = {}, {}, {}
    for image in images:
        stem = os.path.splitext(os.path.basename(image))[0]
        width, height, bpp, rows = read_png(image)
        _, _, lbpp, labels = read_png(os.path.join(labeldir, stem + ".labels.png"))
        for y in range(height):
            row, lrow = rows[y], labels[y]
            for x in range(width):
                c = lrow[x * lbpp]
                r, g, b = row[x * bpp], row[x * bpp + 1], row[x * bpp + 2]
                n[c] = n.get(c, 0) + 1
                s = sums.setdefault(c, [0, 0, 0])
                s[0] += r
                s[1] += g
                s[2] += b
                squares[c] = squares.get(c, 0) + r * r + g * g + b * b
    print(sum(squares[c] - (sums[c][0] ** 2 + sums[c][1] ** 2 + sums[c][2] ** 2) / n[c] for c in n))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "crops":
        crops(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
    elif len(sys.argv) >= 3 and sys.argv[1] == "sse":
        sse(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)
