using System.Buffers.Binary;

namespace MlNetSegment.Fuzz;

/// <summary>
/// Seeded mutations of image files: the classic blind ones (bit flips, random and "interesting" values, truncation,
/// splicing, duplication, deletion) plus format-aware ones that get past early checks (inflating PNG chunk and JPEG
/// segment length fields, and fixing PNG CRCs afterwards so the damage reaches the decoders behind them).
/// </summary>
internal static class Mutator
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly uint[] Interesting =
    [
        0, 1, 2, 7, 8, 15, 16, 31, 32, 63, 64, 100, 127, 128, 255, 256, 512, 1000, 1024, 4096, 30_000, 30_001,
        32_767, 32_768, 65_535, 65_536, 100_000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF,
    ];

    /// <summary>Applies one to four mutations to a copy of <paramref name="input"/>, naming them in <paramref name="applied"/>.</summary>
    public static byte[] Mutate(byte[] input, IReadOnlyList<byte[]> seeds, Random random, List<string> applied)
    {
        var data = new List<byte>(input);
        int count = 1 + random.Next(4);
        for (var i = 0; i < count; i++)
        {
            applied.Add(MutateOnce(data, seeds, random));
        }

        byte[] result = [.. data];
        if (IsPng(result) && random.Next(2) == 0)
        {
            FixPngCrcs(result);
            applied.Add("fix-crc");
        }

        return result;
    }

    /// <summary>One blind or format-aware mutation of <paramref name="data"/> in place; returns its name.</summary>
    internal static string MutateOnce(List<byte> data, IReadOnlyList<byte[]> seeds, Random random)
    {
        if (data.Count == 0)
        {
            data.AddRange(seeds[random.Next(seeds.Count)].Take(64));
            return "refill";
        }

        if (random.Next(5) == 0 && ContainerMutator.Applies(data))
        {
            return ContainerMutator.Mutate(data, random);
        }

        switch (random.Next(10))
        {
            case 0:
            {
                int bits = 1 + random.Next(8);
                for (var i = 0; i < bits; i++)
                {
                    int at = random.Next(data.Count);
                    data[at] ^= (byte)(1 << random.Next(8));
                }

                return $"flip{bits}";
            }

            case 1:
            {
                int at = random.Next(data.Count);
                int n = Math.Min(1 + random.Next(4), data.Count - at);
                for (var i = 0; i < n; i++)
                {
                    data[at + i] = (byte)random.Next(256);
                }

                return $"bytes@{at}";
            }

            case 2:
            {
                int at = random.Next(data.Count);
                WriteValue(data, at, Interesting[random.Next(Interesting.Length)], random);
                return $"interesting@{at}";
            }

            case 3:
            {
                int at = random.Next(data.Count);
                data.RemoveRange(at, data.Count - at);
                return $"truncate@{at}";
            }

            case 4:
            {
                // Splice a segment of another seed in, over or between the bytes here.
                byte[] other = seeds[random.Next(seeds.Count)];
                int from = random.Next(other.Length);
                int length = Math.Min(1 + random.Next(256), other.Length - from);
                int at = random.Next(data.Count + 1);
                if (random.Next(2) == 0)
                {
                    data.InsertRange(at, other.Skip(from).Take(length));
                    return $"splice-insert@{at}";
                }

                for (var i = 0; i < length && at + i < data.Count; i++)
                {
                    data[at + i] = other[from + i];
                }

                return $"splice-over@{at}";
            }

            case 5:
            {
                int at = random.Next(data.Count);
                int length = Math.Min(1 + random.Next(512), data.Count - at);
                data.InsertRange(at, data.GetRange(at, length));
                return $"duplicate@{at}+{length}";
            }

            case 6:
            {
                int at = random.Next(data.Count);
                int length = Math.Min(1 + random.Next(64), data.Count - at);
                data.RemoveRange(at, length);
                return $"delete@{at}+{length}";
            }

            case 7:
                return InflateLength(data, random);

            default:
            {
                // Header bytes decide most of a decoder's path: hit the first 64 more often.
                int at = random.Next(Math.Min(64, data.Count));
                data[at] = (byte)(random.Next(2) == 0 ? random.Next(256) : data[at] + random.Next(-2, 3));
                return $"header@{at}";
            }
        }
    }

    private static string InflateLength(List<byte> data, Random random)
    {
        byte[] bytes = [.. data];
        var fields = new List<(int Offset, int Size)>();
        if (IsPng(bytes))
        {
            for (int p = 8; p + 8 <= bytes.Length;)
            {
                fields.Add((p, 4));
                uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(p));
                if (length > int.MaxValue - 12 || p + 12 + (long)length > bytes.Length)
                {
                    break;
                }

                p += 12 + (int)length;
            }
        }
        else if (bytes.Length > 2 && bytes[0] == 0xFF && bytes[1] == 0xD8)
        {
            // JPEG marker segments: FF xx, then a big-endian length, up to the start of scan.
            for (var p = 2; p + 4 <= bytes.Length && bytes[p] == 0xFF;)
            {
                fields.Add((p + 2, 2));
                if (bytes[p + 1] == 0xDA)
                {
                    break;
                }

                p += 2 + BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(p + 2));
            }
        }

        if (fields.Count == 0)
        {
            int at = random.Next(data.Count);
            WriteValue(data, at, 0x7FFF_FFF0, random);
            return $"length-blind@{at}";
        }

        (int offset, int size) = fields[random.Next(fields.Count)];
        uint value = random.Next(3) switch
        {
            0 => size == 4 ? 0x7FFF_FFF0u : 0xFFFFu,
            1 => size == 4 ? 0xFFFF_FFFFu : 0xFFF0u,
            _ => (uint)random.Next(1, 1 << (size == 4 ? 20 : 16)),
        };
        for (var i = 0; i < size; i++)
        {
            data[offset + i] = (byte)(value >> (8 * (size - 1 - i)));
        }

        return $"length@{offset}={value}";
    }

    private static void WriteValue(List<byte> data, int at, uint value, Random random)
    {
        int size = random.Next(3) switch { 0 => 1, 1 => 2, _ => 4 };
        bool bigEndian = random.Next(2) == 0;
        for (var i = 0; i < size && at + i < data.Count; i++)
        {
            int shift = bigEndian ? 8 * (size - 1 - i) : 8 * i;
            data[at + i] = (byte)(value >> shift);
        }
    }

    private static bool IsPng(byte[] data) => data.AsSpan().StartsWith(PngSignature);

    private static void FixPngCrcs(byte[] data)
    {
        for (int p = 8; p + 12 <= data.Length;)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(p));
            if (length > int.MaxValue - 12 || p + 12 + (long)length > data.Length)
            {
                return;
            }

            uint crc = System.IO.Hashing.Crc32.HashToUInt32(data.AsSpan(p + 4, 4 + (int)length));
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(p + 8 + (int)length), crc);
            p += 12 + (int)length;
        }
    }
}
