#!/usr/bin/python3
"""Generate the hostile-image corpus for MlNetSegment's loader tests.

Writes every file of files/ anew, plus manifest.tsv and README.md beside this script.
Deterministic: fixed seeds, no timestamps, so a re-run is byte-identical (on the same
zlib / libjpeg / libwebp build; the checked-in files are the reference either way).

Needs Debian's python3-pil and python3-numpy:
    apt-get update && apt-get install -y python3-pil python3-numpy
    /usr/bin/python3 tests/MlNetSegment.Tests/Corpus/generate.py

Verdicts (manifest column `verdict`):
    ok      exit 0; `expect` may give the output size WxH after EXIF orientation.
    error   exit 1 with a one-line message containing the keyword in `expect`:
            "not a supported image" | "too large" | "corrupt" | "no opaque".
    either  exit 0, or exit 1 with a one-line message; never a crash, hang or stack trace.
"""

import io
import os
import struct
import sys
import zlib

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "files")
MANIFEST = os.path.join(HERE, "manifest.tsv")
README = os.path.join(HERE, "README.md")

VERDICTS = {"ok", "error", "either"}
KEYWORDS = {"not a supported image", "too large", "corrupt", "no opaque"}

CASES = []  # (file, data, verdict, expect, note, group)
GROUP = ["misc"]


def group(name):
    GROUP[0] = name


def add(name, data, verdict, expect, note):
    assert verdict in VERDICTS, verdict
    if verdict == "error":
        assert expect in KEYWORDS, (name, expect)
    elif verdict == "ok":
        assert expect == "" or (expect.count("x") == 1 and all(p.isdigit() for p in expect.split("x"))), expect
    else:
        assert expect == "", name
    assert "\t" not in note and "\n" not in note
    assert all(c[0] != name for c in CASES), name
    CASES.append((name, bytes(data), verdict, expect, note, GROUP[0]))


def rng(seed):
    return np.random.default_rng(seed)


# --------------------------------------------------------------------------- pictures

def picture(w, h, seed=1, alpha=False):
    """A small picture with a few flat colour regions and mild noise (something to cluster)."""
    r = rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    img = np.zeros((h, w, 3), np.int16)
    img[...] = (40, 90, 160)                                    # blue background
    img[(x < w // 2) & (y < h // 2)] = (200, 40, 40)            # red top-left (asymmetric: shows orientation)
    img[((x - w * 0.65) ** 2 + (y - h * 0.6) ** 2) < (min(w, h) * 0.25) ** 2] = (60, 170, 70)  # green disc
    img[(y > h * 0.85)] = (230, 220, 60)                        # yellow strip at the bottom
    img += r.integers(-6, 7, size=img.shape, dtype=np.int16)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if alpha:
        a = np.full((h, w, 1), 255, np.uint8)
        return np.concatenate([img, a], axis=2)
    return img


def pil_bytes(im, fmt, **kw):
    buf = io.BytesIO()
    im.save(buf, fmt, **kw)
    return buf.getvalue()


# --------------------------------------------------------------------------- PNG

PNG_SIG = b"\x89PNG\r\n\x1a\n"


def chunk(ctype, data, crc=None):
    if crc is None:
        crc = zlib.crc32(ctype + data)
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", crc & 0xFFFFFFFF)


def ihdr(w, h, depth, ctype, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace))


def pack_rows(arr, depth, ctype):
    """arr: (h, w) or (h, w, c) integer array -> list of unfiltered row bytes."""
    if arr.ndim == 2:
        arr = arr[:, :, None]
    h = arr.shape[0]
    if depth == 16:
        return [arr[i].astype(">u2").tobytes() for i in range(h)]
    if depth == 8:
        return [arr[i].astype(np.uint8).tobytes() for i in range(h)]
    # sub-byte: single channel only (grey or palette)
    assert arr.shape[2] == 1
    rows = []
    per = 8 // depth
    for i in range(h):
        v = arr[i, :, 0].astype(np.uint8)
        pad = (-len(v)) % per
        v = np.concatenate([v, np.zeros(pad, np.uint8)]).reshape(-1, per)
        b = np.zeros(v.shape[0], np.uint16)
        for k in range(per):
            b = (b << depth) | v[:, k]
        rows.append(b.astype(np.uint8).tobytes())
    return rows


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filter_rows(rows, bpp, filters=None):
    """Filter rows (list of bytes). filters: None -> all 0, or a list cycling through filter types."""
    out = bytearray()
    prev = bytes(len(rows[0])) if rows else b""
    for i, row in enumerate(rows):
        ft = 0 if filters is None else filters[i % len(filters)]
        if ft == 0:
            f = row
        else:
            f = bytearray(len(row))
            for j in range(len(row)):
                a = row[j - bpp] if j >= bpp else 0
                b = prev[j]
                c = prev[j - bpp] if j >= bpp else 0
                pred = (0, a, b, (a + b) // 2, paeth(a, b, c))[ft]
                f[j] = (row[j] - pred) & 0xFF
        out.append(ft)
        out += f
        prev = row
    return bytes(out)


CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def adam7_passes(arr):
    for xs, ys, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)):
        sub = arr[ys::dy, xs::dx]
        if sub.shape[0] and sub.shape[1]:
            yield sub


def png_raw(arr, depth, ctype, interlace=0, filters=None):
    bpp = max(1, CHANNELS[ctype] * depth // 8)
    if interlace:
        raw = b"".join(filter_rows(pack_rows(p, depth, ctype), bpp, filters) for p in adam7_passes(arr))
    else:
        raw = filter_rows(pack_rows(arr, depth, ctype), bpp, filters)
    return raw


def make_png(arr, depth, ctype, interlace=0, filters=None, pre=(), post=(), idat_split=None):
    h, w = arr.shape[:2]
    data = zlib.compress(png_raw(arr, depth, ctype, interlace, filters), 9)
    if idat_split:
        idats = b"".join(chunk(b"IDAT", data[i:i + idat_split]) for i in range(0, len(data), idat_split))
    else:
        idats = chunk(b"IDAT", data)
    return PNG_SIG + ihdr(w, h, depth, ctype, interlace) + b"".join(pre) + idats + b"".join(post) + chunk(b"IEND", b"")


def png_streamed_solid(w, h, rgb):
    """A real w x h one-colour RGB PNG, compressed row by row (never holds the raw image)."""
    row = b"\x00" + bytes(rgb) * w
    comp = zlib.compressobj(9)
    parts = []
    for _ in range(h):
        parts.append(comp.compress(row))
    parts.append(comp.flush())
    data = b"".join(parts)
    idats = b"".join(chunk(b"IDAT", data[i:i + (1 << 20)]) for i in range(0, len(data), 1 << 20))
    return PNG_SIG + ihdr(w, h, 8, 2) + idats + chunk(b"IEND", b"")


def png_chunks(data):
    """[(offset, length, type)] of a well-formed PNG."""
    out, p = [], 8
    while p + 8 <= len(data):
        n, t = struct.unpack(">I4s", data[p:p + 8])
        out.append((p, n, t))
        p += 12 + n
    return out


def patch(data, offset, new):
    b = bytearray(data)
    b[offset:offset + len(new)] = new
    return bytes(b)


# --------------------------------------------------------------------------- JPEG

def jpeg_segments(data):
    """[(offset, marker)] of segments up to and including SOS."""
    out, p = [], 2
    while p < len(data):
        assert data[p] == 0xFF, p
        m = data[p + 1]
        out.append((p, m))
        if m == 0xDA:
            break
        n = struct.unpack(">H", data[p + 2:p + 4])[0]
        p += 2 + n
    return out


def jpeg_with_exif(arr, orientation, **kw):
    ex = Image.Exif()
    ex[0x0112] = orientation
    return pil_bytes(Image.fromarray(arr), "JPEG", quality=90, exif=ex.tobytes(), **kw)


def jpeg_sof_patch(data, w, h):
    for off, m in jpeg_segments(data):
        if m in (0xC0, 0xC1, 0xC2):
            return patch(data, off + 5, struct.pack(">HH", h, w))
    raise AssertionError("no SOF")


# --------------------------------------------------------------------------- BMP

def bmp(w, h, bpp, pixel_rows, palette=None, header="info", compression=0, masks=None, top_down=False,
        declared_w=None, declared_h=None, clr_used=None, raw_override=None, offset_override=None):
    """Hand-written BMP. pixel_rows: list of row bytes (unpadded), top row first."""
    if raw_override is not None:
        pix = raw_override
    else:
        stride = (len(pixel_rows[0]) + 3) & ~3
        rows = pixel_rows if top_down else list(reversed(pixel_rows))
        pix = b"".join(r + bytes(stride - len(r)) for r in rows)
    pal = b""
    if palette is not None:
        if header == "core":
            pal = b"".join(bytes((b, g, r)) for r, g, b in palette)
        else:
            pal = b"".join(bytes((b, g, r, 0)) for r, g, b in palette)
    dw = w if declared_w is None else declared_w
    dh = (-h if top_down else h) if declared_h is None else declared_h
    if header == "core":
        info = struct.pack("<IHHHH", 12, dw, dh, 1, bpp)
    else:
        size = {"info": 40, "v5": 124}[header]
        cu = (len(palette) if palette else 0) if clr_used is None else clr_used
        info = struct.pack("<IiiHHIIiiII", size, dw, dh, 1, bpp, compression, len(pix), 2835, 2835, cu, 0)
        if header == "v5":
            r, g, b, a = masks
            info += struct.pack("<IIII", r, g, b, a)
            info += b"BGRs" + bytes(36) + struct.pack("<III", 0, 0, 0)   # LCS_sRGB, endpoints, gamma
            info += struct.pack("<IIII", 4, 0, 0, 0)                       # intent, profile data/size, reserved
            assert len(info) == 124
        elif masks is not None:                                            # BI_BITFIELDS after a 40-byte header
            info += struct.pack("<III", *masks[:3])
    off = 14 + len(info) + len(pal) if offset_override is None else offset_override
    fh = b"BM" + struct.pack("<IHHI", 14 + len(info) + len(pal) + len(pix), 0, 0, off)
    return fh + info + pal + pix


# --------------------------------------------------------------------------- GIF

def gif_lzw(indices):
    """GIF LZW with minimum code size 8, emitting a clear code every 250 codes so the code
    width stays 9 bits (valid, if not compact)."""
    clear, eoi = 256, 257
    codes = []
    for i, v in enumerate(indices):
        if i % 250 == 0:
            codes.append(clear)
        codes.append(int(v))
    codes.append(eoi)
    acc = nbits = 0
    out = bytearray()
    for c in codes:
        acc |= c << nbits
        nbits += 9
        while nbits >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            nbits -= 8
    if nbits:
        out.append(acc & 0xFF)
    blocks = bytearray([8])
    for i in range(0, len(out), 255):
        part = out[i:i + 255]
        blocks.append(len(part))
        blocks += part
    blocks.append(0)
    return bytes(blocks)


def gif(screen_w, screen_h, palette, frames, loop=False):
    """frames: list of (x, y, idx_array(h,w), transparent_index or None, delay)."""
    pal = bytearray()
    for r, g, b in palette:
        pal += bytes((r, g, b))
    pal += bytes(768 - len(pal))
    out = bytearray(b"GIF89a" + struct.pack("<HHBBB", screen_w, screen_h, 0xF7, 0, 0) + pal)
    if loop:
        out += b"\x21\xFF\x0BNETSCAPE2.0\x03\x01\x00\x00\x00"
    for x, y, idx, tr, delay in frames:
        h, w = idx.shape
        flags = 0x09 if tr is not None else 0x08          # disposal 2 (restore to background), transparency flag
        out += b"\x21\xF9\x04" + bytes([flags]) + struct.pack("<H", delay) + bytes([tr or 0]) + b"\x00"
        out += b"\x2C" + struct.pack("<HHHHB", x, y, w, h, 0)
        out += gif_lzw(idx.reshape(-1))
    out += b"\x3B"
    return bytes(out)


# =========================================================================== cases

def build():
    pic = picture(64, 48, seed=1)
    pic_png = make_png(pic, 8, 2)

    # ------------------------------------------------------------------ not images
    group("Not an image / unsupported format")
    add("empty.png", b"", "error", "not a supported image", "empty file (0 bytes)")
    add("text.png", b"This is not a PNG image.\nIt is plain UTF-8 text, named .png on purpose.\n" * 4,
        "error", "not a supported image", "plain text named .png")
    add("html.jpg", b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
        b"<body><h1>Not Found</h1><p>The requested image was not found.</p></body></html>\n",
        "error", "not a supported image", "HTML error page named .jpg (a typical failed download)")
    add("zeros_4k.png", bytes(4096), "error", "not a supported image", "4096 zero bytes named .png")
    for i, ext in enumerate(("png", "jpg", "gif")):
        r = rng(100 + i).integers(0, 256, 4096, dtype=np.uint8)
        r[0] = 0x42 if r[0] in (0x89, 0xFF, 0x47, 0x42) else r[0]   # make sure it starts with no magic
        r[1] = 0x00                                                     # ('B','\0' is not 'BM')
        add(f"random.{ext}", r.tobytes(), "error", "not a supported image", f"4096 seeded random bytes named .{ext}")
    add("png_leading_byte.png", b"\x00" + pic_png, "error", "not a supported image",
        "a valid PNG with one zero byte in front: signature no longer at offset 0")
    add("png_sig_lowercase.png", b"\x89png\r\n\x1a\n" + pic_png[8:], "error", "not a supported image",
        "PNG whose signature says 'png' in lower case (no magic)")
    small = Image.fromarray(picture(32, 24, seed=2))
    add("tiff_as.png", pil_bytes(small, "TIFF"), "error", "not a supported image",
        "TIFF (little-endian, uncompressed) named .png; ImageSharp 2.1 could decode it but the product excludes TIFF")
    add("tiff_bigendian_as.jpg", b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 0) + bytes(8),
        "error", "not a supported image", "big-endian TIFF header (MM*) with an empty IFD, named .jpg")
    add("webp_as.png", pil_bytes(small, "WEBP", lossless=True), "error", "not a supported image",
        "lossless WebP named .png; excluded format")
    add("webp_lossy_as.jpg", pil_bytes(small, "WEBP", quality=80, method=4), "error", "not a supported image",
        "lossy WebP named .jpg; excluded format")
    add("tga_as.png", pil_bytes(small, "TGA"), "error", "not a supported image",
        "uncompressed TGA named .png (TGA has no magic; excluded format)")
    add("tga_rle_as.png", pil_bytes(small, "TGA", compression="tga_rle"), "error", "not a supported image",
        "RLE TGA named .png; excluded format")
    add("ico_as.png", pil_bytes(Image.fromarray(picture(32, 32, seed=3)), "ICO", sizes=[(32, 32)]),
        "error", "not a supported image", "Windows ICO (PNG payload inside) named .png; excluded format")
    add("pbm_as.png", pil_bytes(small.convert("1"), "PPM"), "error", "not a supported image",
        "binary PBM (P4) named .png; excluded format")
    add("ppm_as.png", pil_bytes(small, "PPM"), "error", "not a supported image",
        "binary PPM (P6) named .png; excluded format")
    add("pgm_ascii_as.png", b"P2\n4 2\n255\n0 64 128 255\n255 128 64 0\n", "error", "not a supported image",
        "ASCII PGM (P2) named .png; excluded format")
    add("jpeg2000_as.jpg", pil_bytes(small, "JPEG2000"), "error", "not a supported image",
        "JPEG 2000 (JP2 box format) named .jpg; not JPEG")
    add("pcx_as.png", pil_bytes(small, "PCX"), "error", "not a supported image", "PCX named .png; excluded format")
    add("svg_as.png", b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        b'width="64" height="48"><rect width="64" height="48" fill="#c82828"/></svg>\n',
        "error", "not a supported image", "SVG (XML text) named .png; vector formats are not supported")
    add("pdf_as.png", b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
        "error", "not a supported image", "minimal PDF named .png")
    add("avif_as.png", struct.pack(">I", 28) + b"ftypavif" + b"\x00\x00\x00\x00" + b"avifmif1miaf" + bytes(64),
        "error", "not a supported image", "AVIF/ISO-BMFF 'ftyp' header named .png; excluded format")
    add("gzip_png.png", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + zlib.compress(pic_png, 9)[2:-4]
        + struct.pack("<II", zlib.crc32(pic_png), len(pic_png)),
        "error", "not a supported image", "a valid PNG wrapped in gzip (as a misconfigured server may send it)")

    # ------------------------------------------------------------------ PNG ok
    group("PNG, valid")
    add("png_rgb8.png", pic_png, "ok", "64x48", "8-bit RGB PNG, 64x48, four colour regions")
    add("png_named.jpg", pic_png, "ok", "64x48", "the same valid PNG named .jpg: content decides, not the extension")
    add("png_no_extension", pic_png, "ok", "64x48", "the same valid PNG with no file extension")
    add("png_1x1.png", make_png(np.array([[[200, 40, 40]]], np.uint8), 8, 2), "ok", "1x1", "1x1 RGB PNG (one pixel)")
    strip = picture(4000, 1, seed=4)
    add("png_4000x1.png", make_png(strip, 8, 2), "ok", "4000x1", "4000x1 RGB PNG (one row)")
    add("png_1x4000.png", make_png(picture(1, 4000, seed=5), 8, 2), "ok", "1x4000", "1x4000 RGB PNG (one column)")
    add("png_30000x1.png", make_png(picture(30000, 1, seed=6), 8, 2), "ok", "30000x1",
        "30000x1 RGB PNG: exactly at the 30,000 px side limit, so accepted")
    add("png_single_colour.png", make_png(np.full((48, 64, 3), (30, 144, 255), np.uint8), 8, 2), "ok", "64x48",
        "64x48 PNG of one single colour (fewer distinct colours than clusters)")
    g = picture(64, 48, seed=7).mean(axis=2).astype(np.uint8)
    add("png_gray8.png", make_png(g, 8, 0), "ok", "64x48", "8-bit greyscale PNG")
    add("png_gray16.png", make_png(g.astype(np.uint16) * 257, 16, 0), "ok", "64x48", "16-bit greyscale PNG")
    add("png_gray1.png", make_png((g > 100).astype(np.uint8), 1, 0), "ok", "64x48", "1-bit greyscale (black/white) PNG")
    add("png_gray4_odd.png", make_png((picture(37, 29, seed=8)[:, :, 0] >> 4), 4, 0), "ok", "37x29",
        "4-bit greyscale PNG with an odd width (row padding bits)")
    ga = np.stack([g, np.tile(np.linspace(0, 255, 64).astype(np.uint8), (48, 1))], axis=2)
    add("png_gray_alpha8.png", make_png(ga, 8, 4), "ok", "64x48",
        "8-bit greyscale+alpha PNG, alpha a horizontal ramp 0..255 (left column fully transparent)")
    add("png_gray_alpha16.png", make_png(ga.astype(np.uint16) * 257, 16, 4), "ok", "64x48", "16-bit greyscale+alpha PNG")
    add("png_rgb16.png", make_png(pic.astype(np.uint16) * 257 + 3, 16, 2), "ok", "64x48", "16-bit per channel RGB PNG")
    rgba = picture(64, 48, seed=9, alpha=True)
    rgba[:, :, 3] = np.tile(np.linspace(0, 255, 64).astype(np.uint8), (48, 1))
    add("png_rgba_alpha_gradient.png", make_png(rgba, 8, 6), "ok", "64x48",
        "8-bit RGBA PNG, alpha ramps 0..255 left to right (first column fully transparent, rest partly/fully opaque)")
    add("png_rgba16.png", make_png(rgba.astype(np.uint16) * 257, 16, 6), "ok", "64x48", "16-bit RGBA PNG with the alpha ramp")
    holes = picture(64, 48, seed=10, alpha=True)
    holes[10:40, 10:50, 3] = 0
    add("png_rgba_transparent_hole.png", make_png(holes, 8, 6), "ok", "64x48",
        "RGBA PNG with a large fully transparent rectangle (those pixels are not clustered)")
    one = np.zeros((48, 64, 4), np.uint8)
    one[..., :3] = (255, 0, 255)
    one[20, 30, 3] = 1
    add("png_rgba_one_pixel_alpha1.png", make_png(one, 8, 6), "ok", "64x48",
        "RGBA PNG where exactly one pixel has alpha=1 and all others alpha=0: one opaque pixel is enough")
    pal = [(200, 40, 40), (40, 90, 160), (60, 170, 70), (230, 220, 60)]
    idx = np.zeros((48, 64), np.uint8)
    idx[:, 16:32] = 1
    idx[:, 32:48] = 2
    idx[:, 48:] = 3
    plte = chunk(b"PLTE", b"".join(bytes(c) for c in pal))
    add("png_palette_trns.png", make_png(idx, 8, 3, pre=[plte, chunk(b"tRNS", bytes([0, 128, 255]))]), "ok", "64x48",
        "8-bit palette PNG with tRNS: index 0 transparent, 1 half, 2-3 opaque (tRNS shorter than PLTE)")
    add("png_palette2.png", make_png(idx, 2, 3, pre=[plte]), "ok", "64x48", "2-bit palette PNG (4 colours), no tRNS")
    add("png_interlaced.png", make_png(picture(37, 29, seed=11), 8, 2, interlace=1), "ok", "37x29",
        "Adam7-interlaced 8-bit RGB PNG, 37x29 (sizes not multiples of 8)")
    add("png_interlaced_rgba.png", make_png(rgba, 8, 6, interlace=1), "ok", "64x48", "Adam7-interlaced RGBA PNG")
    add("png_interlaced_1x1.png", make_png(np.array([[[200, 40, 40]]], np.uint8), 8, 2, interlace=1), "ok", "1x1",
        "VALID Adam7-interlaced 1x1 PNG (six of seven passes empty; Pillow/libpng decode it). ImageSharp 2.1.13 spins "
        "forever on it (CPU-bound, ignores cancellation); the loader decodes interlaced PNGs through Skia instead")
    add("png_interlaced_4x1.png", make_png(picture(4, 1, seed=22), 8, 2, interlace=1), "ok", "4x1",
        "VALID Adam7-interlaced 4x1 PNG; hangs ImageSharp 2.1.13 like png_interlaced_1x1.png (5x1 does not)")
    ramp = np.zeros((8, 1, 3), np.uint8)
    ramp[:, 0, 0] = np.arange(8) * 30
    add("png_interlaced_1x8.png", make_png(ramp, 8, 2, interlace=1), "ok", "1x8",
        "VALID Adam7-interlaced 1x8 red ramp: ImageSharp 2.1.13 does not hang on it but puts passes on the wrong rows "
        "(half the rows come out transparent); the loader test checks every pixel")
    add("png_interlaced_3x2_gray_alpha.png", make_png(np.array([[[10, 255], [90, 128], [170, 255]],
                                                                [[250, 0], [130, 255], [50, 64]]], np.uint8), 8, 4,
                                                      interlace=1), "ok", "3x2",
        "VALID Adam7-interlaced 3x2 greyscale+alpha PNG (another size that hangs ImageSharp 2.1.13)")
    il_pic = picture(37, 29, seed=11)
    il_raw = png_raw(il_pic, 8, 2, interlace=1)
    il_z = zlib.compress(il_raw, 9)
    il_head = PNG_SIG + ihdr(37, 29, 8, 2, 1)
    add("png_interlaced_trunc_zlib.png", il_head + chunk(b"IDAT", il_z[:len(il_z) // 2]) + chunk(b"IEND", b""),
        "error", "corrupt",
        "Adam7 PNG whose zlib stream stops halfway (IDAT CRC valid): ImageSharp 2.1.13 loops forever asking the "
        "inflater for more, at any width")
    add("png_interlaced_short_data.png", il_head + chunk(b"IDAT", zlib.compress(il_raw[:len(il_raw) // 2], 9))
        + chunk(b"IEND", b""), "error", "corrupt",
        "Adam7 PNG with a complete zlib stream that holds only half the rows' bytes: hangs ImageSharp 2.1.13")
    add("png_interlaced_cut_file.png", make_png(il_pic, 8, 2, interlace=1)[:400], "error", "corrupt",
        "Adam7 PNG cut after 400 bytes, inside its IDAT chunk")
    add("png_interlaced_second_idat_run.png", il_head + chunk(b"IDAT", il_z) + chunk(b"tEXt", b"k\x00v")
        + chunk(b"IDAT", zlib.compress(b"\x00" * 10)) + chunk(b"IEND", b""), "either", "",
        "complete Adam7 PNG followed by a tEXt and a second, short IDAT run: ImageSharp 2.1.13 restarts the passes "
        "on the second run and hangs")
    add("png_all_filters.png", make_png(picture(33, 20, seed=12), 8, 2, filters=[0, 1, 2, 3, 4]), "ok", "33x20",
        "RGB PNG whose rows cycle through filter types None/Sub/Up/Average/Paeth")
    add("png_many_idat.png", make_png(pic, 8, 2, idat_split=7, pre=[]), "ok", "64x48",
        "PNG with its zlib stream split into many 7-byte IDAT chunks")
    add("png_text_chunks.png", make_png(pic, 8, 2, pre=[
        chunk(b"tEXt", b"Comment\x00hostile corpus"),
        chunk(b"zTXt", b"Title\x00\x00" + zlib.compress(b"x" * 1000, 9)),
        chunk(b"iTXt", b"Author\x00\x00\x00\x00\x00\xc3\xa9t\xc3\xa9"),
        chunk(b"gAMA", struct.pack(">I", 45455)),
        chunk(b"prVt", b"private ancillary chunk")]), "ok", "64x48",
        "PNG with tEXt/zTXt/iTXt/gAMA and an unknown private ancillary chunk before IDAT")
    add("png_trailing_garbage.png", pic_png + b"GARBAGE AFTER IEND" * 20, "ok", "64x48",
        "valid PNG followed by 360 bytes of junk after IEND")
    apng = make_png(pic, 8, 2, pre=[chunk(b"acTL", struct.pack(">II", 2, 0)),
                                    chunk(b"fcTL", struct.pack(">IIIIIHHBB", 0, 64, 48, 0, 0, 1, 10, 0, 0))])
    add("png_apng.png", apng, "ok", "64x48",
        "APNG-style acTL/fcTL chunks (only one frame in IDAT): decoded as the still default image")
    ex = Image.Exif()
    ex[0x0112] = 6
    exif_tiff = ex.tobytes()[6:] if ex.tobytes().startswith(b"Exif\x00\x00") else ex.tobytes()
    add("png_exif_orientation6.png", make_png(picture(96, 64, seed=13), 8, 2, pre=[chunk(b"eXIf", exif_tiff)]),
        "ok", "64x96", "96x64 PNG with an eXIf chunk saying orientation 6: EXIF orientation applies to PNG too, so 64x96")
    add("png_bad_crc_ancillary.png", make_png(pic, 8, 2, pre=[chunk(b"tEXt", b"Comment\x00bad crc", crc=0xDEADBEEF)]),
        "either", "", "valid image data but a tEXt chunk with a wrong CRC (ancillary: decoders usually ignore it)")

    # ------------------------------------------------------------------ PNG transparency errors
    group("No opaque pixel")
    clear = picture(64, 48, seed=14, alpha=True)
    clear[..., 3] = 0
    add("png_fully_transparent.png", make_png(clear, 8, 6), "error", "no opaque",
        "RGBA PNG, every pixel alpha=0 (colour channels are NOT zero)")
    add("png_fully_transparent_zero.png", make_png(np.zeros((16, 16, 4), np.uint8), 8, 6), "error", "no opaque",
        "16x16 RGBA PNG, all bytes zero (transparent black)")
    add("png_palette_all_transparent.png", make_png(idx, 8, 3, pre=[plte, chunk(b"tRNS", bytes(4))]), "error", "no opaque",
        "palette PNG whose tRNS makes all four palette entries fully transparent")
    add("png_rgb_trns_colorkey.png", make_png(np.full((16, 16, 3), (10, 20, 30), np.uint8), 8, 2,
                                              pre=[chunk(b"tRNS", struct.pack(">HHH", 10, 20, 30))]),
        "error", "no opaque", "RGB PNG of one colour that its tRNS colour key declares transparent")
    add("png_gray_alpha_all_zero.png", make_png(np.stack([g, np.zeros_like(g)], axis=2), 8, 4), "error", "no opaque",
        "greyscale+alpha PNG with alpha=0 everywhere")

    # ------------------------------------------------------------------ PNG limits
    group("Declared dimensions beyond the limits")
    add("png_16000x16000.png", png_streamed_solid(16000, 16000, (30, 144, 255)), "error", "too large",
        "a REAL one-colour 16000x16000 RGB PNG (256 Mpx, 768 MB raw, 1 GB as RGBA): over 100 Mpx, must be refused from the header")
    add("png_40000x10.png", make_png(np.full((10, 40000, 3), (200, 40, 40), np.uint8), 8, 2), "error", "too large",
        "a real 40000x10 RGB PNG: only 400,000 px but wider than 30,000 px per side")
    add("png_30001x1.png", make_png(picture(30001, 1, seed=6), 8, 2), "error", "too large",
        "a real 30001x1 RGB PNG: one pixel over the side limit")
    bits = np.zeros((10001, 10000), np.uint8)
    add("png_10000x10001_1bit.png", make_png(bits, 1, 0), "error", "too large",
        "a real 1-bit 10000x10001 PNG: 100,010,000 px, just over the 100 Mpx limit with both sides under 30,000")
    fake_idat = chunk(b"IDAT", zlib.compress(b"\x00" * 64, 9))
    add("png_width_2147483647.png", PNG_SIG + ihdr(0x7FFFFFFF, 1, 8, 2) + fake_idat + chunk(b"IEND", b""),
        "error", "too large", "IHDR claims 2147483647x1 (the PNG maximum) with a tiny IDAT")
    add("png_2147483647_square.png", PNG_SIG + ihdr(0x7FFFFFFF, 0x7FFFFFFF, 8, 6) + fake_idat + chunk(b"IEND", b""),
        "error", "too large", "IHDR claims 2147483647x2147483647 RGBA: width*height needs 62 bits, width*height*4 overflows even a signed 64-bit integer")
    add("png_65535x65535.png", PNG_SIG + ihdr(65535, 65535, 8, 6) + fake_idat + chunk(b"IEND", b""),
        "error", "too large", "IHDR claims 65535x65535 RGBA (65535*65535 already overflows int32) with a tiny IDAT")

    # ------------------------------------------------------------------ PNG corrupt
    group("PNG, damaged")
    chunks = png_chunks(pic_png)
    ihdr_end = chunks[0][0] + 12 + chunks[0][1]
    idat_off, idat_len = chunks[1][0], chunks[1][1]
    add("png_signature_only.png", PNG_SIG, "error", "corrupt", "the 8-byte PNG signature and nothing else")
    add("png_trunc_mid_ihdr.png", pic_png[:20], "error", "corrupt", "PNG cut inside the IHDR chunk (20 bytes)")
    add("png_trunc_after_ihdr.png", pic_png[:ihdr_end], "error", "corrupt",
        "PNG signature + complete IHDR, then end of file: header readable, no image data")
    add("png_trunc_idat_header.png", pic_png[:idat_off + 8], "either", "",
        "PNG cut right after the IDAT length+type (no compressed data at all)")
    add("png_trunc_mid_idat.png", pic_png[:idat_off + 8 + idat_len // 2], "either", "",
        "PNG cut in the middle of its only IDAT (about half the rows' data); best-effort decoders fill the rest")
    add("png_trunc_idat_10pct.png", pic_png[:idat_off + 8 + idat_len // 10], "either", "",
        "PNG cut after 10% of its IDAT data")
    add("png_no_iend.png", pic_png[:chunks[-1][0]], "either", "",
        "complete PNG with the final IEND chunk missing (all image data present)")
    add("png_trunc_idat_crc.png", pic_png[:idat_off + 8 + idat_len + 2], "either", "",
        "PNG cut inside the IDAT CRC (all data present, CRC incomplete, no IEND)")
    add("png_bad_crc_ihdr.png", patch(pic_png, ihdr_end - 4, b"\xde\xad\xbe\xef"), "error", "corrupt",
        "PNG whose IHDR CRC is wrong (critical chunk)")
    add("png_bad_crc_idat.png", patch(pic_png, idat_off + 8 + idat_len, b"\xde\xad\xbe\xef"), "error", "corrupt",
        "PNG whose IDAT CRC is wrong (data itself intact)")
    bad_data = bytearray(pic_png)
    for k in range(idat_off + 8 + 40, idat_off + 8 + 100):
        bad_data[k] ^= 0x5A
    bad_data = bytes(bad_data[:idat_off + 8 + idat_len]) + struct.pack(">I", zlib.crc32(bytes(bad_data[idat_off + 4:idat_off + 8 + idat_len]))) + bytes(bad_data[idat_off + 12 + idat_len:])
    add("png_corrupt_deflate.png", bad_data, "either", "",
        "PNG whose IDAT deflate data is scrambled in the middle but whose CRC was recomputed (so only inflate can notice)")
    add("png_bad_zlib_header.png", PNG_SIG + ihdr(64, 48, 8, 2) + chunk(b"IDAT", b"\xff\xff" + zlib.compress(png_raw(pic, 8, 2))[2:])
        + chunk(b"IEND", b""), "error", "corrupt", "IDAT starts with an invalid zlib header (0xFFFF) followed by valid deflate data")
    raw = bytearray(png_raw(pic, 8, 2))
    raw[0] = 7
    raw[(1 + 64 * 3) * 10] = 200
    add("png_bad_filter_type.png", PNG_SIG + ihdr(64, 48, 8, 2) + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""),
        "error", "corrupt", "rows use undefined filter types 7 and 200 (valid zlib, valid CRCs)")
    add("png_bad_bit_depth.png", PNG_SIG + ihdr(64, 48, 3, 2) + chunk(b"IDAT", zlib.compress(png_raw(pic, 8, 2))) + chunk(b"IEND", b""),
        "error", "corrupt", "IHDR with RGB colour type and bit depth 3 (an invalid combination)")
    add("png_bad_color_type.png", PNG_SIG + ihdr(64, 48, 8, 5) + chunk(b"IDAT", zlib.compress(png_raw(pic, 8, 2))) + chunk(b"IEND", b""),
        "error", "corrupt", "IHDR with colour type 5 (does not exist)")
    add("png_zero_size.png", PNG_SIG + ihdr(0, 0, 8, 2) + fake_idat + chunk(b"IEND", b""), "error", "corrupt",
        "IHDR claims 0x0 pixels")
    add("png_zero_height.png", PNG_SIG + ihdr(64, 0, 8, 2) + fake_idat + chunk(b"IEND", b""), "error", "corrupt",
        "IHDR claims 64x0 pixels")
    add("png_width_2147483648.png", PNG_SIG + ihdr(0x80000000, 1, 8, 2) + fake_idat + chunk(b"IEND", b""), "either", "",
        "IHDR width 2^31 (out of PNG's range; negative as a signed 32-bit int): refused, as corrupt or too large")
    add("png_palette_missing_plte.png", make_png(idx, 8, 3), "either", "",
        "palette PNG with no PLTE chunk at all (required by the spec)")
    add("png_palette_index_out_of_range.png", make_png(np.full((16, 16), 200, np.uint8), 8, 3, pre=[plte]), "either", "",
        "palette PNG whose pixels use index 200 while PLTE has 4 entries")
    add("png_short_rows.png", PNG_SIG + ihdr(64, 48, 8, 2) + chunk(b"IDAT", zlib.compress(png_raw(pic, 8, 2)[:5000], 9)) + chunk(b"IEND", b""),
        "either", "", "zlib stream complete and valid but holds only 5000 of the 9264 bytes the rows need")
    add("png_zip_bomb.png", PNG_SIG + ihdr(16, 16, 8, 2) + chunk(b"IDAT", zlib.compress(bytes(32 << 20), 9)) + chunk(b"IEND", b""),
        "either", "", "16x16 RGB PNG whose IDAT inflates to 32 MiB (rows need 784 bytes): must not inflate it all into memory")
    big_anc = PNG_SIG + ihdr(64, 48, 8, 2) + struct.pack(">I", 0x7FFFFFF0) + b"tEXt" + b"Comment\x00x" * 4 + pic_png[idat_off:]
    add("png_huge_chunk_length.png", big_anc, "either", "",
        "tEXt chunk whose length field says 0x7FFFFFF0 (2 GiB) in a 1 KB file: must not allocate it")
    neg_anc = PNG_SIG + ihdr(64, 48, 8, 2) + struct.pack(">I", 0xFFFFFFFF) + b"zzZz" + bytes(16) + pic_png[idat_off:]
    add("png_chunk_length_ffffffff.png", neg_anc, "either", "",
        "private chunk whose length field is 0xFFFFFFFF (-1 as a signed int, beyond PNG's 2^31-1)")
    huge_idat = PNG_SIG + ihdr(64, 48, 8, 2) + struct.pack(">I", 0x7FFFFFFF) + b"IDAT" + pic_png[idat_off + 8:]
    add("png_huge_idat_length.png", huge_idat, "either", "",
        "IDAT whose length field says 2^31-1 while the file ends after ~1 KB")
    add("png_idat_before_ihdr.png", PNG_SIG + pic_png[idat_off:chunks[-1][0]] + pic_png[8:ihdr_end] + chunk(b"IEND", b""),
        "either", "", "IDAT chunk placed before IHDR (chunk order violation)")
    add("png_two_ihdr.png", PNG_SIG + pic_png[8:ihdr_end] + ihdr(30000, 30000, 8, 2) + pic_png[ihdr_end:],
        "either", "", "two IHDR chunks: 64x48, then one claiming 30000x30000 (900 Mpx); if the second wins it is too large")

    # ------------------------------------------------------------------ JPEG
    group("JPEG")
    jpg = pil_bytes(Image.fromarray(pic), "JPEG", quality=90)
    add("jpeg_baseline.jpg", jpg, "ok", "64x48", "baseline 4:2:0 JPEG, 64x48")
    add("jpeg_named.png", jpg, "ok", "64x48", "the same baseline JPEG named .png: content decides")
    add("jpeg_odd_size_444.jpg", pil_bytes(Image.fromarray(picture(33, 17, seed=15)), "JPEG", quality=95, subsampling=0),
        "ok", "33x17", "4:4:4 JPEG with odd dimensions 33x17 (partial MCUs)")
    add("jpeg_odd_size_420.jpg", pil_bytes(Image.fromarray(picture(33, 17, seed=15)), "JPEG", quality=95, subsampling=2),
        "ok", "33x17", "4:2:0 JPEG with odd dimensions 33x17")
    add("jpeg_grayscale.jpg", pil_bytes(Image.fromarray(g), "JPEG", quality=90), "ok", "64x48", "single-component greyscale JPEG")
    cmyk = Image.fromarray(pic).convert("CMYK")
    add("jpeg_cmyk.jpg", pil_bytes(cmyk, "JPEG", quality=90), "ok", "64x48",
        "4-component CMYK JPEG with an Adobe APP14 marker (Photoshop-style inverted CMYK)")
    add("jpeg_progressive.jpg", pil_bytes(Image.fromarray(pic), "JPEG", quality=90, progressive=True), "ok", "64x48",
        "progressive JPEG (multiple scans)")
    add("jpeg_optimized.jpg", pil_bytes(Image.fromarray(pic), "JPEG", quality=75, optimize=True), "ok", "64x48",
        "baseline JPEG with optimised Huffman tables")
    opic = picture(96, 64, seed=16)
    for o, size, what in ((1, "96x64", "normal"), (2, "96x64", "mirrored horizontally"), (3, "96x64", "rotated 180"),
                          (5, "64x96", "transposed"), (6, "64x96", "rotate 90 CW to view"), (7, "64x96", "transversed"),
                          (8, "64x96", "rotate 270 CW to view")):
        add(f"jpeg_exif_orientation{o}.jpg", jpeg_with_exif(opic, o), "ok", size,
            f"96x64 stored JPEG with EXIF orientation {o} ({what}): output {size}")
    add("jpeg_exif_orientation9.jpg", jpeg_with_exif(opic, 9), "ok", "96x64",
        "96x64 JPEG with an invalid EXIF orientation 9: ignored, output stays 96x64")
    add("jpeg_exif_orientation0.jpg", jpeg_with_exif(opic, 0), "ok", "96x64",
        "96x64 JPEG with an invalid EXIF orientation 0: ignored, output stays 96x64")
    j = jpg
    segs = jpeg_segments(j)
    app0 = [o for o, m in segs if m == 0xE0][0]
    broken_exif = b"\xff\xe1" + struct.pack(">H", 2 + 6 + 16) + b"Exif\x00\x00" + b"II\x2a\x00\xff\xff\xff\x7f" + bytes(8)
    add("jpeg_exif_garbage.jpg", j[:app0] + broken_exif + j[app0:], "either", "",
        "JPEG with an APP1 Exif segment whose IFD offset points far outside the segment; image data intact")
    add("jpeg_png_in_app.jpg", j[:app0] + b"\xff\xe5" + struct.pack(">H", 2 + len(pic_png[:200])) + pic_png[:200] + j[app0:],
        "ok", "64x48", "valid JPEG carrying PNG bytes inside an APP5 segment (polyglot-ish); it is a JPEG")

    # JPEG damage
    sos = [o for o, m in segs if m == 0xDA][0]
    sos_len = struct.unpack(">H", j[sos + 2:sos + 4])[0]
    scan = sos + 2 + sos_len
    add("jpeg_soi_only.jpg", b"\xff\xd8", "either", "",
        "only the 2-byte JPEG SOI marker (no third 0xFF): too short to be detected as JPEG, or detected and corrupt")
    add("jpeg_soi_ff.jpg", b"\xff\xd8\xff", "either", "",
        "JPEG magic FF D8 FF and nothing else: too short for some detectors (not a supported image) or corrupt; an error either way")
    add("jpeg_app0_only.jpg", j[:app0 + 4 + 7], "error", "corrupt",
        "JPEG SOI + the first 9 bytes of a JFIF APP0 segment, then end of file: recognisably JPEG, nothing decodable")
    add("jpeg_trunc_header.jpg", j[:sos - 20], "error", "corrupt",
        "JPEG cut inside its header segments, before the start of scan (no image data)")
    add("jpeg_trunc_half.jpg", j[:scan + (len(j) - scan) // 2], "either", "",
        "JPEG cut halfway through its entropy-coded data (no EOI); best-effort decoders grey-fill the rest")
    add("jpeg_trunc_after_sos.jpg", j[:scan], "either", "", "JPEG cut right after the SOS header (no scan data)")
    add("jpeg_no_eoi.jpg", j[:-2], "either", "", "complete JPEG minus the final EOI marker")
    pj = pil_bytes(Image.fromarray(pic), "JPEG", quality=90, progressive=True)
    add("jpeg_progressive_trunc.jpg", pj[:len(pj) * 2 // 3], "either", "", "progressive JPEG cut after two-thirds (later scans missing)")
    rb = bytearray(j)
    r = rng(200).integers(0, 255, 80, dtype=np.uint8)               # 0..254: no 0xFF, so no fake markers
    mid = scan + (len(j) - scan) // 3
    rb[mid:mid + 80] = r.tobytes()
    add("jpeg_corrupt_huffman.jpg", bytes(rb), "either", "",
        "baseline JPEG with 80 bytes of its Huffman-coded scan data replaced by random bytes (no 0xFF)")
    rb2 = bytearray(j)
    for k in range(scan + 10, len(j) - 2, 37):
        rb2[k] = 0xFF                                                # stray markers everywhere
        rb2[k + 1] = 0xD3 if k % 2 else 0x00
    add("jpeg_stray_markers.jpg", bytes(rb2), "either", "",
        "baseline JPEG whose scan data is sprinkled with stray 0xFF / RST markers")
    dht = [o for o, m in segs if m == 0xC4][0]
    bad_dht = bytearray(j)
    bad_dht[dht + 5:dht + 5 + 16] = bytes([0, 255, 255, 255] + [0] * 12)     # 765 codes: oversubscribed table
    add("jpeg_bad_dht.jpg", bytes(bad_dht), "error", "corrupt",
        "JPEG whose first Huffman table declares 765 codes of lengths 2-4 (impossible, oversubscribed)")
    nodht = b"".join(j[o:o2] for (o, m), (o2, _) in zip(segs, segs[1:] + [(len(j), 0)]) if m != 0xC4)
    add("jpeg_no_dht.jpg", j[:2] + nodht, "either", "",
        "JPEG with every DHT segment removed (no Huffman tables; real MJPEG would imply the standard ones)")
    noqt = b"".join(j[o:o2] for (o, m), (o2, _) in zip(segs, segs[1:] + [(len(j), 0)]) if m != 0xDB)
    add("jpeg_no_dqt.jpg", j[:2] + noqt, "either", "", "JPEG with every DQT segment removed (no quantisation tables)")
    add("jpeg_sof_65000x65000.jpg", jpeg_sof_patch(j, 65000, 65000), "error", "too large",
        "baseline JPEG whose SOF0 claims 65000x65000 (4.2 Gpx) with 64x48 worth of data")
    add("jpeg_sof_40000x8.jpg", jpeg_sof_patch(j, 40000, 8), "error", "too large",
        "baseline JPEG whose SOF0 claims 40000x8 (over the side limit only)")
    add("jpeg_sof_height0.jpg", jpeg_sof_patch(j, 64, 0), "error", "corrupt",
        "JPEG whose SOF0 height is 0 (DNL-style, not supported)")
    add("jpeg_sof_0x0.jpg", jpeg_sof_patch(j, 0, 0), "error", "corrupt", "JPEG whose SOF0 claims 0x0")
    sof = [o for o, m in segs if m == 0xC0][0]
    add("jpeg_sof_12bit.jpg", patch(j, sof + 4, b"\x0c"), "either", "",
        "baseline JPEG whose SOF0 precision byte says 12 bits (data is 8-bit)")
    arith = patch(j, sof + 1, b"\xc9")
    add("jpeg_arithmetic_sof.jpg", arith, "either", "",
        "JPEG with its SOF0 marker changed to SOF9 (arithmetic coding; scan data is really Huffman)")
    add("jpeg_lossless_sof3.jpg", patch(j, sof + 1, b"\xc3"), "either", "",
        "JPEG with its SOF0 marker changed to SOF3 (lossless JPEG, unsupported by most decoders)")
    add("jpeg_sof_components0.jpg", patch(j, sof + 9, b"\x00"), "error", "corrupt",
        "JPEG whose SOF0 says zero components")
    add("jpeg_segment_len_past_eof.jpg", patch(j, app0 + 2, b"\xff\xf0"), "error", "corrupt",
        "JPEG whose APP0 length field (65520) runs past the end of the file, swallowing SOF and scan")

    # ------------------------------------------------------------------ BMP
    group("BMP")
    bpic = picture(64, 48, seed=17)
    bgr_rows = [bpic[y, :, ::-1].tobytes() for y in range(48)]
    add("bmp_24bit.bmp", bmp(64, 48, 24, bgr_rows), "ok", "64x48", "24-bit BI_RGB BMP, bottom-up")
    add("bmp_24bit_odd.bmp", bmp(37, 29, 24, [picture(37, 29, seed=18)[y, :, ::-1].tobytes() for y in range(29)]),
        "ok", "37x29", "24-bit BMP, odd width 37 (row padding)")
    add("bmp_24bit_topdown.bmp", bmp(64, 48, 24, bgr_rows, top_down=True), "ok", "64x48", "24-bit BMP with negative height (top-down rows)")
    a = np.tile(np.linspace(0, 255, 64).astype(np.uint8), (48, 1))
    bgra_rows = [np.concatenate([bpic[y, :, ::-1], a[y, :, None]], axis=1).tobytes() for y in range(48)]
    add("bmp_32bit_alpha_v5.bmp", bmp(64, 48, 32, bgra_rows, header="v5", compression=3,
                                       masks=(0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000)),
        "ok", "64x48", "32-bit BMP, BITMAPV5HEADER with BI_BITFIELDS and an alpha mask; alpha ramps 0..255 left to right")
    clear_rows = [np.concatenate([bpic[y, :, ::-1], np.zeros((64, 1), np.uint8)], axis=1).tobytes() for y in range(48)]
    add("bmp_32bit_alpha_v5_all_transparent.bmp", bmp(64, 48, 32, clear_rows, header="v5", compression=3,
                                                      masks=(0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000)),
        "error", "no opaque", "32-bit V5 BMP with an explicit alpha mask and alpha=0 in every pixel")
    add("bmp_32bit_rgb_zero_alpha.bmp", bmp(64, 48, 32, clear_rows), "ok", "64x48",
        "32-bit BI_RGB BMP (40-byte header, no alpha mask) whose 4th bytes are all 0: that byte is padding, not alpha, "
        "so the image is opaque")
    pal8 = [tuple(int(v) for v in c) for c in rng(19).integers(0, 256, (256, 3))]
    pal8[:4] = pal
    idx8 = np.zeros((48, 64), np.uint8)
    idx8[:, 16:32], idx8[:, 32:48], idx8[:, 48:] = 1, 2, 3
    idx8[20:28, 20:44] = np.arange(24, dtype=np.uint8) + 100
    add("bmp_8bit_palette.bmp", bmp(64, 48, 8, [idx8[y].tobytes() for y in range(48)], palette=pal8), "ok", "64x48",
        "8-bit paletted BMP, 256-entry palette")
    add("bmp_4bit_palette.bmp", bmp(37, 29, 4, pack_rows((picture(37, 29, seed=20)[:, :, 0] >> 4), 4, 0),
                                   palette=[(i * 17, 255 - i * 17, (i * 53) % 256) for i in range(16)]),
        "ok", "37x29", "4-bit paletted BMP, odd width")
    add("bmp_1bit.bmp", bmp(64, 48, 1, pack_rows((g > 100).astype(np.uint8), 1, 0), palette=[(0, 0, 0), (255, 255, 255)]),
        "ok", "64x48", "1-bit monochrome BMP")
    p565 = ((bpic[..., 0].astype(np.uint16) >> 3) << 11) | ((bpic[..., 1].astype(np.uint16) >> 2) << 5) | (bpic[..., 2] >> 3)
    add("bmp_16bit_565.bmp", bmp(64, 48, 16, [p565[y].astype("<u2").tobytes() for y in range(48)], compression=3,
                                masks=(0xF800, 0x07E0, 0x001F)), "ok", "64x48", "16-bit RGB565 BMP (BI_BITFIELDS)")
    # RLE8: each row: runs of (count, index), end-of-line 0 0; end-of-bitmap 0 1
    rle = bytearray()
    for y in reversed(range(48)):
        row = idx8[y]
        x = 0
        while x < 64:
            n = 1
            while x + n < 64 and n < 255 and row[x + n] == row[x]:
                n += 1
            rle += bytes((n, int(row[x])))
            x += n
        rle += b"\x00\x00"
    rle += b"\x00\x01"
    add("bmp_rle8.bmp", bmp(64, 48, 8, None, palette=pal8, compression=1, raw_override=bytes(rle)), "ok", "64x48",
        "8-bit RLE-compressed BMP (BI_RLE8)")
    add("bmp_os2_core.bmp", bmp(64, 48, 24, bgr_rows, header="core"), "ok", "64x48",
        "24-bit BMP with the old 12-byte OS/2 BITMAPCOREHEADER")
    bmp24 = bmp(64, 48, 24, bgr_rows)
    add("bmp_trunc_half.bmp", bmp24[:len(bmp24) // 2], "either", "", "24-bit BMP cut in the middle of its pixel data")
    add("bmp_trunc_header.bmp", bmp24[:30], "error", "corrupt", "BMP cut inside its 40-byte info header (30 bytes)")
    add("bmp_file_header_only.bmp", bmp24[:14], "either", "",
        "only the 14-byte BMP file header ('BM' magic): too short for some detectors (not a supported image) or corrupt; an error either way")
    tiny = bmp(4, 4, 24, [bytes(12)] * 4)
    add("bmp_huge_50000x50000.bmp", bmp(4, 4, 24, [bytes(12)] * 4, declared_w=50000, declared_h=50000), "error", "too large",
        "24-bit BMP header claiming 50000x50000 (7.5 GB of pixels) with 48 bytes of data")
    add("bmp_huge_20000x20000.bmp", bmp(4, 4, 24, [bytes(12)] * 4, declared_w=20000, declared_h=20000), "error", "too large",
        "24-bit BMP header claiming 20000x20000 (400 Mpx: sides fine, pixel count over 100 Mpx)")
    add("bmp_height_int_min.bmp", bmp(4, 4, 24, [bytes(12)] * 4, declared_h=-0x80000000), "either", "",
        "BMP height -2147483648 (int.MinValue: Math.Abs overflows); must be refused cleanly (corrupt or too large)")
    add("bmp_negative_width.bmp", bmp(4, 4, 24, [bytes(12)] * 4, declared_w=-4), "error", "corrupt", "BMP width -4")
    add("bmp_zero_size.bmp", bmp(4, 4, 24, [bytes(12)] * 4, declared_w=0, declared_h=0), "error", "corrupt", "BMP claiming 0x0")
    add("bmp_bad_bpp.bmp", patch(tiny, 28, struct.pack("<H", 7)), "error", "corrupt",
        "BMP with 7 bits per pixel (not a valid depth)")
    add("bmp_clrused_huge.bmp", bmp(64, 48, 8, [idx8[y].tobytes() for y in range(48)], palette=pal8, clr_used=0x40000000),
        "either", "", "8-bit BMP whose biClrUsed says 2^30 palette entries (4 GiB palette)")
    add("bmp_offset_past_eof.bmp", bmp(64, 48, 24, bgr_rows, offset_override=0x7FFFFFF0), "error", "corrupt",
        "24-bit BMP whose pixel-data offset points 2 GiB past the end of the file")
    add("bmp_rle8_bad_delta.bmp", bmp(64, 48, 8, None, palette=pal8, compression=1,
                                      raw_override=b"\x04\x01\x00\x02\xff\xff\x04\x02" * 20 + b"\x00\x01"),
        "either", "", "RLE8 BMP whose delta escapes jump 255 columns/rows outside the image")

    # ------------------------------------------------------------------ GIF
    group("GIF")
    gpal = [(200, 40, 40), (40, 90, 160), (60, 170, 70), (230, 220, 60), (0, 0, 0)]
    gidx = np.ones((48, 64), np.uint8)
    gidx[:24, :32] = 0
    gidx[30:, 40:] = 2
    gidx[44:, :] = 3
    gstatic = gif(64, 48, gpal, [(0, 0, gidx, None, 0)])
    add("gif_static.gif", gstatic, "ok", "64x48", "static GIF89a, 64x48, one frame")
    add("gif_named.png", gstatic, "ok", "64x48", "the same GIF named .png: content decides")
    pil_gif = pil_bytes(Image.fromarray(picture(64, 48, seed=21)).quantize(16, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE), "GIF")
    add("gif_pil_interlaced.gif", pil_gif, "ok", "64x48", "16-colour GIF written by Pillow (interlaced)")
    frames = []
    for k in range(5):
        fi = np.full((48, 64), k % 4, np.uint8)
        fi[:, k * 10:k * 10 + 10] = 4
        frames.append((0, 0, fi, None, 10))
    frames.append((10, 10, np.full((8, 8), 2, np.uint8), None, 10))
    add("gif_animated.gif", gif(64, 48, gpal, frames, loop=True), "ok", "64x48",
        "looping animated GIF, 6 frames (the last a partial 8x8 frame): the first frame is used")
    tidx = gidx.copy()
    tidx[:, :20] = 4
    add("gif_transparent.gif", gif(64, 48, gpal, [(0, 0, tidx, 4, 0)]), "ok", "64x48",
        "GIF whose transparent index covers the left 20 columns")
    add("gif_all_transparent.gif", gif(64, 48, gpal, [(0, 0, np.full((48, 64), 4, np.uint8), 4, 0)]), "error", "no opaque",
        "GIF whose single frame uses only the transparent index")
    add("gif_small_frame_in_screen.gif", gif(64, 48, gpal, [(20, 10, np.full((8, 8), 2, np.uint8), None, 0)]), "ok", "64x48",
        "64x48 logical screen with one opaque 8x8 frame at (20,10): the canvas is 64x48 whatever fills the rest")
    anim_first_clear = gif(64, 48, gpal, [(0, 0, np.full((48, 64), 4, np.uint8), 4, 10)] + frames[:2], loop=True)
    add("gif_animated_first_frame_transparent.gif", anim_first_clear, "error", "no opaque",
        "animated GIF whose FIRST frame is fully transparent (later frames are opaque): only the first frame counts")
    add("gif_trunc_half.gif", gstatic[:len(gstatic) // 2], "either", "", "static GIF cut in the middle of its LZW data")
    add("gif_trunc_after_header.gif", gstatic[:13], "error", "corrupt",
        "GIF header + logical screen descriptor only (no colour table, no frames)")
    add("gif_no_trailer.gif", gstatic[:-1], "either", "", "complete GIF missing only its 0x3B trailer")
    add("gif_no_frames.gif", gstatic[:13 + 768] + b"\x3b", "error", "corrupt",
        "GIF with header, global colour table and trailer but no image at all")
    add("gif_65535x65535.gif", gif(65535, 65535, gpal, [(0, 0, np.ones((8, 8), np.uint8), None, 0)]), "error", "too large",
        "GIF whose logical screen is 65535x65535 (4.3 Gpx) with one 8x8 frame")
    add("gif_frame_outside_screen.gif", gif(16, 16, gpal, [(60000, 60000, np.ones((8, 8), np.uint8), None, 0)]), "either", "",
        "16x16 GIF whose only frame sits at (60000,60000), far outside the logical screen")
    add("gif_frame_larger_than_screen.gif", gif(16, 16, gpal, [(0, 0, gidx, None, 0)]), "either", "",
        "16x16 logical screen holding a 64x48 frame (frame overflows the canvas)")
    bad_lzw = bytearray(gstatic)
    lzw_start = 13 + 768 + 8 + 10 + 2                                     # after GCE, descriptor, min code size, block len
    for k in range(lzw_start + 10, lzw_start + 60):
        bad_lzw[k] = 0xFF
    add("gif_bad_lzw.gif", bytes(bad_lzw), "either", "",
        "GIF whose LZW stream holds 50 bytes of 0xFF (codes beyond the table)")
    add("gif_lzw_codesize_12.gif", patch(gstatic, lzw_start - 2, b"\x0c"), "either", "",
        "GIF whose LZW minimum code size byte is 12 (the maximum allowed is 8; decoders must not overflow)")
    add("gif87a.gif", b"GIF87a" + gstatic[6:13 + 768] + gstatic[13 + 768 + 8:], "ok", "64x48",
        "GIF87a version header, no extensions")

    # ------------------------------------------------------------------ issue #12: metadata floods, 16-bit keys
    group("Metadata floods and 16-bit colour keys")
    solid8 = np.full((8, 8, 3), (10, 20, 30), np.uint8)
    bomb = zlib.compress(bytes(1 << 30), 9)                                # 1 GiB of zeros in ~1 MB
    add("png_ztxt_bomb_1gb.png", make_png(solid8, 8, 2, pre=[chunk(b"zTXt", b"Comment\x00\x00" + bomb)]), "ok", "8x8",
        "8x8 PNG with a zTXt chunk of ~1 MB that inflates to 1 GiB: ImageSharp 2.1.13 inflated it in Identify "
        "(2.9 GB, out of memory); our decoders skip text chunks")
    bomb256 = zlib.compress(bytes(256 << 20), 9)
    add("png_itxt_bomb_256mb.png", make_png(solid8, 8, 2, pre=[
        chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x01\x00\x00\x00" + bomb256)] * 2), "ok", "8x8",
        "8x8 PNG with two compressed iTXt chunks of ~250 KB, each inflating to 256 MiB: skipped")
    key = np.zeros((16, 16, 3), np.uint16)
    key[:, :] = (1000, 2000, 3000)
    key[::2, 1::2] = (4000, 5000, 6000)
    key[1::2, ::2] = (4000, 5000, 6000)
    add("png_rgb16_trns_colorkey_half.png", make_png(key, 16, 2, pre=[chunk(b"tRNS", struct.pack(">HHH", 1000, 2000, 3000))]),
        "ok", "16x16", "16-bit RGB checkerboard whose tRNS key makes half the pixels transparent (ImageSharp 2.1.13 "
        "reads the key byte-swapped and kept them opaque; such PNGs go to libpng)")
    add("png_rgb16_trns_colorkey.png", make_png(np.full((16, 16, 3), 1000, np.uint16), 16, 2,
                                                pre=[chunk(b"tRNS", struct.pack(">HHH", 1000, 1000, 1000))]),
        "error", "no opaque", "16-bit RGB PNG of one colour that its tRNS colour key declares transparent")
    gkey = np.where((np.indices((16, 16)).sum(axis=0) % 2) == 0, 1000, 40000).astype(np.uint16)
    add("png_gray16_trns_colorkey_half.png", make_png(gkey, 16, 0, pre=[chunk(b"tRNS", struct.pack(">H", 1000))]),
        "ok", "16x16", "16-bit grey checkerboard whose tRNS key (1000) makes half the pixels transparent")
    jp = pil_bytes(Image.fromarray(picture(64, 48, seed=3)), "JPEG", quality=90)
    exif_seg = b"\xff\xe1" + struct.pack(">H", 65535) + b"Exif\x00\x00II*\x00\x08\x00\x00\x00" + bytes(65535 - 16)
    icc_segs = b"".join(b"\xff\xe2" + struct.pack(">H", 65535) + b"ICC_PROFILE\x00" + bytes([i + 1, 8]) + bytes(65535 - 16)
                        for i in range(8))
    add("jpeg_app_segments_1mb.jpg", jp[:2] + exif_seg * 8 + icc_segs + jp[2:], "ok", "64x48",
        "JPEG with 8 full APP1 (EXIF) and 8 full APP2 (ICC) segments, 1 MB of metadata: under the 16 MB cap, skipped "
        "in linear time (ImageSharp 2.1.13 appended them at ~2 MB/s)")

    # Inputs the mutation fuzzer (tests/MlNetSegment.Fuzz) made fail, kept byte for byte in fuzz-regressions/.
    group("Fuzz regressions")
    for name, verdict, expect, note in FUZZ_REGRESSIONS:
        with open(os.path.join(HERE, "fuzz-regressions", name), "rb") as fh:
            add("fuzz_" + name, fh.read(), verdict, expect, note)
    return


FUZZ_REGRESSIONS = [
    ("bmp_palette_divide_by_zero.bmp", "error", "corrupt",
     "fuzzer seed 1 input #26921 (from bmp_1bit.bmp): a paletted BMP whose header makes ImageSharp 2.1.13's palette "
     "reader divide by zero; was reported as a crash, now corrupt"),
    ("gif_rare_colours_sample.gif", "ok", "26688x48",
     "fuzzer seed 1 input #33414 (from gif_animated.gif): a wide GIF of one main colour with rare others; with "
     "--sample-pixels 1000 -k 3 the sample held 2 distinct colours and ML.NET's k-means++ threw"),
    ("png_chunk_length_beyond_2gb.png", "error", "corrupt",
     "fuzzer seed 1 input #22 (from png_single_colour.png): a chunk length of 2^31-16; the container scan seeked a "
     "MemoryStream past 2 GB (ArgumentOutOfRangeException), now it stops walking at the end of the data"),
    ("png_interlaced_chunk_length_beyond_2gb.png", "either", "",
     "fuzzer seed 1 input #78 (from png_interlaced_3x2_gray_alpha.png): the same lie in an interlaced PNG"),
]


def main():
    build()
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    with open(MANIFEST, "w", encoding="utf-8", newline="\n") as m:
        m.write("file\tverdict\texpect\tnote\n")
        for name, data, verdict, expect, note, _ in CASES:
            with open(os.path.join(OUT, name), "wb") as fh:
                fh.write(data)
            m.write(f"{name}\t{verdict}\t{expect}\t{note}\n")
    write_readme()
    total = sum(len(c[1]) for c in CASES)
    counts = {v: sum(1 for c in CASES if c[2] == v) for v in ("ok", "error", "either")}
    print(f"{len(CASES)} files, {total} bytes; " + ", ".join(f"{k}={v}" for k, v in counts.items()))


def md(s):
    return s.replace("|", "\\|")


def write_readme():
    lines = [
        "# Hostile image corpus",
        "",
        "Broken, hostile and odd image files for the loader and CLI tests, each with an expected verdict in",
        "`manifest.tsv`. Everything here is generated by `generate.py`; do not edit `files/`, `manifest.tsv` or",
        "this README by hand (the file list below is generated too).",
        "",
        "## Regenerating",
        "",
        "```sh",
        "apt-get update && apt-get install -y python3-pil python3-numpy   # Debian packages, as root",
        "/usr/bin/python3 tests/MlNetSegment.Tests/Corpus/generate.py",
        "```",
        "",
        "The script deletes and rewrites every file in `files/`, `manifest.tsv` and `README.md`. It uses fixed",
        "seeds and writes no timestamps, so a second run is byte-identical. Files made through Pillow (TIFF, WebP,",
        "TGA, ICO, PBM/PPM, PCX, JPEG 2000 and all JPEGs) depend on the libjpeg-turbo / libwebp / openjpeg builds,",
        "so another Debian release may produce different bytes with the same verdicts. PNG, BMP and GIF files are",
        "assembled byte by byte in the script (zlib only).",
        "",
        "The biggest file is `png_16000x16000.png` (~0.75 MB): a *real* one-colour 16000x16000 RGB PNG built by",
        "streaming rows through zlib, so that a loader which forgets the header check would really try to decode",
        "256 Mpx. No symlinks or device files are in the corpus; tests that need `/dev/zero` etc. create them.",
        "",
        "## Manifest",
        "",
        "`manifest.tsv` is tab-separated, UTF-8, one header line: `file`, `verdict`, `expect`, `note`.",
        "",
        "| verdict | meaning | `expect` |",
        "| --- | --- | --- |",
        "| `ok` | exit 0, segmentation produced | empty, or the output size `WxH` after EXIF orientation |",
        "| `error` | exit 1 with a one-line error message (no stack trace) | a lowercase keyword the message must contain |",
        "| `either` | exit 0, or exit 1 with a one-line message; never a crash, hang or stack trace | empty |",
        "",
        "Error keywords (fixed vocabulary):",
        "",
        "| keyword | when |",
        "| --- | --- |",
        "| `not a supported image` | content is not PNG, JPEG, BMP or GIF: empty, text, HTML, zeros, random bytes, TIFF, WebP, TGA, ICO, PBM, SVG, PDF, ... (the format comes from the content, never the extension) |",
        "| `too large` | the header declares more than 100,000,000 pixels or more than 30,000 px on a side (checked before decoding) |",
        "| `corrupt` | recognised format but data that cannot be decoded (truncated headers, bad CRCs, invalid header fields, zero dimensions) |",
        "| `no opaque` | decodes, but every pixel is fully transparent (alpha = 0), so there is nothing to cluster |",
        "| `too much metadata` | PNG text chunks or JPEG APPn/COM segments total more than 16 MB (found from chunk and segment headers; corpus files stay small, so the tests make these at run time) |",
        "",
        "`either` marks damaged files where a best-effort decoder may legitimately fill in missing data (ImageSharp 2.1",
        "decodes many truncated PNG/JPEG files partially) or where which error applies is a matter of decoder",
        "internals. What the test asserts for them is the absence of a crash, a hang or a multi-line trace.",
        "",
        "Policy the verdicts follow: PNG, JPEG, BMP and GIF only; limits 100 Mpx and 30,000 px per side from the",
        "header; fully transparent pixels are not clustered; animated GIF uses the first frame; EXIF orientation",
        "is applied (JPEG orientations 5-8 swap width and height).",
        "",
        "Reading the manifest: split each line on tab characters exactly (the `expect` column is often empty, so",
        "do not collapse runs of tabs); notes contain no tabs. File names are plain ASCII; one has no extension.",
        "",
        "## Run each file with a timeout",
        "",
        "ImageSharp 2.1.13 never returns on some valid, tiny Adam7-interlaced PNGs (`png_interlaced_1x1.png`,",
        "`png_interlaced_4x1.png`): the decoder spins at full CPU and ignores cancellation tokens, while `Identify`",
        "returns normally. Among interlaced sizes 1..16 x 1..16 the failing ones are 1x1-1x7, 1x9-1x15, 2x1-2x3,",
        "3x1, 3x2 and 4x1 (also 1x100; not 1x8, 1x16, 5x1 or 1x1000). The cause (decompiled 2.1.13",
        "`PngDecoderCore.DecodeInterlacedPixelData`): when the inflater returns no more bytes, the row loop breaks",
        "back into the pass loop, which asks again, forever; and a pass with no columns (width <= 4) is skipped",
        "without moving to that pass's first row, so tiny images read more rows than their data holds (and 1x8",
        "decodes with rows misplaced). Any truncated or short interlaced PNG hangs the same way",
        "(`png_interlaced_trunc_zlib.png`, `png_interlaced_short_data.png`, `png_interlaced_second_idat_run.png`).",
        "MlNetSegment therefore decodes every interlaced PNG through Skia's codec. A test that feeds this corpus to",
        "a decoder must still run each file under a timeout (a child process, or a task it can abandon) so that a",
        "hang fails that case instead of the whole run.",
        "",
        "## Files",
        "",
    ]
    counts = {v: sum(1 for c in CASES if c[2] == v) for v in ("ok", "error", "either")}
    total = sum(len(c[1]) for c in CASES)
    lines.append(f"{len(CASES)} files, {total:,} bytes in all: {counts['ok']} ok, {counts['error']} error, "
                 f"{counts['either']} either.")
    current = None
    for name, data, verdict, expect, note, grp in CASES:
        if grp != current:
            lines += ["", f"### {grp}", "", "| file | bytes | verdict | expect | note |", "| --- | ---: | --- | --- | --- |"]
            current = grp
        lines.append(f"| `{name}` | {len(data):,} | {verdict} | {md(expect)} | {md(note)} |")
    lines.append("")
    with open(README, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
