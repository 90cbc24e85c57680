using System.Buffers.Binary;

namespace MlNetSegment.Imaging;

/// <summary>
/// Reads what must be known of a PNG before libpng sees it: the IHDR dimensions, so that the limits are checked before
/// any decoder allocates for them (libpng refuses widths over 1,000,000 with a vague error). The other chunks (text
/// limits, the <c>eXIf</c> orientation) are walked by <see cref="ContainerScan"/>.
/// </summary>
internal static class PngHeaderScan
{
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
}
