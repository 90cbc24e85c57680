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
    /// <param name="ChunkLength">IHDR's length field (13 in a valid PNG).</param>
    /// <param name="Compression">Compression method (0 is the only one).</param>
    /// <param name="Filter">Filter method (0 is the only one).</param>
    /// <param name="InterlaceMethod">Interlace method (0 none, 1 Adam7).</param>
    internal readonly record struct Header(
        long Width, long Height, byte BitDepth, byte ColorType, bool Interlaced, uint ChunkLength = 13, byte Compression = 0, byte Filter = 0, byte InterlaceMethod = 0)
    {
        /// <summary>
        /// What makes this IHDR invalid (PNG specification, 11.2.2), or null. libpng refuses every such file, and Skia
        /// passes its refusal on as "the image data ends early", while ImageSharp 2.1.13 ignores the compression
        /// method, reads a longer IHDR as if it were 13 bytes and decodes them (probe round 8, finding 7): refused here,
        /// before either decoder, in words that say what is wrong.
        /// </summary>
        public string? Problem() =>
            ChunkLength != 13 ? $"an IHDR chunk of {ChunkLength} bytes, not 13"
            : Compression != 0 ? $"compression method {Compression} in IHDR (0 is the only one)"
            : Filter != 0 ? $"filter method {Filter} in IHDR (0 is the only one)"
            : InterlaceMethod > 1 ? $"interlace method {InterlaceMethod} in IHDR (0 or 1)"
            : !AllowedDepth(ColorType, BitDepth) ? $"bit depth {BitDepth} with colour type {ColorType} in IHDR"
            : null;

        private static bool AllowedDepth(byte colorType, byte bitDepth) => colorType switch
        {
            0 => bitDepth is 1 or 2 or 4 or 8 or 16,
            3 => bitDepth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => bitDepth is 8 or 16,
            _ => false,
        };
    }

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
            BinaryPrimitives.ReadUInt32BigEndian(start[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(start[20..]),
            start[24],
            start[25],
            start[28] == 1,
            BinaryPrimitives.ReadUInt32BigEndian(start[8..]),
            start[26],
            start[27],
            start[28]);
    }
}
