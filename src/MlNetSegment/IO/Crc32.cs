namespace MlNetSegment.IO;

/// <summary>
/// CRC-32 with the zlib polynomial, as both PNG chunks and zip entries use it. The PNG writer computes it for its
/// chunks, and the model loader checks zip entries with it because <c>ZipArchive</c> does not when reading: a damaged
/// entry whose deflate data still inflates is caught that way.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="bytes"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes) => ~Update(0xFFFF_FFFF, bytes);

    /// <summary>
    /// Feeds <paramref name="bytes"/> into a running CRC register; start from 0xFFFFFFFF and complement the result.
    /// </summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
