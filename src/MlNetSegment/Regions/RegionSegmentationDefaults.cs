namespace MlNetSegment.Regions;

/// <summary>The K-means settings recommended with <see cref="RegionSegmenter"/> (chosen on BSDS500, like <see cref="RegionOptions.Defaults"/>).</summary>
public static class RegionSegmentationDefaults
{
    /// <summary>
    /// K for region segmentation. Fewer clusters than for colour quantisation: with position features and the merges,
    /// more clusters mostly cut large surfaces along lighting gradients.
    /// </summary>
    public const int Clusters = 6;
}
