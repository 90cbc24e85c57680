namespace MlNetSegment.Regions;

/// <summary>The K-means settings recommended with <see cref="RegionSegmenter"/> (chosen on BSDS500, like <see cref="RegionOptions.Defaults"/>).</summary>
public static class RegionSegmentationDefaults
{
    /// <summary>
    /// K for region segmentation. Fewer clusters than for colour quantisation: with position features and the merges,
    /// many more clusters mostly cut large surfaces along lighting gradients. 7 rather than the 6 of the colour-only
    /// merge: the border- and size-aware merge undoes the extra cuts that are not real edges.
    /// </summary>
    public const int Clusters = 7;
}
