using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MlNetSegment.Fuzz;

/// <summary>
/// Structure-aware mutations of a PNG's chunks and a JPEG's APPn segments (issue #12): text chunks (tEXt, zTXt,
/// iTXt) of many sizes, compressed or not, with damaged compression, ICC profiles, eXIf, unknown ancillary and
/// critical chunks, duplicated, dropped and swapped chunks; JPEG APP0–APP15 and COM segments in counts up to a few
/// hundred, with lying lengths and EXIF, ICC (sequence numbers and counts) and XMP content. Inserted PNG chunks get a
/// correct CRC, so they reach the chunk parsers instead of a CRC check.
/// </summary>
internal static class ContainerMutator
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>True when <paramref name="data"/> is a PNG or JPEG this mutator understands.</summary>
    public static bool Applies(List<byte> data) => IsPng(data) || IsJpeg(data);

    /// <summary>One container mutation of <paramref name="data"/> in place; returns its name.</summary>
    public static string Mutate(List<byte> data, Random random) => IsPng(data) ? MutatePng(data, random) : MutateJpeg(data, random);

    private static bool IsPng(List<byte> data) => data.Count >= 8 && data.Take(8).SequenceEqual(PngSignature);

    private static bool IsJpeg(List<byte> data) => data.Count >= 4 && data[0] == 0xFF && data[1] == 0xD8;

    private static string MutatePng(List<byte> data, Random random)
    {
        List<(int Offset, int Length)> chunks = PngChunks(data);
        if (chunks.Count == 0)
        {
            return "png-chunk-none";
        }

        // After IHDR, or anywhere before the end.
        int insertAt = random.Next(3) == 0 && chunks.Count > 1
            ? chunks[random.Next(1, chunks.Count)].Offset
            : chunks[0].Offset + chunks[0].Length;
        switch (random.Next(9))
        {
            case 0:
                data.InsertRange(insertAt, Chunk("tEXt", [.. Keyword(random), .. RandomBytes(random, Size(random))]));
                return $"png-tEXt@{insertAt}";
            case 1:
            {
                int inflated = Size(random) * (1 + random.Next(256));
                byte[] body = Compressed(random, inflated);
                int method = random.Next(8) == 0 ? random.Next(256) : 0;
                data.InsertRange(insertAt, Chunk("zTXt", [.. Keyword(random), (byte)method, .. body]));
                return $"png-zTXt@{insertAt}:{inflated}";
            }

            case 2:
            {
                int inflated = Size(random) * (1 + random.Next(256));
                bool compressed = random.Next(3) != 0;
                byte[] text = compressed ? Compressed(random, inflated) : RandomBytes(random, Size(random));
                byte[] header = [.. Keyword(random), (byte)(compressed ? 1 : random.Next(3)), 0, .. "en\0"u8, .. "Titel\0"u8];
                data.InsertRange(insertAt, Chunk("iTXt", [.. header, .. text]));
                return $"png-iTXt@{insertAt}:{(compressed ? inflated : text.Length)}";
            }

            case 3:
            {
                int inflated = Size(random) * (1 + random.Next(64));
                data.InsertRange(insertAt, Chunk("iCCP", [.. "ICC profile\0"u8, 0, .. Compressed(random, inflated)]));
                return $"png-iCCP@{insertAt}:{inflated}";
            }

            case 4:
            {
                string type = random.Next(4) switch { 0 => "ABCD", 1 => "prVt", 2 => "eXIf", _ => "vpAg" };
                byte[] body = type == "eXIf" ? Exif(random) : RandomBytes(random, Size(random));
                data.InsertRange(insertAt, Chunk(type, body));
                return $"png-{type}@{insertAt}:{body.Length}";
            }

            case 5:
            {
                (int offset, int length) = chunks[random.Next(chunks.Count)];
                byte[] copy = [.. data.GetRange(offset, length)];
                // Many copies of small chunks, few of big ones, inserted at once: repeated inserts into a list of
                // hundreds of MB took minutes of the time budget (seed 2, label target).
                int times = 1 + random.Next(random.Next(2) == 0 || length > 65_536 ? 3 : 200);
                data.InsertRange(insertAt, Enumerable.Repeat(copy, times).SelectMany(c => c));

                return $"png-dup@{offset}x{times}";
            }

            case 6 when chunks.Count > 1:
            {
                (int offset, int length) = chunks[random.Next(1, chunks.Count)];
                data.RemoveRange(offset, length);
                return $"png-drop@{offset}";
            }

            case 7 when chunks.Count > 2:
            {
                int i = random.Next(chunks.Count - 1);
                (int a, int la) = chunks[i];
                (_, int lb) = chunks[i + 1];
                byte[] first = [.. data.GetRange(a, la)];
                data.RemoveRange(a, la);
                data.InsertRange(a + lb, first);
                return $"png-swap@{a}";
            }

            default:
            {
                // Many small text chunks: their count, not their size, is the load.
                int count = 1 + random.Next(2000);
                byte[] one = Chunk(random.Next(2) == 0 ? "tEXt" : "zTXt", random.Next(2) == 0 ? [.. "k\0"u8, .. "v"u8] : [.. "k\0"u8, 0, .. Compressed(random, 4096)]);
                data.InsertRange(insertAt, Enumerable.Repeat(one, count).SelectMany(c => c));
                return $"png-many-text@{insertAt}x{count}";
            }
        }
    }

    private static string MutateJpeg(List<byte> data, Random random)
    {
        int count = random.Next(4) switch { 0 => 1, 1 => 1 + random.Next(8), 2 => 1 + random.Next(64), _ => 1 + random.Next(400) };
        var inserted = new List<byte>();
        string kind = string.Empty;
        for (var i = 0; i < count; i++)
        {
            (int marker, byte[] payload, kind) = random.Next(6) switch
            {
                0 => (0xE1, (byte[])[.. "Exif\0\0"u8, .. Exif(random)], "exif"),
                1 => (0xE2, (byte[])[.. "ICC_PROFILE\0"u8, (byte)random.Next(256), (byte)random.Next(256), .. RandomBytes(random, Size(random))], "icc"),
                2 => (0xE1, (byte[])[.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.UTF8.GetBytes(Xmp(random))], "xmp"),
                3 => (0xFE, RandomBytes(random, Size(random)), "com"),
                4 => (0xEE, (byte[])[.. "Adobe"u8, .. RandomBytes(random, 7)], "adobe"),
                _ => (0xE0 + random.Next(16), RandomBytes(random, Size(random)), "appn"),
            };
            int length = Math.Min(payload.Length, 65533);
            int declared = random.Next(16) == 0 ? random.Next(65536) : length + 2; // sometimes a lie
            inserted.AddRange([0xFF, (byte)marker, (byte)(declared >> 8), (byte)declared]);
            inserted.AddRange(payload.Take(length));
        }

        int at = random.Next(4) == 0 ? RandomSegmentStart(data, random) : 2;
        data.InsertRange(at, inserted);
        return $"jpeg-app{kind}@{at}x{count}:{inserted.Count}";
    }

    private static int RandomSegmentStart(List<byte> data, Random random)
    {
        var starts = new List<int> { 2 };
        for (var p = 2; p + 4 <= data.Count && data[p] == 0xFF && data[p + 1] != 0xDA;)
        {
            p += 2 + ((data[p + 2] << 8) | data[p + 3]);
            starts.Add(Math.Min(p, data.Count));
        }

        return starts[random.Next(starts.Count)];
    }

    private static List<(int Offset, int Length)> PngChunks(List<byte> data)
    {
        var chunks = new List<(int, int)>();
        for (var p = 8; p + 12 <= data.Count;)
        {
            long length = ((long)data[p] << 24) | ((long)data[p + 1] << 16) | ((long)data[p + 2] << 8) | data[p + 3];
            if (p + 12 + length > data.Count)
            {
                break;
            }

            chunks.Add((p, 12 + (int)length));
            p += 12 + (int)length;
        }

        return chunks;
    }

    // Mostly small, sometimes up to a full JPEG segment or a megabyte.
    private static int Size(Random random) => random.Next(4) switch
    {
        0 => random.Next(16),
        1 => random.Next(1024),
        2 => random.Next(65_534),
        _ => random.Next(1 << 20),
    };

    private static byte[] Keyword(Random random) => random.Next(8) switch
    {
        0 => [],                                                     // no keyword, no separator
        1 => Encoding.ASCII.GetBytes(new string('k', 1 + random.Next(120)) + "\0"),
        2 => [.. "Raw profile type exif\0"u8],
        _ => [.. "Comment\0"u8],
    };

    private static byte[] Compressed(Random random, int inflated)
    {
        // Compressing takes time of the fuzzer's budget: 32 MB of text is as much a bomb for a 32 KB file as more.
        inflated = Math.Min(inflated, 32 << 20);
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            var block = new byte[65536];
            if (random.Next(4) == 0)
            {
                // Incompressible: the file grows as much as the text, so keep it a few MB.
                random.NextBytes(block);
                inflated = Math.Min(inflated, 1 << 22);
            }

            for (var left = inflated; left > 0; left -= block.Length)
            {
                z.Write(block, 0, Math.Min(left, block.Length));
            }
        }

        byte[] bytes = output.ToArray();
        if (random.Next(6) == 0 && bytes.Length > 4)
        {
            // Damaged or cut deflate data.
            return random.Next(2) == 0 ? bytes[..(bytes.Length / 2)] : [.. bytes.Select((b, i) => i % 97 == 5 ? (byte)~b : b)];
        }

        return bytes;
    }

    private static byte[] Exif(Random random)
    {
        // A little-endian TIFF header with one IFD: Orientation, and sometimes a lying entry count or offset.
        var exif = new byte[26 + random.Next(64)];
        "II*\0"u8.CopyTo(exif);
        BinaryPrimitives.WriteUInt32LittleEndian(exif.AsSpan(4), random.Next(8) == 0 ? (uint)random.Next() : 8u);
        BinaryPrimitives.WriteUInt16LittleEndian(exif.AsSpan(8), (ushort)(random.Next(8) == 0 ? random.Next(65536) : 1));
        BinaryPrimitives.WriteUInt16LittleEndian(exif.AsSpan(10), 0x0112);
        BinaryPrimitives.WriteUInt16LittleEndian(exif.AsSpan(12), (ushort)(random.Next(8) == 0 ? random.Next(20) : 3));
        BinaryPrimitives.WriteUInt32LittleEndian(exif.AsSpan(14), random.Next(8) == 0 ? (uint)random.Next() : 1u);
        BinaryPrimitives.WriteUInt16LittleEndian(exif.AsSpan(18), (ushort)random.Next(10));
        return exif;
    }

    private static string Xmp(Random random) =>
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">" + string.Concat(Enumerable.Repeat("<rdf:RDF>", random.Next(2) == 0 ? 1 : random.Next(5000)))
        + new string('x', random.Next(30_000)) + "</x:xmpmeta>";

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        if (random.Next(2) == 0)
        {
            random.NextBytes(bytes);
        }

        return bytes;
    }

    private static byte[] Chunk(string type, byte[] body)
    {
        var chunk = new byte[12 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, body.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        body.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + body.Length), System.IO.Hashing.Crc32.HashToUInt32(chunk.AsSpan(4, 4 + body.Length)));
        return chunk;
    }
}
