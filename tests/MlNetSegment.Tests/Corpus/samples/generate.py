#!/usr/bin/python3
"""Generate the broken / odd sample-file corpus for MlNetSegment's `train --from-samples` tests.

Writes files/ anew, plus manifest.tsv and README.md beside this script. Sample files are built from the format
description in src/MlNetSegment/Features/PixelSampleFile.cs with struct and zlib (CRC-32) only, so a re-run is
byte-identical. Standard library only:
    python3 tests/MlNetSegment.Tests/Corpus/samples/generate.py

Verdicts (manifest column `verdict`), for `mlnetsegment train --from-samples FILE -k 2 -o m.zip --sample-pixels 1000`:
    ok      exit 0 and a model is written.
    error   non-zero exit with exactly one stderr line naming the file and containing `expect`; no stack trace, no model.
"""

import os
import random
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "files")
MANIFEST = os.path.join(HERE, "manifest.tsv")
README = os.path.join(HERE, "README.md")
SPACES = ("hsv", "hsv-linear", "rgb", "lab")

CASES = []  # (file, data, verdict, expect, note)


def add(name, data, verdict, expect, note):
    assert verdict in ("ok", "error"), verdict
    assert (verdict == "ok") == (expect == ""), name
    assert "\t" not in note and "\n" not in note
    assert all(c[0] != name for c in CASES), name
    CASES.append((name, bytes(data), verdict, expect, note))


def sample(pixels=1000, seen=None, capacity=1000, seed=0, index=0, count=1, sample_seed=None, images=3, skipped=0,
           space=b"hsv", tool=b"0.1.0", version=1, magic=b"MLNSAMPL", colors=None, crc=True, extra=b""):
    """The bytes of a sample file; every field can lie. The sample seed of shard 0/1 is the seed itself."""
    seen = pixels if seen is None else seen
    sample_seed = seed if sample_seed is None else sample_seed
    if colors is None:
        rng = random.Random(pixels * 31 + seed)
        colors = bytes(rng.randrange(256) for _ in range(3 * pixels))
    body = (magic + struct.pack("<H", version) + bytes([len(tool)]) + tool + bytes([len(space)]) + space
            + struct.pack("<iiiii", seed, index, count, sample_seed, capacity)
            + struct.pack("<qqq", images, skipped, seen) + struct.pack("<i", pixels) + colors + extra)
    return body + struct.pack("<I", zlib.crc32(body) if crc else zlib.crc32(body) ^ 1)


def flip(data, offset, bit=0):
    b = bytearray(data)
    b[offset] ^= 1 << bit
    return bytes(b)


def build():
    base = sample()
    add("ok_base.sample", base, "ok", "", "1,000 pixels of 1,000 seen in 3 images, shard 0/1, seed 0, hsv: the valid base")
    add("ok_full_reservoir.sample", sample(seen=5_000_000), "ok", "", "1,000 pixels kept of 5,000,000 seen")
    add("ok_one_pixel_colour.sample", sample(colors=bytes(3000)), "ok", "", "1,000 black pixels: K is lowered to 1 with a note")
    add("empty.sample", b"", "error", "cut short", "an empty file")
    add("magic_only.sample", b"MLNSAMPL", "error", "cut short", "the magic and nothing else")
    add("png_renamed.sample", bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"), "error", "not an mlnetsegment sample file", "a PNG header renamed .sample")
    add("text.sample", b"input.png\nother.png\n", "error", "not an mlnetsegment sample file", "a list of paths")
    add("version_2.sample", sample(version=2), "error", "sample format version 2; this tool reads version 1", "a newer format version")
    add("version_0.sample", sample(version=0), "error", "sample format version 0; this tool reads version 1", "format version 0")
    for cut in (12, 30, 60, 64, len(base) // 2, len(base) - 4, len(base) - 1):
        add(f"cut_{cut}.sample", base[:cut], "error", "cut short", f"the valid base cut after {cut} of {len(base)} bytes")
    header = 8 + 2 + 1 + 5 + 1 + 3
    for name, offset in (("pixel", header + 48 + 1500), ("seed", header), ("seen", header + 36), ("crc", len(base) - 2)):
        add(f"flip_{name}.sample", flip(base, offset, 3), "error", "damaged (checksum mismatch)", f"one bit flipped in the {name} field")
    add("flip_count.sample", flip(base, header + 44, 2), "error", "cut short", "one bit flipped in the pixel count (1,004: the file is then shorter than it says)")
    add("count_huge.sample", sample(colors=b"", pixels=0, seen=0, images=0)[:-8] + struct.pack("<i", 2**31 - 1) + b"\0\0\0\0", "error", "damaged (pixel count 2147483647)", "a pixel count of 2^31-1 (more than any sample holds), checked before anything is allocated")
    add("count_negative.sample", sample(colors=b"", pixels=0, seen=0, images=0)[:-8] + struct.pack("<i", -5) + b"\0\0\0\0", "error", "damaged (pixel count -5)", "a negative pixel count")
    add("trailing_bytes.sample", base + b"\0" * 10, "error", "bytes past its end", "ten bytes after the checksum")
    add("bad_crc.sample", sample(crc=False), "error", "damaged (checksum mismatch)", "the checksum of another file")
    add("name_255.sample", base[:10] + bytes([255]) + base[11:], "error", "damaged (tool version of 255 bytes)", "a tool version said to be 255 bytes long")
    add("tool_not_utf8.sample", sample(tool=b"\xff\xfe0.1"), "error", "damaged (tool version is not UTF-8)", "a tool version that is not UTF-8 (checksum good)")
    add("unknown_space.sample", sample(space=b"cmyk"), "error", "unknown colour space 'cmyk'", "an unknown colour space (checksum good)")
    add("other_space.sample", sample(space=b"lab"), "error", "was sampled for colour space lab, but train runs in hsv", "a lab sample, trained in hsv")
    add("other_seed.sample", sample(seed=5), "error", "was sampled with seed 5, but train has seed 0", "sampled with seed 5, trained with seed 0")
    add("shard_outside.sample", sample(index=4, count=4), "error", "inconsistent: shard 4/4", "shard index 4 of 4 (checksum good)")
    add("shard_count_0.sample", sample(index=0, count=0), "error", "inconsistent: shard 0/0", "a shard count of 0")
    add("shard_missing.sample", sample(index=1, count=3, sample_seed=0), "error", "inconsistent: its sample seed does not follow", "shard 1/3 whose sample seed is the seed itself (only shard 0/1's is)")
    add("seen_short.sample", sample(seen=999), "error", "inconsistent: 1,000 pixels kept of 999 seen", "more pixels kept than seen (checksum good)")
    add("seen_negative.sample", sample(seen=-1), "error", "inconsistent", "a negative number of pixels seen")
    add("capacity_small.sample", sample(capacity=999), "error", "inconsistent", "a capacity below --sample-pixels' least, 1,000")
    add("capacity_huge.sample", sample(capacity=2**31 - 1), "error", "inconsistent", "a capacity of 2^31-1")
    add("kept_below_capacity.sample", sample(pixels=1000, seen=5000, capacity=2000), "error", "inconsistent: 1,000 pixels kept of 5,000 seen", "fewer pixels kept than min(seen, capacity)")
    add("images_zero.sample", sample(images=0), "error", "inconsistent", "pixels seen in no image")
    add("empty_part.sample", sample(pixels=0, seen=0, images=0, colors=b""), "error", "no usable pixels", "a valid part of a shard without inputs: alone, nothing to fit")


def main():
    build()
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        os.remove(os.path.join(OUT, old))
    for name, data, _, _, _ in CASES:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    with open(MANIFEST, "w", encoding="utf-8", newline="\n") as f:
        f.write("file\tverdict\texpect\tnote\n")
        for name, _, verdict, expect, note in CASES:
            f.write(f"{name}\t{verdict}\t{expect}\t{note}\n")
    with open(README, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Broken and odd sample files\n\n")
        f.write("Sample files (`.sample`, written by `mlnetsegment sample`) for `SampleCorpusTests`, each with an expected\n")
        f.write("verdict in `manifest.tsv` (`file`, `verdict`, `expect`, `note`; tab-separated). Generated by `generate.py`\n")
        f.write("with the Python standard library only; do not edit `files/`, `manifest.tsv` or this README by hand:\n\n")
        f.write("```sh\npython3 tests/MlNetSegment.Tests/Corpus/samples/generate.py\n```\n\n")
        f.write("Each file goes through `mlnetsegment train --from-samples FILE -k 2 -o m.zip --sample-pixels 1000`. `ok`: exit 0\n")
        f.write("and a model. `error`: non-zero exit with exactly one stderr line that names the file and contains `expect`, no\n")
        f.write("stack trace, no model. The fuzzer's `sample` target (`fuzz.sh 60 1 fuzz-findings sample`) mutates valid sample\n")
        f.write("files, half the time rewriting a header field with the checksum repaired.\n\n")
        f.write("| file | bytes | verdict | expect | note |\n| --- | ---: | --- | --- | --- |\n")
        for name, data, verdict, expect, note in CASES:
            f.write(f"| `{name}` | {len(data):,} | {verdict} | {expect} | {note} |\n")


if __name__ == "__main__":
    main()
