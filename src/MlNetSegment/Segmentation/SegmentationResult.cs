namespace MlNetSegment.Segmentation;

/// <summary>The outcome of segmenting one image.</summary>
/// <param name="Labels">The cluster of every pixel.</param>
/// <param name="Model">The palette fitted on the image (or the one applied to it).</param>
/// <param name="Notices">Things the user should know, such as K lowered to the number of distinct colours.</param>
internal sealed record SegmentationResult(LabelMap Labels, PaletteModel Model, IReadOnlyList<string> Notices)
{
    /// <summary>Time spent sampling and fitting (zero when a saved palette was applied).</summary>
    public TimeSpan FitTime { get; init; }

    /// <summary>Time spent labelling every pixel.</summary>
    public TimeSpan LabelTime { get; init; }
}
