using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Regions;

/// <summary>The outcome of segmenting an image into regions.</summary>
/// <param name="Labels">
/// The cluster of every pixel after the merges: every pixel of a region carries its region's cluster, so rendering
/// these labels with <paramref name="Palette"/> paints each region in one palette colour.
/// </param>
/// <param name="Regions">The connected regions and the cluster of each.</param>
/// <param name="Palette">The sRGB colour of each cluster, from the colour part of its centroid.</param>
/// <param name="Centroids">K rows of <paramref name="Dimensions"/> feature values (colour, then position if used).</param>
/// <param name="Dimensions">Features per centroid: 3, or 5 with spatial features.</param>
/// <param name="Notices">Things the user should know, such as K lowered for a tiny image.</param>
internal sealed record RegionSegmentationResult(
    LabelMap Labels,
    RegionMap Regions,
    IReadOnlyList<Rgb24> Palette,
    float[] Centroids,
    int Dimensions,
    IReadOnlyList<string> Notices);
