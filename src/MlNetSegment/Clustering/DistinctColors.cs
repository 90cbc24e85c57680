using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Clustering;

/// <summary>
/// The distinct opaque colours of an image, as packed 0xRRGGBB values in ascending order. A photo has far fewer
/// distinct colours than pixels (about 7% at 12 MP), so predicting each distinct colour once and looking pixels up
/// is much cheaper than predicting every pixel.
/// </summary>
internal static class DistinctColors
{
    /// <summary>Number of possible 24-bit colours.</summary>
    public const int ColorCount = 1 << 24;

    /// <summary>Packs a colour as 0xRRGGBB.</summary>
    public static int Pack(Rgba32 p) => (p.R << 16) | (p.G << 8) | p.B;

    /// <summary>
    /// The distinct colours of the pixels whose alpha is not 0, ascending, and the number of such pixels.
    /// </summary>
    public static (int[] Colors, long OpaquePixels) Find(Image<Rgba32> image)
    {
        ArgumentNullException.ThrowIfNull(image);

        // One bit per possible colour: 2 MB, taken once, independent of the image size.
        var seen = new ulong[ColorCount / 64];
        long opaque = 0;
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                Span<Rgba32> row = accessor.GetRowSpan(y);
                foreach (Rgba32 p in row)
                {
                    if (p.A != 0)
                    {
                        int packed = Pack(p);
                        seen[packed >> 6] |= 1UL << (packed & 63);
                        opaque++;
                    }
                }
            }
        });

        var count = 0;
        foreach (ulong word in seen)
        {
            count += System.Numerics.BitOperations.PopCount(word);
        }

        var colors = new int[count];
        var next = 0;
        for (var w = 0; w < seen.Length; w++)
        {
            ulong word = seen[w];
            while (word != 0)
            {
                int bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                colors[next++] = (w << 6) | bit;
                word &= word - 1;
            }
        }

        return (colors, opaque);
    }
}
