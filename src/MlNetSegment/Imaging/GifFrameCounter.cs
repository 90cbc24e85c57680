namespace MlNetSegment.Imaging;

/// <summary>
/// Counts the frames of a GIF by walking its block structure (no pixel is decoded): ImageSharp 2.1's Identify reads
/// every frame descriptor but does not report how many there were, and the user should be told when only the first
/// frame of an animation is used.
/// </summary>
internal static class GifFrameCounter
{
    private const int ImageDescriptor = 0x2C;
    private const int Extension = 0x21;

    /// <summary>Frames found from the current position of <paramref name="stream"/> (the start of the GIF) on.</summary>
    /// <remarks>A damaged file ends the count where its structure stops making sense; the decoder judges the rest.</remarks>
    public static int Count(Stream stream)
    {
        // Header "GIF89a" (6 bytes) and the logical screen descriptor (7 bytes).
        if (!Skip(stream, 10))
        {
            return 0;
        }

        int packed = stream.ReadByte();
        if (packed < 0 || !Skip(stream, 2) || !SkipColorTable(stream, packed))
        {
            return 0;
        }

        var frames = 0;
        while (true)
        {
            switch (stream.ReadByte())
            {
                case ImageDescriptor:
                    frames++;

                    // Left, top, width, height (2 bytes each), then the packed byte.
                    if (!Skip(stream, 8))
                    {
                        return frames;
                    }

                    int localPacked = stream.ReadByte();

                    // The LZW minimum code size byte comes before the data sub-blocks.
                    if (localPacked < 0 || !SkipColorTable(stream, localPacked) || !Skip(stream, 1) || !SkipSubBlocks(stream))
                    {
                        return frames;
                    }

                    break;
                case Extension:
                    if (stream.ReadByte() < 0 || !SkipSubBlocks(stream))
                    {
                        return frames;
                    }

                    break;
                default:
                    // The trailer (0x3B), the end of the data, or a byte no GIF block starts with.
                    return frames;
            }
        }
    }

    private static bool SkipColorTable(Stream stream, int packed) =>
        (packed & 0x80) == 0 || Skip(stream, 3 << ((packed & 0x07) + 1));

    private static bool SkipSubBlocks(Stream stream)
    {
        while (true)
        {
            int length = stream.ReadByte();
            if (length <= 0)
            {
                return length == 0;
            }

            if (!Skip(stream, length))
            {
                return false;
            }
        }
    }

    private static bool Skip(Stream stream, int count)
    {
        if (stream.CanSeek)
        {
            if (stream.Length - stream.Position < count)
            {
                return false;
            }

            stream.Seek(count, SeekOrigin.Current);
            return true;
        }

        for (var i = 0; i < count; i++)
        {
            if (stream.ReadByte() < 0)
            {
                return false;
            }
        }

        return true;
    }
}
