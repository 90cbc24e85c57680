using System.Buffers.Binary;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;

namespace MlNetSegment.Imaging;

/// <summary>
/// Reads what must be known of a PNG before libpng sees it: the IHDR dimensions, so that the limits are checked before
/// any decoder allocates for them (libpng refuses widths over 1,000,000 with a vague error), and the <c>eXIf</c>
/// chunk's orientation, which libpng inside Skia does not report. Only chunk headers are read (length and type, then
/// a seek past the data): no chunk is inflated or decoded here, and the EXIF bytes are parsed by ImageSharp's
/// <see cref="ExifProfile"/>.
/// </summary>
internal static class PngHeaderScan
{
    /// <summary>Larger eXIf chunks are ignored rather than read: orientation lives in the first few bytes.</summary>
    private const int MaxExifBytes = 1 << 20;

    private static ReadOnlySpan<byte> ExifPrefix => "Exif\0\0"u8;

    /// <summary>
    /// The IHDR width and height of the PNG in <paramref name="stream"/> (positioned at its signature), or null when
    /// the file does not start with a complete IHDR chunk (the decoder then reports the damage). The stream position
    /// is left anywhere.
    /// </summary>
    public static (long Width, long Height)? ReadSize(Stream stream)
    {
        Span<byte> start = stackalloc byte[24]; // signature, IHDR length and type, width, height
        if (stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) != start.Length || !start.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return (BinaryPrimitives.ReadUInt32BigEndian(start[16..]), BinaryPrimitives.ReadUInt32BigEndian(start[20..]));
    }

    /// <summary>
    /// The orientation (2–8) of the PNG in <paramref name="stream"/> (positioned at its signature), or 1 when it has
    /// no readable eXIf chunk or the value is out of range. The stream position is left anywhere.
    /// </summary>
    public static ushort ReadOrientation(Stream stream)
    {
        Span<byte> header = stackalloc byte[8];
        if (stream.ReadAtLeast(header, 8, throwOnEndOfStream: false) != 8)
        {
            return 1;
        }

        long length = stream.Length;
        while (stream.Position + 12 <= length)
        {
            stream.ReadExactly(header);
            uint size = BinaryPrimitives.ReadUInt32BigEndian(header);
            ReadOnlySpan<byte> type = header[4..];
            if (size > int.MaxValue || type.SequenceEqual("IEND"u8))
            {
                return 1;
            }

            if (type.SequenceEqual("eXIf"u8))
            {
                return size <= MaxExifBytes && stream.Position + size <= length ? Parse(stream, (int)size) : (ushort)1;
            }

            stream.Seek(size + 4, SeekOrigin.Current); // data and CRC
        }

        return 1;
    }

    private static ushort Parse(Stream stream, int size)
    {
        var data = new byte[size];
        stream.ReadExactly(data);
        if (data.AsSpan().StartsWith(ExifPrefix))
        {
            data = data[ExifPrefix.Length..];
        }

        try
        {
            ushort value = new ExifProfile(data).GetValue(ExifTag.Orientation)?.Value ?? 1;
            return value is >= 1 and <= 8 ? value : (ushort)1;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Damaged EXIF only loses the orientation, as in ImageSharp's own decoder.
            return 1;
        }
    }
}
