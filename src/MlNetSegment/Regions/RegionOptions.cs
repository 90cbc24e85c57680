namespace MlNetSegment.Regions;

/// <summary>
/// How clusters become regions: the pre-filter, the spatial features appended to the colour features, and the two
/// merges that follow connected-component labelling (small regions into their longest-border neighbour, then
/// adjacent regions of similar mean colour and weak shared border, small ones first).
/// </summary>
internal sealed record RegionOptions
{
    /// <summary>
    /// Default values, chosen on 50 BSDS500 test images (see the README's "Segmentation quality" section) and checked
    /// on each half of them.
    /// </summary>
    public static class Defaults
    {
        /// <summary>Weight of the scaled (x, y) position features; 0 clusters on colour only.</summary>
        public const float SpatialWeight = 0.35f;

        /// <summary>
        /// Side of the square median pre-filter window; 0 or 1 turns the filter off. 3 rather than 5: equal on all 50
        /// BSDS images, and it meets the quality bar on each half of them where 5 misses Covering on one.
        /// </summary>
        public const int MedianSize = 3;

        /// <summary>Regions smaller than this fraction of the image's pixels are merged into a neighbour.</summary>
        public const double MinRegionFraction = 0.01;

        /// <summary>Adjacent regions whose merge weight is below this are merged; 0 turns it off.</summary>
        public const float ColorMergeThreshold = 0.10f;

        /// <summary>
        /// Weight of the mean colour step across a shared border in the colour merge. 4: with it (and the size-aware
        /// weight) PRI, VoI and Covering all improve on BSDS500 and on each half of it, where colour alone levels off
        /// near PRI 0.80 because regions of similar mean colour but a clear edge between them get merged.
        /// </summary>
        public const float BorderWeight = 4f;

        /// <summary>
        /// Scale the colour-merge weight by region size (Ward-like). On: slivers and small regions go first and two
        /// large regions need a far closer colour to merge, which is what keeps PRI from collapsing when a single
        /// wrong merge joins, say, sky and sea.
        /// </summary>
        public const bool SizeAwareMerge = true;

        /// <summary>The colour merge stops once this many regions are left; 0 for no floor.</summary>
        public const int MinRegions = 0;

        /// <summary>The colour merge goes on, whatever the weight, while more than this many regions are left; 0 for no cap.</summary>
        public const int MaxRegions = 0;

        /// <summary>
        /// Most connected pieces the clusters may split into before any merge. The merge graph costs up to about 1 KB
        /// per piece, so this keeps a 100-megapixel image under 2 GB in all. Photos give far fewer: 10 to 40 thousand
        /// at 9 to 20 megapixels. Noise gives one piece per few pixels (41 million at 81 megapixels).
        /// </summary>
        public const int MaxInitialRegions = 400_000;
    }

    /// <summary>Largest accepted median window side.</summary>
    public const int MaxMedianSize = 7;

    /// <summary>
    /// Weight W of the position features x / max(width, height) · W and y / max(width, height) · W appended to the
    /// colour features (SLIC-style): larger values make clusters spatially compact. 0 to 10.
    /// </summary>
    public float SpatialWeight { get; init; } = Defaults.SpatialWeight;

    /// <summary>Side of the per-channel median pre-filter (edges replicated): 0 (off), 3, 5 or 7.</summary>
    public int MedianSize { get; init; } = Defaults.MedianSize;

    /// <summary>
    /// Minimum region size as a fraction of the image's pixels, from 0 (keep every region) to 0.5. Ignored when
    /// <see cref="MinRegionPixels"/> is set.
    /// </summary>
    public double MinRegionFraction { get; init; } = Defaults.MinRegionFraction;

    /// <summary>Minimum region size in pixels; when set it overrides <see cref="MinRegionFraction"/>. 0 keeps every region.</summary>
    public int? MinRegionPixels { get; init; }

    /// <summary>How a small region picks the neighbour it merges into.</summary>
    public SmallRegionMergeRule SmallRegionRule { get; init; } = SmallRegionMergeRule.LongestBorder;

    /// <summary>
    /// Threshold on the colour-merge weight of adjacent regions (see <see cref="AdjacentMergeCriteria.Weight"/>); 0 (off)
    /// to 2. With <see cref="BorderWeight"/> 0 and <see cref="SizeAwareMerge"/> off it is the distance between mean
    /// colour features, the behaviour before the border and size terms.
    /// </summary>
    public float ColorMergeThreshold { get; init; } = Defaults.ColorMergeThreshold;

    /// <summary>
    /// Weight λ of the border term in the colour merge: a pair's weight is the distance between the regions' mean
    /// colour features plus λ times the mean colour step across their shared border. 0 (colour only) to 10.
    /// </summary>
    public float BorderWeight { get; init; } = Defaults.BorderWeight;

    /// <summary>Scale the colour-merge weight by region size, √(nᵢnⱼ / (nᵢ + nⱼ) / N) (Ward-like); off: unscaled.</summary>
    public bool SizeAwareMerge { get; init; } = Defaults.SizeAwareMerge;

    /// <summary>The colour merge stops once this many regions are left; 0 for no floor.</summary>
    public int MinRegions { get; init; } = Defaults.MinRegions;

    /// <summary>The colour merge goes on, whatever the weight, while more than this many regions are left; 0 for no cap.</summary>
    public int MaxRegions { get; init; } = Defaults.MaxRegions;

    /// <summary>
    /// Most connected pieces (of equal cluster, before any merge) an image may split into; more and it is refused
    /// with <see cref="ImageProblem.TooFragmented"/> before the merge graph is built. At least 1.
    /// </summary>
    public int MaxInitialRegions { get; init; } = Defaults.MaxInitialRegions;

    /// <summary>The criteria of the colour merge.</summary>
    internal AdjacentMergeCriteria MergeCriteria => new(ColorMergeThreshold, BorderWeight, SizeAwareMerge, MinRegions, MaxRegions);

    /// <summary>The minimum region size in pixels for an image of <paramref name="pixelCount"/> pixels.</summary>
    public long MinRegionPixelsFor(long pixelCount) =>
        MinRegionPixels ?? (long)Math.Ceiling(MinRegionFraction * pixelCount);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        // Each range is checked here and only here; the CLI names the flag in front of these messages.
        if (!float.IsFinite(SpatialWeight) || SpatialWeight < 0 || SpatialWeight > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(SpatialWeight), SpatialWeight, "must be from 0 to 10");
        }

        if (MedianSize is not (0 or 3 or 5 or 7))
        {
            throw new ArgumentOutOfRangeException(nameof(MedianSize), MedianSize, "must be 0, 3, 5 or 7");
        }

        if (!double.IsFinite(MinRegionFraction) || MinRegionFraction < 0 || MinRegionFraction > 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(MinRegionFraction), MinRegionFraction, "must be from 0 to 0.5");
        }

        if (MinRegionPixels is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinRegionPixels), MinRegionPixels, "must be at least 1 pixel");
        }

        if (!Enum.IsDefined(SmallRegionRule))
        {
            throw new ArgumentOutOfRangeException(nameof(SmallRegionRule), SmallRegionRule, "must be a defined small-region rule");
        }

        if (!float.IsFinite(ColorMergeThreshold) || ColorMergeThreshold < 0 || ColorMergeThreshold > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(ColorMergeThreshold), ColorMergeThreshold, "must be from 0 to 2");
        }

        if (!float.IsFinite(BorderWeight) || BorderWeight < 0 || BorderWeight > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(BorderWeight), BorderWeight, "must be from 0 to 10");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MinRegions, nameof(MinRegions));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRegions, nameof(MaxRegions));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInitialRegions, 1, nameof(MaxInitialRegions));
    }
}
