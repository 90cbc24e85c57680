using MlNetSegment.Color;

namespace MlNetSegment.Segmentation;

/// <summary>The rows a single image's K-means is fitted on when its sample missed some of its colours.</summary>
internal static class TrainingRows
{
    /// <summary>
    /// <paramref name="sample"/>'s feature rows followed by one row for each of <paramref name="colors"/> (packed
    /// 0xRRGGBB; a seeded random <paramref name="maxColors"/> of them when there are more).
    /// </summary>
    /// <remarks>
    /// Why both: when a sample holds fewer distinct colours than K (an image of one colour plus a few stray pixels),
    /// K-means needs the colours the sample missed, but the sample is what weighs each colour by its pixels. Fitting
    /// the distinct colours alone, one row each, gave a colour covering 99.998% of an image no more weight than one
    /// stray pixel: it was merged with strays, and the whole image was repainted in a colour it does not have (a
    /// flat #2878c8 with 20 stray pixels came out #1b5fa3; probe round 6). With the sample in, the dominant colour
    /// keeps its own, exact cluster and the rest go to the strays.
    /// </remarks>
    public static float[] WithEveryColor(float[] sample, int[] colors, ColorSpace space, int seed, int maxColors)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(colors);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxColors, 1);
        int[] chosen = colors;
        if (colors.Length > maxColors)
        {
            chosen = (int[])colors.Clone();
            new Random(seed).Shuffle(chosen);
            chosen = chosen[..maxColors];
            Array.Sort(chosen);
        }

        return [.. sample, .. ColorFeatures.OfPackedColors(space, chosen)];
    }
}
