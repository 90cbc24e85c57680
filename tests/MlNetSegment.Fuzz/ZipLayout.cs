using System.Buffers.Binary;

namespace MlNetSegment.Fuzz;

/// <summary>
/// Where the structure of a zip sits in its bytes, found the way readers find it (end record, then the central
/// directory, then each local header): the header fields worth lying in, the header regions, and the offsets where
/// one part ends and the next begins. Tolerant: stops at the first thing that does not parse.
/// </summary>
internal sealed class ZipLayout
{
    private const uint LocalSignature = 0x0403_4B50;
    private const uint CentralSignature = 0x0201_4B50;
    private const uint EndSignature = 0x0605_4B50;

    /// <summary>Size and offset fields: (offset, width in bytes, name).</summary>
    public List<(int Offset, int Size, string Name)> Fields { get; } = [];

    /// <summary>Header regions (signature through name): (start, length).</summary>
    public List<(int Start, int Length)> Headers { get; } = [];

    /// <summary>Offsets where a header, an entry's data or the central directory starts or ends.</summary>
    public List<int> Boundaries { get; } = [];

    /// <summary>The layout of <paramref name="zip"/>; empty when no end record is found.</summary>
    public static ZipLayout Parse(byte[] zip)
    {
        var layout = new ZipLayout();
        int end = -1;
        for (int p = zip.Length - 22; p >= Math.Max(0, zip.Length - 22 - 0xFFFF); p--)
        {
            if (U32(zip, p) == EndSignature)
            {
                end = p;
                break;
            }
        }

        if (end < 0)
        {
            return layout;
        }

        layout.Headers.Add((end, 22));
        layout.Boundaries.Add(end);
        layout.Fields.AddRange([(end + 4, 2, "end.disk"), (end + 8, 2, "end.disk-entries"), (end + 10, 2, "end.entries"),
            (end + 12, 4, "end.directory-size"), (end + 16, 4, "end.directory-offset"), (end + 20, 2, "end.comment-length")]);
        int count = U16(zip, end + 10);
        long at = U32(zip, end + 16);
        layout.Boundaries.Add((int)Math.Min(at, zip.Length));
        for (var i = 0; i < count && at + 46 <= zip.Length && U32(zip, (int)at) == CentralSignature; i++)
        {
            var p = (int)at;
            int nameLength = U16(zip, p + 28);
            layout.Headers.Add((p, Math.Min(46 + nameLength, zip.Length - p)));
            layout.Boundaries.Add(p);
            layout.Fields.AddRange([(p + 8, 2, $"cd{i}.flags"), (p + 10, 2, $"cd{i}.method"), (p + 16, 4, $"cd{i}.crc"),
                (p + 20, 4, $"cd{i}.compressed"), (p + 24, 4, $"cd{i}.size"), (p + 28, 2, $"cd{i}.name-length"),
                (p + 30, 2, $"cd{i}.extra-length"), (p + 32, 2, $"cd{i}.comment-length"), (p + 42, 4, $"cd{i}.local-offset")]);
            long local = U32(zip, p + 42);
            if (local + 30 <= zip.Length && U32(zip, (int)local) == LocalSignature)
            {
                var l = (int)local;
                int dataStart = l + 30 + U16(zip, l + 26) + U16(zip, l + 28);
                layout.Headers.Add((l, Math.Min(dataStart, zip.Length) - l));
                layout.Boundaries.AddRange([l, Math.Min(dataStart, zip.Length), (int)Math.Min(dataStart + U32(zip, p + 20), zip.Length)]);
                layout.Fields.AddRange([(l + 6, 2, $"lh{i}.flags"), (l + 8, 2, $"lh{i}.method"), (l + 14, 4, $"lh{i}.crc"),
                    (l + 18, 4, $"lh{i}.compressed"), (l + 22, 4, $"lh{i}.size"), (l + 26, 2, $"lh{i}.name-length"),
                    (l + 28, 2, $"lh{i}.extra-length")]);
            }

            at = p + 46L + nameLength + U16(zip, p + 30) + U16(zip, p + 32);
        }

        return layout;
    }

    private static uint U32(byte[] b, int p) => p >= 0 && p + 4 <= b.Length ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(p)) : 0;

    private static int U16(byte[] b, int p) => p >= 0 && p + 2 <= b.Length ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(p)) : 0;
}
