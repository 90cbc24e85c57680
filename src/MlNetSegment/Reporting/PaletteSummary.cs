using MlNetSegment.Color;
using MlNetSegment.Regions;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Reporting;

/// <summary>
/// What the outputs need to know of a segmentation's palette, whether it came from a <see cref="PaletteModel"/> or
/// from the regions pipeline (whose centroids also carry position features).
/// </summary>
/// <param name="Palette">sRGB colour per cluster.</param>
/// <param name="ColorSpace">The colour features' space.</param>
/// <param name="ColorCentroids">Per cluster, the <see cref="ColorFeatures.Dimensions"/> colour features of its centroid.</param>
/// <param name="Seed">The seed.</param>
/// <param name="MaxIterations">The K-means iteration cap.</param>
/// <param name="SampleInertia">K-means objective on the sample, or null when not known.</param>
internal sealed record PaletteSummary(
    IReadOnlyList<Rgb24> Palette,
    ColorSpace ColorSpace,
    float[] ColorCentroids,
    int Seed,
    int MaxIterations,
    double? SampleInertia)
{
    /// <summary>Number of clusters.</summary>
    public int ClusterCount => Palette.Count;

    /// <summary>The summary of a palette model.</summary>
    public static PaletteSummary Of(PaletteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(model.SrgbPalette, model.ColorSpace, model.Centroids, model.Info.Seed, model.Info.MaxIterations, model.Info.SampleInertia);
    }

    /// <summary>The summary of a regions segmentation: the colour part of its centroids.</summary>
    public static PaletteSummary Of(RegionSegmentationResult result, PaletteTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        int dims = ColorFeatures.Dimensions;
        int k = result.Palette.Count;
        var colour = new float[k * dims];
        for (var c = 0; c < k; c++)
        {
            result.Centroids.AsSpan(c * result.Dimensions, dims).CopyTo(colour.AsSpan(c * dims, dims));
        }

        return new(result.Palette, options.ColorSpace, colour, options.Seed, options.MaxIterations, null);
    }
}
