
namespace MlNetSegment.Regions;

/// <summary>The K-means settings recommended with <see cref="RegionSegmenter"/> (chosen on BSDS500, like <see cref="RegionOptions.Defaults"/>).</summary>
internal static class RegionSegmentationDefaults
{
    /// <summary>
    /// K for region segmentation. Fewer clusters than for colour quantisation: with position features and the merges,
    /// many more clusters mostly cut large surfaces along lighting gradients. 7 rather than the 6 of the colour-only
    /// merge: the border- and size-aware merge undoes the extra cuts that are not real edges.
    /// </summary>
    public const int Clusters = 7;

    /// <summary>Pixels sampled to fit on: the sample the region settings were tuned with on BSDS500.</summary>
    public const int SamplePixels = 50_000;

    /// <summary>K-means restarts the region settings were tuned with.</summary>
    public const int Restarts = 2;

    /// <summary>K-means iteration cap the region settings were tuned with.</summary>
    public const int MaxIterations = 100;

    /// <summary>
    /// The K-means options to pass to <see cref="RegionSegmenter.Segment"/>: the settings its region options were tuned
    /// with (PRI 0.809 on BSDS500 in the README), which differ from <see cref="PaletteTrainingOptions.Defaults"/>
    /// because position features make the problem different from colour quantisation.
    /// </summary>
    public static PaletteTrainingOptions KMeans { get; } = new()
    {
        Clusters = Clusters,
        SamplePixels = SamplePixels,
        Restarts = Restarts,
        MaxIterations = MaxIterations,
    };
}
