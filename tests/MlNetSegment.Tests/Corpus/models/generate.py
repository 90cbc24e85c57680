#!/usr/bin/python3
"""Generate the broken / odd model-file corpus for MlNetSegment's model loader tests.

Writes files/ anew, plus manifest.tsv and README.md beside this script. The valid base is the repository's
models/samples-k12.zip; everything else is made from it with Python's zipfile (fixed 1980 timestamps, deflate),
zlib and struct, so a re-run is byte-identical on the same zlib. Standard library only:
    python3 tests/MlNetSegment.Tests/Corpus/models/generate.py

Verdicts (manifest column `verdict`):
    ok      `inspect` and `apply` exit 0.
    error   non-zero exit with exactly one stderr line naming the file and containing `expect`; no stack trace,
            and `apply` writes nothing.
"""

import io
import json
import os
import struct
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
OUT = os.path.join(HERE, "files")
MANIFEST = os.path.join(HERE, "manifest.tsv")
README = os.path.join(HERE, "README.md")
META = "MlNetSegment/palette.json"
KMEANS = "TransformerChain/Model/Model.key"
DATE = (1980, 1, 1, 0, 0, 0)

CASES = []  # (file, data, verdict, expect, note)


def add(name, data, verdict, expect, note):
    assert verdict in ("ok", "error"), verdict
    assert (verdict == "ok") == (expect == ""), name
    assert "\t" not in note and "\n" not in note
    assert all(c[0] != name for c in CASES), name
    CASES.append((name, bytes(data), verdict, expect, note))


def read_base():
    with zipfile.ZipFile(os.path.join(ROOT, "models", "samples-k12.zip")) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def make_zip(entries, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def replace(entries, name, data):
    return [(n, data if n == name else d) for n, d in entries]


def edit_meta(entries, edit):
    meta = json.loads(dict(entries)[META])
    edit(meta)
    return replace(entries, META, json.dumps(meta, indent=2).encode())


def central_entries(data):
    """(offset of each central directory header, its name), from the end record."""
    eocd = data.rindex(b"PK\x05\x06")
    count, _, cd = struct.unpack_from("<HII", data, eocd + 10)
    out, p = [], cd
    for _ in range(count):
        n, m, k = struct.unpack_from("<HHH", data, p + 28)
        out.append((p, data[p + 46:p + 46 + n].decode()))
        p += 46 + n + m + k
    return out


def patch(data, offset, fmt, value):
    b = bytearray(data)
    struct.pack_into(fmt, b, offset, value)
    return bytes(b)


def build():
    base = read_base()
    good = make_zip(base)

    add("ok_samples_k12.zip", good, "ok", "", "models/samples-k12.zip rewritten with fixed timestamps: the valid base")
    add("ok_bom_json.zip", make_zip(replace(base, META, b"\xef\xbb\xbf" + dict(base)[META])), "ok", "",
        "palette.json starts with a UTF-8 byte order mark (as some editors save it): accepted")
    add("ok_extra_entry.zip", make_zip(base + [("notes/README.txt", b"trained on the four sample photos\n")]), "ok", "",
        "an extra unknown entry (notes/README.txt): ignored")
    add("ok_stored_entries.zip", make_zip(base, zipfile.ZIP_STORED), "ok", "",
        "every entry stored without compression")
    add("ok_other_mlnet_version_note.zip", make_zip(replace(base, "TrainingInfo/Version.txt", b"4.0.0+0000\n")), "ok", "",
        "ML.NET's version note says another version (ML.NET never reads it back)")

    add("empty.zip", b"", "error", "not a zip", "empty file")
    add("text.zip", b"This is not a model, just some text somebody saved as .zip.\n", "error", "not a zip",
        "plain text named .zip")
    with open(os.path.join(HERE, "..", "files", "png_1x1.png"), "rb") as fh:
        add("png_renamed.zip", fh.read(), "error", "not a zip", "a 1x1 PNG renamed .zip")
    for keep in (100, 700, len(good) // 2, len(good) - 1):
        add(f"truncated_{keep}.zip", good[:keep], "error", "not a zip",
            f"the valid model cut after {keep} of {len(good)} bytes (no end-of-central-directory record)")
    cd_start = central_entries(good)[0][0]
    add("truncated_at_central_directory.zip", good[:cd_start], "error", "not a zip",
        "cut exactly where the central directory starts (every entry complete)")

    bomb = make_zip(base + [("bomb.bin", bytes(32 << 20))])
    add("zip_bomb_entry.zip", bomb, "error", "absurd size",
        "an extra entry of 32 MiB of zeros (about 32 KB deflated): refused from its declared size, never inflated")
    cd = dict((n, p) for p, n in central_entries(good))
    add("absurd_declared_size.zip", patch(good, cd[META] + 24, "<I", 0x7FFFFFF0), "error", "absurd size",
        "palette.json's central directory entry declares 2 GiB uncompressed")
    add("lying_small_size.zip", patch(good, cd[KMEANS] + 24, "<I", 100), "error", KMEANS,
        "the K-means entry declares 100 bytes (it holds 660)")
    add("wrong_crc.zip", patch(good, cd[META] + 16, "<I", 0x12345678), "error", "damaged zip entry",
        "palette.json's CRC-32 in the central directory is wrong")
    add("duplicate_palette_json.zip", make_zip(base + [(META, dict(base)[META])]), "error", "duplicate entry",
        "palette.json twice (ML.NET and the loader could read different twins)")

    add("missing_palette_json.zip", make_zip([e for e in base if e[0] != META]), "error", "missing entry",
        "the ML.NET model alone, without MlNetSegment/palette.json")
    add("missing_mlnet_entries.zip", make_zip([e for e in base if not e[0].startswith("TransformerChain/")]), "error",
        "missing entry 'TransformerChain/", "palette.json and the schema but none of ML.NET's TransformerChain entries")
    add("palette_json_not_json.zip", make_zip(replace(base, META, b"colorSpace = hsv\nclusters = 12\n")), "error",
        "damaged metadata", "palette.json holds INI-style text")
    add("palette_json_deep_nesting.zip", make_zip(replace(base, META, b"[" * 10000 + b"]" * 10000)), "error",
        "damaged metadata", "palette.json is 10,000 nested arrays")
    add("palette_json_nan_string.zip", make_zip(edit_meta(base, lambda m: m.update(sampleInertia="NaN"))), "error", "damaged metadata",
        "sampleInertia is the string \"NaN\"")
    add("palette_json_wrong_types.zip", make_zip(edit_meta(base, lambda m: m.update(clusterCount="12"))), "error",
        "damaged metadata", "clusterCount is a string")
    add("wrong_cluster_count.zip", make_zip(edit_meta(base, lambda m: m.update(clusterCount=11))), "error",
        "clusterCount 11", "clusterCount says 11, the palette lists 12")

    def drop_last(m):
        m["clusterCount"] = 11
        m["palette"] = m["palette"][:11]
    add("metadata_k11_model_k12.zip", make_zip(edit_meta(base, drop_last)), "error", "disagrees",
        "metadata consistent for K=11 (last palette entry dropped) beside the K=12 ML.NET model")

    def centroid(m):
        m["palette"][2]["centroid"][0] += 0.01
    add("centroid_tampered.zip", make_zip(edit_meta(base, centroid)), "error", "disagrees with the ML.NET model (centroid 2)",
        "palette[2].centroid[0] moved by 0.01")

    def hexcolour(m):
        m["palette"][0]["hex"] = "#000001" if m["palette"][0]["hex"] != "#000001" else "#000002"
    add("hex_tampered.zip", make_zip(edit_meta(base, hexcolour)), "error", "disagrees with the ML.NET model (palette colour 0)",
        "palette[0].hex changed")
    add("format_version_99.zip", make_zip(edit_meta(base, lambda m: m.update(formatVersion=99))), "error",
        "version 99 is newer", "formatVersion 99, from a future MlNetSegment")
    add("unknown_colour_space.zip", make_zip(edit_meta(base, lambda m: m.update(colorSpace="xyz"))), "error",
        "unknown colour space", "colorSpace \"xyz\"")

    kmeans = bytearray(dict(base)[KMEANS])
    at = kmeans.index(struct.pack("<iii", 12, 3, 3))
    struct.pack_into("<i", kmeans, at + 8, 0x40000000)
    add("kmeans_count_past_end.zip", make_zip(replace(base, KMEANS, bytes(kmeans))), "error", "the ML.NET model in it is damaged",
        "the first centroid's value count in ML.NET's K-means entry says 2^30 (ML.NET 5.0.1 would allocate 4 GB, "
        "then spin forever at the entry's end)")
    schema = bytearray(dict(base)["TransformerChain/TrainSchema"])
    schema[len(schema) // 2] ^= 0x40
    add("trainschema_bit_flip.zip", make_zip(replace(base, "TransformerChain/TrainSchema", bytes(schema))), "error",
        "not what MlNetSegment writes", "one bit flipped in the middle of ML.NET's TrainSchema entry")

    for name, expect, note in FUZZ_REGRESSIONS:
        with open(os.path.join(HERE, "fuzz-regressions", name), "rb") as fh:
            add("fuzz_" + name, fh.read(), "error", expect, note)


FUZZ_REGRESSIONS = [
    ("mlnet_trainschema_read_past_end_hang.zip", "TrainSchema",
     "fuzzer seed 1 input #1037 (model target): TrainSchema bytes duplicated and flipped; ML.NET's BinaryLoader read an "
     "int array past the entry's end and spun forever (a hang); now refused before ML.NET reads it"),
    ("zip_entry_count_mismatch.zip", "not a zip",
     "fuzzer seed 1 input #10: a central directory comment length changed; ZipArchive.Entries threw "
     "InvalidDataException outside the loader's catch (a crash); now one line"),
    ("mlnet_no_transformer_null.zip", "missing entry",
     "fuzzer seed 1 input #1179: ML.NET's transformer chain entry deleted; ML.NET returned a null transformer and the "
     "loader threw NullReferenceException (a crash); now a missing entry"),
    ("kmeans_entry_shorter_than_declared.zip", KMEANS,
     "fuzzer seed 1 input #721: the K-means entry inflates to fewer bytes than it declares; the ML.NET entry check "
     "indexed past the end (IndexOutOfRangeException, found in the first version of that check); now a CRC-32 mismatch"),
    ("kmeans_entry_stored_short.zip", KMEANS,
     "fuzzer seed 1 input #1746: an entry deleted and the K-means entry's method and sizes changed; same "
     "IndexOutOfRangeException as above; now one line"),
]


def main():
    build()
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    with open(MANIFEST, "w", encoding="utf-8", newline="\n") as m:
        m.write("file\tverdict\texpect\tnote\n")
        for name, data, verdict, expect, note in CASES:
            with open(os.path.join(OUT, name), "wb") as fh:
                fh.write(data)
            m.write(f"{name}\t{verdict}\t{expect}\t{note}\n")
    write_readme()
    ok = sum(1 for c in CASES if c[2] == "ok")
    print(f"{len(CASES)} model files: {ok} ok, {len(CASES) - ok} error")


def md(s):
    return s.replace("|", "\\|")


def write_readme():
    lines = [
        "# Broken and odd model files",
        "",
        "Model files for the model loader's CLI tests (`ModelCorpusTests`), each with an expected verdict in",
        "`manifest.tsv` (`file`, `verdict`, `expect`, `note`; tab-separated, split on every tab). Generated by",
        "`generate.py` from `models/samples-k12.zip` with the Python standard library only; do not edit `files/`,",
        "`manifest.tsv` or this README by hand:",
        "",
        "```sh",
        "python3 tests/MlNetSegment.Tests/Corpus/models/generate.py",
        "```",
        "",
        "`ok`: `mlnetsegment inspect FILE` and `mlnetsegment apply FILE data/coffee.png -o OUT` exit 0. `error`: both",
        "exit non-zero with exactly one stderr line that names the file and contains `expect`, no stack trace, and",
        "`apply` leaves nothing in OUT. `fuzz-regressions/` holds inputs the model fuzz target made fail, byte for",
        "byte (listed in `FUZZ_REGRESSIONS` in the script).",
        "",
        "| file | bytes | verdict | expect | note |",
        "| --- | ---: | --- | --- | --- |",
    ]
    for name, data, verdict, expect, note in CASES:
        cells = [md(expect), md(note)]
        lines.append(f"| `{name}` | {len(data):,} | {verdict} | {cells[0]} | {cells[1]} |")
    lines.append("")
    with open(README, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
