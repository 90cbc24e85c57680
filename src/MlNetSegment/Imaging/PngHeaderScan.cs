using System.Buffers.Binary;

namespace MlNetSegment.Imaging;

/// <summary>
/// Reads what must be known of a PNG before libpng sees it: the IHDR dimensions, so that the limits are checked before
/// any decoder allocates for them (libpng refuses widths over 1,000,000 with a vague error). The other chunks (text
/// limits, the <c>eXIf</c> orientation) are walked by <see cref="ContainerScan"/>.
/// </summary>
internal static class PngHeaderScan
{
    /// <summary>The fields of IHDR that a reader needs before decoding.</summary>
    /// <param name="Width">Width as stored.</param>
    /// <param name="Height">Height as stored.</param>
    /// <param name="BitDepth">Bits per sample.</param>
    /// <param name="ColorType">PNG colour type (0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA).</param>
    /// <param name="Interlaced">Adam7 interlacing.</param>
    internal readonly record struct Header(long Width, long Height, byte BitDepth, byte ColorType, bool Interlaced);

    /// <summary>
    /// The IHDR of the PNG in <paramref name="stream"/> (positioned at its signature), or null when the file does not
    /// start with a complete IHDR chunk (the decoder then reports the damage). The stream position is left anywhere.
    /// </summary>
    public static Header? Read(Stream stream)
    {
        // Signature, IHDR length and type, width, height, bit depth, colour type, compression, filter, interlace.
        Span<byte> start = stackalloc byte[29];
        if (stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) != start.Length || !start.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return new Header(
            BinaryPrimitives.ReadUInt32BigEndian(start[16..]), BinaryPrimitives.ReadUInt32BigEndian(start[20..]), start[24], start[25], start[28] == 1);
    }
}
