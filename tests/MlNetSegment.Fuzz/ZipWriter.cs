using System.Buffers.Binary;
using System.Text;

namespace MlNetSegment.Fuzz;

/// <summary>
/// Writes a plain zip (no data descriptors, no zip64, fixed 1980 timestamps) from <see cref="ZipItem"/>s exactly as
/// given: duplicate names, lying sizes and odd names pass through, which <c>ZipArchive</c> would not write.
/// </summary>
internal static class ZipWriter
{
    private const ushort DosDate1980 = 0x21;

    /// <summary>The zip holding <paramref name="items"/> in order.</summary>
    public static byte[] Write(IReadOnlyList<ZipItem> items)
    {
        using var output = new MemoryStream();
        var offsets = new List<long>(items.Count);
        Span<byte> header = stackalloc byte[46];
        foreach (ZipItem item in items)
        {
            offsets.Add(output.Position);
            byte[] name = Encoding.UTF8.GetBytes(item.Name);
            header.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0x0403_4B50);
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], Flags(item));
            BinaryPrimitives.WriteUInt16LittleEndian(header[8..], item.Method);
            BinaryPrimitives.WriteUInt16LittleEndian(header[12..], DosDate1980);
            BinaryPrimitives.WriteUInt32LittleEndian(header[14..], item.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(header[18..], (uint)item.Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[22..], (uint)item.Size);
            BinaryPrimitives.WriteUInt16LittleEndian(header[26..], (ushort)name.Length);
            output.Write(header[..30]);
            output.Write(name);
            output.Write(item.Data);
        }

        long directory = output.Position;
        for (var i = 0; i < items.Count; i++)
        {
            ZipItem item = items[i];
            byte[] name = Encoding.UTF8.GetBytes(item.Name);
            header.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0x0201_4B50);
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(header[8..], Flags(item));
            BinaryPrimitives.WriteUInt16LittleEndian(header[10..], item.Method);
            BinaryPrimitives.WriteUInt16LittleEndian(header[14..], DosDate1980);
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], item.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)item.Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)item.Size);
            BinaryPrimitives.WriteUInt16LittleEndian(header[28..], (ushort)name.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[42..], (uint)offsets[i]);
            output.Write(header);
            output.Write(name);
        }

        long end = output.Position;
        Span<byte> eocd = header[..22];
        eocd.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(eocd, 0x0605_4B50);
        BinaryPrimitives.WriteUInt16LittleEndian(eocd[8..], (ushort)items.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(eocd[10..], (ushort)items.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(eocd[12..], (uint)(end - directory));
        BinaryPrimitives.WriteUInt32LittleEndian(eocd[16..], (uint)directory);
        output.Write(eocd);
        return output.ToArray();
    }

    // Bit 11: the name is UTF-8 (the fuzzer's odd names are not all ASCII).
    private static ushort Flags(ZipItem item) => item.Name.Any(c => c > 0x7F) ? (ushort)0x0800 : (ushort)0;
}
