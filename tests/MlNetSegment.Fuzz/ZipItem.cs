using System.IO.Compression;

namespace MlNetSegment.Fuzz;

/// <summary>
/// One zip entry as <see cref="ZipWriter"/> writes it: the stored bytes, the compression method, and the CRC and
/// uncompressed size the headers declare (which a mutation may make lie).
/// </summary>
internal sealed record ZipItem(string Name, ushort Method, byte[] Data, uint Crc, long Size)
{
    /// <summary>Zip's method number for deflate.</summary>
    public const ushort Deflated = 8;

    /// <summary>Zip's method number for no compression.</summary>
    public const ushort Stored = 0;

    /// <summary>An honest entry holding <paramref name="content"/>.</summary>
    public static ZipItem Of(string name, byte[] content, bool deflate = true)
    {
        if (!deflate)
        {
            return new ZipItem(name, Stored, content, System.IO.Hashing.Crc32.HashToUInt32(content), content.Length);
        }

        using var buffer = new MemoryStream();
        using (var deflater = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflater.Write(content);
        }

        return new ZipItem(name, Deflated, buffer.ToArray(), System.IO.Hashing.Crc32.HashToUInt32(content), content.Length);
    }

    /// <summary>The entry's content, inflated (only for entries built from seeds, which are honest).</summary>
    public byte[] Content()
    {
        if (Method == Stored)
        {
            return Data;
        }

        using var inflater = new DeflateStream(new MemoryStream(Data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflater.CopyTo(output);
        return output.ToArray();
    }
}
